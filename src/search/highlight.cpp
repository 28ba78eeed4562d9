#include "search/highlight.hpp"

#include <algorithm>
#include <vector>

#include "text/normalize.hpp"
#include "text/stem.hpp"
#include "text/utf8.hpp"

namespace jarida::search {

namespace {

struct Word {
  std::size_t begin, end;
  const std::string* stem;  // into `stems`, or nullptr when not a match
};

// A stem is a piece of its normalized word (stemming only cuts letters off
// either end), so a word containing none of the stems can't match: most
// words of a body are passed over without stemming them.
bool may_match(std::string_view normalized, const StemSet& stems) {
  return std::any_of(stems.begin(), stems.end(), [&](const std::string& s) {
    return normalized.find(s) != std::string_view::npos;
  });
}

std::vector<Word> words_of(std::string_view text, const StemSet& stems) {
  std::vector<Word> words;
  for (const text::Token& t : text::tokenize(text)) {
    // Any stem the index holds for the word (with or without a particle).
    auto it = stems.end();
    if (may_match(t.normalized, stems))
      for (const std::string& s : text::index_stems(t.normalized))
        if (it == stems.end()) it = stems.find(s);
    // NFKC can split one code point into several tokens with equal offsets.
    if (!words.empty() && words.back().begin == t.begin) {
      if (it != stems.end()) words.back().stem = &*it;
      continue;
    }
    words.push_back({t.begin, t.end, it != stems.end() ? &*it : nullptr});
  }
  return words;
}

// text[begin, end) escaped, with the matched words among `words` marked.
std::string marked(std::string_view text, std::size_t begin, std::size_t end,
                   const std::vector<Word>& words) {
  std::string out;
  std::size_t at = begin;
  for (const Word& w : words) {
    if (w.stem == nullptr || w.begin < begin || w.end > end) continue;
    out += text::html_escape(text.substr(at, w.begin - at));
    out += "<mark>";
    out += text::html_escape(text.substr(w.begin, w.end - w.begin));
    out += "</mark>";
    at = w.end;
  }
  out += text::html_escape(text.substr(at, end - at));
  return out;
}

}  // namespace

std::string highlight_html(std::string_view text, const StemSet& stems) {
  const std::vector<Word> words = words_of(text, stems);
  return marked(text, 0, text.size(), words);
}

std::string snippet_html(std::string_view text, const StemSet& stems, std::size_t count) {
  const std::vector<Word> words = words_of(text, stems);
  if (words.empty()) return "";
  count = std::max<std::size_t>(count, 1);
  // The window of `count` words with the most distinct matched stems, then
  // the most matches; the earliest such window wins.
  std::size_t best_start = 0;
  std::size_t best_last = 0;  // its last matched word
  std::pair<std::size_t, std::size_t> best{0, 0};
  for (std::size_t start = 0; start < words.size(); ++start) {
    if (words[start].stem == nullptr && start != 0) continue;  // windows start at a match
    std::vector<const std::string*> seen;
    std::size_t matches = 0;
    std::size_t last = start;
    for (std::size_t i = start; i < std::min(words.size(), start + count); ++i) {
      if (words[i].stem == nullptr) continue;
      ++matches;
      last = i;
      if (std::find(seen.begin(), seen.end(), words[i].stem) == seen.end())
        seen.push_back(words[i].stem);
    }
    const std::pair<std::size_t, std::size_t> score{seen.size(), matches};
    if (score > best) {
      best = score;
      best_start = start;
      best_last = last;
    }
  }
  // Room the matches leave goes to a few words before them, for context.
  constexpr std::size_t kLead = 4;
  const std::size_t room = count - (best_last - best_start + 1);
  const std::size_t first = best.first == 0 ? 0 : best_start - std::min({kLead, best_start, room});
  const std::size_t last = std::min(words.size(), first + count) - 1;
  const std::size_t begin = first == 0 ? 0 : words[first].begin;
  const std::size_t end = last + 1 == words.size() ? text.size() : words[last].end;
  std::string out;
  if (first > 0) out += "… ";
  out += marked(text, begin, end, words);
  if (end < text.size()) out += " …";
  return out;
}

}  // namespace jarida::search
