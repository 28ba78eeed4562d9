// Settings saved from the newsroom: the settings table (0001), key -> text.
// Its content_version triggers (0002) make every server notice a change.
#include "store/sqlite/sqlite_store.hpp"

namespace jarida::store::sqlite {

std::optional<std::string> SqliteStore::setting(std::string_view key) {
  auto c = readers_.borrow();
  auto q = c->query("SELECT value FROM settings WHERE key = ?1", "setting");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

void SqliteStore::put_setting(std::string_view key, std::string_view value) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "put_setting");
  auto q = writer_.query(
      "INSERT INTO settings (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
      "put_setting");
  q.bind(1, key).bind(2, value);
  q.run();
  tx.commit();
}

}  // namespace jarida::store::sqlite
