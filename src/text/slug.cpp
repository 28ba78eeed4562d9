// Slugs that keep Arabic letters (ARCHITECTURE.md "Arabic text"), the way
// WordPress's sanitize_title does for Arabic sites, so imported slugs and new
// ones look alike. Tested in tests/text/slug_test.cpp.
#include "text/slug.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace jarida::text {

namespace {

enum class Kind { keep, drop, separator };

// Harakat (fatha, damma, kasra, sukun, shadda, tanween, ...), superscript
// alef and the Quranic annotation marks: they sit on letters, so removing
// them must not split the word ("يُعلن" -> "يعلن").
bool is_arabic_mark(UChar32 c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED);
}

// Arabic letters as the slug keeps them: the basic block (hamza..yeh) and the
// extended letters (Persian/Urdu پ چ ژ گ ی ...). Hamza forms are kept as
// written (أ إ آ ؤ ئ): no folding, as WordPress.
bool is_arabic_letter(UChar32 c) {
  return (c >= 0x0621 && c <= 0x064A && c != 0x0640) || (c >= 0x066E && c <= 0x06D3);
}

// Classifies one code point; `mapped` receives what to append for `keep`.
Kind classify(UChar32 c, UChar32& mapped) {
  // Tatweel (kashida) only stretches a word for justification.
  if (c == 0x0640 || is_arabic_mark(c)) return Kind::drop;
  // Any other non-spacing mark belongs to the letter before it, and
  // invisible format characters (RLM/LRM, ALM, ZWNJ, soft hyphen) are not
  // word boundaries either: drop them rather than split the word.
  const auto type = static_cast<UCharCategory>(u_charType(c));
  if (type == U_NON_SPACING_MARK || type == U_FORMAT_CHAR) return Kind::drop;
  // Digits of any script, ٣ and ۳ included, become 0-9: "3" in the URL.
  if (type == U_DECIMAL_DIGIT_NUMBER) {
    mapped = '0' + u_charDigitValue(c);
    return Kind::keep;
  }
  if (is_arabic_letter(c)) {
    mapped = c;
    return Kind::keep;
  }
  UErrorCode status = U_ZERO_ERROR;
  if (u_isalpha(c) && uscript_getScript(c, &status) == USCRIPT_LATIN && U_SUCCESS(status)) {
    mapped = u_tolower(c);
    return Kind::keep;
  }
  // Spaces, punctuation (، ؛ ؟ « » “ ” . ...), symbols, other scripts.
  return Kind::separator;
}

}  // namespace

std::string slugify(std::string_view title) {
  // Decode, dropping ill-formed UTF-8 (U8_NEXT yields a negative code point).
  icu::UnicodeString decoded;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(title.data());
  for (std::size_t i = 0; i < title.size();) {
    UChar32 c;
    U8_NEXT(bytes, i, title.size(), c);
    if (c >= 0) decoded.append(c);
  }

  // NFC first: a decomposed "أ" (alef + hamza above) must compose to U+0623,
  // not lose its hamza to the mark-stripping below.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString text = U_SUCCESS(status) ? nfc->normalize(decoded, status) : decoded;
  if (U_FAILURE(status)) text = decoded;

  icu::UnicodeString slug;
  bool pending_separator = false;  // a run of separators becomes one '-'
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    UChar32 mapped = 0;
    switch (classify(c, mapped)) {
      case Kind::drop:
        break;
      case Kind::separator:
        pending_separator = true;
        break;
      case Kind::keep:
        // Writing the '-' only before a kept character trims both ends.
        if (pending_separator && !slug.isEmpty()) slug.append(static_cast<UChar>(u'-'));
        pending_separator = false;
        slug.append(mapped);
        break;
    }
  }

  std::string out;
  slug.toUTF8String(out);
  return out;
}

}  // namespace jarida::text
