#include "search/typo.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

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

std::optional<std::string> closest_term(std::string_view stem,
                                        const std::vector<store::IndexedTerm>& vocabulary) {
  const std::u32string word = code_points(stem);
  if (word.size() < 3) return std::nullopt;  // too short to guess from
  const std::size_t max = word.size() <= 5 ? 1 : 2;
  const store::IndexedTerm* best = nullptr;
  std::size_t best_distance = max + 1;
  for (const store::IndexedTerm& t : vocabulary) {
    // Cheap length filter on bytes first (Arabic letters are 2 bytes).
    const std::size_t bytes = t.term.size();
    if (bytes + 2 * max * 2 < stem.size() || bytes > stem.size() + 2 * max * 2) continue;
    const std::size_t d = edit_distance(word, code_points(t.term), max);
    if (d == 0 || d > max) continue;
    // Among equally close terms: one with the same first letter (typos
    // rarely hit it: المينا -> ميناء, not لينا), then the most used.
    const bool same_first = !t.term.empty() && code_points(t.term).front() == word.front();
    const bool best_same_first = best && code_points(best->term).front() == word.front();
    if (d < best_distance ||
        (d == best_distance && (same_first > best_same_first ||
                                (same_first == best_same_first && t.articles > best->articles)))) {
      best = &t;
      best_distance = d;
    }
  }
  if (best == nullptr) return std::nullopt;
  return best->term;
}

}  // namespace jarida::search
