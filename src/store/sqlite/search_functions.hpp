// What the search index needs from SQLite that SQL alone can't say: the
// `jarida` FTS5 tokenizer (text/normalize + text/stem, the same pipeline
// the search layer uses on queries and highlights), the `jarida_rank`
// ranking function, and `jarida_html_text` (body HTML to plain text for the
// index). SQLite keeps these per connection, so every connection that may
// touch search_fts registers them when it opens (DEPENDENCIES.md: opening
// the table without the tokenizer fails). The sqlite3 shell can read every
// other table, but not search_fts.
#pragma once

#include <sqlite3.h>

namespace jarida::store::sqlite {

// Throws store::Error when FTS5 is missing from the SQLite library.
void register_search_functions(sqlite3* db);

// jarida_rank(search_fts, clause_of_phrase, min_clauses, max_clauses,
//             w_title, w_kicker, w_excerpt, w_tags, w_category, w_body)
//
// For one matching row: NULL when the row matches fewer than min_clauses or
// more than max_clauses of the query's clauses; otherwise its BM25 score (k1 = 1.2, b = 0.75, the
// formula of FTS5's bm25(), but positive: higher is better) with a weight
// per column. `clause_of_phrase` is text such as "0 0 1": the clause each
// phrase of the MATCH expression belongs to, in order.
inline constexpr const char* kRankFunction = "jarida_rank";

}  // namespace jarida::store::sqlite
