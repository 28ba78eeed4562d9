// What a reader typed into the search box, as terms. Any input is text:
// quotes make phrases, and everything else (* - ^ OR NEAR( parentheses,
// invalid UTF-8) is only ever words or separators; nothing reaches the
// index as query syntax.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jarida::search {

// Longer queries are cut here (a pasted paragraph is not a query).
inline constexpr std::size_t kMaxQueryBytes = 512;
inline constexpr std::size_t kMaxTerms = 10;
inline constexpr std::size_t kMaxPhraseWords = 8;

struct QueryWord {
  std::string original;    // as typed (valid UTF-8, harakat kept)
  std::string normalized;  // text::normalize_for_matching
  std::string stem;        // text::search_stem: what the index holds
  std::size_t offset = 0;  // bytes into text::valid_utf8(raw query)
};

struct QueryTerm {
  std::vector<QueryWord> words;  // one, or several for a quoted phrase
  bool quoted = false;
};

struct ParsedQuery {
  std::vector<QueryTerm> terms;
  bool cut = false;  // the query was longer than the limits above
};

// Splits on double quotes (" “ ” « »): text between a pair is a phrase,
// an unpaired quote is ignored. Unquoted function words (في، من، على ...)
// are dropped unless nothing else is left.
ParsedQuery parse_query(std::string_view raw);

// True for the unquoted words a reader adds that say nothing about the
// subject (normalized form: في من علي الي ...).
bool is_stopword(std::string_view normalized);

}  // namespace jarida::search
