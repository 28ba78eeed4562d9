// SearchService (src/search/service.cpp) end to end on a real temporary
// SQLite store: forms of a word, variants, AND-first ranking with partial
// matches, typo suggestions, phrases, paging, scheduled articles, and input
// that must never throw.
#include "search/service.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "search/query.hpp"
#include "search/variants.hpp"
#include "store/store.hpp"
#include "store/store_fixture.hpp"  // TempDir

namespace jarida::search {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using std::chrono::sys_days;

// After every article below except the scheduled one.
const core::TimePoint kNow = sys_days{std::chrono::June / 1 / 2024} + 12h;

core::TimePoint may(unsigned day) {
  return sys_days{std::chrono::May / day / 2024} + 9h;
}

using jarida_store_test::TempDir;

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// One store with a handful of short articles, shared by every test of the
// suite (they only read it).
class SearchServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    store_ = store::open_sqlite_store(dir_->path() / "jarida.db").release();
    store_->migrate();
    auto b = store_->begin_write();
    const core::Id author =
        b->upsert_user({"salma", "salma", "سلمى", "", core::Role::author, "hash"});
    const core::Id category = b->upsert_category({"local", "محليات", "", std::nullopt});
    const core::Id education = b->upsert_tag({"education", "تعليم"});
    const core::Id transport = b->upsert_tag({"transport", "نقل"});
    auto add = [&](std::string slug, std::string title, std::string body, core::TimePoint at,
                   std::vector<core::Id> tags = {}) {
      store::NewArticle a;
      a.slug = std::move(slug);
      a.title = std::move(title);
      a.body_html = std::move(body);
      a.published_at = at;
      a.author_id = author;
      a.category_id = category;
      a.tag_ids = std::move(tags);
      b->add_article(a);
    };
    add("school-opening", "افتتاح المدرسة الجديدة في حي النور",
        "<p>افتتحت وزارة التربية المدرسةَ الجديدة صباح الأحد بحضور أولياء الأمور.</p>", may(10),
        {education});
    add("school-library", "مكتبة المدرسة تستقبل كتبا جديدة",
        "<p>تبرع سكان الحي بمئات الكتب لمكتبة المدرسة القديمة.</p>", may(11), {education});
    add("market-prices", "ارتفاع أسعار الخضار في السوق",
        "<p>شهد سوق المدينة ارتفاعا في أسعار الطماطم والبطاطا.</p>", may(12));
    add("train-bridge", "قطار جديد يعبر الجسر",
        "<p>بدأ القطار رحلاته فوق الجسر الذي يربط ضفتي النهر.</p>", may(13), {transport});
    add("wooden-bridge", "جسر خشبي فوق النهر", "<p>أعاد المتطوعون بناء الجسر القديم.</p>", may(14),
        {transport});
    add("river-festival", "مهرجان على ضفاف النهر", "<p>تقام عروض موسيقية للعائلات مساء الجمعة.</p>",
        may(15));
    add("street-closed", "إغلاق شارع الجامعة للصيانة", "<p>أغلقت البلدية الطريق يومين.</p>",
        may(16));
    add("facebook-campaign", "حملة تبرعات عبر فيسبوك", "<p>جمع الناشطون التبرعات للمستشفى.</p>",
        may(17));
    for (unsigned i = 1; i <= 5; ++i)
      add("report-" + std::to_string(i), "تقرير أسبوعي عن الطقس",
          "<p>نشرة العدد " + std::to_string(i) + "</p>", may(i));
    // Scheduled: published_at is after kNow.
    add("summer-school", "المدرسة الصيفية تفتح أبوابها",
        "<p>تستقبل المدرسة الصيفية الطلاب في يوليو.</p>",
        sys_days{std::chrono::July / 1 / 2024} + 9h);
    b->commit();
  }
  static void TearDownTestSuite() {
    delete store_;
    store_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  SearchService& service() {
    if (!service_) service_ = std::make_unique<SearchService>(*store_, VariantTable::defaults());
    return *service_;
  }

  SearchResults search(std::string_view query, std::int64_t page = 1,
                       std::int64_t per_page = kDefaultPerPage, core::TimePoint now = kNow) {
    SearchRequest r;
    r.query = query;
    r.page = page;
    r.per_page = per_page;
    r.now = now;
    return service().search(r);
  }

  static std::vector<std::string> slugs(const SearchResults& r) {
    std::vector<std::string> out;
    for (const SearchResult& x : r.results) out.push_back(x.article.slug);
    return out;
  }
  static std::vector<std::string> sorted_slugs(const SearchResults& r) {
    std::vector<std::string> out = slugs(r);
    std::sort(out.begin(), out.end());
    return out;
  }
  static const SearchResult* find(const SearchResults& r, std::string_view slug) {
    for (const SearchResult& x : r.results)
      if (x.article.slug == slug) return &x;
    return nullptr;
  }

  static TempDir* dir_;
  static store::Store* store_;
  std::unique_ptr<SearchService> service_;
};

