// Digit folding (src/text/digits.cpp): ٠-٩ and ۰-۹ read as 0-9; sites set to
// Arabic-Indic digits get ٠-٩, never the Persian set.
#include "text/digits.hpp"

#include <gtest/gtest.h>

namespace jarida::text {
namespace {

TEST(Digits, ArabicIndicToLatin) {
  EXPECT_EQ(to_latin_digits("٠١٢٣٤٥٦٧٨٩"), "0123456789");
  EXPECT_EQ(to_latin_digits("العدد ٤٢ من المجلة"), "العدد 42 من المجلة");
}

TEST(Digits, PersianToLatin) {
  EXPECT_EQ(to_latin_digits("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
  EXPECT_EQ(to_latin_digits("سال ۱۴۰۲"), "سال 1402");
}

TEST(Digits, MixedSetsAndLatinUntouched) {
  EXPECT_EQ(to_latin_digits("٣ و۷ و9"), "3 و7 و9");
  EXPECT_EQ(to_latin_digits("abc 123"), "abc 123");
  EXPECT_EQ(to_latin_digits(""), "");
}

TEST(Digits, LeavesNeighbouringArabicLettersAlone) {
  // U+0661 (١) shares its lead byte with letters such as U+0641 (ف) and
  // U+064A (ي); only the digit range may change.
  EXPECT_EQ(to_latin_digits("في ١ يوم"), "في 1 يوم");
  // ۺ (U+06FA) follows ۹ (U+06F9) and is a letter, not a digit.
  EXPECT_EQ(to_latin_digits("۹ۺ"), "9ۺ");
}

TEST(Digits, LatinToArabicIndic) {
  EXPECT_EQ(to_arabic_indic_digits("0123456789"), "٠١٢٣٤٥٦٧٨٩");
  EXPECT_EQ(to_arabic_indic_digits("زيارة: 1530"), "زيارة: ١٥٣٠");
  EXPECT_EQ(to_arabic_indic_digits("بلا أرقام"), "بلا أرقام");
}

TEST(Digits, ArabicIndicOutputIsNotPersian) {
  EXPECT_EQ(to_arabic_indic_digits("4 5 6"), "٤ ٥ ٦");
  EXPECT_NE(to_arabic_indic_digits("4"), "۴");
}

TEST(Digits, RoundTrip) {
  const std::string text = "الساعة 10:45 يوم 2024/03/07";
  EXPECT_EQ(to_latin_digits(to_arabic_indic_digits(text)), text);
}

}  // namespace
}  // namespace jarida::text

namespace jarida::text {
namespace {
TEST(ParsePositiveInt, WholeAsciiNumbersFromOneUp) {
  EXPECT_EQ(parse_positive_int("1"), 1);
  EXPECT_EQ(parse_positive_int("4242"), 4242);
  EXPECT_EQ(parse_positive_int("007"), 7);
  for (const char* bad : {"", "0", "-3", "+3", "3x", " 3", "3 ", "٣", "99999999999999999999"})
    EXPECT_EQ(parse_positive_int(bad), std::nullopt) << bad;
}
}  // namespace
}  // namespace jarida::text
