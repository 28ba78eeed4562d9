// The media library (issue 6): uploaded images with their WebP variants
// (media.variants, migration 0007), newest first, searched by title, alt
// text and caption. Imported media (the WordPress import batch) are listed
// too. Readers' pages get the same rows through kMediaColumns (rows.hpp).
// Pinned by tests/store/store_media_test.cpp.
#include <algorithm>
#include <mutex>
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jarida::store::sqlite {

namespace {

// kMediaColumns, then what only the newsroom needs.
constexpr std::string_view kLibraryColumns =
    "m.id, m.url, m.mime, m.width, m.height, m.alt, m.caption, m.variants, m.title, "
    "m.created_at, m.uploaded_by";

core::Media read_library_media(const Query& q) {
  core::Media m = *read_media(q, 0);  // m.id is never NULL here
  m.title = q.text(kMediaColumnCount);
  m.created_at = q.time(kMediaColumnCount + 1);
  m.uploaded_by = q.optional_int64(kMediaColumnCount + 2).value_or(0);
  return m;
}

// `text` as a LIKE pattern that matches it anywhere, with its own %, _
// and backslash taken literally (ESCAPE '\').
std::string contains_pattern(std::string_view text) {
  std::string p = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  p += '%';
  return p;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

core::Id SqliteStore::add_media(const NewMedia& m) {
  const std::string variants = encode_variants(m.variants);
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "add_media");
  auto q = writer_.query(
      "INSERT INTO media (url, mime, width, height, title, alt, caption, created_at, variants, "
      "uploaded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      "add_media");
  q.bind(1, m.url).bind(2, m.mime).bind(3, m.width).bind(4, m.height).bind(5, m.title);
  q.bind(6, m.alt).bind(7, m.caption);
  // Unset (the epoch) means now.
  q.bind(8, m.created_at == core::TimePoint{} ? now_utc() : m.created_at);
  q.bind(9, std::string_view(variants));
  q.bind(10, m.uploaded_by > 0 ? std::optional<std::int64_t>(m.uploaded_by) : std::nullopt);
  q.run();
  const core::Id id = writer_.last_insert_id();
  tx.commit();
  return id;
}

std::optional<core::Media> SqliteStore::media_by_id(core::Id id) {
  static const std::string sql =
      "SELECT " + std::string(kLibraryColumns) + " FROM media m WHERE m.id = ?1";
  auto c = readers_.borrow();
  auto q = c->query(sql, "media_by_id");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_library_media(q);
}

core::Paged<core::Media> SqliteStore::media_library(std::string_view search, std::int64_t offset,
                                                    std::int64_t limit) {
  // Newest first through media_newest (0007). A search reads every row's
  // three short texts: the library of one site is thousands of rows, and
  // only the newsroom asks.
  static const std::string where =
      " WHERE ?1 IS NULL OR m.title LIKE ?1 ESCAPE '\\' OR m.alt LIKE ?1 ESCAPE '\\' "
      "OR m.caption LIKE ?1 ESCAPE '\\'";
  static const std::string items_sql = "SELECT " + std::string(kLibraryColumns) + " FROM media m" +
                                       where +
                                       " ORDER BY m.created_at DESC, m.id DESC LIMIT ?2 OFFSET ?3";
  static const std::string total_sql = "SELECT count(*) FROM media m" + where;
  search = trimmed(search);
  const std::string pattern = contains_pattern(search);
  auto bind_search = [&](Query& q) {
    if (search.empty())
      q.bind(1, std::optional<std::int64_t>());  // NULL: everything
    else
      q.bind(1, std::string_view(pattern));
  };
  core::Paged<core::Media> page;
  auto c = readers_.borrow();
  // One snapshot, so the total matches the items.
  Transaction snapshot(*c, Transaction::Kind::read, "media_library");
  if (limit > 0) {
    auto q = c->query(items_sql, "media_library");
    bind_search(q);
    q.bind(2, limit).bind(3, std::max<std::int64_t>(offset, 0));
    while (q.step()) page.items.push_back(read_library_media(q));
  }
  auto q = c->query(total_sql, "media_library: total");
  bind_search(q);
  q.step();
  page.total = q.int64(0);
  return page;
}

bool SqliteStore::update_media_text(core::Id id, std::string_view alt, std::string_view caption) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "update_media_text");
  {
    auto q = writer_.query("SELECT 1 FROM media WHERE id = ?1", "update_media_text: find");
    q.bind(1, id);
    if (!q.step()) return false;
  }
  // An unchanged row is not rewritten, so content_version (and every
  // server's page cache) stays put.
  auto q = writer_.query(
      "UPDATE media SET alt = ?2, caption = ?3 WHERE id = ?1 AND (alt IS NOT ?2 OR caption IS NOT "
      "?3)",
      "update_media_text");
  q.bind(1, id).bind(2, alt).bind(3, caption);
  q.run();
  tx.commit();
  return true;
}

}  // namespace jarida::store::sqlite
