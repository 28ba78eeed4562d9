// One use of a prepared SQLite statement: bind parameters, step through
// rows, read columns. A Query borrows a statement from its connection's
// cache and resets it when it goes out of scope, so a statement never keeps
// a read snapshot open (which would hold back WAL checkpoints) and is ready
// for the next caller. Every failure throws store::Error naming the
// operation and carrying SQLite's message.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "store/store.hpp"

namespace jarida::store::sqlite {

// Throws store::Error: "sqlite: <op>: <SQLite message>".
[[noreturn]] void throw_error(sqlite3* db, std::string_view op);
[[noreturn]] void throw_error(std::string_view op, std::string_view message);

class Query {
 public:
  // `in_use` is the cache's flag for this statement: set while borrowed, so
  // a nested use of the same SQL is caught instead of resetting the outer one.
  Query(sqlite3_stmt* stmt, bool& in_use, std::string_view op);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // Parameters are 1-based (?1, ?2 ...). Text is copied by SQLite, so
  // temporaries are safe to bind.
  Query& bind(int i, std::int64_t v);
  Query& bind(int i, double v);
  Query& bind(int i, std::string_view v);
  Query& bind(int i, std::optional<std::int64_t> v);          // nullopt binds NULL
  Query& bind(int i, core::TimePoint t);                      // unix seconds
  Query& bind(int i, std::chrono::sys_days d);                // days since epoch
  Query& bind_blob(int i, std::span<const unsigned char> v);  // copied, like text

  // Advances to the next row: true if there is one, false when done.
  bool step();
  // Runs a statement to completion, ignoring any rows.
  void run();

  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::optional<std::int64_t> optional_int64(int col) const;
  std::string text(int col) const;
  std::vector<unsigned char> blob(int col) const;
  core::TimePoint time(int col) const { return core::TimePoint{std::chrono::seconds{int64(col)}}; }

  std::string_view op() const { return op_; }

 private:
  sqlite3_stmt* stmt_;
  bool& in_use_;
  std::string_view op_;
};

}  // namespace jarida::store::sqlite
