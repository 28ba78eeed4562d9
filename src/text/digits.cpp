// Digit folding between the three digit sets an Arabic newsroom meets:
// Latin 0-9, Arabic-Indic ٠-٩ (U+0660..U+0669, Egypt/Levant/Gulf) and
// Extended Arabic-Indic ۰-۹ (U+06F0..U+06F9, the "Persian" digits that arrive
// in copy from Persian/Urdu keyboards). Tested in tests/text/digits_test.cpp.
//
// Both non-Latin sets are two-byte UTF-8 sequences whose lead byte (D9, DB)
// can never be a continuation byte, so matching byte pairs is exact even on
// text that is not valid UTF-8: no decoder is needed.
#include "text/digits.hpp"

#include <charconv>

namespace jarida::text {

namespace {

// U+0660..U+0669 = D9 A0..D9 A9; U+06F0..U+06F9 = DB B0..DB B9.
constexpr unsigned char kArabicIndicLead = 0xD9;
constexpr unsigned char kArabicIndicZero = 0xA0;
constexpr unsigned char kPersianLead = 0xDB;
constexpr unsigned char kPersianZero = 0xB0;

}  // namespace

// Rule: Arabic-Indic and Persian digits read as the same numbers as 0-9
// (used for slugs, search normalization and parsing user input).
std::string to_latin_digits(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (i + 1 < s.size()) {
      const auto trail = static_cast<unsigned char>(s[i + 1]);
      if (lead == kArabicIndicLead && trail >= kArabicIndicZero && trail <= kArabicIndicZero + 9) {
        out.push_back(static_cast<char>('0' + (trail - kArabicIndicZero)));
        ++i;
        continue;
      }
      if (lead == kPersianLead && trail >= kPersianZero && trail <= kPersianZero + 9) {
        out.push_back(static_cast<char>('0' + (trail - kPersianZero)));
        ++i;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// Rule: sites set to Arabic-Indic digits (SEED-PAGE.md part 2) show every
// number, dates and counters alike, as ٠-٩. Always the Arabic-Indic set,
// never the Persian one, which Arabic readers see as foreign.
std::string to_arabic_indic_digits(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      out.push_back(static_cast<char>(kArabicIndicLead));
      out.push_back(static_cast<char>(kArabicIndicZero + (c - '0')));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::int64_t> parse_positive_int(std::string_view s) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || s.front() == '-' || ec != std::errc{} || end != s.data() + s.size() || n < 1)
    return std::nullopt;
  return n;
}

}  // namespace jarida::text
