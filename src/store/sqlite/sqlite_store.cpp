#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/import_batch.hpp"
#include "store/sqlite/migrate.hpp"
#include "store/sqlite/rows.hpp"

namespace jarida::store::sqlite {

namespace {

// Enough readers for the server's thread pool plus a few background jobs;
// more would only add memory (each has its own page cache).
constexpr std::size_t kMaxReaders = 8;

// The contract names DIR/jarida.db while the parameter is a file: accept both.
std::filesystem::path database_file(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_directory(p, ec) ? p / "jarida.db" : p;
}

std::optional<core::Author> author_where(ReaderPool& readers, std::string_view sql,
                                         std::string_view key, std::string_view op) {
  auto c = readers.borrow();
  auto q = c->query(sql, op);
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return read_author(q, 0);
}

std::int64_t count_of(ReaderPool& readers, std::string_view sql, std::string_view op) {
  auto c = readers.borrow();
  auto q = c->query(sql, op);
  q.step();
  return q.int64(0);
}

}  // namespace

SqliteStore::SqliteStore(const std::filesystem::path& db_file)
    : writer_(database_file(db_file), Connection::Role::writer),
      watcher_(database_file(db_file), Connection::Role::watcher),
      readers_(database_file(db_file), kMaxReaders) {}

void SqliteStore::migrate() {
  std::lock_guard lock(writer_lock_);
  apply_migrations(writer_, migrations());
}

int SqliteStore::schema_version() {
  auto c = readers_.borrow();
  return recorded_schema_version(*c);
}

std::unique_ptr<WriteBatch> SqliteStore::begin_write() {
  return std::make_unique<SqliteWriteBatch>(std::unique_lock(writer_lock_), writer_);
}

std::unique_ptr<ImportBatch> SqliteStore::begin_import() {
  return std::make_unique<SqliteImportBatch>(std::unique_lock(writer_lock_), writer_);
}

std::optional<core::Author> SqliteStore::user_by_login(std::string_view login) {
  return author_where(readers_,
                      "SELECT u.id, u.login, u.slug, u.display_name, u.bio, u.role "
                      "FROM users u WHERE u.login = ?1",
                      login, "user_by_login");
}

std::optional<core::Author> SqliteStore::author_by_slug(std::string_view slug) {
  return author_where(readers_,
                      "SELECT u.id, u.login, u.slug, u.display_name, u.bio, u.role "
                      "FROM users u WHERE u.slug = ?1",
                      slug, "author_by_slug");
}

std::int64_t SqliteStore::count_users() {
  return count_of(readers_, "SELECT count(*) FROM users", "count_users");
}

std::int64_t SqliteStore::count_articles() {
  return count_of(readers_, "SELECT count(*) FROM articles", "count_articles");
}

std::vector<core::Category> SqliteStore::categories() {
  auto c = readers_.borrow();
  auto q = c->query(
      "SELECT c.id, c.slug, c.name, c.description, c.parent_id FROM categories c ORDER BY c.id",
      "categories");
  std::vector<core::Category> out;
  while (q.step()) out.push_back(read_category(q, 0));
  return out;
}

std::optional<core::Category> SqliteStore::category_by_slug(std::string_view slug) {
  auto c = readers_.borrow();
  auto q = c->query(
      "SELECT c.id, c.slug, c.name, c.description, c.parent_id FROM categories c "
      "WHERE c.slug = ?1",
      "category_by_slug");
  q.bind(1, slug);
  if (!q.step()) return std::nullopt;
  return read_category(q, 0);
}

std::optional<core::Tag> SqliteStore::tag_by_slug(std::string_view slug) {
  auto c = readers_.borrow();
  auto q = c->query("SELECT t.id, t.slug, t.name FROM tags t WHERE t.slug = ?1", "tag_by_slug");
  q.bind(1, slug);
  if (!q.step()) return std::nullopt;
  return read_tag(q, 0);
}

std::optional<core::Page> SqliteStore::page_by_slug(std::string_view slug) {
  auto c = readers_.borrow();
  // Pages imported as draft, pending, private or trash stay unseen.
  auto q = c->query(
      "SELECT id, slug, title, body_html, updated_at FROM pages "
      "WHERE slug = ?1 AND status = 'published'",
      "page_by_slug");
  q.bind(1, slug);
  if (!q.step()) return std::nullopt;
  return core::Page{q.int64(0), q.text(1), q.text(2), q.text(3), q.time(4)};
}

void SqliteStore::add_visits(std::span<const VisitIncrement> increments,
                             std::chrono::sys_days day) {
  if (increments.empty()) return;
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "add_visits");
  for (const VisitIncrement& inc : increments) {
    // Checked here, mid-transaction, so earlier increments are undone too.
    if (inc.count < 0) throw_error("add_visits", "negative visit count");
    if (inc.count == 0) continue;
    {
      auto q =
          writer_.query("UPDATE articles SET visits = visits + ?2 WHERE id = ?1", "add_visits");
      q.bind(1, inc.article_id).bind(2, inc.count);
      q.run();
    }
    // An article deleted since its visit has nowhere to count them; dropping
    // them beats failing every later flush (the counter would retry forever).
    if (writer_.changes() == 0) continue;
    add_daily_count(writer_, inc.article_id, day, inc.count, "add_visits");
  }
  tx.commit();
}

std::int64_t SqliteStore::article_visits(core::Id article_id) {
  auto c = readers_.borrow();
  auto q = c->query("SELECT visits FROM articles WHERE id = ?1", "article_visits");
  q.bind(1, article_id);
  return q.step() ? q.int64(0) : 0;
}

std::uint64_t SqliteStore::content_version() {
  // Kept by the triggers of migration 0002: content commits bump it, visit
  // flushes don't. The watcher connection is read-only and in autocommit, so
  // each query sees the latest committed value from any process.
  std::lock_guard lock(watcher_mutex_);
  auto q = watcher_.query("SELECT version FROM content_version WHERE id = 1", "content_version");
  q.step();
  return static_cast<std::uint64_t>(q.int64(0));
}

}  // namespace jarida::store::sqlite

namespace jarida::store {

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& db_file) {
  return std::make_unique<sqlite::SqliteStore>(db_file);
}

}  // namespace jarida::store
