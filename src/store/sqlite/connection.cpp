#include "store/sqlite/connection.hpp"

#include <chrono>
#include <thread>

#include "store/sqlite/search_functions.hpp"
#include "store/sqlite/search_index.hpp"

namespace jarida::store::sqlite {

namespace {

// Waits this long for another connection's write lock before giving up
// with SQLITE_BUSY (a `jarida demo` running next to the server).
constexpr int kBusyTimeoutMs = 5000;

// Statement text for the settings below; all constants.
constexpr const char* kWriterPragmas =
    "PRAGMA foreign_keys = ON;"
    "PRAGMA synchronous = FULL;"             // durability: a commit survives power loss
    "PRAGMA journal_size_limit = 67108864;"  // shrink the WAL back to 64 MiB after a bulk load
    "PRAGMA cache_size = -65536;"            // 64 MiB: bulk loads spill less
    "PRAGMA temp_store = MEMORY;";
constexpr const char* kReaderPragmas =
    "PRAGMA foreign_keys = ON;"
    "PRAGMA query_only = ON;"
    "PRAGMA cache_size = -16384;"  // 16 MiB per reader
    // Reads of a mapped file are memory reads, not a pread() per page:
    // search walks doclists and looks rows up by id. Virtual address space
    // only; the pages are the OS page cache, shared by all readers.
    "PRAGMA mmap_size = 4294967296;"
    "PRAGMA temp_store = MEMORY;";

}  // namespace

void Connection::switch_to_wal(const std::filesystem::path& file) {
  // WAL is persistent in the file; readers and the watcher inherit it. Our
  // concurrency (readers never blocked by the writer) depends on it.
  // Switching needs an exclusive lock and SQLite reports SQLITE_BUSY at once
  // (no busy handler) when another process opens the new file at the same
  // moment, so retry for as long as busy_timeout would have waited.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (;;) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, "PRAGMA journal_mode = WAL", -1, &stmt, nullptr) != SQLITE_OK)
      throw_error(db_, "open: journal_mode");
    const int rc = sqlite3_step(stmt);
    const auto* mode = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    const bool wal = rc == SQLITE_ROW && mode && std::string_view(mode) == "wal";
    sqlite3_finalize(stmt);
    if (wal) return;
    const bool busy = (rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED;
    if (!busy || std::chrono::steady_clock::now() > deadline)
      throw_error("open " + file.string(),
                  rc == SQLITE_ROW ? "cannot switch to WAL mode" : sqlite3_errmsg(db_));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Connection::Connection(const std::filesystem::path& file, Role role) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (role == Role::writer) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(file.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw_error("open " + file.string(), message);
  }
  try {
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    if (role == Role::writer) switch_to_wal(file);
    exec(role == Role::writer ? kWriterPragmas : kReaderPragmas, "open: pragmas");
    if (role != Role::watcher) register_search_functions(db_);
  } catch (...) {
    for (auto& [sql, c] : cache_) sqlite3_finalize(c.stmt);
    sqlite3_close_v2(db_);
    throw;
  }
}

Connection::~Connection() {
  for (auto& [sql, c] : cache_) sqlite3_finalize(c.stmt);
  sqlite3_close_v2(db_);
}

void Connection::exec(const char* sql, std::string_view op) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw_error(op, text);
  }
}

Query Connection::query(std::string_view sql, std::string_view op) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    // PERSISTENT: the statement lives as long as the connection.
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, &tail) != SQLITE_OK)
      throw_error(db_, op);
    if (stmt == nullptr) throw_error(op, "empty SQL");
    if (tail != sql.data() + sql.size()) {
      sqlite3_finalize(stmt);
      throw_error(op, "more than one statement in a prepared query");
    }
    it = cache_.emplace(std::string(sql), Cached{stmt, false}).first;
  }
  return Query(it->second.stmt, it->second.in_use, op);
}

Transaction::Transaction(Connection& c, Kind kind, std::string_view op)
    : c_(c), op_(op), kind_(kind) {
  c_.query(kind == Kind::write ? "BEGIN IMMEDIATE" : "BEGIN", op_).run();
}

Transaction::~Transaction() {
  if (open_) rollback_quietly(c_);
}

void Transaction::commit() {
  // Articles changed in this transaction are re-indexed in it (one cheap
  // lookup when none did).
  if (kind_ == Kind::write) flush_search_index(c_);
  c_.query("COMMIT", op_).run();
  open_ = false;
}

Savepoint::Savepoint(Connection& c, std::string_view op) : c_(c), op_(op) {
  c_.query("SAVEPOINT batch_step", op_).run();
}

Savepoint::~Savepoint() {
  if (!open_) return;
  // Undo this step only; the enclosing transaction stays open. If SQLite
  // already rolled the whole transaction back (I/O error), there's nothing
  // left to undo and these fail harmlessly.
  sqlite3_exec(c_.handle(), "ROLLBACK TO batch_step; RELEASE batch_step", nullptr, nullptr,
               nullptr);
}

void Savepoint::release() {
  c_.query("RELEASE batch_step", op_).run();
  open_ = false;
}

void rollback_quietly(Connection& c) noexcept {
  if (c.in_transaction()) sqlite3_exec(c.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace jarida::store::sqlite
