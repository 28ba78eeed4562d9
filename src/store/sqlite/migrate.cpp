#include "store/sqlite/migrate.hpp"

#include <chrono>

namespace jarida::store::sqlite {

namespace {

bool has_migrations_table(Connection& c) {
  auto q =
      c.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
              "schema_version");
  return q.step();
}

bool is_recorded(Connection& c, int number) {
  if (!has_migrations_table(c)) return false;
  auto q = c.query("SELECT 1 FROM schema_migrations WHERE number = ?1", "migrate");
  q.bind(1, std::int64_t{number});
  return q.step();
}

class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Connection& c) : c_(c) {
    c_.exec("PRAGMA foreign_keys = OFF", "migrate");
  }
  ~ForeignKeysOff() {
    try {
      c_.exec("PRAGMA foreign_keys = ON", "migrate");
    } catch (...) {  // outside a transaction this cannot fail; never throw from here
    }
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  Connection& c_;
};

}  // namespace

void apply_migrations(Connection& writer, std::span<const Migration> list) {
  for (const Migration& m : list) {
    // Cheap check without the write lock: the common case is "all done".
    if (is_recorded(writer, m.number)) continue;
    // A migration may rebuild a table (create, copy, drop, rename): with
    // foreign keys on, the drop would cascade to every row that refers to
    // it. The pragma is a no-op inside a transaction, so it is set around
    // it, and the keys are checked before the commit instead.
    ForeignKeysOff fk_off(writer);
    Transaction tx(writer, Transaction::Kind::write, "migrate");
    if (is_recorded(writer, m.number)) continue;  // another process won the race
    try {
      writer.exec(m.sql, "migrate");
      if (writer.query("PRAGMA foreign_key_check", "migrate").step())
        throw Error("a foreign key no longer matches");
    } catch (const Error& e) {
      throw Error(std::string(e.what()) + " (in migration " + m.name + ")");
    }
    auto q = writer.query(
        "INSERT INTO schema_migrations (number, name, applied_at) VALUES (?1, ?2, ?3)", "migrate");
    q.bind(1, std::int64_t{m.number})
        .bind(2, std::string_view(m.name))
        .bind(3, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    q.run();
    tx.commit();
  }
}

int recorded_schema_version(Connection& c) {
  if (!has_migrations_table(c)) return 0;
  auto q = c.query("SELECT coalesce(max(number), 0) FROM schema_migrations", "schema_version");
  q.step();
  return static_cast<int>(q.int64(0));
}

}  // namespace jarida::store::sqlite
