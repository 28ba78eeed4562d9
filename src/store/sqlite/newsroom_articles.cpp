// SqliteStore's newsroom reads of articles (store/newsroom.hpp): the list
// of every status, one article for the editor, its revisions, and the
// status counts. The writes are in newsroom_saves.cpp.
#include <algorithm>
#include <array>
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jarida::store::sqlite {

namespace {

// Which articles the list shows. Parameters: ?1 status, ?2 category,
// ?3 author, ?4 words of the title.
std::string newsroom_where(bool status, bool category, bool author, bool text) {
  // Without a status: everything but trash, read off articles_newsroom
  // (published_at, id, status, title) backwards (migration 0006). With
  // one: a range of articles_published (status, published_at). Words
  // without a category or author scan articles_newsroom, which holds the
  // titles: the planner would rather take the status range and read every
  // row of it (all published articles, bodies and all), 3-4 times slower.
  std::string s = " FROM articles a";
  if (text && !category && !author) s += " INDEXED BY articles_newsroom";
  s += status ? " WHERE a.status = ?1" : " WHERE a.status <> 'trash'";
  if (category) s += " AND a.category_id = ?2";
  if (author) s += " AND a.author_id = ?3";
  // lower() folds Latin (ASCII) only; Arabic has no case. instr(), not
  // LIKE: the words are matched as typed, '%' and '_' included.
  if (text) s += " AND instr(lower(a.title), lower(?4)) > 0";
  return s;
}

// The SQL of one combination of filters (and whether it counts), built
// once from constants: at most 32 statements, each prepared once per
// connection. As published_articles does, the page's ids are found first
// (?5 limit, ?6 offset) and only then joined to their rows, so a deep page
// skips index entries rather than whole article rows.
const std::string& newsroom_sql(const NewsroomFilter& f, bool count) {
  static const std::array<std::string, 32> all = [] {
    std::array<std::string, 32> out;
    for (unsigned i = 0; i < out.size(); ++i) {
      const bool status = i & 1, category = i & 2, author = i & 4, text = i & 8, counting = i & 16;
      const std::string where = newsroom_where(status, category, author, text);
      if (counting) {
        out[i] = "SELECT count(*)" + where;
        continue;
      }
      out[i] = "SELECT " + std::string(kSummaryColumns) +
               ", a.status, a.updated_at FROM (SELECT a.id AS id, a.published_at AS at" + where +
               " ORDER BY a.published_at DESC, a.id DESC LIMIT ?5 OFFSET ?6) p "
               "JOIN articles a ON a.id = p.id" +
               std::string(kSummaryJoins) + " ORDER BY p.at DESC, p.id DESC";
    }
    return out;
  }();
  const unsigned i = (f.status ? 1 : 0) | (f.category_id ? 2 : 0) | (f.author_id ? 4 : 0) |
                     (f.text.empty() ? 0 : 8) | (count ? 16 : 0);
  return all[i];
}

void bind_newsroom_filter(Query& q, const NewsroomFilter& f) {
  if (f.status) q.bind(1, core::to_string(*f.status));
  if (f.category_id) q.bind(2, *f.category_id);
  if (f.author_id) q.bind(3, *f.author_id);
  if (!f.text.empty()) q.bind(4, f.text);
}

core::ArticleStatus read_status(const Query& q, int col) {
  // The schema's CHECK allows only known statuses.
  return core::article_status_from_string(q.text(col)).value_or(core::ArticleStatus::draft);
}

// Revisions with their author's name ('' once the account is gone). ?2:
// whether to read the body (the list leaves it out).
constexpr std::string_view kRevisionSelect =
    "SELECT r.id, r.article_id, r.saved_at, r.user_id, coalesce(u.display_name, ''), "
    "r.autosave, r.title, r.kicker, r.excerpt, CASE WHEN ?2 THEN r.body_html ELSE '' END "
    "FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id";

Revision read_revision(const Query& q) {
  Revision r;
  r.id = q.int64(0);
  r.article_id = q.int64(1);
  r.saved_at = q.time(2);
  r.user_id = q.optional_int64(3).value_or(0);
  r.user_name = q.text(4);
  r.autosave = q.int64(5) != 0;
  r.title = q.text(6);
  r.kicker = q.text(7);
  r.excerpt = q.text(8);
  r.body_html = q.text(9);
  return r;
}

std::vector<StatusCount> status_counts(ReaderPool& readers, std::string_view sql,
                                       std::string_view op) {
  std::vector<StatusCount> out;
  auto c = readers.borrow();
  auto q = c->query(sql, op);
  while (q.step()) out.push_back({q.text(0), q.int64(1)});
  return out;
}

}  // namespace

core::Paged<NewsroomArticle> SqliteStore::newsroom_articles(const NewsroomFilter& filter,
                                                            std::int64_t offset,
                                                            std::int64_t limit) {
  core::Paged<NewsroomArticle> page;
  auto c = readers_.borrow();
  // One snapshot, so the total matches the items.
  Transaction snapshot(*c, Transaction::Kind::read, "newsroom_articles");
  if (limit > 0) {
    auto q = c->query(newsroom_sql(filter, false), "newsroom_articles");
    bind_newsroom_filter(q, filter);
    q.bind(5, limit).bind(6, std::max<std::int64_t>(offset, 0));
    while (q.step()) {
      NewsroomArticle a;
      read_summary_into(q, 0, a.article);
      a.status = read_status(q, kSummaryColumnCount);
      a.updated_at = q.time(kSummaryColumnCount + 1);
      page.items.push_back(std::move(a));
    }
  }
  auto q = c->query(newsroom_sql(filter, true), "newsroom_articles: total");
  bind_newsroom_filter(q, filter);
  q.step();
  page.total = q.int64(0);
  return page;
}

std::optional<EditableArticle> SqliteStore::article_for_edit(core::Id id) {
  static const std::string sql = "SELECT " + std::string(kSummaryColumns) +
                                 ", a.body_html, a.comments_open, a.status, a.featured_media_id, "
                                 "a.updated_at FROM articles a" +
                                 std::string(kSummaryJoins) + " WHERE a.id = ?1";
  auto c = readers_.borrow();
  Transaction snapshot(*c, Transaction::Kind::read, "article_for_edit");
  EditableArticle out;
  {
    auto q = c->query(sql, "article_for_edit");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    constexpr int n = kSummaryColumnCount;
    read_summary_into(q, 0, out.article);
    out.article.body_html = q.text(n);
    out.article.comments_open = q.int64(n + 1) != 0;
    out.status = read_status(q, n + 2);
    out.featured_media_id = q.optional_int64(n + 3);
    out.updated_at = q.time(n + 4);
  }
  auto q = c->query(
      "SELECT t.id, t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id "
      "WHERE at.article_id = ?1 ORDER BY t.name, t.id",
      "article_for_edit: tags");
  q.bind(1, id);
  while (q.step()) out.article.tags.push_back(read_tag(q, 0));
  return out;
}

std::vector<Revision> SqliteStore::revisions(core::Id article_id) {
  // article_revisions_by_article (0006), backwards: newest first.
  static const std::string sql =
      std::string(kRevisionSelect) + " WHERE r.article_id = ?1 ORDER BY r.id DESC";
  std::vector<Revision> out;
  auto c = readers_.borrow();
  auto q = c->query(sql, "revisions");
  q.bind(1, article_id).bind(2, std::int64_t{0});
  while (q.step()) out.push_back(read_revision(q));
  return out;
}

std::optional<Revision> SqliteStore::revision(std::int64_t revision_id) {
  static const std::string sql = std::string(kRevisionSelect) + " WHERE r.id = ?1";
  auto c = readers_.borrow();
  auto q = c->query(sql, "revision");
  q.bind(1, revision_id).bind(2, std::int64_t{1});
  if (!q.step()) return std::nullopt;
  return read_revision(q);
}

std::vector<StatusCount> SqliteStore::article_status_counts() {
  // A scan of articles_published (status, published_at): no row is read.
  return status_counts(readers_,
                       "SELECT status, count(*) FROM articles GROUP BY status ORDER BY status",
                       "article_status_counts");
}

std::vector<StatusCount> SqliteStore::comment_status_counts() {
  // A scan of comments_latest (status, created_at).
  return status_counts(readers_,
                       "SELECT status, count(*) FROM comments GROUP BY status ORDER BY status",
                       "comment_status_counts");
}

std::int64_t SqliteStore::count_comments(core::CommentStatus status) {
  auto c = readers_.borrow();
  // A range of comments_latest (status, created_at).
  auto q = c->query("SELECT count(*) FROM comments WHERE status = ?1", "count_comments");
  q.bind(1, core::to_string(status));
  q.step();
  return q.int64(0);
}

}  // namespace jarida::store::sqlite
