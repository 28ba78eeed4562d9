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

// How many edits a typed word of `letters` letters may be from what was
// meant: one up to 5 letters, two beyond.
std::size_t allowed_edits(std::size_t letters);

// The terms of `vocabulary` nearest to `stem` (both as indexed: normalized
// and stemmed), best first, at most `count`: within allowed_edits + 1 (the
// caller checks the words as written against allowed_edits); among
// equally near ones, those with the same first letter (typos rarely hit it),
// then those in more articles.
std::vector<std::string> closest_terms(std::string_view stem,
                                       const std::vector<store::IndexedTerm>& vocabulary,
                                       std::size_t count = 5);

}  // namespace jarida::search
