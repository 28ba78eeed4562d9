#include "store/sqlite/search_index.hpp"

#include <string>

namespace jarida::store::sqlite {

namespace {

constexpr std::string_view kColumns = "title, kicker, excerpt, tags, category, body";

// One article's searchable text, from `articles a JOIN categories c`. Tags
// are joined by " ، " so a quoted phrase can't run from one tag into the next.
constexpr std::string_view kDocColumns =
    "a.id, a.title, a.kicker, a.excerpt, "
    "coalesce((SELECT group_concat(t.name, ' ، ') FROM article_tags x "
    "JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id), ''), "
    "c.name, jarida_html_text(a.body_html)";

bool has_search_tables(Connection& c) {
  auto q = c.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search_dirty'",
                   "search index");
  return q.step();
}

std::string sql(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) s += p;
  return s;
}

}  // namespace

void flush_search_index(Connection& writer) {
  if (!writer.search_tables_known()) {
    if (!has_search_tables(writer)) return;  // before migration 0004
    writer.set_search_tables_known();
  }
  {
    auto q = writer.query("SELECT 1 FROM search_dirty LIMIT 1", "search index");
    if (!q.step()) return;  // the common case: no article changed
  }
  // External content: FTS5 forgets a row's terms only when told its old text.
  static const std::string forget =
      sql({"INSERT INTO search_fts (search_fts, rowid, ", kColumns,
           ") SELECT 'delete', s.article_id, ", kColumns,
           " FROM search_docs s WHERE s.article_id IN (SELECT article_id FROM search_dirty)"});
  static const std::string store_docs =
      sql({"INSERT INTO search_docs (article_id, ", kColumns, ") SELECT ", kDocColumns,
           " FROM search_dirty d JOIN articles a ON a.id = d.article_id "
           "JOIN categories c ON c.id = a.category_id WHERE a.status = 'published'"});
  static const std::string index_docs =
      sql({"INSERT INTO search_fts (rowid, ", kColumns, ") SELECT article_id, ", kColumns,
           " FROM search_docs WHERE article_id IN (SELECT article_id FROM search_dirty)"});
  writer.query(forget, "search index: forget").run();
  writer
      .query("DELETE FROM search_docs WHERE article_id IN (SELECT article_id FROM search_dirty)",
             "search index: delete")
      .run();
  writer.query(store_docs, "search index: text").run();
  writer.query(index_docs, "search index: insert").run();
  writer.query("DELETE FROM search_dirty", "search index: done").run();
}

void rebuild_search_index(Connection& writer,
                          const std::function<void(std::int64_t, std::int64_t)>& progress) {
  Transaction tx(writer, Transaction::Kind::write, "reindex");
  writer.query("DELETE FROM search_dirty", "reindex").run();
  writer.query("INSERT INTO search_fts (search_fts) VALUES ('delete-all')", "reindex").run();
  writer.query("DELETE FROM search_docs", "reindex").run();
  std::int64_t total = 0;
  {
    auto q = writer.query("SELECT count(*) FROM articles WHERE status = 'published'", "reindex");
    q.step();
    total = q.int64(0);
  }
  // Chunks of articles by id, so progress can be reported.
  static const std::string store_docs =
      sql({"INSERT INTO search_docs (article_id, ", kColumns, ") SELECT ", kDocColumns,
           " FROM articles a JOIN categories c ON c.id = a.category_id "
           "WHERE a.status = 'published' AND a.id > ?1 AND a.id <= ?2"});
  static const std::string index_docs =
      sql({"INSERT INTO search_fts (rowid, ", kColumns, ") SELECT article_id, ", kColumns,
           " FROM search_docs WHERE article_id > ?1 AND article_id <= ?2"});
  constexpr std::int64_t kChunk = 2000;
  std::int64_t done = 0;
  std::int64_t after = 0;
  progress(0, total);
  for (;;) {
    std::int64_t upto = 0;
    {
      auto q = writer.query(
          "SELECT max(id), count(*) FROM (SELECT id FROM articles WHERE status = 'published' "
          "AND id > ?1 ORDER BY id LIMIT ?2)",
          "reindex");
      q.bind(1, after).bind(2, kChunk);
      q.step();
      if (q.int64(1) == 0) break;
      upto = q.int64(0);
      done += q.int64(1);
    }
    for (const std::string* step : {&store_docs, &index_docs}) {
      auto q = writer.query(*step, "reindex");
      q.bind(1, after).bind(2, upto);
      q.run();
    }
    after = upto;
    progress(done, total);
  }
  // Merge the segments written chunk by chunk: queries read fewer of them.
  writer.query("INSERT INTO search_fts (search_fts) VALUES ('optimize')", "reindex").run();
  tx.commit();
}

}  // namespace jarida::store::sqlite
