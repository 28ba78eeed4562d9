#include "search/typo.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace jarida::search {

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, s.size(), c);
    if (c >= 0) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::size_t edit_distance(std::u32string_view a, std::u32string_view b, std::size_t max) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max) return max + 1;
  // Three rows of the dynamic programme: two back (for swaps), one back, now.
  std::vector<std::size_t> two(m + 1), one(m + 1), now(m + 1);
  for (std::size_t j = 0; j <= m; ++j) one[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    now[0] = i;
    std::size_t row_min = now[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      now[j] = std::min({one[j] + 1, now[j - 1] + 1, one[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        now[j] = std::min(now[j], two[j - 2] + 1);
      row_min = std::min(row_min, now[j]);
    }
    if (row_min > max) return max + 1;
    std::swap(two, one);
    std::swap(one, now);
  }
  return std::min(one[m], max + 1);
}

std::size_t allowed_edits(std::size_t letters) {
  return letters <= 5 ? 1 : 2;
}

std::vector<std::string> closest_terms(std::string_view stem,
                                       const std::vector<store::IndexedTerm>& vocabulary,
                                       std::size_t count) {
  const std::u32string word = code_points(stem);
  if (word.size() < 3) return {};  // too short to guess from
  // One edit more than a word may have: stems hide some of the word
  // (زيتنو is two edits from زيت, the stem of الزيتون, one from the word);
  // the caller checks the word as written.
  const std::size_t max = allowed_edits(word.size()) + 1;
  struct Candidate {
    std::size_t distance;
    bool other_first_letter;
    std::int64_t articles;
    const std::string* term;
  };
  std::vector<Candidate> found;
  for (const store::IndexedTerm& t : vocabulary) {
    // Cheap length filter on bytes first (Arabic letters are 2 bytes).
    const std::size_t bytes = t.term.size();
    if (bytes + 4 * max < stem.size() || bytes > stem.size() + 4 * max) continue;
    const std::u32string term = code_points(t.term);
    const std::size_t d = edit_distance(word, term, max);
    if (d == 0 || d > max || term.empty()) continue;
    found.push_back({d, term.front() != word.front(), -t.articles, &t.term});
  }
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.distance, a.other_first_letter, a.articles, *a.term) <
           std::tie(b.distance, b.other_first_letter, b.articles, *b.term);
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < found.size() && i < count; ++i) out.push_back(*found[i].term);
  return out;
}

}  // namespace jarida::search
