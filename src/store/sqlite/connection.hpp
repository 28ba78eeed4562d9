// One SQLite connection with its settings and its cache of prepared
// statements. A connection is used by one thread at a time (the store's
// reader pool and writer lock see to that), so it is opened without
// SQLite's own mutex.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sqlite/statement.hpp"

namespace jarida::store::sqlite {

class Connection {
 public:
  enum class Role {
    writer,   // WAL, synchronous=FULL (comments must survive a power cut)
    reader,   // query_only: a bug can't write through a read connection
    watcher,  // only reads the content version
  };

  // Opens (creating if needed, for the writer) the database file, with the
  // search functions registered (writer and readers).
  Connection(const std::filesystem::path& file, Role role);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL text with no parameters and no rows wanted (pragmas,
  // migrations); may hold several statements.
  void exec(const char* sql, std::string_view op);

  // A use of the prepared statement for `sql`, prepared on first use and
  // kept for the connection's lifetime. `sql` and `op` are program
  // constants, never user text (user values go in through bind()).
  Query query(std::string_view sql, std::string_view op);

  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() const { return db_; }

  // Set once migration 0004 is seen (search_index.cpp), so the check costs
  // nothing afterwards.
  bool search_tables_known() const { return search_tables_known_; }
  void set_search_tables_known() { search_tables_known_ = true; }

 private:
  void switch_to_wal(const std::filesystem::path& file);

  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  sqlite3* db_ = nullptr;
  bool search_tables_known_ = false;
  std::unordered_map<std::string, Cached, Hash, std::equal_to<>> cache_;
};

// BEGIN ... COMMIT on one connection; rolls back if not committed. A read
// transaction gives several SELECTs one snapshot (a page and its total
// agree); a write transaction is BEGIN IMMEDIATE, so it takes the write
// lock up front (waiting out busy_timeout) instead of failing at its first
// write when another process writes too.
class Transaction {
 public:
  enum class Kind { read, write };
  Transaction(Connection& c, Kind kind, std::string_view op);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Connection& c_;
  std::string_view op_;
  Kind kind_;
  bool open_ = true;
};

// A savepoint inside a transaction: makes a multi-statement write (an
// article and its tags) all-or-nothing without ending the transaction.
class Savepoint {
 public:
  Savepoint(Connection& c, std::string_view op);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  void release();

 private:
  Connection& c_;
  std::string_view op_;
  bool open_ = true;
};

// Rolls back whatever transaction is open; never throws (for destructors).
void rollback_quietly(Connection& c) noexcept;

}  // namespace jarida::store::sqlite
