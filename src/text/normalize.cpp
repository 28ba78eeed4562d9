// Normalization for matching (see normalize.hpp). Every per-letter rule is in
// kFoldRules below, one line each with its name; tests/text/normalize_test.cpp
// has a test per line. NFKC runs first because folding needs composed text:
// decomposed input (ا + U+0654, or و + U+0654) must become أ/ؤ first, so
// that it folds by the letter rules and not by accident of U+0654 being in
// the stripped harakat range.
#include "text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>

namespace jarida::text {

namespace {

enum class Fold : std::uint8_t {
  kStrip,    // remove the code point
  kToOne,    // every code point in [first, last] becomes `to`
  kToRange,  // first..last become to..to+(last-first) (digit sets)
};

struct FoldRule {
  char32_t first;
  char32_t last;
  Fold kind;
  char32_t to;
  const char* name;
};

// THE fold table. All entries are in the Arabic block U+0600..U+06FF, which
// lets fold() use a 256-entry lookup built from this table at compile time.
constexpr FoldRule kFoldRules[] = {
    // Marks readers may or may not type: matching ignores them.
    {0x064B, 0x065F, Fold::kStrip, 0, "harakat (fathatan..wavy hamza below)"},
    {0x0670, 0x0670, Fold::kStrip, 0, "superscript alef"},
    {0x0640, 0x0640, Fold::kStrip, 0, "tatweel"},
    {0x06D6, 0x06ED, Fold::kStrip, 0, "Quranic annotation marks"},
    // Hamza/madda/wasla forms of alef: typed interchangeably with bare alef.
    {0x0622, 0x0623, Fold::kToOne, 0x0627, "alef with madda / hamza above -> alef"},
    {0x0625, 0x0625, Fold::kToOne, 0x0627, "alef with hamza below -> alef"},
    {0x0671, 0x0671, Fold::kToOne, 0x0627, "alef wasla -> alef"},
    {0x0649, 0x0649, Fold::kToOne, 0x064A, "alef maqsura -> yeh"},
    // DEBATABLE: taa marbuta -> heh. It merges the ة/ه word endings that
    // readers type interchangeably (مدرسة/مدرسه, especially in Egypt) at the
    // cost of rare homographs (e.g. a noun in ة and a word with the pronoun
    // suffix ه). Chosen because readers' typing varies most here.
    {0x0629, 0x0629, Fold::kToOne, 0x0647, "taa marbuta -> heh (debatable, see above)"},
    {0x0624, 0x0624, Fold::kToOne, 0x0648, "waw with hamza -> waw"},
    {0x0626, 0x0626, Fold::kToOne, 0x064A, "yeh with hamza -> yeh"},
    // Persian/Urdu keyboard variants that arrive in pasted copy.
    {0x06CC, 0x06CC, Fold::kToOne, 0x064A, "Farsi yeh -> yeh"},
    {0x06A9, 0x06A9, Fold::kToOne, 0x0643, "keheh -> kaf"},
    {0x06C1, 0x06C1, Fold::kToOne, 0x0647, "heh goal -> heh"},
    {0x06C0, 0x06C0, Fold::kToOne, 0x0647, "heh with yeh above -> heh"},
    // Digits: the same numbers (also text/digits.cpp for display input).
    {0x0660, 0x0669, Fold::kToRange, U'0', "Arabic-Indic digits -> 0-9"},
    {0x06F0, 0x06F9, Fold::kToRange, U'0', "Persian digits -> 0-9"},
};

constexpr char32_t kArabicBlock = 0x0600;
constexpr std::int32_t kKeep = -1;
constexpr std::int32_t kDrop = 0;

// kFold[c - 0x0600]: kKeep, kDrop, or the replacement code point.
constexpr std::array<std::int32_t, 256> kFold = [] {
  std::array<std::int32_t, 256> t{};
  t.fill(kKeep);
  for (const FoldRule& r : kFoldRules) {
    for (char32_t c = r.first; c <= r.last; ++c) {
      const auto i = c - kArabicBlock;
      switch (r.kind) {
        case Fold::kStrip:
          t[i] = kDrop;
          break;
        case Fold::kToOne:
          t[i] = static_cast<std::int32_t>(r.to);
          break;
        case Fold::kToRange:
          t[i] = static_cast<std::int32_t>(r.to + (c - r.first));
          break;
      }
    }
  }
  return t;
}();

// The folded code point, or kDrop. Rule 4: lower-case everything the table
// does not cover (only Latin and other cased scripts change).
std::int32_t fold(UChar32 c) {
  if (c >= 0x0600 && c <= 0x06FF) {
    const std::int32_t f = kFold[static_cast<std::size_t>(c - 0x0600)];
    if (f != kKeep) {
      return f;
    }
    return c;
  }
  return u_tolower(c);
}

bool is_stripped(UChar32 c) {
  return c >= 0x0600 && c <= 0x06FF && kFold[c - 0x0600] == kDrop;
}

const std::uint8_t* as_bytes(std::string_view s) {
  return reinterpret_cast<const std::uint8_t*>(s.data());
}

void append_utf8(std::string& out, UChar32 c) {
  std::array<std::uint8_t, U8_MAX_LENGTH> buf{};
  std::size_t n = 0;
  U8_APPEND_UNSAFE(buf.data(), n, c);
  out.append(reinterpret_cast<const char*>(buf.data()), n);
}

// Part of a word: letters and digits, and the marks that sit on them.
bool is_word_char(UChar32 c) {
  if (c < 0) {
    return false;
  }
  if (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || is_stripped(c)) {
    return true;
  }
  const auto type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

// Splits an already normalized string into its words (usually one).
void append_words(std::string_view normalized, std::size_t begin, std::size_t end,
                  std::vector<Token>& out) {
  std::size_t i = 0;
  std::size_t word_start = 0;
  bool in_word = false;
  while (i < normalized.size()) {
    const std::size_t at = i;
    UChar32 c;
    U8_NEXT(as_bytes(normalized), i, normalized.size(), c);
    const bool word = is_word_char(c);
    if (word && !in_word) {
      word_start = at;
    } else if (!word && in_word) {
      out.push_back({std::string(normalized.substr(word_start, at - word_start)), begin, end});
    }
    in_word = word;
  }
  if (in_word) {
    out.push_back({std::string(normalized.substr(word_start)), begin, end});
  }
}

}  // namespace

namespace {

// Code points that NFKC leaves as they are, whatever follows them, as far as
// matching can tell: ASCII, and the Arabic block except the three marks
// that compose with a letter before them (U+0653..U+0655: ا + ٔ is أ) and
// the four letters with a compatibility decomposition (U+0675..U+0678).
// Harakat may be reordered by NFKC, but they are dropped anyway. Text made
// only of these (nearly all Arabic news text) skips ICU: normalizing is on
// the path of every indexed word and every highlighted result.
bool nfkc_stable(UChar32 c) {
  if (c >= 0x20 && c < 0x7F) return true;
  if (c < 0x0600 || c > 0x06FF) return false;
  return !(c >= 0x0653 && c <= 0x0655) && !(c >= 0x0675 && c <= 0x0678);
}

}  // namespace

std::string normalize_for_matching(std::string_view text) {
  // Fast path (see nfkc_stable): fold and lower-case straight from UTF-8.
  {
    std::string out;
    out.reserve(text.size());
    bool stable = true;
    for (std::size_t i = 0; i < text.size() && stable;) {
      UChar32 c;
      U8_NEXT(as_bytes(text), i, text.size(), c);
      if (c < 0) continue;  // ill-formed bytes are dropped either way
      stable = nfkc_stable(c);
      if (!stable) break;
      const std::int32_t f = fold(c);
      if (f != kDrop) append_utf8(out, f);
    }
    if (stable) return out;
  }
  // 1. Decode, dropping ill-formed bytes.
  icu::UnicodeString decoded;
  for (std::size_t i = 0; i < text.size();) {
    UChar32 c;
    U8_NEXT(as_bytes(text), i, text.size(), c);
    if (c >= 0) {
      decoded.append(c);
    }
  }
  // 2. NFKC (compose before folding).
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString composed;
  if (U_SUCCESS(status)) {
    composed = nfkc->normalize(decoded, status);
  }
  if (U_FAILURE(status)) {
    composed = decoded;  // ICU data missing: fold what we have
  }
  // 3 + 4. Fold table, then lower case.
  std::string out;
  out.reserve(text.size());
  for (int32_t i = 0; i < composed.length();) {
    const UChar32 c = composed.char32At(i);
    i += U16_LENGTH(c);
    const std::int32_t f = fold(c);
    if (f != kDrop) {
      append_utf8(out, f);
    }
  }
  return out;
}

std::vector<Token> tokenize(std::string_view original) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  std::size_t word_start = 0;
  bool in_word = false;
  auto finish = [&](std::size_t end) {
    const std::string_view word = original.substr(word_start, end - word_start);
    append_words(normalize_for_matching(word), word_start, end, tokens);
  };
  while (i < original.size()) {
    const std::size_t at = i;
    UChar32 c;
    U8_NEXT(as_bytes(original), i, original.size(), c);
    const bool word = is_word_char(c);
    if (word && !in_word) {
      word_start = at;
    } else if (!word && in_word) {
      finish(at);
    }
    in_word = word;
  }
  if (in_word) {
    finish(original.size());
  }
  return tokens;
}

}  // namespace jarida::text
