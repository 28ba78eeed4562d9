// Stemming for search. Both functions take a word already passed through
// normalize_for_matching (normalize.hpp): they rely on its folds (ة -> ه,
// أ -> ا, ...) and do not repeat them.
//
// Search uses light_stem. snowball_stem (libstemmer "arabic", the algorithm
// of PostgreSQL's `arabic` config) is kept for the issue 5 measurement
// (before/after stemming, light vs Snowball); switch only if that measurement
// says so.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jarida::text {

// Light stemmer: an article prefix (ال وال بال ...), then a suffix; at most
// one of each (tables and length rules in stem.cpp, "Light stemmer rules").
// Never touches a word that no rule matches (Latin, digits, short words).
std::string light_stem(std::string_view normalized_word);

// The word's stem without a leading single-letter particle (و ف ب ك ل),
// when it has none of the articles and enough letters are left: بمدرسة ->
// مدرس, كهرباء -> هرباء. The index holds it next to light_stem's (the
// letter may be part of the word), queries never use it.
std::optional<std::string> particle_stem(std::string_view normalized_word);

// Snowball's Arabic stemmer. Does not strip وال (والمدارس stays as is): run
// light_stem first if that matters. One stemmer per thread (libstemmer
// stemmers are not thread-safe), so any thread may call this.
std::string snowball_stem(std::string_view normalized_word);

// The stemmer the search index and the search queries use: light_stem
// unless the process chose otherwise. Only the relevance evaluation
// (tests/search/) changes it, to report figures without stemming and with
// Snowball; a server never does, since index and queries must agree.
enum class StemMode { none, light, snowball };
void set_search_stem_mode(StemMode mode);
StemMode search_stem_mode();
std::string search_stem(std::string_view normalized_word);
// What the index holds for a word: search_stem, then (light mode) the
// particle_stem when there is one and it differs.
std::vector<std::string> index_stems(std::string_view normalized_word);

}  // namespace jarida::text
