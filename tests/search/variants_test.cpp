// The variant table (src/search/variants.cpp): its text format, its errors,
// lookups by stem key, and the groups Jarida ships with.
#include "search/variants.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace jarida::search {
namespace {

// The stem key of a (possibly several-word) entry, as variants_of takes it.
std::string key(std::string_view entry) {
  std::string out;
  for (const text::Token& t : text::tokenize(entry)) {
    if (!out.empty()) out += ' ';
    out += text::search_stem(t.normalized);
  }
  return out;
}

// Each entry's words joined by ' ', in table order.
std::vector<std::string> entries(const std::vector<const VariantEntry*>& found) {
  std::vector<std::string> out;
  for (const VariantEntry* e : found) {
    std::string joined;
    for (const std::string& w : e->words) {
      if (!joined.empty()) joined += ' ';
      joined += w;
    }
    out.push_back(joined);
  }
  return out;
}

bool has(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST(VariantTableAdd, ReadsOneGroupPerLineSeparatedByBars) {
  VariantTable t;
  t.add("شارع | شوارع\nجسر|جسور\n", "test");
  EXPECT_EQ(t.group_count(), 2u);
  EXPECT_EQ(entries(t.variants_of(key("شارع"))), (std::vector<std::string>{"شارع", "شوارع"}));
  EXPECT_EQ(entries(t.variants_of(key("جسور"))), (std::vector<std::string>{"جسر", "جسور"}));
}

TEST(VariantTableAdd, IgnoresCommentsBlankLinesAndSurroundingWhitespace) {
  VariantTable t;
  t.add(
      "# a comment line | with a bar\n"
      "\n"
      "   \t \r\n"
      "\t شارع  |\tشوارع   # trailing comment | تجاهل\r\n"
      "#جسر | جسور\n",
      "test");
  EXPECT_EQ(t.group_count(), 1u);
  EXPECT_EQ(entries(t.variants_of(key("شوارع"))), (std::vector<std::string>{"شارع", "شوارع"}));
  EXPECT_TRUE(t.variants_of(key("جسر")).empty());
  EXPECT_TRUE(t.variants_of(key("تجاهل")).empty());
}

TEST(VariantTableAdd, EmptyOrCommentOnlyTextAddsNothing) {
  VariantTable t;
  EXPECT_NO_THROW(t.add("", "empty"));
  EXPECT_NO_THROW(t.add("# only a comment\n\n", "comments"));
  EXPECT_EQ(t.group_count(), 0u);
  EXPECT_EQ(t.longest_entry(), 1u);
}

TEST(VariantTableAdd, TheLastLineNeedsNoNewline) {
  VariantTable t;
  t.add("شارع | شوارع", "test");
  EXPECT_EQ(t.group_count(), 1u);
}

TEST(VariantTableAdd, AnEntryMayBeSeveralWords) {
  VariantTable t;
  t.add("فيسبوك | فيس بوك | facebook", "test");
  EXPECT_EQ(t.longest_entry(), 2u);
  const auto found = t.variants_of(key("فيس بوك"));
  EXPECT_EQ(entries(found), (std::vector<std::string>{"فيسبوك", "فيس بوك", "facebook"}));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[1]->words, (std::vector<std::string>{"فيس", "بوك"}));
  EXPECT_EQ(found[1]->stem_key, "فيس بوك");
  // A single word of a multi-word entry is not a key of the group.
  EXPECT_TRUE(t.variants_of(key("فيس")).empty());
}

TEST(VariantTableAdd, EntriesKeepTheirWordsAsWrittenAndTheirStemKeys) {
  VariantTable t;
  t.add("المَدرسةُ | مدارس", "test");
  const auto found = t.variants_of("مدرس");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0]->words, std::vector<std::string>{"المَدرسةُ"});
  EXPECT_EQ(found[0]->stem_key, "مدرس");
  EXPECT_EQ(found[1]->stem_key, key("مدارس"));
}

TEST(VariantTableAdd, ALineWithOneEntryIsAnErrorNamingTheLine) {
  VariantTable t;
  try {
    t.add("شارع | شوارع\n# comment\n\nجسر\n", "search-variants.txt");
    FAIL() << "no VariantError";
  } catch (const VariantError& e) {
    EXPECT_EQ(std::string(e.what()),
              "search-variants.txt:4: a group needs at least two entries separated by |");
  }
}

TEST(VariantTableAdd, EmptyEntriesDoNotCountAsEntries) {
  for (std::string_view line : {"جسر |", "| جسر", "جسر | | ", "| |", "جسر | ؟!"}) {
    VariantTable t;
    EXPECT_THROW(t.add(line, "x"), VariantError) << line;
  }
}

TEST(VariantTableAdd, ErrorMessageStartsWithTheNameAndLineNumber) {
  VariantTable t;
  try {
    t.add("\n\nشارع\n", "mine");
    FAIL() << "no VariantError";
  } catch (const VariantError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("mine:3: ", 0), 0u) << e.what();
  }
}

