// The search index in the Store conformance suite: what a backend must do
// with SearchSpec, and that the index follows every change to the articles
// in the same commit.
#include <sqlite3.h>

#include "store_fixture.hpp"

namespace jarida_store_test {
namespace {

template <class Backend>
class SearchTest : public StoreTest<Backend> {
 protected:
  void SetUp() override {
    StoreTest<Backend>::SetUp();
    w_ = this->seed();
  }

  Id publish(std::string slug, std::string title, std::string body, TimePoint at = now() - 1h,
             ArticleStatus status = ArticleStatus::published) {
    auto a = this->article(std::move(slug), at, w_.amal, w_.politics, status);
    a.title = std::move(title);
    a.body_html = std::move(body);
    a.excerpt = "";
    a.kicker = "";
    return this->add(a);
  }

  static store::SearchClause word(std::string w) {
    store::SearchClause c;
    c.any_of.push_back({{std::move(w)}});
    return c;
  }

  store::SearchPage find(std::vector<store::SearchClause> clauses, std::size_t min = 0) {
    store::SearchSpec s;
    s.clauses = std::move(clauses);
    s.max_clauses = s.clauses.size();
    s.min_clauses = min == 0 ? s.clauses.size() : min;
    s.now = now();
    s.limit = 20;
    return this->db().search(s);
  }

  std::vector<std::string> slugs(const store::SearchPage& p) {
    std::vector<std::string> out;
    for (const auto& h : p.hits) out.push_back(h.article.slug);
    return out;
  }

  typename StoreTest<Backend>::World w_;
};

TYPED_TEST_SUITE(SearchTest, Backends);

TYPED_TEST(SearchTest, FindsArticlesByFoldedAndStemmedWordsAndKeepsTheOriginalText) {
  this->publish("school", "افتتاح المَدرسة الجديدة", "<p>افتُتحت <b>المدرسةُ</b> في الحي.</p>");
  this->publish("other", "سوق الخضار", "<p>ارتفاع الأسعار</p>");
  const auto p = this->find({this->word("مدرسه")});
  ASSERT_EQ(p.total, 1);
  EXPECT_EQ(p.hits.at(0).article.slug, "school");
  // The body is indexed as the text a reader sees: no tags, harakat kept.
  EXPECT_EQ(p.hits.at(0).body_text, "افتُتحت المدرسةُ في الحي.");
  EXPECT_EQ(this->find({this->word("للأسعار")}).total, 1);
  EXPECT_EQ(this->find({this->word("مستشفى")}).total, 0);
}

TYPED_TEST(SearchTest, TitleMatchesRankAboveBodyMatches) {
  this->publish("body", "خبر عن الطقس", "<p>القطار تأخر بسبب المطر، والقطار مزدحم.</p>");
  this->publish("title", "القطار الجديد يصل", "<p>وصل صباحاً.</p>");
  EXPECT_EQ(this->slugs(this->find({this->word("القطار")})),
            (std::vector<std::string>{"title", "body"}));
}

TYPED_TEST(SearchTest, AllClausesOrExactlySomeOfThem) {
  this->publish("abc", "قطار مدينة جسر", "");
  this->publish("ab", "قطار مدينة", "");
  this->publish("bc", "مدينة جسر", "");
  auto clauses = std::vector{this->word("قطار"), this->word("مدينة"), this->word("جسر")};
  EXPECT_EQ(this->slugs(this->find(clauses)), std::vector<std::string>{"abc"});
  store::SearchSpec s;
  s.clauses = clauses;
  s.min_clauses = s.max_clauses = 2;  // exactly two of three
  s.now = now();
  s.limit = 10;
  const auto partial = this->db().search(s);
  EXPECT_EQ(partial.total, 2);
  auto got = this->slugs(partial);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"ab", "bc"}));
}

TYPED_TEST(SearchTest, AlternativesAndPhrases) {
  this->publish("fb", "حملة على فيس بوك", "");
  this->publish("apart", "بوك فيس", "");
  store::SearchClause brand;
  brand.any_of = {{{"facebook"}}, {{"فيس", "بوك"}}};
  EXPECT_EQ(this->slugs(this->find({brand})), std::vector<std::string>{"fb"});
}

