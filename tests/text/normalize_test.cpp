// Normalization for matching (src/text/normalize.cpp): one test per rule of
// the fold table, plus NFKC, invalid UTF-8 and the tokenizer's offsets.
#include "text/normalize.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jarida::text {
namespace {

TEST(Normalize, FoldsAlefWithHamzaAbove) {
  EXPECT_EQ(normalize_for_matching("أحمد"), "احمد");
}
TEST(Normalize, FoldsAlefWithHamzaBelow) {
  EXPECT_EQ(normalize_for_matching("إسلام"), "اسلام");
}
TEST(Normalize, FoldsAlefWithMadda) {
  EXPECT_EQ(normalize_for_matching("آخر"), "اخر");
}
TEST(Normalize, FoldsAlefWasla) {
  EXPECT_EQ(normalize_for_matching("ٱلله"), "الله");
}
TEST(Normalize, FoldsAlefMaqsuraToYeh) {
  EXPECT_EQ(normalize_for_matching("مستشفى"), "مستشفي");
}
TEST(Normalize, FoldsTaaMarbutaToHeh) {
  EXPECT_EQ(normalize_for_matching("جامعة"), "جامعه");
}
TEST(Normalize, FoldsWawWithHamza) {
  EXPECT_EQ(normalize_for_matching("مؤتمر"), "موتمر");
}
TEST(Normalize, FoldsYehWithHamza) {
  EXPECT_EQ(normalize_for_matching("رئيس"), "رييس");
}
TEST(Normalize, FoldsFarsiYeh) {
  EXPECT_EQ(normalize_for_matching("علی"), "علي");
}
TEST(Normalize, FoldsKeheh) {
  EXPECT_EQ(normalize_for_matching("کتاب"), "كتاب");
}
TEST(Normalize, FoldsHehGoal) {
  EXPECT_EQ(normalize_for_matching("مدرسہ"), "مدرسه");
}
TEST(Normalize, FoldsHehWithYehAbove) {
  // U+06C0 is canonically U+06D5 + U+0654, so NFKC leaves it composed.
  EXPECT_EQ(normalize_for_matching("\u06C0"), "ه");
}

TEST(Normalize, StripsHarakat) {
  EXPECT_EQ(normalize_for_matching("كَتَبَ"), "كتب");
  EXPECT_EQ(normalize_for_matching("مُحَمَّدٌ"), "محمد");    // damma, shadda, dammatan
  EXPECT_EQ(normalize_for_matching("كتابًا"), "كتابا");  // fathatan U+064B
  EXPECT_EQ(normalize_for_matching("ب\u065Fت"), "بت");  // wavy hamza below U+065F
}
TEST(Normalize, StripsSuperscriptAlef) {
  EXPECT_EQ(normalize_for_matching("هٰذا"), "هذا");
}
TEST(Normalize, StripsTatweel) {
  EXPECT_EQ(normalize_for_matching("مـــصـر"), "مصر");
}
TEST(Normalize, StripsQuranicMarks) {
  EXPECT_EQ(normalize_for_matching("الرحيم\u06D6"), "الرحيم");  // first of the range
  EXPECT_EQ(normalize_for_matching("قل\u06DAهو"), "قلهو");
  EXPECT_EQ(normalize_for_matching("ا\u06EDب"), "اب");    // last of the range
  EXPECT_EQ(normalize_for_matching("\u06EE"), "\u06EE");  // just past it: a letter
}

TEST(Normalize, NfkcFoldsPresentationForms) {
  EXPECT_EQ(normalize_for_matching("ﻻ"), "لا");     // lam-alef ligature U+FEFB
  EXPECT_EQ(normalize_for_matching("ﻷ"), "لا");     // lam-alef with hamza: NFKC, then fold
  EXPECT_EQ(normalize_for_matching("ﷲ"), "الله");   // U+FDF2
  EXPECT_EQ(normalize_for_matching("ﺑﺴﻢ"), "بسم");  // positional forms
}

TEST(Normalize, ComposesBeforeFolding) {
  // alef + combining hamza above composes to أ, which then folds to ا (not
  // "alef" by accident of stripping U+0654: check with waw and yeh too).
  EXPECT_EQ(normalize_for_matching("\u0627\u0654حمد"), "احمد");
  EXPECT_EQ(normalize_for_matching("\u0648\u0654"), "و");
  EXPECT_EQ(normalize_for_matching("\u064A\u0654"), "ي");
  EXPECT_EQ(normalize_for_matching("\u0627\u0653"), "ا");  // + madda = آ
  EXPECT_EQ(normalize_for_matching("\u0627\u0654حمد"), normalize_for_matching("أحمد"));
}

TEST(Normalize, ArabicIndicDigits) {
  EXPECT_EQ(normalize_for_matching("٢٠١٩"), "2019");
}
TEST(Normalize, PersianDigits) {
  EXPECT_EQ(normalize_for_matching("۲۰۱۹"), "2019");
}

TEST(Normalize, LowerCasesLatin) {
  EXPECT_EQ(normalize_for_matching("Facebook COVID-19"), "facebook covid-19");
  EXPECT_EQ(normalize_for_matching("ÉCOLE"), "école");
}

TEST(Normalize, DropsInvalidUtf8) {
  EXPECT_EQ(normalize_for_matching("مص\xFFر"), "مصر");
  EXPECT_EQ(normalize_for_matching("\xC0\x80"), "");          // overlong NUL
  EXPECT_EQ(normalize_for_matching("a\xED\xA0\x80z"), "az");  // surrogate
  EXPECT_EQ(normalize_for_matching("\xD9"), "");              // truncated
  EXPECT_EQ(normalize_for_matching(""), "");
}

TEST(Normalize, LeavesOtherTextAlone) {
  EXPECT_EQ(normalize_for_matching("قال: «نعم» 10%"), "قال: «نعم» 10%");
  EXPECT_EQ(normalize_for_matching("ء"), "ء");  // lone hamza is a letter
}

TEST(Normalize, IssueExamplesMatch) {
  EXPECT_EQ(normalize_for_matching("جامعه"), normalize_for_matching("جامعة"));
  EXPECT_EQ(normalize_for_matching("الاطباء"), normalize_for_matching("الأطباء"));
  EXPECT_EQ(normalize_for_matching("إِسْرَائِيل"), normalize_for_matching("اسراييل"));
}

std::vector<std::string> slices(std::string_view original, const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    out.emplace_back(original.substr(t.begin, t.end - t.begin));
  }
  return out;
}

