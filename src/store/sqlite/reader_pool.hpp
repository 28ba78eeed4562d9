// Read connections shared by the threads that serve requests. A WAL reader
// is never blocked by the writer, so reads scale with threads; each call
// borrows a connection for its duration and gives it back. The pool opens
// connections on demand, up to a limit, then makes callers wait.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace jarida::store::sqlite {

class ReaderPool {
 public:
  ReaderPool(std::filesystem::path file, std::size_t max_open);
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  // A borrowed connection; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    ~Lease() { pool_.give_back(std::move(c_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *c_; }
    Connection* operator->() const { return c_.get(); }

   private:
    ReaderPool& pool_;
    std::unique_ptr<Connection> c_;
  };

  Lease borrow();

 private:
  void give_back(std::unique_ptr<Connection> c) noexcept;

  const std::filesystem::path file_;
  const std::size_t max_open_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  std::size_t open_ = 0;                           // guarded by mutex_
};

}  // namespace jarida::store::sqlite