TYPED_TEST(SearchTest, OperatorsInWordsAreOnlyText) {
  this->publish("a", "خبر عادي", "");
  for (std::string w : {"\"", "OR", "NEAR(", "*", "-", "^", "a:b", "(", "\"\"", "NOT"}) {
    EXPECT_NO_THROW(this->find({this->word(w), this->word("خبر")})) << w;
  }
}

TYPED_TEST(SearchTest, ScheduledDraftAndTrashedArticlesAreNotFound) {
  this->publish("later", "خبر مجدول", "", now() + 24h);
  this->publish("draft", "خبر مسودة", "", now() - 1h, ArticleStatus::draft);
  this->publish("now", "خبر منشور", "");
  EXPECT_EQ(this->slugs(this->find({this->word("خبر")})), std::vector<std::string>{"now"});
}

TYPED_TEST(SearchTest, EditsUnpublishingAndDeletionChangeTheIndexInTheSameCommit) {
  const Id id = this->publish("x", "زيارة الوفد", "<p>نص أول</p>");
  EXPECT_EQ(this->find({this->word("الوفد")}).total, 1);

  auto a = this->article("x", now() - 1h, this->w_.amal, this->w_.sports);
  a.title = "مباراة الفريق";
  a.tag_ids = {this->w_.economy};
  {
    auto b = this->db().begin_write();
    ASSERT_TRUE(b->update_article(id, a));
    // Not committed: other connections still see the old index.
    EXPECT_EQ(this->find({this->word("الوفد")}).total, 1);
    b->commit();
  }
  EXPECT_EQ(this->find({this->word("الوفد")}).total, 0);
  EXPECT_EQ(this->find({this->word("مباراة")}).total, 1);
  EXPECT_EQ(this->find({this->word("اقتصاد")}).total, 1);  // tag name
  EXPECT_EQ(this->find({this->word("رياضة")}).total, 1);   // category name

  {
    auto b = this->db().begin_write();
    b->upsert_tag({"economy", "مال"});  // renaming a tag re-indexes its articles
    b->commit();
  }
  EXPECT_EQ(this->find({this->word("اقتصاد")}).total, 0);
  EXPECT_EQ(this->find({this->word("مال")}).total, 1);

  {
    auto b = this->db().begin_write();
    ASSERT_TRUE(b->set_article_status(id, ArticleStatus::draft));
    b->commit();
  }
  EXPECT_EQ(this->find({this->word("مباراة")}).total, 0);
  {
    auto b = this->db().begin_write();
    ASSERT_TRUE(b->set_article_status(id, ArticleStatus::published));
    b->commit();
  }
  EXPECT_EQ(this->find({this->word("مباراة")}).total, 1);
  {
    auto b = this->db().begin_write();
    ASSERT_TRUE(b->delete_article(id));
    b->commit();
  }
  EXPECT_EQ(this->find({this->word("مباراة")}).total, 0);
  EXPECT_TRUE(this->db().search_vocabulary().empty() ||
              std::none_of(this->db().search_vocabulary().begin(),
                           this->db().search_vocabulary().end(),
                           [](const store::IndexedTerm& t) { return t.term == "مباراه"; }));
}

TYPED_TEST(SearchTest, ARolledBackBatchLeavesTheIndexAlone) {
  {
    auto b = this->db().begin_write();
    auto a = this->article("gone", now() - 1h, this->w_.amal, this->w_.politics);
    a.title = "خبر لن يبقى";
    b->add_article(a);
  }  // destroyed uncommitted
  EXPECT_EQ(this->find({this->word("يبقى")}).total, 0);
  this->publish("kept", "خبر يبقى", "");
  EXPECT_EQ(this->find({this->word("يبقى")}).total, 1);
}

TYPED_TEST(SearchTest, RebuildIndexesEveryPublishedArticleWithProgress) {
  for (int i = 0; i < 5; ++i) this->publish(numbered("n", i), "تقرير رقم", "");
  this->publish("draft", "تقرير مسودة", "", now() - 1h, ArticleStatus::draft);
  std::vector<std::pair<std::int64_t, std::int64_t>> seen;
  this->db().rebuild_search_index(
      [&](std::int64_t done, std::int64_t total) { seen.emplace_back(done, total); });
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), std::make_pair(std::int64_t{5}, std::int64_t{5}));
  EXPECT_EQ(this->find({this->word("تقرير")}).total, 5);
}