std::vector<std::string> words(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    out.push_back(t.normalized);
  }
  return out;
}

// Text NFKC leaves alone skips ICU (normalize.cpp, nfkc_stable): the same
// word must come out the same with a character that forces the ICU path
// (a Latin é, NFKC-stable but outside the fast set) next to it.
TEST(Normalize, FastPathAgreesWithIcuPath) {
  for (std::string w :
       {"المَدْرَسَةُ", "إلى", "مُسْتَشْفَى", "٢٠٢٦", "Facebook", "شارعـ", "ﻻ", "ا\u0654", "\u0675"}) {
    EXPECT_EQ(normalize_for_matching(w + " é"), normalize_for_matching(w) + " é") << w;
  }
}

TEST(NormalizeTokenize, OffsetsPointAtOriginalVowelledWords) {
  const std::string_view text = "قَالَ الوزيرُ: «سنبدأ»";
  const auto tokens = tokenize(text);
  EXPECT_EQ(words(tokens), (std::vector<std::string>{"قال", "الوزير", "سنبدا"}));
  EXPECT_EQ(slices(text, tokens), (std::vector<std::string>{"قَالَ", "الوزيرُ", "سنبدأ"}));
}

TEST(NormalizeTokenize, TatweelAndDigitsAndLatin) {
  const std::string_view text = "مـصـر ٢٠١٩, iPhone-15";
  const auto tokens = tokenize(text);
  EXPECT_EQ(words(tokens), (std::vector<std::string>{"مصر", "2019", "iphone", "15"}));
  EXPECT_EQ(slices(text, tokens), (std::vector<std::string>{"مـصـر", "٢٠١٩", "iPhone", "15"}));
}

TEST(NormalizeTokenize, DecomposedHamzaStaysInWord) {
  const std::string_view text = "\u0627\u0654حمد";
  const auto tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].normalized, "احمد");
  EXPECT_EQ(tokens[0].begin, 0u);
  EXPECT_EQ(tokens[0].end, text.size());
}

TEST(NormalizeTokenize, LigatureExpandingToWordsKeepsItsOffsets) {
  const std::string_view text = "النبي ﷺ";
  const auto tokens = tokenize(text);
  EXPECT_EQ(words(tokens), (std::vector<std::string>{"النبي", "صلي", "الله", "عليه", "وسلم"}));
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    EXPECT_EQ(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin), "ﷺ");
  }
}

TEST(NormalizeTokenize, InvalidBytesSeparateWordsAndLoneMarksVanish) {
  const std::string_view text = "مص\xFFر ـــ";
  const auto tokens = tokenize(text);
  EXPECT_EQ(words(tokens), (std::vector<std::string>{"مص", "ر"}));
  EXPECT_EQ(slices(text, tokens), (std::vector<std::string>{"مص", "ر"}));
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize(" ،.!؟ ").empty());
}

}  // namespace
}  // namespace jarida::text
