// Matched words in <mark>, in the original text (harakat and all): the
// tokenizer's offsets point into the original, so what is marked is what
// the writer wrote, not its normalized form.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace jarida::search {

using StemSet = std::unordered_set<std::string>;

// All of `text`, HTML-escaped, with every word whose stem is in `stems`
// wrapped in <mark>...</mark>.
std::string highlight_html(std::string_view text, const StemSet& stems);

// About `words` words of `text` around its densest cluster of matches
// (the most different query words, then the most matches), HTML-escaped,
// with matches marked and "…" where text was cut. The start of the text
// when nothing matches.
std::string snippet_html(std::string_view text, const StemSet& stems, std::size_t words = 32);

}  // namespace jarida::search
