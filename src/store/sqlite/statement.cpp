#include "store/sqlite/statement.hpp"

namespace jarida::store::sqlite {

void throw_error(std::string_view op, std::string_view message) {
  std::string what = "sqlite: ";
  what.append(op).append(": ").append(message);
  throw Error(what);
}

void throw_error(sqlite3* db, std::string_view op) {
  throw_error(op, db ? sqlite3_errmsg(db) : "out of memory");
}

Query::Query(sqlite3_stmt* stmt, bool& in_use, std::string_view op)
    : stmt_(stmt), in_use_(in_use), op_(op) {
  if (in_use_) throw_error(op_, "statement already in use (nested query with the same SQL)");
  in_use_ = true;
}

Query::~Query() {
  // reset() repeats the last step's error code; it was already reported.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  in_use_ = false;
}

Query& Query::bind(int i, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) throw_error(sqlite3_db_handle(stmt_), op_);
  return *this;
}

Query& Query::bind(int i, double v) {
  if (sqlite3_bind_double(stmt_, i, v) != SQLITE_OK) throw_error(sqlite3_db_handle(stmt_), op_);
  return *this;
}

Query& Query::bind(int i, std::string_view v) {
  // A null data pointer would bind SQL NULL; an empty string must stay ''.
  const char* data = v.data() ? v.data() : "";
  if (sqlite3_bind_text64(stmt_, i, data, v.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
    throw_error(sqlite3_db_handle(stmt_), op_);
  return *this;
}

Query& Query::bind(int i, std::optional<std::int64_t> v) {
  if (v) return bind(i, *v);
  if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) throw_error(sqlite3_db_handle(stmt_), op_);
  return *this;
}

Query& Query::bind(int i, core::TimePoint t) {
  return bind(i, static_cast<std::int64_t>(t.time_since_epoch().count()));
}

Query& Query::bind(int i, std::chrono::sys_days d) {
  return bind(i, static_cast<std::int64_t>(d.time_since_epoch().count()));
}

Query& Query::bind_blob(int i, std::span<const unsigned char> v) {
  // As with text: a null pointer would bind NULL, and an empty blob must not.
  static const unsigned char empty = 0;
  const unsigned char* data = v.data() ? v.data() : &empty;
  if (sqlite3_bind_blob64(stmt_, i, data, v.size(), SQLITE_TRANSIENT) != SQLITE_OK)
    throw_error(sqlite3_db_handle(stmt_), op_);
  return *this;
}

bool Query::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_error(sqlite3_db_handle(stmt_), op_);
}

void Query::run() {
  while (step()) {
  }
}

std::optional<std::int64_t> Query::optional_int64(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return int64(col);
}

std::string Query::text(int col) const {
  // Pointer first, then size: the documented order for a stable result.
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  const int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

std::vector<unsigned char> Query::blob(int col) const {
  const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, col));
  const int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>();
}

}  // namespace jarida::store::sqlite