TYPED_TEST(SearchTest, MatchCountIsCappedAndVocabularyCountsArticles) {
  for (int i = 0; i < 4; ++i) this->publish(numbered("m", i), "سد النهضة", "");
  EXPECT_EQ(this->db().search_match_count(this->word("سد"), 2), 2);
  EXPECT_EQ(this->db().search_match_count(this->word("سد"), 100), 4);
  const auto vocabulary = this->db().search_vocabulary();
  const auto it = std::find_if(vocabulary.begin(), vocabulary.end(),
                               [](const store::IndexedTerm& t) { return t.term == "نهض"; });
  ASSERT_NE(it, vocabulary.end());  // النهضة, folded and stemmed
  EXPECT_EQ(it->articles, 4);
}

}  // namespace
}  // namespace jarida_store_test

// Edits made outside Jarida (the sqlite3 shell has no `jarida` tokenizer)
// are recorded by triggers and indexed at Jarida's next write.
namespace jarida_store_test {
namespace {
TEST(SearchIndexSqlite, OutsideEditsAreIndexedAtTheNextWrite) {
  TempDir dir;
  auto s = store::open_sqlite_store(dir.path() / "jarida.db");
  s->migrate();
  core::Id author = 0, category = 0;
  {
    auto b = s->begin_write();
    author = b->upsert_user({"u", "u", "u", "", core::Role::author, ""});
    category = b->upsert_category({"c", "قسم", "", std::nullopt});
    store::NewArticle a;
    a.slug = "a";
    a.title = "عنوان قديم";
    a.published_at = now() - 1h;
    a.author_id = author;
    a.category_id = category;
    b->add_article(a);
    b->commit();
  }
  sqlite3* shell = nullptr;
  ASSERT_EQ(sqlite3_open((dir.path() / "jarida.db").c_str(), &shell), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(shell, "UPDATE articles SET title = 'عنوان جديد'", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(shell);
  store::SearchClause fresh;
  fresh.any_of = {{{"جديد"}}};
  store::SearchSpec spec;
  spec.clauses = {fresh};
  spec.min_clauses = spec.max_clauses = 1;
  spec.now = now();
  EXPECT_EQ(s->search(spec).total, 0);  // not yet
  {
    auto b = s->begin_write();
    b->upsert_tag({"t", "وسم"});
    b->commit();
  }
  EXPECT_EQ(s->search(spec).total, 1);
}
}  // namespace
}  // namespace jarida_store_test

namespace jarida_store_test {
namespace {
// A word in more articles than a reader can page through is counted only
// that far (the rest of the count would cost more than the ranking).
TEST(SearchTotalSqlite, CountsUpToTheCapAndSaysSo) {
  TempDir dir;
  auto s = store::open_sqlite_store(dir.path() / "jarida.db");
  s->migrate();
  {
    auto b = s->begin_write();
    const core::Id author = b->upsert_user({"u", "u", "u", "", core::Role::author, ""});
    const core::Id category = b->upsert_category({"c", "قسم", "", std::nullopt});
    for (int i = 0; i < 540; ++i) {
      store::NewArticle a;
      a.slug = numbered("n", i);
      a.title = "نشرة الطقس";
      a.published_at = now() - 1h;
      a.author_id = author;
      a.category_id = category;
      b->add_article(a);
    }
    b->commit();
  }
  store::SearchClause weather;
  weather.any_of = {{{"الطقس"}}};
  store::SearchSpec spec;
  spec.clauses = {weather};
  spec.min_clauses = spec.max_clauses = 1;
  spec.now = now();
  spec.total_cap = 220;  // above the 200 articles that are scored
  auto page = s->search(spec);
  EXPECT_EQ(page.total, 220);
  EXPECT_TRUE(page.total_capped);
  EXPECT_EQ(page.hits.size(), 10u);
  spec.total_cap = 1000;
  page = s->search(spec);
  EXPECT_EQ(page.total, 540);
  EXPECT_FALSE(page.total_capped);
}
}  // namespace
}  // namespace jarida_store_test
