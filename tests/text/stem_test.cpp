// Stemmers (src/text/stem.cpp): one test per light-stemmer rule, the issue 5
// examples end to end (normalize, then stem), and Snowball via libstemmer.
#include "text/stem.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "text/normalize.hpp"

namespace jarida::text {
namespace {

std::string stem(std::string_view word) {
  return light_stem(normalize_for_matching(word));
}

TEST(StemPrefix, ArticlePrefixes) {
  EXPECT_EQ(light_stem("الكتاب"), "كتاب");
  EXPECT_EQ(light_stem("والكتاب"), "كتاب");
  EXPECT_EQ(light_stem("بالكتاب"), "كتاب");
  EXPECT_EQ(light_stem("كالكتاب"), "كتاب");
  EXPECT_EQ(light_stem("فالكتاب"), "كتاب");
  EXPECT_EQ(light_stem("للكتاب"), "كتاب");
}

TEST(StemPrefix, ArticleNeedsThreeLettersLeft) {
  EXPECT_EQ(light_stem("الحج"), "الحج");
  EXPECT_EQ(light_stem("لله"), "لله");
  EXPECT_EQ(light_stem("الحرب"), "حرب");  // exactly three left
}

TEST(StemPrefix, SingleLetterPrefixes) {
  EXPECT_EQ(light_stem("وكتاب"), "كتاب");
  EXPECT_EQ(light_stem("فكتاب"), "كتاب");
  EXPECT_EQ(light_stem("بكتاب"), "كتاب");
  EXPECT_EQ(light_stem("ككتاب"), "كتاب");
  EXPECT_EQ(light_stem("لكتاب"), "كتاب");
}

TEST(StemPrefix, SingleLetterNeedsFourLettersLeft) {
  EXPECT_EQ(light_stem("كتاب"), "كتاب");  // not ك + تاب
  EXPECT_EQ(light_stem("ولد"), "ولد");
  EXPECT_EQ(light_stem("لندن"), "لندن");
  EXPECT_EQ(light_stem("بمصر"), "بمصر");  // conservative: three left, kept
}

TEST(StemPrefix, SingleLetterCountedAfterSuffix) {
  EXPECT_EQ(light_stem("كتابها"), "كتاب");  // not ك + تاب
  EXPECT_EQ(light_stem("وكتابها"), "كتاب");
  EXPECT_EQ(stem("وزارة"), stem("الوزارة"));     // both وزار
  EXPECT_EQ(light_stem("بريطانيا"), "ريطانيا");  // known cost, same at index and query
}

TEST(StemPrefix, NoParticleAfterArticle) {
  EXPECT_EQ(light_stem("الكتابه"), "كتاب");
  EXPECT_EQ(light_stem("البلاد"), "بلاد");  // not ال then ب
}

TEST(StemPrefix, OnlyOnePrefixLongestFirst) {
  EXPECT_EQ(light_stem("والمدارس"), "مدارس");  // وال, not و then ال
  EXPECT_EQ(light_stem("وبالكتاب"), "بالكتاب");
}

TEST(StemSuffix, PronounSuffixes) {
  EXPECT_EQ(light_stem("دفترها"), "دفتر");
  EXPECT_EQ(light_stem("كتابهم"), "كتاب");
  EXPECT_EQ(light_stem("كتابهن"), "كتاب");
  EXPECT_EQ(light_stem("كتابكم"), "كتاب");
  EXPECT_EQ(light_stem("كتابكن"), "كتاب");
  EXPECT_EQ(light_stem("كتابنا"), "كتاب");
  EXPECT_EQ(light_stem("كتابه"), "كتاب");
  EXPECT_EQ(light_stem("كتابي"), "كتاب");
}

TEST(StemSuffix, PluralDualAndNisbaSuffixes) {
  EXPECT_EQ(light_stem("معلمات"), "معلم");
  EXPECT_EQ(light_stem("معلمون"), "معلم");
  EXPECT_EQ(light_stem("معلمين"), "معلم");
  EXPECT_EQ(light_stem("معلمان"), "معلم");
  EXPECT_EQ(stem("عربية"), "عرب");  // ية normalizes to يه
}

TEST(StemSuffix, NeedsThreeLettersLeft) {
  EXPECT_EQ(light_stem("ابنه"), "ابن");  // exactly three left
  EXPECT_EQ(light_stem("منه"), "منه");
  EXPECT_EQ(light_stem("فيها"), "فيها");
  EXPECT_EQ(light_stem("بنات"), "بنات");
}

TEST(StemSuffix, OnlyOneSuffixLongestFirst) {
  EXPECT_EQ(light_stem("معلماتها"), "معلمات");  // ها only
  EXPECT_EQ(light_stem("علميه"), "علم");        // يه before ه
}

TEST(StemLight, PrefixThenSuffix) {
  EXPECT_EQ(light_stem("والمعلمون"), "معلم");
}

TEST(StemLight, LeavesLatinDigitsAndEmptyAlone) {
  EXPECT_EQ(light_stem("facebook"), "facebook");
  EXPECT_EQ(light_stem("2019"), "2019");
  EXPECT_EQ(light_stem(""), "");
}

TEST(StemIssueExamples, SpellingVariantsMeetAfterNormalizeAndStem) {
  EXPECT_EQ(stem("المدرسة"), stem("مدرسه"));
  EXPECT_EQ(stem("جامعه"), stem("جامعة"));
  EXPECT_EQ(stem("الاطباء"), stem("الأطباء"));
  EXPECT_EQ(stem("القطار"), stem("للقطار"));
  EXPECT_EQ(stem("المدرسة"), "مدرس");
  EXPECT_EQ(stem("القطار"), "قطار");
}

TEST(StemSnowball, StemsArabic) {
  EXPECT_FALSE(snowball_stem("المدارس").empty());
  EXPECT_EQ(snowball_stem("المدارس"), "مدارس");
  EXPECT_EQ(snowball_stem("جامعه"), "جامع");
  EXPECT_EQ(snowball_stem(""), "");
}

TEST(StemSnowball, DoesNotStripWawAlButLightStemFirstDoes) {
  // DEPENDENCIES.md: Snowball leaves والمدارس unchanged.
  EXPECT_EQ(snowball_stem("والمدارس"), "والمدارس");
  EXPECT_NE(snowball_stem("والمدارس"), snowball_stem("المدارس"));
  EXPECT_EQ(snowball_stem(light_stem("والمدارس")), snowball_stem(light_stem("المدارس")));
}

TEST(StemSnowball, OneStemmerPerThread) {
  const std::vector<std::string> words = {"المدارس", "جامعه", "الاطباء", "للقطار", "والمعلمون"};
  std::vector<std::string> expected;
  for (const auto& w : words) {
    expected.push_back(snowball_stem(w));
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2000; ++round) {
        for (std::size_t i = 0; i < words.size(); ++i) {
          if (snowball_stem(words[i]) != expected[i] ||
              light_stem(words[i]) != light_stem(words[i])) {
            ++mismatches[static_cast<std::size_t>(t)];
          }
        }
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace jarida::text