TempDir* SearchServiceTest::dir_ = nullptr;
store::Store* SearchServiceTest::store_ = nullptr;

const std::vector<std::string> kSchoolArticles = {"school-library", "school-opening"};

TEST_F(SearchServiceTest, AWordFindsTheArticlesThatHaveIt) {
  const SearchResults r = search("المدرسة");
  EXPECT_EQ(sorted_slugs(r), kSchoolArticles);
  EXPECT_EQ(r.total, 2);
  EXPECT_FALSE(r.nothing_to_search);
  EXPECT_FALSE(r.suggestion.has_value());
  EXPECT_FALSE(r.cut);
  for (const SearchResult& x : r.results) EXPECT_FALSE(x.partial);
}

TEST_F(SearchServiceTest, FoldedAndCliticFormsOfAWordFindTheSameArticles) {
  for (std::string_view q :
       {"مدرسة", "مدرسه", "المَدرسةُ", "والمدرسة", "للمدرسة", "بالمدرسة", "المـدرسة", "مدرستها"}) {
    EXPECT_EQ(sorted_slugs(search(q)), kSchoolArticles) << q;
  }
}

TEST_F(SearchServiceTest, AQueryWordFindsTheArticlesCliticForm) {
  // The article writes رحلاته ("his/its trips").
  EXPECT_EQ(slugs(search("رحلة")), std::vector<std::string>{"train-bridge"});
  // ... and بمئات ("with hundreds"), with a particle the query leaves out.
  EXPECT_EQ(slugs(search("مئات")), std::vector<std::string>{"school-library"});
}

TEST_F(SearchServiceTest, MatchesAreMarkedInTheTitleAndSnippetAsWritten) {
  const SearchResults r = search("مدرسه");
  const SearchResult* opening = find(r, "school-opening");
  ASSERT_NE(opening, nullptr);
  EXPECT_EQ(opening->title_html, "افتتاح <mark>المدرسة</mark> الجديدة في حي النور");
  EXPECT_NE(opening->snippet_html.find("<mark>المدرسةَ</mark>"), std::string::npos)
      << opening->snippet_html;
  EXPECT_EQ(opening->article.title, "افتتاح المدرسة الجديدة في حي النور");
}

TEST_F(SearchServiceTest, BrokenPluralsAndBrandSpellingsFindTheirVariants) {
  EXPECT_EQ(slugs(search("الشوارع")), std::vector<std::string>{"street-closed"});
  EXPECT_EQ(slugs(search("facebook")), std::vector<std::string>{"facebook-campaign"});
  EXPECT_EQ(slugs(search("فيس بوك")), std::vector<std::string>{"facebook-campaign"});
}

TEST_F(SearchServiceTest, ArticlesWithEveryWordComeBeforeThoseMissingOne) {
  // train-bridge has all three words; wooden-bridge lacks القطار (and has
  // two title matches, which would rank it first otherwise); river-festival
  // has only النهر.
  const SearchResults r = search("القطار الجسر النهر");
  EXPECT_EQ(slugs(r), (std::vector<std::string>{"train-bridge", "wooden-bridge"}));
  EXPECT_EQ(r.total, 2);
  ASSERT_EQ(r.results.size(), 2u);
  EXPECT_FALSE(r.results[0].partial);
  EXPECT_TRUE(r.results[1].partial);
}

TEST_F(SearchServiceTest, TwoWordQueriesOnlyReturnArticlesWithBoth) {
  const SearchResults r = search("القطار النهر");
  EXPECT_EQ(slugs(r), std::vector<std::string>{"train-bridge"});
  EXPECT_EQ(r.total, 1);
  for (const SearchResult& x : r.results) EXPECT_FALSE(x.partial);
}

TEST_F(SearchServiceTest, AWordInNoArticleMakesATwoWordQueryFindNothing) {
  const SearchResults r = search("المدرسة زلزال");
  EXPECT_EQ(r.total, 0);
  EXPECT_TRUE(r.results.empty());
  EXPECT_FALSE(r.suggestion.has_value());
  EXPECT_FALSE(r.nothing_to_search);
}

TEST_F(SearchServiceTest, AWordInNoArticleAmongThreeIsLeftOutAndResultsArePartial) {
  const SearchResults r = search("القطار الجسر زلزال");
  EXPECT_EQ(slugs(r), std::vector<std::string>{"train-bridge"});
  ASSERT_EQ(r.results.size(), 1u);
  EXPECT_TRUE(r.results[0].partial);
}

