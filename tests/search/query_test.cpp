// parse_query (src/search/query.cpp): what a reader typed becomes words and
// quoted phrases, and nothing else: no operator, broken byte or overlong
// paste ever reaches the index as query syntax.
#include "search/query.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "text/normalize.hpp"
#include "text/stem.hpp"
#include "text/utf8.hpp"

namespace jarida::search {
namespace {

// The original spelling of each word of each term, phrases joined by ' '.
std::vector<std::string> originals(const ParsedQuery& q) {
  std::vector<std::string> out;
  for (const QueryTerm& t : q.terms) {
    std::string joined;
    for (const QueryWord& w : t.words) {
      if (!joined.empty()) joined += ' ';
      joined += w.original;
    }
    out.push_back(joined);
  }
  return out;
}

std::vector<bool> quoted_flags(const ParsedQuery& q) {
  std::vector<bool> out;
  for (const QueryTerm& t : q.terms) out.push_back(t.quoted);
  return out;
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(ParseQuery, SplitsPlainTextIntoOneTermPerWord) {
  const ParsedQuery q = parse_query("  افتتاح   المدرسة\tالجديدة ");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"افتتاح", "المدرسة", "الجديدة"}));
  EXPECT_EQ(quoted_flags(q), (std::vector<bool>{false, false, false}));
  for (const QueryTerm& t : q.terms) EXPECT_EQ(t.words.size(), 1u);
  EXPECT_FALSE(q.cut);
}

TEST(ParseQuery, PunctuationSeparatesWordsAndIsNeverAWord) {
  EXPECT_EQ(originals(parse_query("المدرسة،الجديدة؟!")),
            (std::vector<std::string>{"المدرسة", "الجديدة"}));
}

TEST(ParseQuery, EmptyAndPunctuationOnlyQueriesHaveNoTerms) {
  for (std::string_view raw : {"", "   ", "\t\n", "؟!،.", "...---", "\"\"", "«»"}) {
    const ParsedQuery q = parse_query(raw);
    EXPECT_TRUE(q.terms.empty()) << raw;
    EXPECT_FALSE(q.cut) << raw;
  }
}

TEST(ParseQuery, AsciiDoubleQuotesMakeAPhrase) {
  const ParsedQuery q = parse_query("قطار \"المدرسة الجديدة\" جسر");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"قطار", "المدرسة الجديدة", "جسر"}));
  EXPECT_EQ(quoted_flags(q), (std::vector<bool>{false, true, false}));
  ASSERT_EQ(q.terms.size(), 3u);
  EXPECT_EQ(q.terms[1].words.size(), 2u);
}

TEST(ParseQuery, CurlyQuotesAndGuillemetsMakePhrasesToo) {
  for (std::string_view raw : {"“المدرسة الجديدة”", "«المدرسة الجديدة»", "„المدرسة الجديدة“",
                               "”المدرسة الجديدة“", "»المدرسة الجديدة«"}) {
    const ParsedQuery q = parse_query(raw);
    ASSERT_EQ(q.terms.size(), 1u) << raw;
    EXPECT_TRUE(q.terms[0].quoted) << raw;
    EXPECT_EQ(originals(q), std::vector<std::string>{"المدرسة الجديدة"}) << raw;
  }
}

TEST(ParseQuery, AnyQuoteCharacterClosesAnyOther) {
  const ParsedQuery q = parse_query("«المدرسة الجديدة\" سوق");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"المدرسة الجديدة", "سوق"}));
  EXPECT_EQ(quoted_flags(q), (std::vector<bool>{true, false}));
}

TEST(ParseQuery, SeveralPhrasesInOneQuery) {
  const ParsedQuery q = parse_query("\"سوق المدينة\" و «جسر النهر»");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"سوق المدينة", "جسر النهر"}));
  EXPECT_EQ(quoted_flags(q), (std::vector<bool>{true, true}));
}

TEST(ParseQuery, AnUnpairedQuoteIsIgnored) {
  const ParsedQuery q = parse_query("المدرسة \"الجديدة الحي");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"المدرسة", "الجديدة", "الحي"}));
  EXPECT_EQ(quoted_flags(q), (std::vector<bool>{false, false, false}));
}

TEST(ParseQuery, WithThreeQuotesTheFirstTwoPairAndTheLastIsIgnored) {
  const ParsedQuery q = parse_query("\"سوق المدينة\" جسر \"النهر الكبير");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"سوق المدينة", "جسر", "النهر", "الكبير"}));
  EXPECT_EQ(quoted_flags(q), (std::vector<bool>{true, false, false, false}));
}

TEST(ParseQuery, AnEmptyPhraseAddsNothing) {
  const ParsedQuery q = parse_query("سوق \"  ؟ \" جسر");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"سوق", "جسر"}));
  EXPECT_EQ(quoted_flags(q), (std::vector<bool>{false, false}));
}

