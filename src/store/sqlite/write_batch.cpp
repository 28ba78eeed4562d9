#include "store/sqlite/write_batch.hpp"

#include "store/sqlite/rows.hpp"

namespace jarida::store::sqlite {

namespace {

core::Id returned_id(Query& q) {
  if (!q.step()) throw_error(q.op(), "no id returned");
  return q.int64(0);
}

// Tags the article, copying its status and time into each row (see
// article_tags in 0001_initial.sql).
void add_tags(Connection& c, core::Id article, const std::vector<core::Id>& tags) {
  for (core::Id tag : tags) {
    auto q = c.query(
        "INSERT INTO article_tags (article_id, tag_id, status, published_at) "
        "SELECT id, ?2, status, published_at FROM articles WHERE id = ?1 "
        "ON CONFLICT DO NOTHING",
        "article tags");
    q.bind(1, article).bind(2, tag);
    q.run();
  }
}

}  // namespace

SqliteWriteBatch::SqliteWriteBatch(std::unique_lock<WriterLock> lock, Connection& writer)
    : lock_(std::move(lock)), c_(writer), tx_(writer, Transaction::Kind::write, "write batch") {}

SqliteWriteBatch::~SqliteWriteBatch() = default;  // tx_ rolls back, then lock_ unlocks

Connection& SqliteWriteBatch::writer(std::string_view op) {
  if (committed_) throw_error(op, "batch already committed");
  // Some errors (disk full, I/O) make SQLite roll the whole transaction
  // back; carrying on would write outside any transaction.
  if (!c_.in_transaction()) throw_error(op, "batch was rolled back by an earlier error");
  return c_;
}

core::Id SqliteWriteBatch::upsert_category(const NewCategory& cat) {
  auto q = writer("upsert_category")
               .query(
                   "INSERT INTO categories (slug, name, description, parent_id) "
                   "VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id",
                   "upsert_category");
  q.bind(1, cat.slug).bind(2, cat.name).bind(3, cat.description).bind(4, cat.parent);
  return returned_id(q);
}

core::Id SqliteWriteBatch::upsert_tag(const NewTag& t) {
  auto q = writer("upsert_tag")
               .query(
                   "INSERT INTO tags (slug, name) VALUES (?1, ?2) "
                   "ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id",
                   "upsert_tag");
  q.bind(1, t.slug).bind(2, t.name);
  return returned_id(q);
}

core::Id SqliteWriteBatch::upsert_user(const NewUser& u) {
  Connection& c = writer("upsert_user");
  {
    auto q = c.query(
        "INSERT INTO users (login, slug, display_name, bio, role, password_hash) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (login) DO NOTHING RETURNING id",
        "upsert_user");
    q.bind(1, u.login)
        .bind(2, u.slug)
        .bind(3, u.display_name)
        .bind(4, u.bio)
        .bind(5, core::to_string(u.role))
        .bind(6, u.password_hash);
    if (q.step()) return q.int64(0);
  }
  // The login exists: DO NOTHING returned no row.
  auto q = c.query("SELECT id FROM users WHERE login = ?1", "upsert_user");
  q.bind(1, u.login);
  return returned_id(q);
}

bool SqliteWriteBatch::set_user_password(std::string_view login, std::string_view password_hash) {
  auto q = writer("set_user_password")
               .query("UPDATE users SET password_hash = ?2 WHERE login = ?1", "set_user_password");
  q.bind(1, login).bind(2, password_hash);
  q.run();
  return c_.changes() > 0;
}

core::Id SqliteWriteBatch::add_article(const NewArticle& a) {
  Connection& c = writer("add_article");
  Savepoint sp(c, "add_article");  // the article and its tags, or neither
  {
    auto q = c.query(
        "INSERT INTO articles (slug, title, kicker, excerpt, status, published_at, author_id, "
        "category_id, visits, body_html, legacy_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        "add_article");
    q.bind(1, a.slug)
        .bind(2, a.title)
        .bind(3, a.kicker)
        .bind(4, a.excerpt)
        .bind(5, core::to_string(a.status))
        .bind(6, a.published_at)
        .bind(7, a.author_id)
        .bind(8, a.category_id)
        .bind(9, a.visits)
        .bind(10, a.body_html)
        .bind(11, a.legacy_id);
    q.run();
  }
  const core::Id id = c.last_insert_id();
  add_tags(c, id, a.tag_ids);
  sp.release();
  return id;
}

bool SqliteWriteBatch::update_article(core::Id id, const NewArticle& a) {
  Connection& c = writer("update_article");
  Savepoint sp(c, "update_article");  // the article and its tags, or neither
  {
    auto q = c.query(
        "UPDATE articles SET slug = ?2, title = ?3, kicker = ?4, excerpt = ?5, status = ?6, "
        "published_at = ?7, author_id = ?8, category_id = ?9, body_html = ?10, "
        "legacy_id = ?11, updated_at = unixepoch() WHERE id = ?1",
        "update_article");
    q.bind(1, id)
        .bind(2, a.slug)
        .bind(3, a.title)
        .bind(4, a.kicker)
        .bind(5, a.excerpt)
        .bind(6, core::to_string(a.status))
        .bind(7, a.published_at)
        .bind(8, a.author_id)
        .bind(9, a.category_id)
        .bind(10, a.body_html)
        .bind(11, a.legacy_id);
    q.run();
  }
  if (c.changes() == 0) return false;  // the savepoint has nothing to undo
  {
    auto q = c.query("DELETE FROM article_tags WHERE article_id = ?1", "update_article: tags");
    q.bind(1, id);
    q.run();
  }
  add_tags(c, id, a.tag_ids);
  sp.release();
  return true;
}

bool SqliteWriteBatch::set_article_status(core::Id id, core::ArticleStatus status) {
  auto q = writer("set_article_status")
               .query("UPDATE articles SET status = ?2, updated_at = unixepoch() WHERE id = ?1",
                      "set_article_status");
  q.bind(1, id).bind(2, core::to_string(status));
  q.run();
  return c_.changes() > 0;
}

bool SqliteWriteBatch::delete_article(core::Id id) {
  auto q = writer("delete_article").query("DELETE FROM articles WHERE id = ?1", "delete_article");
  q.bind(1, id);
  q.run();
  return c_.changes() > 0;
}

core::Id SqliteWriteBatch::add_comment(const NewComment& cm) {
  // One statement (its comment_count trigger included) is atomic by itself.
  Connection& c = writer("add_comment");
  auto q = c.query(
      "INSERT INTO comments (article_id, parent_id, author_name, author_email, body, status, "
      "created_at, ip_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      "add_comment");
  q.bind(1, cm.article_id)
      .bind(2, cm.parent)
      .bind(3, cm.author_name)
      .bind(4, cm.author_email)
      .bind(5, cm.body)
      .bind(6, core::to_string(cm.status))
      .bind(7, cm.created_at)
      .bind(8, cm.ip_hash);
  q.run();
  return c.last_insert_id();
}

core::Id SqliteWriteBatch::upsert_page(const NewPage& p) {
  auto q = writer("upsert_page")
               .query(
                   "INSERT INTO pages (slug, title, body_html, updated_at) "
                   "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (slug) DO UPDATE SET "
                   "title = excluded.title, body_html = excluded.body_html, "
                   "updated_at = excluded.updated_at RETURNING id",
                   "upsert_page");
  q.bind(1, p.slug).bind(2, p.title).bind(3, p.body_html).bind(4, now_utc());
  return returned_id(q);
}

void SqliteWriteBatch::add_daily_visits(core::Id article_id, std::chrono::sys_days day,
                                        std::int64_t count) {
  add_daily_count(writer("add_daily_visits"), article_id, day, count, "add_daily_visits");
}

void SqliteWriteBatch::commit() {
  writer("commit");
  tx_.commit();
  committed_ = true;
  lock_.unlock();  // the writer is free even if the caller keeps the object
}

void add_daily_count(Connection& c, core::Id article_id, std::chrono::sys_days day,
                     std::int64_t count, std::string_view op) {
  if (count < 0) throw_error(op, "negative visit count");
  if (count == 0) return;
  auto q = c.query(
      "INSERT INTO article_visits_daily (article_id, day, count) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (article_id, day) DO UPDATE SET count = count + excluded.count",
      op);
  q.bind(1, article_id).bind(2, day).bind(3, count);
  q.run();
}

}  // namespace jarida::store::sqlite
