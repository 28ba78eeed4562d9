// Typo suggestions (src/search/typo.cpp): the edit distance, how many edits
// a word may have, and which indexed terms come closest.
#include "search/typo.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/store.hpp"

namespace jarida::search {
namespace {

store::IndexedTerm term(std::string t, std::int64_t articles) {
  store::IndexedTerm out;
  out.term = std::move(t);
  out.articles = articles;
  return out;
}

TEST(CodePoints, DecodesUtf8AndDropsBrokenBytes) {
  EXPECT_EQ(code_points("مدرسة"), U"مدرسة");
  EXPECT_EQ(code_points("abc"), U"abc");
  EXPECT_EQ(code_points("a\xff"
                        "b\xc3"),
            U"ab");
  EXPECT_EQ(code_points(""), U"");
}

TEST(EditDistance, EqualStringsAreZeroApart) {
  EXPECT_EQ(edit_distance(U"مدرسه", U"مدرسه", 2), 0u);
  EXPECT_EQ(edit_distance(U"", U"", 0), 0u);
}

TEST(EditDistance, ASubstitutionCountsOne) {
  EXPECT_EQ(edit_distance(U"مدرسه", U"مدرصه", 2), 1u);
  EXPECT_EQ(edit_distance(U"kitten", U"sitten", 3), 1u);
}

TEST(EditDistance, AnInsertionCountsOne) {
  EXPECT_EQ(edit_distance(U"مدرسه", U"مدارسه", 2), 1u);
  EXPECT_EQ(edit_distance(U"", U"a", 2), 1u);
}

TEST(EditDistance, ADeletionCountsOne) {
  EXPECT_EQ(edit_distance(U"مدارسه", U"مدرسه", 2), 1u);
  EXPECT_EQ(edit_distance(U"a", U"", 2), 1u);
}

TEST(EditDistance, SwappingTwoNeighboursCountsOne) {
  EXPECT_EQ(edit_distance(U"مدرسه", U"مردسه", 2), 1u);
  EXPECT_EQ(edit_distance(U"abcd", U"acbd", 3), 1u);
  EXPECT_EQ(edit_distance(U"ab", U"ba", 3), 1u);
}

TEST(EditDistance, SeveralEditsAddUp) {
  EXPECT_EQ(edit_distance(U"kitten", U"sitting", 5), 3u);
  EXPECT_EQ(edit_distance(U"abcd", U"badc", 5), 2u);  // two swaps
}

TEST(EditDistance, StopsAtMaxPlusOne) {
  EXPECT_EQ(edit_distance(U"abcdef", U"uvwxyz", 2), 3u);
  EXPECT_EQ(edit_distance(U"kitten", U"sitting", 2), 3u);
  EXPECT_EQ(edit_distance(U"kitten", U"sitting", 3), 3u);  // exactly max is not over
  EXPECT_EQ(edit_distance(U"مدرسه", U"سوق", 0), 1u);
}

TEST(EditDistance, LengthsFurtherApartThanMaxExitEarly) {
  EXPECT_EQ(edit_distance(U"a", U"abcdef", 1), 2u);
  EXPECT_EQ(edit_distance(U"abcdef", U"", 3), 4u);
}

TEST(AllowedEdits, OneUpToFiveLettersTwoBeyond) {
  EXPECT_EQ(allowed_edits(1), 1u);
  EXPECT_EQ(allowed_edits(3), 1u);
  EXPECT_EQ(allowed_edits(5), 1u);
  EXPECT_EQ(allowed_edits(6), 2u);
  EXPECT_EQ(allowed_edits(12), 2u);
}

TEST(ClosestTerms, FindsTheIndexedStemOfATypo) {
  // المدرصة -> stem مدرص; the articles have مدرس (المدرسة).
  const std::vector<store::IndexedTerm> vocabulary = {term("سوق", 9), term("مدرس", 3),
                                                      term("جسر", 4), term("قطار", 2)};
  const auto found = closest_terms("مدرص", vocabulary);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "مدرس");
}

TEST(ClosestTerms, NearerTermsComeFirst) {
  const std::vector<store::IndexedTerm> vocabulary = {term("abcyz", 1000), term("abcdz", 1)};
  EXPECT_EQ(closest_terms("abcde", vocabulary), (std::vector<std::string>{"abcdz", "abcyz"}));
}

TEST(ClosestTerms, AtEqualDistanceTheSameFirstLetterComesFirst) {
  const std::vector<store::IndexedTerm> vocabulary = {term("xbcde", 1000), term("abcdx", 1)};
  EXPECT_EQ(closest_terms("abcde", vocabulary), (std::vector<std::string>{"abcdx", "xbcde"}));
}

TEST(ClosestTerms, ThenTermsInMoreArticlesComeFirst) {
  const std::vector<store::IndexedTerm> vocabulary = {term("abcdx", 1), term("abcdy", 50),
                                                      term("abcdz", 7)};
  EXPECT_EQ(closest_terms("abcde", vocabulary),
            (std::vector<std::string>{"abcdy", "abcdz", "abcdx"}));
}

TEST(ClosestTerms, AllThreeOrderingRulesTogether) {
  const std::vector<store::IndexedTerm> vocabulary = {
      term("abcxy", 1000),  // two edits
      term("xbcde", 500),   // one edit, other first letter
      term("abcdx", 1),     // one edit, same first letter, few articles
      term("abcdy", 50),    // one edit, same first letter, more articles
  };
  EXPECT_EQ(closest_terms("abcde", vocabulary),
            (std::vector<std::string>{"abcdy", "abcdx", "xbcde", "abcxy"}));
}

TEST(ClosestTerms, ReturnsAtMostCount) {
  const std::vector<store::IndexedTerm> vocabulary = {term("abcdx", 1), term("abcdy", 50),
                                                      term("abcdz", 7)};
  EXPECT_EQ(closest_terms("abcde", vocabulary, 2), (std::vector<std::string>{"abcdy", "abcdz"}));
  EXPECT_TRUE(closest_terms("abcde", vocabulary, 0).empty());
}

TEST(ClosestTerms, AnExactMatchIsNotASuggestion) {
  const std::vector<store::IndexedTerm> vocabulary = {term("مدرس", 100), term("مدرسي", 1)};
  EXPECT_EQ(closest_terms("مدرس", vocabulary), std::vector<std::string>{"مدرسي"});
  EXPECT_TRUE(closest_terms("مدرس", {term("مدرس", 100)}).empty());
}

TEST(ClosestTerms, AllowsOneEditMoreThanTheWordBecauseStemsHideLetters) {
  // Four letters: one edit for the word, two for its stem.
  EXPECT_EQ(closest_terms("abcd", {term("abxy", 1)}), std::vector<std::string>{"abxy"});
  EXPECT_TRUE(closest_terms("abcd", {term("axyz", 1)}).empty());
  // زيتنو is two edits from زيت (the stem of الزيتون).
  EXPECT_EQ(closest_terms("زيتنو", {term("زيت", 5)}), std::vector<std::string>{"زيت"});
  // Six letters: two edits for the word, three for its stem.
  EXPECT_EQ(closest_terms("abcdef", {term("abcxyz", 1)}), std::vector<std::string>{"abcxyz"});
  EXPECT_TRUE(closest_terms("abcdef", {term("abwxyz", 1)}).empty());
}

TEST(ClosestTerms, WordsShorterThanThreeLettersGetNothing) {
  const std::vector<store::IndexedTerm> vocabulary = {term("مدن", 10), term("مد", 10),
                                                      term("ab", 5), term("abc", 5)};
  EXPECT_TRUE(closest_terms("مد", vocabulary).empty());
  EXPECT_TRUE(closest_terms("ax", vocabulary).empty());
  EXPECT_TRUE(closest_terms("", vocabulary).empty());
  EXPECT_FALSE(closest_terms("abx", vocabulary).empty());  // three letters is enough
}

TEST(ClosestTerms, AnEmptyVocabularyGivesNothing) {
  EXPECT_TRUE(closest_terms("مدرص", {}).empty());
}

}  // namespace
}  // namespace jarida::search