// Every character the original, normalized or stemmed words may not hold.
void expect_only_words(const ParsedQuery& q) {
  for (const QueryTerm& t : q.terms) {
    EXPECT_FALSE(t.quoted);
    for (const QueryWord& w : t.words) {
      for (char c : {'*', '-', '^', '(', ')', ':', '"', '+', ',', ' '}) {
        EXPECT_EQ(w.original.find(c), std::string::npos) << w.original;
        EXPECT_EQ(w.normalized.find(c), std::string::npos) << w.normalized;
        EXPECT_EQ(w.stem.find(c), std::string::npos) << w.stem;
      }
    }
  }
}

TEST(ParseQuery, SearchEngineOperatorsAreOnlyWordsOrSeparators) {
  const ParsedQuery q = parse_query("مدرسة* -الحي ^سوق OR NEAR(قطار) title:جسر (نهر)");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"مدرسة", "الحي", "سوق", "OR", "NEAR", "قطار",
                                                    "title", "جسر", "نهر"}));
  expect_only_words(q);
  const ParsedQuery more = parse_query("AND NOT +كتاب NEAR(سوق, 5) {مدينة}");
  EXPECT_EQ(originals(more),
            (std::vector<std::string>{"AND", "NOT", "كتاب", "NEAR", "سوق", "5", "مدينة"}));
  expect_only_words(more);
}

TEST(ParseQuery, LatinOperatorWordsAreLowerCasedLikeAnyOtherWord) {
  const ParsedQuery q = parse_query("OR NEAR");
  ASSERT_EQ(q.terms.size(), 2u);
  EXPECT_EQ(q.terms[0].words[0].original, "OR");
  EXPECT_EQ(q.terms[0].words[0].normalized, "or");
  EXPECT_EQ(q.terms[1].words[0].normalized, "near");
}

TEST(ParseQuery, OperatorOnlyGarbageLeavesOnlyItsLetters) {
  const ParsedQuery q = parse_query("\" OR * NEAR( ^ -");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"OR", "NEAR"}));
  EXPECT_TRUE(parse_query("* ^ - ( ) : +").terms.empty());
}

TEST(ParseQuery, InvalidUtf8BytesAreDropped) {
  const ParsedQuery q = parse_query("\xff\xfeالمدرسة \xc3 سوق\x80");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"المدرسة", "سوق"}));
  for (const QueryTerm& t : q.terms) {
    for (const QueryWord& w : t.words) {
      EXPECT_TRUE(text::is_valid_utf8(w.original));
      EXPECT_TRUE(text::is_valid_utf8(w.normalized));
      EXPECT_TRUE(text::is_valid_utf8(w.stem));
    }
  }
  EXPECT_TRUE(parse_query("\xff\xfe\xfd").terms.empty());
}

TEST(ParseQuery, ABrokenByteInsideAWordIsDroppedNotASeparator) {
  // The bytes go before tokenizing: what is left is the word as meant.
  EXPECT_EQ(originals(parse_query("مدر\xffسة")), std::vector<std::string>{"مدرسة"});
}

TEST(ParseQuery, ShortQueriesAreNotCut) {
  EXPECT_FALSE(parse_query("المدرسة الجديدة في حي النور").cut);
}

TEST(ParseQuery, ATwoThousandCharacterQueryIsCutToTheTermLimit) {
  const std::string raw = repeat("مدرسة ", 334);  // 2,004 characters
  ASSERT_GE(text::count_code_points(raw), 2000u);
  const ParsedQuery q = parse_query(raw);
  EXPECT_TRUE(q.cut);
  EXPECT_EQ(q.terms.size(), kMaxTerms);
  for (const QueryTerm& t : q.terms) {
    ASSERT_EQ(t.words.size(), 1u);
    EXPECT_EQ(t.words[0].original, "مدرسة");
  }
}

TEST(ParseQuery, ALongSingleWordIsCutOnACodePointBoundary) {
  const ParsedQuery q = parse_query(repeat("ب", 2000));
  EXPECT_TRUE(q.cut);
  ASSERT_EQ(q.terms.size(), 1u);
  const std::string& w = q.terms[0].words[0].original;
  EXPECT_TRUE(text::is_valid_utf8(w));
  EXPECT_LE(w.size(), kMaxQueryBytes);
  EXPECT_GT(w.size(), kMaxQueryBytes - 2);
}

TEST(ParseQuery, ExactlyTheTermLimitIsNotCutButOneMoreIs) {
  std::string ten, eleven;
  for (int i = 0; i < 10; ++i) ten += "كلمة" + std::to_string(i) + " ";
  eleven = ten + "زيادة";
  const ParsedQuery at_limit = parse_query(ten);
  EXPECT_EQ(at_limit.terms.size(), kMaxTerms);
  EXPECT_FALSE(at_limit.cut);
  const ParsedQuery over = parse_query(eleven);
  EXPECT_EQ(over.terms.size(), kMaxTerms);
  EXPECT_TRUE(over.cut);
  EXPECT_EQ(over.terms.back().words[0].original, "كلمة9");
}

