// Slug rules (src/text/slug.cpp): Arabic letters kept as written, harakat and
// tatweel stripped, digits folded to 0-9, Latin lower-cased, everything else
// a single '-'.
#include "text/slug.hpp"

#include <gtest/gtest.h>

namespace jarida::text {
namespace {

TEST(Slug, HeaderExample) {
  EXPECT_EQ(slugify("انفراد.. وزير الصحة يُعلن 3 قرارات"), "انفراد-وزير-الصحة-يعلن-3-قرارات");
}

TEST(Slug, StripsHarakatWithoutSplittingWords) {
  EXPECT_EQ(slugify("مَدْرَسَةٌ جَدِيدَةٌ فِي الْقَرْيَةِ"), "مدرسة-جديدة-في-القرية");
  EXPECT_EQ(slugify("شدّة"), "شدة");
}

TEST(Slug, StripsSuperscriptAlefAndQuranicMarks) {
  EXPECT_EQ(slugify("هٰذا"), "هذا");                // U+0670
  EXPECT_EQ(slugify("قال\u06D6 نعم"), "قال-نعم");  // U+06D6 small high ligature
  EXPECT_EQ(slugify("كتب\u06ED"), "كتب");
}

TEST(Slug, StripsTatweel) {
  EXPECT_EQ(slugify("عــــاجل"), "عاجل");
}

TEST(Slug, FoldsArabicIndicAndPersianDigits) {
  EXPECT_EQ(slugify("افتتاح ٣ مدارس عام ٢٠٢٤"), "افتتاح-3-مدارس-عام-2024");
  EXPECT_EQ(slugify("گزارش ۱۴۰۲"), "گزارش-1402");
}

TEST(Slug, LowerCasesLatin) {
  EXPECT_EQ(slugify("شركة ACME تطلق TabletX"), "شركة-acme-تطلق-tabletx");
}

TEST(Slug, ArabicPunctuationIsASeparator) {
  EXPECT_EQ(slugify("هل يفوز الفريق؟ «نعم»، يقول المدرب؛ والجمهور “متفائل”"),
            "هل-يفوز-الفريق-نعم-يقول-المدرب-والجمهور-متفائل");
}

TEST(Slug, DotsAndHyphensCollapseToOneSeparator) {
  EXPECT_EQ(slugify("الإصدار 2.5 -- متاح"), "الإصدار-2-5-متاح");
}

TEST(Slug, TrimsSeparatorsAtBothEnds) {
  EXPECT_EQ(slugify("  «خبر»!!  "), "خبر");
  EXPECT_EQ(slugify("...مقال..."), "مقال");
}

TEST(Slug, KeepsHamzaFormsAsWritten) {
  // No folding: أ إ آ ؤ ئ ة ى stay as typed, as WordPress does.
  EXPECT_EQ(slugify("إطلاق أول آلة مؤتمتة جديدة في مستشفى"),
            "إطلاق-أول-آلة-مؤتمتة-جديدة-في-مستشفى");
  EXPECT_EQ(slugify("رئيس"), "رئيس");
}

TEST(Slug, ComposesDecomposedHamzaBeforeStripping) {
  // Alef + combining hamza above (U+0654) must become أ (U+0623), not lose
  // its hamza to the mark-stripping rule.
  EXPECT_EQ(slugify("\u0627\u0654مل"), "\u0623مل");
  EXPECT_EQ(slugify("\u0627\u0655نذار"), "\u0625نذار");  // hamza below -> إ
}

TEST(Slug, KeepsExtendedArabicLetters) {
  EXPECT_EQ(slugify("پژوهش چگونه"), "پژوهش-چگونه");
}

TEST(Slug, InvisibleFormatCharactersDoNotSplitWords) {
  EXPECT_EQ(slugify("\u200Fخبر\u200C عاجل\u061C"), "خبر-عاجل");
}

TEST(Slug, DropsInvalidUtf8) {
  EXPECT_EQ(slugify("خبر\xFF"
                    "عاجل"),
            "خبرعاجل");
  EXPECT_EQ(slugify("\xC0\xAF"
                    "abc"),
            "abc");  // overlong '/'
}

TEST(Slug, MayBeEmpty) {
  EXPECT_EQ(slugify(""), "");
  EXPECT_EQ(slugify("؟؟ … !!"), "");
  EXPECT_EQ(slugify("ـــ"), "");  // tatweel only
}

TEST(Slug, OtherScriptsAndSymbolsAreSeparators) {
  EXPECT_EQ(slugify("سعر 5$ أو 4€"), "سعر-5-أو-4");
}

}  // namespace
}  // namespace jarida::text
