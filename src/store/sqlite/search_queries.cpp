// Full-text search over search_fts (migration 0004). What the reader typed
// reaches FTS5 only inside double-quoted strings (quotes doubled), so no
// input can be read as FTS5 syntax (OR, NEAR, *, ^, column filters):
// search/ decides what is AND, OR and phrase, and says so in SearchSpec.
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/search_functions.hpp"
#include "store/sqlite/search_index.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jarida::store::sqlite {

namespace {

void append_quoted(std::string& out, const SearchPhrase& phrase) {
  out += '"';
  bool first = true;
  for (const std::string& word : phrase.words) {
    if (!first) out += ' ';
    first = false;
    for (char ch : word) {
      if (ch == '"') out += '"';
      out += ch;
    }
  }
  out += '"';
}

// "(\"a\" OR \"b c\") AND (\"d\")" and the clause of each phrase, in the
// order FTS5 numbers the phrases (left to right).
struct MatchExpression {
  std::string text;
  std::string clause_of_phrase;
};

// See SqliteStore::search: at least this many, or as many as the page asked
// for reaches.
constexpr std::int64_t kCandidates = 200;

MatchExpression match_expression(const std::vector<SearchClause>& clauses, const char* join) {
  MatchExpression e;
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    if (i > 0) e.text += join;
    e.text += '(';
    for (std::size_t p = 0; p < clauses[i].any_of.size(); ++p) {
      if (p > 0) e.text += " OR ";
      append_quoted(e.text, clauses[i].any_of[p]);
      e.clause_of_phrase += std::to_string(i) + ' ';
    }
    e.text += ')';
  }
  return e;
}

bool usable(const std::vector<SearchClause>& clauses) {
  if (clauses.empty()) return false;
  for (const SearchClause& c : clauses) {
    if (c.any_of.empty()) return false;
    for (const SearchPhrase& p : c.any_of)
      if (p.words.empty()) return false;
  }
  return true;
}

}  // namespace

SearchPage SqliteStore::search(const SearchSpec& spec) {
  SearchPage page;
  if (!usable(spec.clauses) || spec.min_clauses > spec.max_clauses) return page;
  // Results must match all clauses: AND lets FTS5 skip most rows itself.
  const bool all = spec.min_clauses >= spec.clauses.size();
  const MatchExpression match = match_expression(spec.clauses, all ? " AND " : " OR ");
  // Only the newest matching articles are scored (kCandidates, or up to the
  // page asked for) (FTS5 walks
  // its doclist newest id first and stops): a word in tens of thousands of
  // articles has a near-zero IDF, so recency orders those results anyway,
  // and scoring all of them would cost a reader ~1 s (200 instead of 500
  // halves a one-word query's time). MATERIALIZED: score
  // each row once (a flattened subquery would compute it again for WHERE).
  // Recency: up to +25% for today's articles, fading over ~90 days.
  static const std::string sql =
      "WITH m AS MATERIALIZED (SELECT rowid AS id, " + std::string(kRankFunction) +
      "(search_fts, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) AS score "
      "FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?14) "
      "SELECT m.id, m.score * (1.0 + 0.25 * exp((a.published_at - ?11) / 7776000.0)) AS s, "
      "count(*) OVER (), (SELECT count(*) FROM m) FROM m JOIN articles a ON a.id = m.id "
      "WHERE m.score IS NOT NULL AND a.status = 'published' AND a.published_at <= ?11 "
      "ORDER BY s DESC, m.id DESC LIMIT ?12 OFFSET ?13";
  static const std::string summary_sql = "SELECT " + std::string(kSummaryColumns) +
                                         " FROM articles a" + std::string(kSummaryJoins) +
                                         " WHERE a.id = ?1";
  const std::int64_t window = std::max(
      kCandidates, std::max<std::int64_t>(spec.offset, 0) + std::max<std::int64_t>(spec.limit, 1));
  auto c = readers_.borrow();
  Transaction snapshot(*c, Transaction::Kind::read, "search");
  std::vector<core::Id> ids;
  bool window_full = false;
  {
    auto q = c->query(sql, "search");
    const SearchWeights& w = spec.weights;
    q.bind(1, match.text)
        .bind(2, match.clause_of_phrase)
        .bind(3, static_cast<std::int64_t>(spec.min_clauses))
        .bind(4, static_cast<std::int64_t>(spec.max_clauses))
        .bind(5, w.title)
        .bind(6, w.kicker)
        .bind(7, w.excerpt)
        .bind(8, w.tags)
        .bind(9, w.category)
        .bind(10, w.body)
        .bind(11, spec.now)
        .bind(12, std::max<std::int64_t>(spec.limit, 1))
        .bind(13, std::max<std::int64_t>(spec.offset, 0))
        .bind(14, window);
    while (q.step()) {
      ids.push_back(q.int64(0));
      page.total = q.int64(2);
      window_full = q.int64(3) >= window;
    }
  }
  if (window_full && all && spec.count_total) {
    // More matches than were scored: count them, up to the cap.
    auto q = c->query(
        "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2)",
        "search: total");
    const std::int64_t cap = std::max(spec.total_cap, window);
    q.bind(1, match.text).bind(2, cap + 1);
    q.step();
    page.total = std::min(q.int64(0), cap);
    page.total_capped = q.int64(0) > cap;
  }
  if (ids.empty() && spec.offset > 0) {
    // Past the last page: the window count had no row to ride on.
    SearchSpec first = spec;
    first.offset = 0;
    first.limit = 1;
    const SearchPage counted = search(first);
    page.total = counted.total;
    page.total_capped = counted.total_capped;
    return page;
  }
  if (spec.limit <= 0) ids.clear();
  for (const core::Id id : ids) {
    SearchHit hit;
    {
      auto q = c->query(summary_sql, "search: article");
      q.bind(1, id);
      if (!q.step()) continue;  // deleted since: the index is updated in the same commit
      read_summary_into(q, 0, hit.article);
    }
    auto q = c->query("SELECT body FROM search_docs WHERE article_id = ?1", "search: body");
    q.bind(1, id);
    if (q.step()) hit.body_text = q.text(0);
    page.hits.push_back(std::move(hit));
  }
  return page;
}

std::int64_t SqliteStore::search_match_count(const SearchClause& clause, std::int64_t cap) {
  if (!usable({clause})) return 0;
  const MatchExpression match = match_expression({clause}, " AND ");
  auto c = readers_.borrow();
  auto q =
      c->query("SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2)",
               "search_match_count");
  q.bind(1, match.text).bind(2, std::max<std::int64_t>(cap, 1));
  q.step();
  return q.int64(0);
}

std::vector<IndexedTerm> SqliteStore::search_vocabulary() {
  std::vector<IndexedTerm> terms;
  auto c = readers_.borrow();
  auto q = c->query("SELECT term, doc FROM search_terms", "search_vocabulary");
  while (q.step()) terms.push_back({q.text(0), q.int64(1)});
  return terms;
}

void SqliteStore::rebuild_search_index(
    const std::function<void(std::int64_t, std::int64_t)>& progress) {
  std::lock_guard lock(writer_lock_);
  sqlite::rebuild_search_index(writer_, progress);
}

}  // namespace jarida::store::sqlite
