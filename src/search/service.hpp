// Site search (issue 5): what a reader typed in, ranked articles out, with
// matches highlighted and "هل تقصد" when a word matched nothing. The plan:
//   1. parse the query (query.hpp) into words and quoted phrases;
//   2. give each word its variants (variants.hpp): one clause per word;
//   3. a clause that matches no article: a typo if a close indexed word
//      exists (that word is searched instead, and suggested), else the
//      query has no answer and returns nothing;
//   4. articles matching every clause first; then, for 3+ clauses, those
//      missing just one of them (marked partial, never before a full match).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/model.hpp"
#include "search/variants.hpp"
#include "store/store.hpp"

namespace jarida::search {

inline constexpr std::int64_t kDefaultPerPage = 10;
inline constexpr std::int64_t kMaxPerPage = 50;
inline constexpr std::int64_t kMaxPage = 100;  // deeper pages are not for readers

struct SearchRequest {
  std::string_view query;
  std::int64_t page = 1;                    // clamped to 1..kMaxPage
  std::int64_t per_page = kDefaultPerPage;  // clamped to 1..kMaxPerPage
  core::TimePoint now{};
};

struct SearchResult {
  core::ArticleSummary article;
  std::string title_html;    // escaped, matches in <mark>
  std::string snippet_html;  // escaped, matches in <mark>, "…" where cut
  bool partial = false;      // matches all but one of several words
};

struct SearchResults {
  std::int64_t total = 0;
  // There are more than `total`: matches are counted up to 1,000 (kMaxPage
  // pages of kDefaultPerPage), or as far as the reader can page if further.
  bool total_capped = false;
  std::int64_t page = 1;
  std::int64_t per_page = kDefaultPerPage;
  std::optional<std::string> suggestion;  // the query with a typo corrected
  std::vector<SearchResult> results;
  bool nothing_to_search = false;  // empty, or only punctuation
  bool cut = false;                // longer than we read: only its start was searched
};

struct PlannedClause;
struct ParsedQuery;

class SearchService {
 public:
  // Starts a thread that keeps the typo vocabulary fresh (see vocabulary()).
  SearchService(store::Store& store, VariantTable variants);
  ~SearchService();

  SearchResults search(const SearchRequest& request);

 private:
  // Every indexed term with its article count, for typo suggestions.
  // Reading it scans the whole index (~1 s for 100k articles), so readers
  // never wait for it except the very first time: a background thread
  // reloads it when content changed and the copy is kVocabularyMaxAge old.
  std::shared_ptr<const std::vector<store::IndexedTerm>> vocabulary();
  void refresh_vocabulary(std::stop_token stop);
  void load_vocabulary();
  // The clause for a word that matched nothing, spelled as the nearest
  // indexed word that articles write within a typo of it; nullopt if none.
  std::optional<PlannedClause> correct_typo(const ParsedQuery& parsed, const PlannedClause& c,
                                            core::TimePoint now);

  store::Store& store_;
  const VariantTable variants_;
  std::mutex load_mutex_;        // one load at a time
  std::mutex vocabulary_mutex_;  // guards the three below
  std::shared_ptr<const std::vector<store::IndexedTerm>> vocabulary_;
  std::uint64_t vocabulary_version_ = 0;
  std::chrono::steady_clock::time_point vocabulary_loaded_{};
  std::condition_variable_any wake_;
  std::jthread refresher_;  // last: stops (and joins) before the rest goes
};

}  // namespace jarida::search
