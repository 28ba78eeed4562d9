// SqliteStore's answers for old links (issue 7, "Old links keep working"):
// the rows a WordPress import keyed by their WordPress ids (/?cat=,
// /?page_id=, /?author=), and the redirects table. Each legacy_id lookup
// is one probe of that table's partial unique index (migration 0005).
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jarida::store::sqlite {

namespace {

Redirect read_redirect(const Query& q) {
  return Redirect{q.text(0), q.text(1), static_cast<int>(q.int64(2))};
}

}  // namespace

std::optional<core::Category> SqliteStore::category_by_legacy_id(std::int64_t legacy_id) {
  static const std::string sql =
      "SELECT " + std::string(kCategoryColumns) + " FROM categories c WHERE c.legacy_id = ?1";
  auto c = readers_.borrow();
  auto q = c->query(sql, "category_by_legacy_id");
  q.bind(1, legacy_id);
  if (!q.step()) return std::nullopt;
  return read_category(q, 0);
}

std::optional<core::Page> SqliteStore::page_by_legacy_id(std::int64_t legacy_id) {
  auto c = readers_.borrow();
  auto q = c->query(
      "SELECT id, slug, title, body_html, updated_at FROM pages "
      "WHERE legacy_id = ?1 AND status = 'published'",
      "page_by_legacy_id");
  q.bind(1, legacy_id);
  if (!q.step()) return std::nullopt;
  return core::Page{q.int64(0), q.text(1), q.text(2), q.text(3), q.time(4)};
}

std::optional<core::Author> SqliteStore::author_by_legacy_id(std::int64_t legacy_id) {
  // A visible article (as article_queries.cpp's kVisible) makes an author
  // public: their name is on it. The EXISTS probes articles_by_author.
  static const std::string sql =
      "SELECT " + std::string(kAuthorColumns) +
      " FROM users u WHERE u.legacy_id = ?2 AND EXISTS (SELECT 1 FROM articles a "
      "WHERE a.author_id = u.id AND a.status = 'published' AND a.published_at <= ?1)";
  auto c = readers_.borrow();
  auto q = c->query(sql, "author_by_legacy_id");
  q.bind(1, now_utc()).bind(2, legacy_id);
  if (!q.step()) return std::nullopt;
  return read_author(q, 0);
}

std::optional<Redirect> SqliteStore::redirect_for(std::string_view from_path) {
  auto c = readers_.borrow();
  auto q = c->query("SELECT from_path, to_path, status FROM redirects WHERE from_path = ?1",
                    "redirect_for");
  q.bind(1, from_path);
  if (!q.step()) return std::nullopt;
  return read_redirect(q);
}

std::vector<Redirect> SqliteStore::redirects() {
  auto c = readers_.borrow();
  auto q =
      c->query("SELECT from_path, to_path, status FROM redirects ORDER BY from_path", "redirects");
  std::vector<Redirect> out;
  while (q.step()) out.push_back(read_redirect(q));
  return out;
}

bool SqliteStore::put_redirect(const Redirect& r) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "put_redirect");
  bool existed = false;
  {
    auto q = writer_.query("SELECT 1 FROM redirects WHERE from_path = ?1", "put_redirect: find");
    q.bind(1, r.from_path);
    existed = q.step();
  }
  {
    // An unchanged row is not rewritten, so content_version (and every
    // server's page cache) stays put.
    auto q = writer_.query(
        "INSERT INTO redirects (from_path, to_path, status) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path, "
        "status = excluded.status "
        "WHERE to_path IS NOT excluded.to_path OR status IS NOT excluded.status",
        "put_redirect");
    q.bind(1, r.from_path).bind(2, r.to_path).bind(3, std::int64_t{r.status});
    q.run();
  }
  tx.commit();
  return !existed;
}

bool SqliteStore::remove_redirect(std::string_view from_path) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "remove_redirect");
  {
    auto q = writer_.query("DELETE FROM redirects WHERE from_path = ?1", "remove_redirect");
    q.bind(1, from_path);
    q.run();
  }
  if (writer_.changes() == 0) return false;  // rolled back: nothing to commit
  tx.commit();
  return true;
}

}  // namespace jarida::store::sqlite
