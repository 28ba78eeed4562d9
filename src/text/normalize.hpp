// Normalization for matching: the one Arabic text pipeline that search uses
// identically at index time and at query time (issue 5, ARCHITECTURE.md
// "Arabic text"). The rules live in one table in normalize.cpp; each has a
// test in tests/text/normalize_test.cpp. Stemming is separate (stem.hpp) and
// runs on the output of this file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jarida::text {

// The matching form of `text`, in this order:
//   1. invalid UTF-8 bytes are dropped;
//   2. NFKC (composes alef + U+0654 into أ before folding, folds
//      presentation forms such as ﻻ into لا);
//   3. per code point, the fold table in normalize.cpp: strip harakat,
//      superscript alef, tatweel and Quranic marks; fold hamza/madda alef
//      forms, alef maqsura, taa marbuta, hamza carriers and Persian/Urdu
//      letter variants; Arabic-Indic and Persian digits to 0-9;
//   4. everything else lower-cased (u_tolower; Arabic has no case).
// Never for display: keep the original text and map offsets back (tokenize).
std::string normalize_for_matching(std::string_view text);

struct Token {
  std::string normalized;  // normalize_for_matching of the word
  std::size_t begin = 0;   // byte offsets of the word in the ORIGINAL text,
  std::size_t end = 0;     // [begin, end), harakat and tatweel included
};

// Words of `original`: maximal runs of letters and digits (ICU alphabetic /
// alphanumeric), where combining marks, harakat, tatweel and Quranic marks
// count as part of the word. Invalid UTF-8 bytes separate words (so every
// [begin, end) slice is valid UTF-8). Runs that normalize to nothing (a lone
// tatweel) are skipped. When NFKC turns one code point into several words
// (ﷺ), each word is its own token with the same offsets.
// The offsets let search highlight matches in the original, vowelled text.
std::vector<Token> tokenize(std::string_view original);

}  // namespace jarida::text
