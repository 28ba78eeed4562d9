#include "search/query.hpp"

#include <algorithm>
#include <array>

#include "text/normalize.hpp"
#include "text/stem.hpp"
#include "text/utf8.hpp"

namespace jarida::search {

namespace {

// Normalized forms (ة->ه, ى->ي, أ->ا): prepositions, conjunctions,
// pronouns, demonstratives and relatives that a reader types around the
// words that matter. Only ever dropped from queries, never from the index,
// so quoted phrases still match them.
constexpr std::array<std::string_view, 62> kStopwords = {
    "في",    "من",     "علي",    "الي",  "عن",  "مع",  "ان",  "او",  "ثم",  "قد",   "لا",
    "لم",    "لن",     "ما",     "ماذا", "هل",  "هذا", "هذه", "ذلك", "تلك", "التي", "الذي",
    "الذين", "اللذين", "اللتين", "هو",   "هي",  "هم",  "هما", "نحن", "انا", "انت",  "كان",
    "كانت",  "يكون",   "تكون",   "عند",  "حتي", "كل",  "بين", "الا", "اذا", "لكن",  "بل",
    "ايضا",  "اي",     "منذ",    "خلال", "حول", "ضد",  "عبر", "لدي", "لقد", "فقد",  "وقد",
    "و",     "ف",      "ب",      "ل",    "ك",   "كيف", "متي"};

// The quote characters readers use: ASCII, curly and guillemets.
bool starts_with_quote(std::string_view s, std::size_t at, std::size_t& length) {
  for (std::string_view q : {"\"", "\u201C", "\u201D", "\u00AB", "\u00BB", "\u201E"}) {
    if (s.substr(at, q.size()) == q) {
      length = q.size();
      return true;
    }
  }
  return false;
}

// The words of text[at, at + length).
std::vector<QueryWord> words_of(std::string_view text, std::size_t at, std::size_t length) {
  const std::string_view segment = text.substr(at, length);
  std::vector<QueryWord> words;
  for (const text::Token& t : text::tokenize(segment)) {
    QueryWord w;
    w.offset = at + t.begin;
    w.original = std::string(segment.substr(t.begin, t.end - t.begin));
    w.normalized = t.normalized;
    w.stem = text::search_stem(t.normalized);
    words.push_back(std::move(w));
  }
  return words;
}

}  // namespace

bool is_stopword(std::string_view normalized) {
  return std::find(kStopwords.begin(), kStopwords.end(), normalized) != kStopwords.end();
}

ParsedQuery parse_query(std::string_view raw) {
  ParsedQuery parsed;
  std::string text = text::valid_utf8(raw);
  if (text.size() > kMaxQueryBytes) {
    text = text::cut_utf8(text, kMaxQueryBytes);
    parsed.cut = true;
  }
  // Quote positions; with an odd count the last one is ignored.
  std::vector<std::pair<std::size_t, std::size_t>> quotes;  // offset, length
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t length = 0;
    if (starts_with_quote(text, i, length)) {
      quotes.emplace_back(i, length);
      i += length - 1;
    }
  }
  if (quotes.size() % 2 == 1) quotes.pop_back();

  std::vector<QueryTerm> terms;
  auto add_unquoted = [&](std::size_t from, std::size_t length) {
    for (QueryWord& w : words_of(text, from, length)) terms.push_back({{std::move(w)}, false});
  };
  std::size_t at = 0;
  for (std::size_t q = 0; q < quotes.size(); q += 2) {
    add_unquoted(at, quotes[q].first - at);
    const std::size_t inner = quotes[q].first + quotes[q].second;
    std::vector<QueryWord> phrase = words_of(text, inner, quotes[q + 1].first - inner);
    if (phrase.size() > kMaxPhraseWords) {
      phrase.resize(kMaxPhraseWords);
      parsed.cut = true;
    }
    if (!phrase.empty()) terms.push_back({std::move(phrase), true});
    at = quotes[q + 1].first + quotes[q + 1].second;
  }
  add_unquoted(at, text.size() - at);

  const bool has_content = std::any_of(terms.begin(), terms.end(), [](const QueryTerm& t) {
    return t.quoted || !is_stopword(t.words.front().normalized);
  });
  for (QueryTerm& t : terms) {
    if (has_content && !t.quoted && is_stopword(t.words.front().normalized)) continue;
    if (parsed.terms.size() == kMaxTerms) {
      parsed.cut = true;
      break;
    }
    parsed.terms.push_back(std::move(t));
  }
  return parsed;
}

}  // namespace jarida::search
