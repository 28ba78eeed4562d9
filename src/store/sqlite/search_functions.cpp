#include "store/sqlite/search_functions.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/statement.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"
#include "text/utf8.hpp"

namespace jarida::store::sqlite {

namespace {

// ---- The tokenizer. Stateless: every instance is the same object.

// Longer "words" (a pasted base64 blob, a URL without spaces) are not
// something a reader searches for; skipping them keeps the index small.
constexpr std::size_t kMaxTokenBytes = 120;

Fts5Tokenizer* the_tokenizer() {
  static int instance = 0;
  return reinterpret_cast<Fts5Tokenizer*>(&instance);
}

int tokenizer_create(void*, const char**, int, Fts5Tokenizer** out) {
  *out = the_tokenizer();
  return SQLITE_OK;
}

void tokenizer_delete(Fts5Tokenizer*) {}

// Documents get every stem of a word at its position (text::index_stems:
// with and without a leading particle), queries only search_stem, so
// كهرباء finds الكهرباء and كهرباء, and بمدرسة is found by مدرسة.
int tokenizer_tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int length,
                       int (*emit)(void*, int, const char*, int, int, int)) {
  try {
    const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    const std::string_view original(text, static_cast<std::size_t>(length < 0 ? 0 : length));
    for (const text::Token& t : text::tokenize(original)) {
      if (t.normalized.size() > kMaxTokenBytes) continue;
      const std::vector<std::string> stems =
          query ? std::vector<std::string>{text::search_stem(t.normalized)}
                : text::index_stems(t.normalized);
      for (std::size_t i = 0; i < stems.size(); ++i) {
        const int rc = emit(ctx, i == 0 ? 0 : FTS5_TOKEN_COLOCATED, stems[i].data(),
                            static_cast<int>(stems[i].size()), static_cast<int>(t.begin),
                            static_cast<int>(t.end));
        if (rc != SQLITE_OK) return rc;
      }
    }
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

// ---- jarida_rank (see search_functions.hpp)

// Columns of search_fts (0004_search.sql): title, kicker, excerpt, tags,
// category, body; a weight argument each.
constexpr int kColumns = 6;
constexpr int kRankArgs = 3 + kColumns;  // after the FTS table argument
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// Per query (kept with xSetAuxdata): each phrase's IDF and clause.
struct QueryStats {
  std::vector<double> idf;
  std::vector<int> clause_of_phrase;
  int clause_count = 0;
  double average_length = 1.0;
};

// Counting the rows of a phrase stops at a cap: a phrase in more than one
// article in twenty is common, and its IDF is small whatever the exact count
// (walking the doclist of a word in most articles costs more than the rest
// of the query).
struct RowCounter {
  std::int64_t rows = 0;
  std::int64_t cap = 0;
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* counter) {
  auto* c = static_cast<RowCounter*>(counter);
  return ++c->rows >= c->cap ? SQLITE_DONE : SQLITE_OK;
}

int build_stats(const Fts5ExtensionApi* api, Fts5Context* fts, std::string_view clause_map,
                QueryStats& stats) {
  sqlite3_int64 rows = 0;
  sqlite3_int64 tokens = 0;
  int rc = api->xRowCount(fts, &rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (rc != SQLITE_OK) return rc;
  stats.average_length = rows > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1.0;
  const int phrases = api->xPhraseCount(fts);
  for (int i = 0; i < phrases; ++i) {
    RowCounter counter{0, std::max<sqlite3_int64>(100, rows / 20)};
    rc = api->xQueryPhrase(fts, i, &counter, count_row);
    if (rc != SQLITE_OK) return rc;
    // BM25's IDF, floored like FTS5's so a phrase in most rows still counts.
    const double n = static_cast<double>(rows);
    const double k = static_cast<double>(counter.rows);
    stats.idf.push_back(std::max(1e-6, std::log((n - k + 0.5) / (k + 0.5))));
  }
  // "0 0 1 2": the clause of each phrase; a missing entry is its own clause.
  std::size_t at = 0;
  for (int i = 0; i < phrases; ++i) {
    while (at < clause_map.size() && clause_map[at] == ' ') ++at;
    int clause = i;
    const auto [end, ec] =
        std::from_chars(clause_map.data() + at, clause_map.data() + clause_map.size(), clause);
    if (ec != std::errc{}) clause = i;
    at = static_cast<std::size_t>(end - clause_map.data());
    stats.clause_of_phrase.push_back(clause);
    stats.clause_count = std::max(stats.clause_count, clause + 1);
  }
  return SQLITE_OK;
}

void rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
          sqlite3_value** argv) {
  if (argc != kRankArgs) {
    sqlite3_result_error(ctx, "jarida_rank: wrong number of arguments", -1);
    return;
  }
  auto* stats = static_cast<QueryStats*>(api->xGetAuxdata(fts, 0));
  if (stats == nullptr) {
    auto owned = std::make_unique<QueryStats>();
    const auto* map = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    int rc = build_stats(api, fts, map ? map : "", *owned);
    if (rc == SQLITE_OK) {
      stats = owned.release();
      rc = api->xSetAuxdata(fts, stats, [](void* p) { delete static_cast<QueryStats*>(p); });
    }
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
  }
  const int min_clauses = sqlite3_value_int(argv[1]);
  const int max_clauses = sqlite3_value_int(argv[2]);
  double weight[kColumns];
  for (int i = 0; i < kColumns; ++i) weight[i] = sqlite3_value_double(argv[3 + i]);

  // Weighted frequency of each phrase in this row.
  std::vector<double> frequency(stats->idf.size(), 0.0);
  int instances = 0;
  int rc = api->xInstCount(fts, &instances);
  for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase >= 0 && static_cast<std::size_t>(phrase) < frequency.size() &&
        column >= 0 && column < kColumns)
      frequency[static_cast<std::size_t>(phrase)] += weight[column];
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }

  // Which clauses the row matches decides whether it is a result at all.
  std::vector<char> has_clause(static_cast<std::size_t>(stats->clause_count), 0);
  for (std::size_t p = 0; p < frequency.size(); ++p)
    if (frequency[p] > 0) has_clause[static_cast<std::size_t>(stats->clause_of_phrase[p])] = 1;
  int matched = 0;
  for (char c : has_clause) matched += c;
  if (matched < min_clauses || matched > max_clauses) {
    sqlite3_result_null(ctx);
    return;
  }

  int row_tokens = 0;
  rc = api->xColumnSize(fts, -1, &row_tokens);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  const double length_norm =
      kK1 * (1 - kB + kB * static_cast<double>(row_tokens) / stats->average_length);
  double score = 0;
  for (std::size_t p = 0; p < frequency.size(); ++p) {
    if (frequency[p] > 0)
      score += stats->idf[p] * frequency[p] * (kK1 + 1) / (frequency[p] + length_norm);
  }
  sqlite3_result_double(ctx, score);
}

// ---- jarida_html_text(html): the text a reader sees in the body.

void html_text(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* html = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (html == nullptr) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    return;
  }
  try {
    const std::string text = text::html_to_text(
        std::string_view(html, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
    sqlite3_result_text64(ctx, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  }
}

fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

}  // namespace

void register_search_functions(sqlite3* db) {
  fts5_api* api = fts5_api_of(db);
  if (api == nullptr || api->iVersion < 2) throw_error("open", "SQLite was built without FTS5");
  fts5_tokenizer tokenizer{tokenizer_create, tokenizer_delete, tokenizer_tokenize};
  if (api->xCreateTokenizer(api, "jarida", nullptr, &tokenizer, nullptr) != SQLITE_OK ||
      api->xCreateFunction(api, kRankFunction, nullptr, rank, nullptr) != SQLITE_OK)
    throw_error(db, "open: search tokenizer");
  if (sqlite3_create_function_v2(db, "jarida_html_text", 1,
                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                 html_text, nullptr, nullptr, nullptr) != SQLITE_OK)
    throw_error(db, "open: jarida_html_text");
}

}  // namespace jarida::store::sqlite