TEST_F(SearchServiceTest, WithAnUnknownWordLeftOutPartialResultsStillMissOnlyThatWord) {
  // زلزال is in no article and is left out; every result already misses
  // it, so an article missing القطار as well (wooden-bridge: two of four
  // words) is not "all but one word".
  const SearchResults r = search("القطار الجسر النهر زلزال");
  EXPECT_EQ(slugs(r), std::vector<std::string>{"train-bridge"});
  EXPECT_EQ(r.total, 1);
  for (const SearchResult& x : r.results) EXPECT_TRUE(x.partial);
}

TEST_F(SearchServiceTest, TwoWordsInNoArticleAmongThreeFindNothing) {
  const SearchResults r = search("القطار زلزال بركان");
  EXPECT_EQ(r.total, 0);
  EXPECT_TRUE(r.results.empty());
}

TEST_F(SearchServiceTest, ATypoFindsTheArticlesAndSuggestsTheWordAsWritten) {
  const SearchResults r = search("المدرصة");
  EXPECT_EQ(sorted_slugs(r), kSchoolArticles);
  ASSERT_TRUE(r.suggestion.has_value());
  EXPECT_NE(r.suggestion->find("المدرسة"), std::string::npos) << *r.suggestion;
  EXPECT_EQ(*r.suggestion, "المدرسة");
}

TEST_F(SearchServiceTest, TheSuggestionKeepsTheRestOfTheQueryAsTyped) {
  const SearchResults r = search("المدرصة  الجديدة");
  EXPECT_EQ(sorted_slugs(r), kSchoolArticles);
  ASSERT_TRUE(r.suggestion.has_value());
  EXPECT_EQ(*r.suggestion, "المدرسة  الجديدة");
}

TEST_F(SearchServiceTest, TheSuggestionReplacesTheCorrectedWordNotAnEarlierWordContainingIt) {
  // لمدرسة (no article has it) is corrected to المدرسة; its letters also
  // occur inside the first word, المدرسة, which must stay as typed.
  const SearchResults r = search("المدرسة لمدرسة");
  EXPECT_EQ(sorted_slugs(r), kSchoolArticles);
  ASSERT_TRUE(r.suggestion.has_value());
  EXPECT_EQ(*r.suggestion, "المدرسة المدرسة");
}

TEST_F(SearchServiceTest, AWordWithNoCloseIndexedWordGetsNoSuggestion) {
  const SearchResults r = search("زلزال");
  EXPECT_EQ(r.total, 0);
  EXPECT_TRUE(r.results.empty());
  EXPECT_FALSE(r.suggestion.has_value());
  EXPECT_FALSE(r.nothing_to_search);
}

TEST_F(SearchServiceTest, CorrectlySpelledQueriesGetNoSuggestion) {
  EXPECT_FALSE(search("الجسر").suggestion.has_value());
}

TEST_F(SearchServiceTest, AQuotedPhraseMatchesOnlyAdjacentWords) {
  // school-library has المدرسة and جديدة, but not side by side.
  EXPECT_EQ(sorted_slugs(search("المدرسة الجديدة")), kSchoolArticles);
  EXPECT_EQ(slugs(search("\"المدرسة الجديدة\"")), std::vector<std::string>{"school-opening"});
  EXPECT_EQ(slugs(search("«المدرسة الجديدة»")), std::vector<std::string>{"school-opening"});
}

TEST_F(SearchServiceTest, APhraseInTheWrongOrderFindsNothing) {
  const SearchResults r = search("\"الجديدة المدرسة\"");
  EXPECT_EQ(r.total, 0);
  EXPECT_TRUE(r.results.empty());
}

TEST_F(SearchServiceTest, EmptyWhitespaceOrPunctuationIsNothingToSearch) {
  for (std::string_view q : {"", "   ", "\t\n", "؟!،.", "\"\"", "* ^ - ( )", "\xff\xfe"}) {
    const SearchResults r = search(q);
    EXPECT_TRUE(r.nothing_to_search) << q;
    EXPECT_EQ(r.total, 0) << q;
    EXPECT_TRUE(r.results.empty()) << q;
    EXPECT_FALSE(r.suggestion.has_value()) << q;
  }
}

TEST_F(SearchServiceTest, PagesSplitTheResultsInOrder) {
  const SearchResults all = search("تقرير");
  ASSERT_EQ(all.total, 5);
  ASSERT_EQ(all.results.size(), 5u);
  const std::vector<std::string> every = slugs(all);

  const SearchResults second = search("تقرير", 2, 2);
  EXPECT_EQ(second.total, 5);
  EXPECT_EQ(second.page, 2);
  EXPECT_EQ(second.per_page, 2);
  EXPECT_EQ(slugs(second), (std::vector<std::string>{every[2], every[3]}));

  const SearchResults third = search("تقرير", 3, 2);
  EXPECT_EQ(slugs(third), std::vector<std::string>{every[4]});
  EXPECT_TRUE(search("تقرير", 4, 2).results.empty());
}

