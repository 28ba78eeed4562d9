#include "store/sqlite/import_batch.hpp"

#include "store/sqlite/shared_writes.hpp"

namespace jarida::store::sqlite {

namespace {

std::optional<core::Id> first_id(Query& q) {
  if (q.step()) return q.int64(0);
  return std::nullopt;
}

std::optional<core::Id> id_by_legacy(Connection& c, std::string_view sql, std::int64_t legacy) {
  auto q = c.query(sql, "import: by legacy id");
  q.bind(1, legacy);
  return first_id(q);
}

// A WordPress id, or NULL for rows the export refers to but does not list
// (a term or author missing from a partial export).
std::optional<std::int64_t> legacy(std::int64_t id) {
  if (id > 0) return id;
  return std::nullopt;
}

constexpr std::string_view kPageSlugTaken = "SELECT id FROM pages WHERE slug = ?1";
constexpr std::string_view kUserSlugTaken = "SELECT id FROM users WHERE slug = ?1";
constexpr std::string_view kCategorySlugTaken = "SELECT id FROM categories WHERE slug = ?1";

}  // namespace

// What finish() links once every item has been read.
struct PendingLinks {
  std::vector<std::pair<core::Id, std::int64_t>> category_parents;
  std::vector<std::pair<core::Id, std::int64_t>> comment_parents;
  std::vector<std::pair<core::Id, std::int64_t>> featured_media;
};

SqliteImportBatch::SqliteImportBatch(std::unique_lock<WriterLock> lock, Connection& writer)
    : lock_(std::move(lock)),
      c_(writer),
      tx_(writer, Transaction::Kind::write, "import"),
      pending_(std::make_unique<PendingLinks>()) {}

SqliteImportBatch::~SqliteImportBatch() = default;

Connection& SqliteImportBatch::writer(std::string_view op) {
  if (committed_) throw_error(op, "import already committed");
  if (!c_.in_transaction()) throw_error(op, "import was rolled back by an earlier error");
  return c_;
}

Upserted SqliteImportBatch::upsert_user(const ImportedUser& u) {
  Connection& c = writer("import user");
  auto existing = id_by_legacy(c, "SELECT id FROM users WHERE legacy_id = ?1", u.legacy_id);
  if (!existing) {
    auto q = c.query("SELECT id FROM users WHERE login = ?1", "import user");
    q.bind(1, std::string_view(u.login));
    existing = first_id(q);
  }
  if (existing) {
    // A Jarida user (or an earlier import) keeps its role, password and
    // slug, unless the slug is the login: /?author=ID must not reveal it.
    auto q = c.query(
        "UPDATE users SET legacy_id = ?2, display_name = ?3, "
        "email = CASE WHEN ?4 = '' THEN email ELSE ?4 END, "
        "slug = CASE WHEN lower(slug) = lower(login) THEN ?5 ELSE slug END WHERE id = ?1 AND "
        "(legacy_id IS NOT ?2 OR display_name IS NOT ?3 OR (?4 <> '' AND email IS NOT ?4) OR "
        "lower(slug) = lower(login))",
        "import user");
    q.bind(1, *existing).bind(2, legacy(u.legacy_id)).bind(3, u.display_name).bind(4, u.email);
    q.bind(5, free_slug(c, kUserSlugTaken, u.slug, existing));
    q.run();
    return {*existing, false};
  }
  auto q = c.query(
      "INSERT INTO users (login, slug, display_name, role, password_hash, email, legacy_id) "
      "VALUES (?1, ?2, ?3, 'author', '', ?4, ?5)",
      "import user");
  q.bind(1, u.login)
      .bind(2, free_slug(c, kUserSlugTaken, u.slug, std::nullopt))
      .bind(3, u.display_name)
      .bind(4, u.email)
      .bind(5, legacy(u.legacy_id));
  q.run();
  return {c.last_insert_id(), true};
}

Upserted SqliteImportBatch::upsert_category(const ImportedTerm& t) {
  Connection& c = writer("import category");
  auto existing = id_by_legacy(c, "SELECT id FROM categories WHERE legacy_id = ?1", t.legacy_id);
  if (!existing) {
    auto q = c.query("SELECT id FROM categories WHERE slug = ?1 AND legacy_id IS NULL",
                     "import category");
    q.bind(1, std::string_view(t.slug));
    existing = first_id(q);
  }
  std::optional<core::Id> parent;
  if (t.parent_legacy_id)
    parent = id_by_legacy(c, "SELECT id FROM categories WHERE legacy_id = ?1", *t.parent_legacy_id);
  const std::string slug = free_slug(c, kCategorySlugTaken, t.slug, existing);
  core::Id id = 0;
  bool added = false;
  if (existing) {
    auto q = c.query(
        "UPDATE categories SET slug = ?2, name = ?3, description = ?4, legacy_id = ?5, "
        "parent_id = coalesce(?6, parent_id) WHERE id = ?1 AND (slug IS NOT ?2 OR "
        "name IS NOT ?3 OR description IS NOT ?4 OR legacy_id IS NOT ?5 OR "
        "(?6 IS NOT NULL AND parent_id IS NOT ?6))",
        "import category");
    q.bind(1, *existing)
        .bind(2, std::string_view(slug))
        .bind(3, t.name)
        .bind(4, t.description)
        .bind(5, legacy(t.legacy_id))
        .bind(6, parent);
    q.run();
    id = *existing;
  } else {
    auto q = c.query(
        "INSERT INTO categories (slug, name, description, parent_id, legacy_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5)",
        "import category");
    q.bind(1, std::string_view(slug)).bind(2, t.name).bind(3, t.description).bind(4, parent);
    q.bind(5, legacy(t.legacy_id));
    q.run();
    id = c.last_insert_id();
    added = true;
  }
  if (t.parent_legacy_id && !parent)
    pending_->category_parents.emplace_back(id, *t.parent_legacy_id);
  return {id, added};
}

Upserted SqliteImportBatch::upsert_tag(const ImportedTerm& t) {
  Connection& c = writer("import tag");
  auto existing = id_by_legacy(c, "SELECT id FROM tags WHERE legacy_id = ?1", t.legacy_id);
  if (!existing) {
    auto q = c.query("SELECT id FROM tags WHERE slug = ?1 AND legacy_id IS NULL", "import tag");
    q.bind(1, std::string_view(t.slug));
    existing = first_id(q);
  }
  const std::string slug = free_slug(c, kTagSlugTaken, t.slug, existing);
  if (existing) {
    auto q = c.query(
        "UPDATE tags SET slug = ?2, name = ?3, legacy_id = ?4 WHERE id = ?1 AND "
        "(slug IS NOT ?2 OR name IS NOT ?3 OR legacy_id IS NOT ?4)",
        "import tag");
    q.bind(1, *existing).bind(2, std::string_view(slug)).bind(3, t.name);
    q.bind(4, legacy(t.legacy_id));
    q.run();
    return {*existing, false};
  }
  auto q = c.query("INSERT INTO tags (slug, name, legacy_id) VALUES (?1, ?2, ?3)", "import tag");
  q.bind(1, std::string_view(slug)).bind(2, t.name).bind(3, legacy(t.legacy_id));
  q.run();
  return {c.last_insert_id(), true};
}

Upserted SqliteImportBatch::upsert_media(const ImportedMedia& m) {
  Connection& c = writer("import media");
  const auto existing = id_by_legacy(c, "SELECT id FROM media WHERE legacy_id = ?1", m.legacy_id);
  if (existing) {
    auto q = c.query(
        "UPDATE media SET url = ?2, mime = ?3, width = ?4, height = ?5, title = ?6, alt = ?7, "
        "caption = ?8 WHERE id = ?1 AND (url IS NOT ?2 OR mime IS NOT ?3 OR width IS NOT ?4 OR "
        "height IS NOT ?5 OR title IS NOT ?6 OR alt IS NOT ?7 OR caption IS NOT ?8)",
        "import media");
    q.bind(1, *existing).bind(2, m.url).bind(3, m.mime).bind(4, m.width).bind(5, m.height);
    q.bind(6, m.title).bind(7, m.alt).bind(8, m.caption);
    q.run();
    return {*existing, false};
  }
  auto q = c.query(
      "INSERT INTO media (url, mime, width, height, title, alt, caption, created_at, legacy_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      "import media");
  q.bind(1, m.url).bind(2, m.mime).bind(3, m.width).bind(4, m.height).bind(5, m.title);
  q.bind(6, m.alt).bind(7, m.caption).bind(8, m.created_at).bind(9, m.legacy_id);
  q.run();
  return {c.last_insert_id(), true};
}

std::optional<core::Id> SqliteImportBatch::article_by_legacy_id(std::int64_t legacy_id) {
  return id_by_legacy(writer("import"), "SELECT id FROM articles WHERE legacy_id = ?1", legacy_id);
}

ArticleWrite SqliteImportBatch::upsert_article(const ImportedArticle& a) {
  Connection& c = writer("import article");
  Savepoint sp(c, "import article");  // the article and its tags, or neither
  const auto existing = article_by_legacy_id(a.legacy_id);
  std::optional<core::Id> media;
  if (a.featured_media_legacy_id)
    media =
        id_by_legacy(c, "SELECT id FROM media WHERE legacy_id = ?1", *a.featured_media_legacy_id);
  ArticleWrite out;
  out.slug = free_slug(c, kArticleSlugTaken, a.slug, existing);
  if (existing) {
    // Only a real change is written: an unchanged post re-imported is not
    // re-indexed and does not empty the servers' page caches.
    auto q = c.query(
        "UPDATE articles SET slug = ?2, title = ?3, excerpt = ?4, status = ?5, published_at = ?6, "
        "updated_at = ?7, author_id = ?8, category_id = ?9, visits = max(visits, ?10), "
        "sticky = ?11, comments_open = ?12, featured_media_id = ?13, body_html = ?14 "
        "WHERE id = ?1 AND (slug IS NOT ?2 OR title IS NOT ?3 OR excerpt IS NOT ?4 OR "
        "status IS NOT ?5 OR published_at IS NOT ?6 OR updated_at IS NOT ?7 OR "
        "author_id IS NOT ?8 OR category_id IS NOT ?9 OR visits < ?10 OR sticky IS NOT ?11 OR "
        "comments_open IS NOT ?12 OR featured_media_id IS NOT ?13 OR body_html IS NOT ?14)",
        "import article");
    q.bind(1, *existing)
        .bind(2, std::string_view(out.slug))
        .bind(3, a.title)
        .bind(4, a.excerpt)
        .bind(5, core::to_string(a.status))
        .bind(6, a.published_at)
        .bind(7, a.updated_at)
        .bind(8, a.author_id)
        .bind(9, a.category_id)
        .bind(10, a.visits)
        .bind(11, std::int64_t{a.sticky})
        .bind(12, std::int64_t{a.comments_open})
        .bind(13, media)
        .bind(14, a.body_html);
    q.run();
    out.id = *existing;
  } else {
    auto q = c.query(
        "INSERT INTO articles (slug, title, excerpt, status, published_at, created_at, "
        "updated_at, author_id, category_id, visits, sticky, comments_open, featured_media_id, "
        "legacy_id, body_html) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?14)",
        "import article");
    q.bind(1, std::string_view(out.slug))
        .bind(2, a.title)
        .bind(3, a.excerpt)
        .bind(4, core::to_string(a.status))
        .bind(5, a.published_at)
        .bind(6, a.updated_at)
        .bind(7, a.author_id)
        .bind(8, a.category_id)
        .bind(9, a.visits)
        .bind(10, std::int64_t{a.sticky})
        .bind(11, std::int64_t{a.comments_open})
        .bind(12, media)
        .bind(13, a.legacy_id)
        .bind(14, a.body_html);
    q.run();
    out.id = c.last_insert_id();
    out.added = true;
  }
  set_article_tags(c, out.id, a.tag_ids);
  if (a.featured_media_legacy_id && !media)
    pending_->featured_media.emplace_back(out.id, *a.featured_media_legacy_id);
  sp.release();
  return out;
}

ArticleWrite SqliteImportBatch::upsert_page(const ImportedPage& p) {
  Connection& c = writer("import page");
  auto existing = id_by_legacy(c, "SELECT id FROM pages WHERE legacy_id = ?1", p.legacy_id);
  if (!existing) {
    // The site's own page of that name (the About page `init` writes) is
    // replaced by WordPress's.
    auto q = c.query("SELECT id FROM pages WHERE slug = ?1 AND legacy_id IS NULL", "import page");
    q.bind(1, std::string_view(p.slug));
    existing = first_id(q);
  }
  ArticleWrite out;
  out.slug = free_slug(c, kPageSlugTaken, p.slug, existing);
  if (existing) {
    auto q = c.query(
        "UPDATE pages SET slug = ?2, title = ?3, body_html = ?4, status = ?5, updated_at = ?6, "
        "legacy_id = ?7 WHERE id = ?1 AND (slug IS NOT ?2 OR title IS NOT ?3 OR "
        "body_html IS NOT ?4 OR status IS NOT ?5 OR updated_at IS NOT ?6 OR legacy_id IS NOT ?7)",
        "import page");
    q.bind(1, *existing).bind(2, std::string_view(out.slug)).bind(3, p.title).bind(4, p.body_html);
    q.bind(5, core::to_string(p.status)).bind(6, p.updated_at).bind(7, p.legacy_id);
    q.run();
    out.id = *existing;
  } else {
    auto q = c.query(
        "INSERT INTO pages (slug, title, body_html, status, updated_at, legacy_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        "import page");
    q.bind(1, std::string_view(out.slug)).bind(2, p.title).bind(3, p.body_html);
    q.bind(4, core::to_string(p.status)).bind(5, p.updated_at).bind(6, p.legacy_id);
    q.run();
    out.id = c.last_insert_id();
    out.added = true;
  }
  return out;
}

Upserted SqliteImportBatch::upsert_comment(const ImportedComment& cm) {
  Connection& c = writer("import comment");
  const auto existing =
      id_by_legacy(c, "SELECT id FROM comments WHERE legacy_id = ?1", cm.legacy_id);
  std::optional<core::Id> parent;
  if (cm.parent_legacy_id)
    parent = id_by_legacy(c, "SELECT id FROM comments WHERE legacy_id = ?1", *cm.parent_legacy_id);
  Upserted out;
  if (existing) {
    // A status changed in Jarida since (a comment approved or marked spam
    // by its moderators) is the newer decision: it is kept.
    auto q = c.query(
        "UPDATE comments SET article_id = ?2, parent_id = coalesce(?3, parent_id), "
        "author_name = ?4, author_email = ?5, email_key = ?6, body = ?7, created_at = ?8, "
        "ip_hash = ?9 WHERE id = ?1 AND (article_id IS NOT ?2 OR "
        "(?3 IS NOT NULL AND parent_id IS NOT ?3) OR author_name IS NOT ?4 OR "
        "author_email IS NOT ?5 OR email_key IS NOT ?6 OR body IS NOT ?7 OR "
        "created_at IS NOT ?8 OR ip_hash IS NOT ?9)",
        "import comment");
    q.bind(1, *existing).bind(2, cm.article_id).bind(3, parent).bind(4, cm.author_name);
    q.bind(5, cm.author_email).bind(6, cm.email_key).bind(7, cm.body).bind(8, cm.created_at);
    q.bind(9, cm.ip_hash);
    q.run();
    out.id = *existing;
  } else {
    auto q = c.query(
        "INSERT INTO comments (article_id, parent_id, author_name, author_email, email_key, body, "
        "status, created_at, ip_hash, legacy_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        "import comment");
    q.bind(1, cm.article_id).bind(2, parent).bind(3, cm.author_name).bind(4, cm.author_email);
    q.bind(5, cm.email_key).bind(6, cm.body).bind(7, core::to_string(cm.status));
    q.bind(8, cm.created_at).bind(9, cm.ip_hash).bind(10, cm.legacy_id);
    q.run();
    out.id = c.last_insert_id();
    out.added = true;
  }
  if (cm.parent_legacy_id && !parent)
    pending_->comment_parents.emplace_back(out.id, *cm.parent_legacy_id);
  return out;
}

void SqliteImportBatch::add_redirect(std::string_view from_path, std::string_view to_path) {
  auto q = writer("import redirect")
               .query(
                   "INSERT INTO redirects (from_path, to_path) VALUES (?1, ?2) "
                   "ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path "
                   "WHERE to_path IS NOT excluded.to_path",
                   "import redirect");
  q.bind(1, from_path).bind(2, to_path);
  q.run();
}

ImportFixups SqliteImportBatch::finish() {
  Connection& c = writer("import finish");
  ImportFixups out;
  auto link = [&](std::string_view find_sql, std::string_view set_sql, core::Id row,
                  std::int64_t legacy) {
    const auto target = id_by_legacy(c, find_sql, legacy);
    if (!target) return false;
    auto q = c.query(set_sql, "import finish");
    q.bind(1, row).bind(2, *target);
    q.run();
    return true;
  };
  for (auto [row, legacy] : pending_->category_parents)
    link("SELECT id FROM categories WHERE legacy_id = ?1",
         "UPDATE categories SET parent_id = ?2 WHERE id = ?1", row, legacy);
  for (auto [row, legacy] : pending_->comment_parents)
    if (!link("SELECT id FROM comments WHERE legacy_id = ?1",
              "UPDATE comments SET parent_id = ?2 WHERE id = ?1", row, legacy))
      ++out.orphan_comments;
  for (auto [row, legacy] : pending_->featured_media)
    if (!link("SELECT id FROM media WHERE legacy_id = ?1",
              "UPDATE articles SET featured_media_id = ?2 WHERE id = ?1", row, legacy))
      ++out.missing_featured_media;
  *pending_ = PendingLinks{};
  return out;
}

void SqliteImportBatch::commit() {
  writer("import commit");
  tx_.commit();
  committed_ = true;
}

}  // namespace jarida::store::sqlite
