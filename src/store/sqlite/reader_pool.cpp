#include "store/sqlite/reader_pool.hpp"

namespace jarida::store::sqlite {

ReaderPool::ReaderPool(std::filesystem::path file, std::size_t max_open)
    : file_(std::move(file)), max_open_(max_open == 0 ? 1 : max_open) {
  idle_.reserve(max_open_);  // give_back() never allocates, so it can't throw
}

ReaderPool::Lease ReaderPool::borrow() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < max_open_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(c));
  }
  ++open_;
  lock.unlock();  // opening touches the file system: don't hold others up
  try {
    return Lease(*this, std::make_unique<Connection>(file_, Connection::Role::reader));
  } catch (...) {
    lock.lock();
    --open_;
    available_.notify_one();
    throw;
  }
}

void ReaderPool::give_back(std::unique_ptr<Connection> c) noexcept {
  if (!c) return;
  // A call that threw mid-transaction must not hand an open snapshot on.
  rollback_quietly(*c);
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(c));
  }
  available_.notify_one();
}

}  // namespace jarida::store::sqlite
