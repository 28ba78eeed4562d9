// "هل تقصد": the indexed term closest to a word that matched nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace jarida::search {

// The code points of UTF-8 `s` (ill-formed bytes dropped).
std::u32string code_points(std::string_view s);

// Optimal string alignment distance (Levenshtein plus swapping two
// neighbours) between code point strings, or max + 1 once it exceeds `max`.
std::size_t edit_distance(std::u32string_view a, std::u32string_view b, std::size_t max);

// The term of `vocabulary` nearest to `stem` (both as indexed: normalized
// and stemmed): one edit away for words of up to 5 letters, two for longer
// ones; among equals, the one in most articles. nullopt when none is that
// close.
std::optional<std::string> closest_term(std::string_view stem,
                                        const std::vector<store::IndexedTerm>& vocabulary);

}  // namespace jarida::search