TEST(ParseQuery, ALongPhraseIsCutToThePhraseWordLimit) {
  std::string phrase = "\"";
  for (int i = 0; i < 20; ++i) phrase += "كلمة" + std::to_string(i) + " ";
  phrase += "\"";
  const ParsedQuery q = parse_query(phrase);
  EXPECT_TRUE(q.cut);
  ASSERT_EQ(q.terms.size(), 1u);
  EXPECT_TRUE(q.terms[0].quoted);
  ASSERT_EQ(q.terms[0].words.size(), kMaxPhraseWords);
  EXPECT_EQ(q.terms[0].words.front().original, "كلمة0");
  EXPECT_EQ(q.terms[0].words.back().original, "كلمة7");
}

TEST(ParseQuery, APhraseAtThePhraseWordLimitIsNotCut) {
  std::string phrase = "«";
  for (std::size_t i = 0; i < kMaxPhraseWords; ++i) phrase += "كلمة" + std::to_string(i) + " ";
  phrase += "»";
  const ParsedQuery q = parse_query(phrase);
  EXPECT_FALSE(q.cut);
  ASSERT_EQ(q.terms.size(), 1u);
  EXPECT_EQ(q.terms[0].words.size(), kMaxPhraseWords);
}

TEST(ParseQuery, StopwordsAreDroppedWhenOtherWordsRemain) {
  EXPECT_EQ(originals(parse_query("ماذا حدث في المدرسة مع الطلاب")),
            (std::vector<std::string>{"حدث", "المدرسة", "الطلاب"}));
  // Written with hamza and alef maqsura; matched in normalized form.
  EXPECT_EQ(originals(parse_query("إلى السوق على الجسر")),
            (std::vector<std::string>{"السوق", "الجسر"}));
}

TEST(ParseQuery, StopwordsAreKeptWhenNothingElseRemains) {
  EXPECT_EQ(originals(parse_query("من هو")), (std::vector<std::string>{"من", "هو"}));
  EXPECT_EQ(originals(parse_query("في")), std::vector<std::string>{"في"});
}

TEST(ParseQuery, TheTermLimitAppliesAfterStopwordsAreDropped) {
  std::string raw;
  for (int i = 0; i < 10; ++i) raw += "في كلمة" + std::to_string(i) + " ";
  const ParsedQuery q = parse_query(raw);
  EXPECT_EQ(q.terms.size(), kMaxTerms);
  EXPECT_FALSE(q.cut);
  for (const QueryTerm& t : q.terms) EXPECT_NE(t.words[0].original, "في");
}

TEST(ParseQuery, QuotedStopwordsAreKept) {
  const ParsedQuery q = parse_query("\"في\" المدرسة");
  EXPECT_EQ(originals(q), (std::vector<std::string>{"في", "المدرسة"}));
  EXPECT_EQ(quoted_flags(q), (std::vector<bool>{true, false}));
  EXPECT_EQ(originals(parse_query("\"ذهب إلى المدرسة\"")),
            std::vector<std::string>{"ذهب إلى المدرسة"});
}

TEST(ParseQuery, AQuotedPhraseIsContentSoUnquotedStopwordsBesideItGo) {
  const ParsedQuery q = parse_query("في \"سوق المدينة\" من");
  EXPECT_EQ(originals(q), std::vector<std::string>{"سوق المدينة"});
}

TEST(ParseQuery, OriginalKeepsHarakatWhileNormalizedAndStemAreFolded) {
  const ParsedQuery q = parse_query("المَدرسةُ");
  ASSERT_EQ(q.terms.size(), 1u);
  const QueryWord& w = q.terms[0].words[0];
  EXPECT_EQ(w.original, "المَدرسةُ");
  EXPECT_EQ(w.normalized, "المدرسه");
  EXPECT_EQ(w.normalized, text::normalize_for_matching("المدرسة"));
  EXPECT_EQ(w.stem, "مدرس");
  EXPECT_EQ(w.stem, text::search_stem(w.normalized));
}

TEST(ParseQuery, HamzaFormsFoldInNormalizedButNotInOriginal) {
  const ParsedQuery q = parse_query("أسعار");
  ASSERT_EQ(q.terms.size(), 1u);
  EXPECT_EQ(q.terms[0].words[0].original, "أسعار");
  EXPECT_EQ(q.terms[0].words[0].normalized, "اسعار");
}

TEST(IsStopword, TakesTheNormalizedForm) {
  EXPECT_TRUE(is_stopword("في"));
  EXPECT_TRUE(is_stopword("علي"));  // على, normalized
  EXPECT_TRUE(is_stopword("الي"));  // إلى, normalized
  EXPECT_TRUE(is_stopword("و"));
  EXPECT_FALSE(is_stopword("على"));  // not normalized
  EXPECT_FALSE(is_stopword("مدرسه"));
  EXPECT_FALSE(is_stopword(""));
}

}  // namespace
}  // namespace jarida::search
