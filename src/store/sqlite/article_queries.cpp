// SqliteStore's reads of articles and comments as readers see them. Every
// query here shows only visible articles: status 'published' and
// published_at <= now (?1 in each statement), so drafts, pending, private,
// scheduled and trashed articles, and ones dated in the future, never leak.
#include <algorithm>
#include <array>
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jarida::store::sqlite {

namespace {

constexpr std::string_view kVisible = " a.status = 'published' AND a.published_at <= ?1";
// Newest first; the id breaks ties so pages never repeat or skip an article.
constexpr std::string_view kNewestFirst = " ORDER BY a.published_at DESC, a.id DESC";

// The newest ?7 sticky visible articles, as sticky_articles() lists them
// (on the partial index articles_sticky of migration 0005).
constexpr std::string_view kPinnedIds =
    "SELECT s.id FROM articles s WHERE s.sticky = 1 AND s.status = 'published' AND "
    "s.published_at <= ?1 ORDER BY s.published_at DESC, s.id DESC LIMIT ?7";

// Which visible articles pass a filter. With a tag, the tag's own index
// range (article_tags carries status and published_at) drives the query.
std::string matching(bool tag, bool category, bool author, bool pinned) {
  std::string s;
  if (tag) {
    s = " FROM article_tags t";
    if (category || author) s += " JOIN articles a ON a.id = t.article_id";
    s += " WHERE t.tag_id = ?2 AND t.status = 'published' AND t.published_at <= ?1";
  } else {
    s = " FROM articles a WHERE";
    s += kVisible;
  }
  if (category) s += " AND a.category_id = ?3";
  if (author) s += " AND a.author_id = ?4";
  if (pinned) {
    s += tag ? " AND t.article_id NOT IN (" : " AND a.id NOT IN (";
    s += std::string(kPinnedIds) + ")";
  }
  return s;
}

// The SQL of a list query for one combination of filters (and whether it
// counts or selects): built once from constants, so there are at most 32
// statements, each prepared once per connection. Parameters: ?1 now,
// ?2 tag, ?3 category, ?4 author, ?5 limit, ?6 offset, ?7 pinned articles
// left out. The page's ids are found on an index first and only then joined
// to their rows, so a deep offset skips index entries, not whole article rows.
const std::string& list_sql(const ArticleFilter& f, bool count) {
  static const std::array<std::string, 32> all = [] {
    std::array<std::string, 32> out;
    for (unsigned i = 0; i < out.size(); ++i) {
      const bool tag = i & 1, category = i & 2, author = i & 4, counting = i & 8, pinned = i & 16;
      const std::string where = matching(tag, category, author, pinned);
      if (counting) {
        out[i] = "SELECT count(*)" + where;
        continue;
      }
      const std::string ids =
          tag ? "SELECT t.article_id AS id, t.published_at AS at" + where +
                    " ORDER BY t.published_at DESC, t.article_id DESC"
              : "SELECT a.id AS id, a.published_at AS at" + where + std::string(kNewestFirst);
      out[i] = "SELECT " + std::string(kSummaryColumns) + " FROM (" + ids +
               " LIMIT ?5 OFFSET ?6) p JOIN articles a ON a.id = p.id" +
               std::string(kSummaryJoins) + " ORDER BY p.at DESC, p.id DESC";
    }
    return out;
  }();
  const unsigned i = (f.tag_id ? 1 : 0) | (f.category_id ? 2 : 0) | (f.author_id ? 4 : 0) |
                     (count ? 8 : 0) | (f.without_pinned > 0 ? 16 : 0);
  return all[i];
}

void bind_filter(Query& q, const ArticleFilter& f, core::TimePoint now) {
  q.bind(1, now);
  if (f.tag_id) q.bind(2, *f.tag_id);
  if (f.category_id) q.bind(3, *f.category_id);
  if (f.author_id) q.bind(4, *f.author_id);
  if (f.without_pinned > 0) q.bind(7, f.without_pinned);
}

// The smallest string greater than every string starting with `prefix`
// (byte order, as SQLite's BINARY collation compares), or "" if none.
std::string prefix_end(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}

}  // namespace

std::optional<core::Article> SqliteStore::published_article_by_slug(std::string_view slug) {
  static const std::string sql =
      "SELECT " + std::string(kSummaryColumns) + ", a.body_html, a.comments_open FROM articles a" +
      std::string(kSummaryJoins) + " WHERE a.slug = ?2 AND" + std::string(kVisible);
  auto c = readers_.borrow();
  Transaction snapshot(*c, Transaction::Kind::read, "published_article_by_slug");
  core::Article article;
  {
    auto q = c->query(sql, "published_article_by_slug");
    q.bind(1, now_utc()).bind(2, slug);
    if (!q.step()) return std::nullopt;
    read_summary_into(q, 0, article);
    article.body_html = q.text(kSummaryColumnCount);
    article.comments_open = q.int64(kSummaryColumnCount + 1) != 0;
  }
  auto q = c->query(
      "SELECT t.id, t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id "
      "WHERE at.article_id = ?1 ORDER BY t.name, t.id",
      "published_article_by_slug: tags");
  q.bind(1, article.id);
  while (q.step()) article.tags.push_back(read_tag(q, 0));
  return article;
}

core::Paged<core::ArticleSummary> SqliteStore::published_articles(const ArticleFilter& filter,
                                                                  std::int64_t offset,
                                                                  std::int64_t limit) {
  const core::TimePoint now = now_utc();
  core::Paged<core::ArticleSummary> page;
  auto c = readers_.borrow();
  // One snapshot, so the total matches the items.
  Transaction snapshot(*c, Transaction::Kind::read, "published_articles");
  if (limit > 0) {
    auto q = c->query(list_sql(filter, false), "published_articles");
    bind_filter(q, filter, now);
    q.bind(5, limit).bind(6, std::max<std::int64_t>(offset, 0));
    while (q.step()) page.items.push_back(read_summary(q, 0));
  }
  auto q = c->query(list_sql(filter, true), "published_articles: total");
  bind_filter(q, filter, now);
  q.step();
  page.total = q.int64(0);
  return page;
}

// Two steps: the window's sums, largest first (INDEXED BY: without
// statistics the planner would rather scan the whole table in article
// order), then each article by id until `limit` visible ones are found, so
// only a handful of article rows are read rather than every summed one.
std::vector<core::ArticleSummary> SqliteStore::most_read(std::chrono::sys_days since,
                                                         std::int64_t limit) {
  static const std::string one = "SELECT " + std::string(kSummaryColumns) + " FROM articles a" +
                                 std::string(kSummaryJoins) + " WHERE a.id = ?2 AND" +
                                 std::string(kVisible);
  std::vector<core::ArticleSummary> out;
  if (limit <= 0) return out;
  const core::TimePoint now = now_utc();
  auto c = readers_.borrow();
  Transaction snapshot(*c, Transaction::Kind::read, "most_read");
  auto sums = c->query(
      "SELECT article_id FROM article_visits_daily INDEXED BY article_visits_by_day "
      "WHERE day >= ?1 GROUP BY article_id ORDER BY sum(count) DESC, article_id DESC",
      "most_read");
  sums.bind(1, since);
  while (static_cast<std::int64_t>(out.size()) < limit && sums.step()) {
    auto q = c->query(one, "most_read: article");
    q.bind(1, now).bind(2, sums.int64(0));
    if (q.step()) out.push_back(read_summary(q, 0));
  }
  return out;
}

std::vector<core::Comment> SqliteStore::approved_comments(core::Id article_id) {
  static const std::string sql = "SELECT " + std::string(kCommentColumns) +
                                 " FROM comments cm WHERE cm.article_id = ?1 AND "
                                 "cm.status = 'approved' ORDER BY cm.created_at, cm.id";
  std::vector<core::Comment> out;
  auto c = readers_.borrow();
  auto q = c->query(sql, "approved_comments");
  q.bind(1, article_id);
  while (q.step()) out.push_back(read_comment(q, 0));
  return out;
}

std::vector<core::LatestComment> SqliteStore::latest_comments(std::int64_t limit) {
  static const std::string sql =
      "SELECT " + std::string(kCommentColumns) +
      ", a.title, a.slug, a.published_at FROM comments cm JOIN articles a ON a.id = "
      "cm.article_id WHERE cm.status = 'approved' AND" +
      std::string(kVisible) + " ORDER BY cm.created_at DESC, cm.id DESC LIMIT ?2";
  std::vector<core::LatestComment> out;
  if (limit <= 0) return out;
  auto c = readers_.borrow();
  auto q = c->query(sql, "latest_comments");
  q.bind(1, now_utc()).bind(2, limit);
  while (q.step()) {
    constexpr int n = kCommentColumnCount;
    out.push_back({read_comment(q, 0), q.text(n), q.text(n + 1), q.time(n + 2)});
  }
  return out;
}

std::optional<core::ArticleSummary> SqliteStore::published_article_by_legacy_id(
    std::int64_t legacy_id) {
  static const std::string sql = "SELECT " + std::string(kSummaryColumns) + " FROM articles a" +
                                 std::string(kSummaryJoins) + " WHERE a.legacy_id = ?2 AND" +
                                 std::string(kVisible);
  auto c = readers_.borrow();
  auto q = c->query(sql, "published_article_by_legacy_id");
  q.bind(1, now_utc()).bind(2, legacy_id);
  if (!q.step()) return std::nullopt;
  return read_summary(q, 0);
}

std::vector<core::ArticleSummary> SqliteStore::sticky_articles(std::int64_t limit) {
  // The same articles, in the same order, as kPinnedIds picks.
  static const std::string sql = "SELECT " + std::string(kSummaryColumns) + " FROM articles a" +
                                 std::string(kSummaryJoins) + " WHERE a.sticky = 1 AND" +
                                 std::string(kVisible) + std::string(kNewestFirst) + " LIMIT ?2";
  std::vector<core::ArticleSummary> out;
  if (limit <= 0) return out;
  auto c = readers_.borrow();
  auto q = c->query(sql, "sticky_articles");
  q.bind(1, now_utc()).bind(2, limit);
  while (q.step()) out.push_back(read_summary(q, 0));
  return out;
}

std::vector<std::string> SqliteStore::article_slugs_starting_with(std::string_view prefix) {
  // A range on the unique slug index rather than LIKE, whose % and _ would
  // need escaping and which folds ASCII case. Every status counts: a slug
  // is taken even by a draft.
  auto c = readers_.borrow();
  const std::string end = prefix_end(prefix);
  std::vector<std::string> out;
  auto q = end.empty() ? c->query("SELECT slug FROM articles WHERE slug >= ?1 ORDER BY slug",
                                  "article_slugs_starting_with")
                       : c->query(
                             "SELECT slug FROM articles WHERE slug >= ?1 AND slug < ?2 "
                             "ORDER BY slug",
                             "article_slugs_starting_with");
  q.bind(1, prefix);
  if (!end.empty()) q.bind(2, end);
  while (q.step()) out.push_back(q.text(0));
  return out;
}

}  // namespace jarida::store::sqlite