TEST_F(SearchServiceTest, EqualMatchesComeNewestFirst) {
  EXPECT_EQ(slugs(search("تقرير")),
            (std::vector<std::string>{"report-5", "report-4", "report-3", "report-2", "report-1"}));
}

TEST_F(SearchServiceTest, PageAndPerPageAreClamped) {
  const SearchResults low = search("تقرير", 0, 0);
  EXPECT_EQ(low.page, 1);
  EXPECT_EQ(low.per_page, 1);
  EXPECT_EQ(low.results.size(), 1u);
  EXPECT_EQ(low.total, 5);

  const SearchResults negative = search("تقرير", -3, -10);
  EXPECT_EQ(negative.page, 1);
  EXPECT_EQ(negative.per_page, 1);
  EXPECT_EQ(negative.results.size(), 1u);

  const SearchResults high = search("تقرير", 1, 1000);
  EXPECT_EQ(high.per_page, kMaxPerPage);
  EXPECT_EQ(high.results.size(), 5u);

  const SearchResults deep = search("تقرير", 100000, 2);
  EXPECT_EQ(deep.page, kMaxPage);
  EXPECT_TRUE(deep.results.empty());
  EXPECT_EQ(deep.total, 5);
}

TEST_F(SearchServiceTest, PartialMatchesFollowFullOnesAcrossPages) {
  const SearchResults first = search("القطار الجسر النهر", 1, 1);
  EXPECT_EQ(first.total, 2);
  EXPECT_EQ(slugs(first), std::vector<std::string>{"train-bridge"});
  ASSERT_EQ(first.results.size(), 1u);
  EXPECT_FALSE(first.results[0].partial);
  const SearchResults second = search("القطار الجسر النهر", 2, 1);
  EXPECT_EQ(second.total, 2);
  EXPECT_EQ(slugs(second), std::vector<std::string>{"wooden-bridge"});
  ASSERT_EQ(second.results.size(), 1u);
  EXPECT_TRUE(second.results[0].partial);
}

TEST_F(SearchServiceTest, ScheduledArticlesAreNotFoundBeforeTheirTime) {
  const SearchResults r = search("الصيفية");
  EXPECT_EQ(r.total, 0);
  EXPECT_TRUE(r.results.empty());
  EXPECT_EQ(sorted_slugs(search("المدرسة")), kSchoolArticles);  // not summer-school
  // The same query once the article's time has come.
  const core::TimePoint later = sys_days{std::chrono::July / 2 / 2024};
  EXPECT_EQ(slugs(search("الصيفية", 1, kDefaultPerPage, later)),
            std::vector<std::string>{"summer-school"});
}

TEST_F(SearchServiceTest, OperatorsAndGarbageNeverThrow) {
  const std::string long_arabic = repeat("المدرسة ", 250);  // 2,000 characters
  const std::string long_latin(2000, 'x');
  const std::string long_quotes(2000, '"');
  const std::string long_operators = repeat("OR * NEAR( ^ - ", 134);
  for (std::string_view q :
       {std::string_view("\" OR * NEAR( ^ -"), std::string_view("\xff\xfe"),
        std::string_view("المدرسة \xff\xfe OR NEAR(الجسر, 2)"), std::string_view("title:المدرسة"),
        std::string_view("\"المدرسة"), std::string_view("(((("), std::string_view("AND NOT"),
        std::string_view(long_arabic), std::string_view(long_latin), std::string_view(long_quotes),
        std::string_view(long_operators)}) {
    EXPECT_NO_THROW(search(q)) << q.substr(0, 40);
    EXPECT_NO_THROW(search(q, 3, 7)) << q.substr(0, 40);
  }
}

TEST_F(SearchServiceTest, OperatorsAroundAWordStillFindIt) {
  for (std::string_view q :
       {"المدرسة*", "-المدرسة", "^المدرسة", "(المدرسة)", "+المدرسة:", "المدرسة* ^ - ( )"}) {
    EXPECT_EQ(sorted_slugs(search(q)), kSchoolArticles) << q;
  }
}

TEST_F(SearchServiceTest, ALongQueryIsCutAndStillSearched) {
  const SearchResults r = search(repeat("المدرسة ", 250));
  EXPECT_TRUE(r.cut);
  EXPECT_EQ(sorted_slugs(r), kSchoolArticles);
}

TEST_F(SearchServiceTest, InvalidUtf8InAWordIsDroppedBeforeSearching) {
  EXPECT_EQ(sorted_slugs(search("المدر\xffسة")), kSchoolArticles);
}

}  // namespace
}  // namespace jarida::search