TEST(VariantTableAdd, GroupsTheStemmerAlreadyJoinsAreSkippedSilently) {
  VariantTable t;
  EXPECT_NO_THROW(t.add("مكتبة | مكتبات\nطالبة | طالبات\nمدرسة | مدرسه\n", "test"));
  EXPECT_EQ(t.group_count(), 0u);
  EXPECT_TRUE(t.variants_of(key("مكتبة")).empty());
  EXPECT_TRUE(t.variants_of(key("طالبات")).empty());
}

TEST(VariantTableAdd, EntriesWithTheSameStemKeyAppearOnceInAGroup) {
  VariantTable t;
  t.add("مدرسة | المدرسة | مدارس", "test");
  EXPECT_EQ(t.group_count(), 1u);
  EXPECT_EQ(entries(t.variants_of(key("مدرسة"))), (std::vector<std::string>{"مدرسة", "مدارس"}));
}

TEST(VariantTableAdd, LaterCallsAddToTheTable) {
  VariantTable t;
  t.add("شارع | شوارع", "first");
  t.add("جسر | جسور", "second");
  EXPECT_EQ(t.group_count(), 2u);
  EXPECT_FALSE(t.variants_of(key("شارع")).empty());
  EXPECT_FALSE(t.variants_of(key("جسر")).empty());
}

TEST(VariantTableVariantsOf, AnUnknownKeyHasNoVariants) {
  VariantTable t;
  t.add("شارع | شوارع", "test");
  EXPECT_TRUE(t.variants_of(key("مدرسة")).empty());
  EXPECT_TRUE(t.variants_of("").empty());
}

TEST(VariantTableVariantsOf, TakesStemKeysNotWordsAsWritten) {
  VariantTable t;
  t.add("مدرسة | مدارس", "test");
  EXPECT_TRUE(t.variants_of("مدرسة").empty());  // not a stem key
  EXPECT_FALSE(t.variants_of(key("مدرسة")).empty());
  EXPECT_FALSE(t.variants_of(key("والمدرسة")).empty());  // same stem key
}

TEST(VariantTableVariantsOf, AWordInTwoGroupsGetsBothGroupsWithoutDuplicates) {
  VariantTable t;
  t.add("شارع | شوارع\nشارع | طريق\n", "test");
  EXPECT_EQ(entries(t.variants_of(key("شارع"))),
            (std::vector<std::string>{"شارع", "شوارع", "طريق"}));
  // Only the groups that contain the key: طريق's group, not شوارع's.
  EXPECT_EQ(entries(t.variants_of(key("طريق"))), (std::vector<std::string>{"شارع", "طريق"}));
}

TEST(DefaultVariants, LoadWithoutThrowing) {
  EXPECT_NO_THROW(VariantTable::defaults());
  EXPECT_GT(VariantTable::defaults().group_count(), 50u);
  EXPECT_FALSE(default_variants_text().empty());
}

TEST(DefaultVariants, TheLongestEntryHasSeveralWords) {
  EXPECT_GE(VariantTable::defaults().longest_entry(), 2u);
}

TEST(DefaultVariants, BrokenPluralFindsItsSingular) {
  const VariantTable t = VariantTable::defaults();
  const auto streets = entries(t.variants_of(key("شوارع")));
  EXPECT_TRUE(has(streets, "شارع"));
  EXPECT_TRUE(has(streets, "شوارع"));
  EXPECT_EQ(entries(t.variants_of(key("شارع"))), streets);
  EXPECT_EQ(entries(t.variants_of(key("الشوارع"))), streets);

  const auto students = entries(t.variants_of(key("طلاب")));
  EXPECT_TRUE(has(students, "طالب"));
  EXPECT_TRUE(has(students, "طلبة"));
  EXPECT_TRUE(has(entries(t.variants_of(key("طالب"))), "طلاب"));

  const auto mosques = entries(t.variants_of(key("مساجد")));
  EXPECT_TRUE(has(mosques, "مسجد"));
  EXPECT_TRUE(has(entries(t.variants_of(key("المسجد"))), "مساجد"));
}

TEST(DefaultVariants, LatinBrandNamesFindTheirArabicSpellings) {
  const VariantTable t = VariantTable::defaults();
  const auto facebook = entries(t.variants_of(key("facebook")));
  EXPECT_TRUE(has(facebook, "فيسبوك"));
  EXPECT_TRUE(has(facebook, "فيس بوك"));
  EXPECT_TRUE(has(facebook, "facebook"));
  EXPECT_EQ(entries(t.variants_of(key("فيس بوك"))), facebook);
  EXPECT_EQ(entries(t.variants_of(key("Facebook"))), facebook);  // lower-cased

  EXPECT_TRUE(has(entries(t.variants_of(key("microsoft"))), "مايكروسوفت"));
  EXPECT_TRUE(has(entries(t.variants_of(key("ميكروسوفت"))), "microsoft"));
  const auto google = entries(t.variants_of(key("google")));
  EXPECT_TRUE(has(google, "جوجل"));
  EXPECT_TRUE(has(google, "غوغل"));
}

}  // namespace
}  // namespace jarida::search
