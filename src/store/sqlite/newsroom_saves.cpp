// SqliteStore's newsroom writes of articles (store/newsroom.hpp): saving
// from the editor (slug made free, tags found or created by name, a
// revision kept), trash and restore, and publishing scheduled articles
// when their time comes. Each is one BEGIN IMMEDIATE transaction under the
// writer lock; content_version and the search index follow by the
// triggers of 0002/0004/0005 and Transaction::commit, and each result
// says where the article was before and after, for the page cache.
#include <algorithm>
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/shared_writes.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "text/slug.hpp"

namespace jarida::store::sqlite {

namespace {

// Manual revisions kept per article (the oldest go first); autosaves keep
// only the newest one, and a manual save removes it.
constexpr std::int64_t kManualRevisionsKept = 50;

// A tag whose name makes no slug at all ("؟!") is filed under this one
// (then "tag-2" ...).
constexpr std::string_view kFallbackTagSlug = "tag";

struct Current {
  ArticlePlace place;
  std::string status;
};

// Where the article is now, as readers would find it at `now`.
std::optional<Current> read_current(Connection& c, core::Id id, core::TimePoint now) {
  Current out;
  {
    auto q = c.query(
        "SELECT a.slug, a.status, a.published_at, c.slug, u.slug FROM articles a "
        "JOIN categories c ON c.id = a.category_id JOIN users u ON u.id = a.author_id "
        "WHERE a.id = ?1",
        "newsroom: article place");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    out.place.slug = q.text(0);
    out.status = q.text(1);
    out.place.published_at = q.time(2);
    out.place.category_slug = q.text(3);
    out.place.author_slug = q.text(4);
  }
  out.place.visible = out.status == core::to_string(core::ArticleStatus::published) &&
                      out.place.published_at <= now;
  auto q = c.query(
      "SELECT t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id "
      "WHERE at.article_id = ?1 ORDER BY t.slug",
      "newsroom: article place tags");
  q.bind(1, id);
  while (q.step()) out.place.tag_slugs.push_back(q.text(0));
  return out;
}

std::string_view trimmed(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

// The tags named `names`, created when no tag has that exact name (the
// slug from the name, made free). Empty names are skipped; set_article_tags
// collapses repeats.
std::vector<core::Id> tags_named(Connection& c, const std::vector<std::string>& names) {
  std::vector<core::Id> ids;
  for (const std::string& raw : names) {
    const std::string_view name = trimmed(raw);
    if (name.empty()) continue;
    {
      // tags_by_name (0006).
      auto q = c.query("SELECT id FROM tags WHERE name = ?1 ORDER BY id LIMIT 1",
                       "save_article: tag by name");
      q.bind(1, name);
      if (q.step()) {
        ids.push_back(q.int64(0));
        continue;
      }
    }
    std::string wanted = text::slugify(name);
    if (wanted.empty()) wanted = kFallbackTagSlug;
    const std::string slug = free_slug(c, kTagSlugTaken, wanted, std::nullopt);
    auto q = c.query("INSERT INTO tags (slug, name) VALUES (?1, ?2) RETURNING id",
                     "save_article: new tag");
    q.bind(1, slug).bind(2, name);
    if (!q.step()) throw_error("save_article: new tag", "no id returned");
    ids.push_back(q.int64(0));
    q.run();
  }
  return ids;
}

void check_media(Connection& c, std::optional<core::Id> media_id) {
  if (!media_id) return;
  auto q = c.query("SELECT 1 FROM media WHERE id = ?1", "save_article: media");
  q.bind(1, *media_id);
  if (!q.step()) throw Error("save_article: no media with id " + std::to_string(*media_id));
}

// Binds the draft's columns as ?2 ... ?13 (?1 is the article id, ?14 now).
void bind_draft(Query& q, const ArticleDraft& d, std::string_view slug) {
  q.bind(2, slug)
      .bind(3, d.title)
      .bind(4, d.kicker)
      .bind(5, d.excerpt)
      .bind(6, core::to_string(d.status))
      .bind(7, d.published_at)
      .bind(8, d.author_id)
      .bind(9, d.category_id)
      .bind(10, d.featured_media_id)
      .bind(11, std::int64_t{d.sticky ? 1 : 0})
      .bind(12, std::int64_t{d.comments_open ? 1 : 0})
      .bind(13, d.body_html);
}

// Writes the article row (visits, comment_count, legacy_id and created_at
// stay as they are) and its tags; returns its id.
core::Id write_article(Connection& c, std::optional<core::Id> id, const ArticleDraft& d,
                       const std::string& slug, const std::vector<core::Id>& tag_ids,
                       core::TimePoint now) {
  core::Id article = 0;
  if (id) {
    auto q = c.query(
        "UPDATE articles SET slug = ?2, title = ?3, kicker = ?4, excerpt = ?5, status = ?6, "
        "published_at = ?7, author_id = ?8, category_id = ?9, featured_media_id = ?10, "
        "sticky = ?11, comments_open = ?12, body_html = ?13, updated_at = ?14 WHERE id = ?1",
        "save_article: update");
    q.bind(1, *id).bind(14, now);
    bind_draft(q, d, slug);
    q.run();
    article = *id;
  } else {
    auto q = c.query(
        "INSERT INTO articles (slug, title, kicker, excerpt, status, published_at, author_id, "
        "category_id, featured_media_id, sticky, comments_open, body_html, created_at, "
        "updated_at) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        "save_article: insert");
    q.bind(14, now);
    bind_draft(q, d, slug);
    q.run();
    article = c.last_insert_id();
  }
  set_article_tags(c, article, tag_ids);
  return article;
}

// Adds the revision and applies the keeping rules; returns its id.
std::int64_t write_revision(Connection& c, core::Id article, const ArticleDraft& d,
                            core::Id user_id, bool autosave, core::TimePoint now) {
  std::int64_t revision = 0;
  {
    auto q = c.query(
        "INSERT INTO article_revisions (article_id, saved_at, user_id, autosave, title, kicker, "
        "excerpt, body_html) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        "save_article: revision");
    q.bind(1, article)
        .bind(2, now)
        .bind(3, user_id > 0 ? std::optional<std::int64_t>(user_id) : std::nullopt)
        .bind(4, std::int64_t{autosave ? 1 : 0})
        .bind(5, d.title)
        .bind(6, d.kicker)
        .bind(7, d.excerpt)
        .bind(8, d.body_html);
    q.run();
    revision = c.last_insert_id();
  }
  {
    // An autosave replaces the previous one; a manual save ends them all.
    auto q =
        c.query("DELETE FROM article_revisions WHERE article_id = ?1 AND autosave = 1 AND id <> ?2",
                "save_article: autosaves");
    q.bind(1, article).bind(2, revision);
    q.run();
  }
  if (autosave) return revision;
  auto q = c.query(
      "DELETE FROM article_revisions WHERE article_id = ?1 AND autosave = 0 AND id <= "
      "(SELECT id FROM article_revisions WHERE article_id = ?1 AND autosave = 0 "
      "ORDER BY id DESC LIMIT 1 OFFSET ?2)",
      "save_article: oldest revisions");
  q.bind(1, article).bind(2, kManualRevisionsKept);
  q.run();
  return revision;
}

}  // namespace

std::optional<SaveResult> SqliteStore::save_article(std::optional<core::Id> id,
                                                    const ArticleDraft& draft, core::Id user_id,
                                                    bool autosave, core::TimePoint now) {
  if (draft.slug.empty()) throw Error("save_article: empty slug");
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "save_article");
  SaveResult result;
  result.version_before = read_content_version(writer_);
  std::optional<Current> before;
  if (id) {
    before = read_current(writer_, *id, now);
    if (!before) return std::nullopt;
    result.before = before->place;
  }
  // What readers see of a published article changes only when someone
  // saves it: its autosave writes the revision alone.
  const bool row_kept =
      autosave && before && before->status == core::to_string(core::ArticleStatus::published);
  if (row_kept) {
    result.id = *id;
  } else {
    check_media(writer_, draft.featured_media_id);
    const std::string slug = free_slug(writer_, kArticleSlugTaken, draft.slug, id);
    const std::vector<core::Id> tag_ids = tags_named(writer_, draft.tag_names);
    result.id = write_article(writer_, id, draft, slug, tag_ids, now);
  }
  result.revision = write_revision(writer_, result.id, draft, user_id, autosave, now);
  const auto after = read_current(writer_, result.id, now);
  if (!after) throw_error("save_article", "the article vanished");
  result.after = after->place;
  result.slug = after->place.slug;
  result.version_after = read_content_version(writer_);
  tx.commit();
  return result;
}

std::optional<SaveResult> SqliteStore::set_article_state(core::Id id, core::ArticleStatus status,
                                                         core::Id /*user_id*/,
                                                         core::TimePoint now) {
  using core::ArticleStatus;
  if (status != ArticleStatus::trash && status != ArticleStatus::draft)
    throw Error("set_article_state: only trash, or draft to restore from trash");
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "set_article_state");
  SaveResult result;
  result.id = id;
  result.version_before = read_content_version(writer_);
  const auto before = read_current(writer_, id, now);
  if (!before) return std::nullopt;
  result.before = before->place;
  const std::string_view trash = core::to_string(ArticleStatus::trash);
  // Trash from any status; restore only what is in the trash (a draft
  // elsewhere stays as it is).
  const bool change =
      status == ArticleStatus::trash ? before->status != trash : before->status == trash;
  if (change) {
    auto q = writer_.query("UPDATE articles SET status = ?2, updated_at = ?3 WHERE id = ?1",
                           "set_article_state");
    q.bind(1, id).bind(2, core::to_string(status)).bind(3, now);
    q.run();
  }
  const auto after = read_current(writer_, id, now);
  if (!after) throw_error("set_article_state", "the article vanished");
  result.after = after->place;
  result.slug = after->place.slug;
  result.version_after = read_content_version(writer_);
  tx.commit();
  return result;
}

std::vector<ArticlePlace> SqliteStore::publish_due(core::TimePoint now) {
  // Called every second: first a look on a reader, one probe of
  // articles_published (status, published_at), without the write lock.
  {
    auto c = readers_.borrow();
    auto q =
        c->query("SELECT 1 FROM articles WHERE status = 'scheduled' AND published_at <= ?1 LIMIT 1",
                 "publish_due: any");
    q.bind(1, now);
    if (!q.step()) return {};
  }
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "publish_due");
  std::vector<core::Id> ids;
  {
    auto q = writer_.query(
        "UPDATE articles SET status = 'published' WHERE status = 'scheduled' AND "
        "published_at <= ?1 RETURNING id",
        "publish_due");
    q.bind(1, now);
    while (q.step()) ids.push_back(q.int64(0));
  }
  std::vector<ArticlePlace> out;
  for (core::Id id : ids) {
    if (auto current = read_current(writer_, id, now)) out.push_back(std::move(current->place));
  }
  tx.commit();
  return out;
}

}  // namespace jarida::store::sqlite
