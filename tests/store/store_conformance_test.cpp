// The Store conformance suite (ARCHITECTURE.md principle 3, STYLE.md 2):
// every backend runs these same scenarios. Backends and the fixture are in
// store_fixture.hpp; comments and mail are in store_comments_mail_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/store.hpp"
#include "store/store_fixture.hpp"

namespace {

using namespace jarida_store_test;

TYPED_TEST_SUITE(StoreTest, Backends);

TYPED_TEST(StoreTest, MigrateIsIdempotentAndRecordsSchemaVersion) {
  TempDir dir;
  TypeParam backend(dir.path());
  auto s = backend.open();
  EXPECT_EQ(s->schema_version(), 0);
  s->migrate();
  const int version = s->schema_version();
  EXPECT_GT(version, 0);
  {
    auto b = s->begin_write();
    b->upsert_user({"amal", "amal", "أمل", "", core::Role::admin, "h"});
    b->commit();
  }
  s->migrate();
  EXPECT_EQ(s->schema_version(), version);
  auto again = backend.open();  // a restart: migrate() finds nothing to do
  again->migrate();
  EXPECT_EQ(again->schema_version(), version);
  EXPECT_EQ(again->count_users(), 1);
}

TYPED_TEST(StoreTest, ConcurrentMigrateOnAFreshDatabaseSucceedsTwice) {
  for (int round = 0; round < 5; ++round) {
    TempDir dir;
    TypeParam backend(dir.path());
    std::atomic<int> failures{0};
    std::vector<int> versions(2);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        try {
          auto s = backend.open();  // two "processes" starting at once
          s->migrate();
          versions[i] = s->schema_version();
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
          ++failures;
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures, 0);
    EXPECT_GT(versions[0], 0);
    EXPECT_EQ(versions[0], versions[1]);
  }
}

TYPED_TEST(StoreTest, UpsertsReturnExistingIds) {
  auto b = this->db().begin_write();
  const Id cat = b->upsert_category({"politics", "سياسة", "", std::nullopt});
  const Id child = b->upsert_category({"egypt", "مصر", "شؤون مصرية", cat});
  EXPECT_EQ(b->upsert_category({"politics", "السياسة", "", std::nullopt}), cat);
  EXPECT_NE(child, cat);
  const Id tag = b->upsert_tag({"gaza", "غزة"});
  EXPECT_EQ(b->upsert_tag({"gaza", "قطاع غزة"}), tag);
  EXPECT_NE(b->upsert_tag({"economy", "اقتصاد"}), tag);
  const Id user = b->upsert_user({"amal", "amal", "أمل", "", core::Role::editor, "h1"});
  EXPECT_EQ(b->upsert_user({"amal", "amal", "اسم آخر", "", core::Role::admin, "h2"}), user);
  b->commit();

  EXPECT_EQ(this->db().category_by_slug("politics")->name, "السياسة");  // name updated
  EXPECT_EQ(this->db().category_by_slug("egypt")->parent, cat);
  EXPECT_EQ(this->db().category_by_slug("egypt")->description, "شؤون مصرية");
  EXPECT_EQ(this->db().tag_by_slug("gaza")->name, "قطاع غزة");
  const auto amal = this->db().user_by_login("amal");
  ASSERT_TRUE(amal);
  EXPECT_EQ(amal->id, user);
  EXPECT_EQ(amal->display_name, "أمل");  // an existing user is left unchanged
  EXPECT_EQ(amal->role, core::Role::editor);
  EXPECT_EQ(this->db().count_users(), 1);
}

TYPED_TEST(StoreTest, DuplicateArticleSlugThrowsAndLeavesTheBatchUsable) {
  const auto w = this->seed();
  auto b = this->db().begin_write();
  b->add_article(this->article("x", now() - 1h, w.amal, w.politics));
  EXPECT_THROW(b->add_article(this->article("x", now(), w.omar, w.sports)), store::Error);
  // An article whose tag doesn't exist is not added at all (no half article).
  auto bad_tag = this->article("y", now(), w.amal, w.politics);
  bad_tag.tag_ids = {w.gaza, 999999};
  EXPECT_THROW(b->add_article(bad_tag), store::Error);
  b->add_article(this->article("z", now() - 2h, w.amal, w.politics));
  b->commit();
  EXPECT_EQ(this->db().count_articles(), 2);
  EXPECT_FALSE(this->db().published_article_by_slug("y"));
  EXPECT_EQ(this->db().published_article_by_slug("x")->author.id, w.amal);
  EXPECT_THROW(this->add(this->article("x", now(), w.amal, w.politics)), store::Error);
}

TYPED_TEST(StoreTest, BatchRollsBackWhenDestroyedWithoutCommit) {
  const auto w = this->seed();
  {
    auto b = this->db().begin_write();
    b->upsert_user({"ghost", "ghost", "شبح", "", core::Role::author, ""});
    b->upsert_category({"lost", "ضائع", "", std::nullopt});
    const Id a = b->add_article(this->article("gone", now() - 1h, w.amal, w.politics));
    b->add_comment({a, std::nullopt, "قارئ", "", "تعليق", CommentStatus::approved, now(), "", ""});
  }
  EXPECT_EQ(this->db().count_users(), 2);
  EXPECT_EQ(this->db().count_articles(), 0);
  EXPECT_FALSE(this->db().category_by_slug("lost"));
  EXPECT_TRUE(this->db().latest_comments(10).empty());
  // The write lock was released, and a committed batch refuses more work.
  auto b = this->db().begin_write();
  b->add_article(this->article("kept", now() - 1h, w.amal, w.politics));
  b->commit();
  EXPECT_THROW(b->upsert_tag({"late", "متأخر"}), store::Error);
  EXPECT_EQ(this->db().count_articles(), 1);
}

TYPED_TEST(StoreTest, OneBatchAtATimeAndReadersDontWaitForIt) {
  const auto w = this->seed();
  auto first = this->db().begin_write();
  first->add_article(this->article("uncommitted", now() - 1h, w.amal, w.politics));
  std::atomic<bool> second_started{false};
  std::thread t([&] {
    auto second = this->db().begin_write();
    second_started = true;
    second->add_article(this->article("second", now() - 1h, w.amal, w.politics));
    second->commit();
  });
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(second_started);
  // Readers neither block nor see uncommitted work.
  EXPECT_EQ(this->db().published_articles({}, 0, 10).total, 0);
  first->commit();
  t.join();
  EXPECT_TRUE(second_started);
  EXPECT_EQ(this->db().published_articles({}, 0, 10).total, 2);
}

TYPED_TEST(StoreTest, PublishedArticlesFilterByCategoryTagAndAuthor) {
  const auto w = this->seed();
  const TimePoint t = now();
  auto a1 = this->article("a1", t - 5h, w.amal, w.politics);
  a1.tag_ids = {w.gaza};
  auto a2 = this->article("a2", t - 4h, w.omar, w.sports);
  a2.tag_ids = {w.economy};
  auto a3 = this->article("a3", t - 3h, w.omar, w.politics);
  a3.tag_ids = {w.gaza, w.economy, w.gaza};  // a repeated tag counts once
  auto a4 = this->article("a4", t - 2h, w.amal, w.politics);
  for (const auto* a : {&a1, &a2, &a3, &a4}) this->add(*a);

  using V = std::vector<std::string>;
  auto list = [&](store::ArticleFilter f) { return this->db().published_articles(f, 0, 10); };
  EXPECT_EQ(slugs_of(list({}).items), (V{"a4", "a3", "a2", "a1"}));
  EXPECT_EQ(list({}).total, 4);
  EXPECT_EQ(slugs_of(list(where(w.politics)).items), (V{"a4", "a3", "a1"}));
  EXPECT_EQ(list(where(w.politics)).total, 3);
  EXPECT_EQ(slugs_of(list(where(std::nullopt, w.gaza)).items), (V{"a3", "a1"}));
  EXPECT_EQ(list(where(std::nullopt, w.gaza)).total, 2);
  EXPECT_EQ(slugs_of(list(where(std::nullopt, std::nullopt, w.omar)).items), (V{"a3", "a2"}));
  EXPECT_EQ(slugs_of(list(where(w.politics, std::nullopt, w.amal)).items), (V{"a4", "a1"}));
  EXPECT_EQ(slugs_of(list(where(w.sports, w.economy)).items), (V{"a2"}));
  EXPECT_EQ(list(where(std::nullopt, w.economy, w.amal)).total, 0);

  const auto first = list({}).items.front();
  EXPECT_EQ(first.title, "عنوان a4");
  EXPECT_EQ(first.kicker, "عاجل");
  EXPECT_EQ(first.excerpt, "مقتطف");
  EXPECT_EQ(first.published_at, t - 2h);
  EXPECT_EQ(first.category.slug, "politics");
  EXPECT_EQ(first.category.name, "سياسة");
  EXPECT_EQ(first.author.display_name, "أمل حسن");
  EXPECT_EQ(first.author.slug, "amal-hassan");
  EXPECT_EQ(first.author.role, core::Role::editor);
}

TYPED_TEST(StoreTest, PublishedArticlesPageNewestFirstWithTotal) {
  const auto w = this->seed();
  const TimePoint t = now();
  std::vector<int> order(25);
  for (int i = 0; i < 25; ++i) order[i] = (i * 7) % 25;  // inserted out of date order
  {
    auto b = this->db().begin_write();
    for (int i : order)
      b->add_article(
          this->article(numbered("n", i), t - std::chrono::minutes(i), w.amal, w.politics));
    b->commit();
  }
  auto page = this->db().published_articles({}, 0, 10);
  EXPECT_EQ(page.total, 25);
  ASSERT_EQ(page.items.size(), 10u);
  EXPECT_EQ(page.items[0].slug, "n0");
  EXPECT_EQ(page.items[9].slug, "n9");
  page = this->db().published_articles({}, 20, 10);
  EXPECT_EQ(page.total, 25);
  EXPECT_EQ(slugs_of(page.items), (std::vector<std::string>{"n20", "n21", "n22", "n23", "n24"}));
  page = this->db().published_articles({}, 30, 10);
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.total, 25);
}

TYPED_TEST(StoreTest, PagingThroughEqualDatesShowsEachArticleOnce) {
  const auto w = this->seed();
  const TimePoint t = now() - 1h;
  for (int i = 0; i < 6; ++i) this->add(this->article(numbered("same", i), t, w.amal, w.sports));
  std::set<std::string> seen;
  for (int offset = 0; offset < 6; ++offset) {
    const auto page = this->db().published_articles({}, offset, 1);
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_TRUE(seen.insert(page.items[0].slug).second) << page.items[0].slug;
  }
}

TYPED_TEST(StoreTest, UnpublishedAndFutureArticlesNeverShow) {
  const auto w = this->seed();
  const TimePoint t = now();
  std::vector<Id> ids;
  auto visible = this->article("visible", t - 1h, w.amal, w.politics);
  visible.tag_ids = {w.gaza};
  ids.push_back(this->add(visible));
  const std::pair<const char*, ArticleStatus> hidden[] = {{"draft", ArticleStatus::draft},
                                                          {"scheduled", ArticleStatus::scheduled},
                                                          {"trash", ArticleStatus::trash},
                                                          {"future", ArticleStatus::published}};
  for (const auto& [slug, status] : hidden) {
    auto a = this->article(slug, status == ArticleStatus::published ? t + 24h : t - 2h, w.amal,
                           w.politics, status);
    if (status == ArticleStatus::scheduled) a.published_at = t + 2h;
    a.tag_ids = {w.gaza};
    ids.push_back(this->add(a));
  }
  for (Id id : ids) this->comment(id, CommentStatus::approved, t - 10min);
  std::vector<store::VisitIncrement> visits;
  for (std::size_t i = 0; i < ids.size(); ++i) visits.push_back({ids[i], 10 + std::int64_t(i)});
  this->db().add_visits(visits, today());

  for (store::ArticleFilter f :
       {store::ArticleFilter{}, where(w.politics), where(std::nullopt, w.gaza),
        where(std::nullopt, std::nullopt, w.amal)}) {
    const auto page = this->db().published_articles(f, 0, 10);
    EXPECT_EQ(slugs_of(page.items), std::vector<std::string>{"visible"});
    EXPECT_EQ(page.total, 1);
  }
  for (const auto& [slug, status] : hidden)
    EXPECT_FALSE(this->db().published_article_by_slug(slug));
  EXPECT_EQ(slugs_of(this->db().most_read(today() - std::chrono::days(7), 10)),
            std::vector<std::string>{"visible"});
  const auto latest = this->db().latest_comments(10);
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].article_slug, "visible");
  // Slugs are taken whatever the status; count_articles counts everything.
  EXPECT_EQ(this->db().article_slugs_starting_with("").size(), 5u);
  EXPECT_EQ(this->db().count_articles(), 5);
}

TYPED_TEST(StoreTest, ArticleBySlugCarriesBodyTagsCategoryAndAuthor) {
  const auto w = this->seed();
  auto a = this->article("full", now() - 1h, w.omar, w.sports);
  a.tag_ids = {w.economy, w.gaza};
  a.visits = 42;
  a.body_html = std::string(5000, 'x') + "<p>نص طويل</p>";  // longer than a page
  const Id id = this->add(a);
  const auto got = this->db().published_article_by_slug("full");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->body_html, a.body_html);
  EXPECT_EQ(got->visits, 42);
  EXPECT_EQ(this->db().article_visits(id), 42);
  EXPECT_EQ(got->category.id, w.sports);
  EXPECT_EQ(got->author.login, "omar");
  std::set<Id> tags;
  for (const auto& t : got->tags) tags.insert(t.id);
  EXPECT_EQ(tags, (std::set<Id>{w.gaza, w.economy}));
  EXPECT_EQ(got->comment_count, 0);
}

TYPED_TEST(StoreTest, ApprovedCommentsOldestFirstAndCounted) {
  const auto w = this->seed();
  const TimePoint t = now();
  const Id a = this->add(this->article("a", t - 5h, w.amal, w.politics));
  const Id other = this->add(this->article("other", t - 5h, w.amal, w.politics));
  const Id late = this->comment(a, CommentStatus::approved, t - 1h, "ثالث");
  this->comment(a, CommentStatus::pending, t - 4h);
  this->comment(a, CommentStatus::spam, t - 3h);
  this->comment(a, CommentStatus::trash, t - 3h);
  const Id early = this->comment(a, CommentStatus::approved, t - 4h, "أول");
  this->comment(other, CommentStatus::approved, t - 2h);
  Id reply = 0;
  {
    auto b = this->db().begin_write();
    reply = b->add_comment(
        {a, early, "أمل", "amal@example.com", "رد", CommentStatus::approved, t - 2h, "h", ""});
    b->commit();
  }
  const auto list = this->db().approved_comments(a);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id, early);
  EXPECT_EQ(list[0].body, "أول");
  EXPECT_EQ(list[1].id, reply);
  EXPECT_EQ(list[1].parent, early);
  EXPECT_EQ(list[1].author_name, "أمل");
  EXPECT_EQ(list[1].author_email, "amal@example.com");
  EXPECT_EQ(list[1].created_at, t - 2h);
  EXPECT_EQ(list[1].article_id, a);
  EXPECT_EQ(list[2].id, late);
  for (const auto& c : list) EXPECT_EQ(c.status, CommentStatus::approved);
  EXPECT_EQ(this->db().published_article_by_slug("a")->comment_count, 3);
  EXPECT_EQ(this->db().published_articles({}, 0, 10).items.back().comment_count, 3);
  EXPECT_TRUE(this->db().approved_comments(999999).empty());
}

TYPED_TEST(StoreTest, LatestCommentsNewestFirstApprovedOnPublishedOnly) {
  const auto w = this->seed();
  const TimePoint t = now();
  const Id a = this->add(this->article("a", t - 5h, w.amal, w.politics));
  const Id b = this->add(this->article("b", t - 6h, w.amal, w.politics));
  const Id draft =
      this->add(this->article("draft", t - 5h, w.amal, w.politics, ArticleStatus::draft));
  const Id c1 = this->comment(a, CommentStatus::approved, t - 3h);
  const Id c2 = this->comment(b, CommentStatus::approved, t - 1h);
  const Id c3 = this->comment(a, CommentStatus::approved, t - 2h);
  this->comment(a, CommentStatus::pending, t - 10min);
  this->comment(b, CommentStatus::spam, t - 10min);
  this->comment(draft, CommentStatus::approved, t - 10min);
  const auto latest = this->db().latest_comments(10);
  ASSERT_EQ(latest.size(), 3u);
  EXPECT_EQ(latest[0].comment.id, c2);
  EXPECT_EQ(latest[1].comment.id, c3);
  EXPECT_EQ(latest[2].comment.id, c1);
  EXPECT_EQ(latest[0].article_slug, "b");
  EXPECT_EQ(latest[0].article_title, "عنوان b");
  EXPECT_EQ(latest[0].article_published_at, t - 6h);
  EXPECT_EQ(this->db().latest_comments(2).size(), 2u);
}

TYPED_TEST(StoreTest, MostReadByDailyVisitsSinceADay) {
  const auto w = this->seed();
  const Id a = this->add(this->article("a", now() - 24h * 20, w.amal, w.politics));
  const Id b = this->add(this->article("b", now() - 24h * 20, w.amal, w.politics));
  const Id c = this->add(this->article("c", now() - 24h * 20, w.amal, w.politics));
  this->add(this->article("none", now() - 1h, w.amal, w.politics));
  const auto d = today();
  {
    auto batch = this->db().begin_write();
    batch->add_daily_visits(a, d - std::chrono::days(10), 1000);  // before the window
    batch->add_daily_visits(a, d - std::chrono::days(1), 5);
    batch->add_daily_visits(b, d - std::chrono::days(3), 12);
    batch->add_daily_visits(b, d - std::chrono::days(3), 8);  // same day adds up: 20
    batch->add_daily_visits(c, d, 10);
    batch->commit();
  }
  using V = std::vector<std::string>;
  EXPECT_EQ(slugs_of(this->db().most_read(d - std::chrono::days(3), 10)), (V{"b", "c", "a"}));
  EXPECT_EQ(slugs_of(this->db().most_read(d - std::chrono::days(3), 2)), (V{"b", "c"}));
  EXPECT_EQ(slugs_of(this->db().most_read(d - std::chrono::days(30), 1)), (V{"a"}));
  EXPECT_EQ(slugs_of(this->db().most_read(d, 10)), (V{"c"}));
}

TYPED_TEST(StoreTest, AddVisitsCountsTotalAndToday) {
  const auto w = this->seed();
  auto na = this->article("a", now() - 1h, w.amal, w.politics);
  na.visits = 100;
  const Id a = this->add(na);
  const Id b = this->add(this->article("b", now() - 1h, w.amal, w.politics));
  const store::VisitIncrement incs[] = {{a, 3}, {b, 5}, {a, 4}, {999999, 7}, {b, 0}};
  this->db().add_visits(incs, today());  // an unknown (deleted) article is skipped
  EXPECT_EQ(this->db().article_visits(a), 107);
  EXPECT_EQ(this->db().article_visits(b), 5);
  EXPECT_EQ(this->db().published_article_by_slug("a")->visits, 107);
  // Today's counts (7 vs 5) rank the list, not the totals.
  EXPECT_EQ(slugs_of(this->db().most_read(today(), 10)), (std::vector<std::string>{"a", "b"}));
  this->db().add_visits({}, today());
}

TYPED_TEST(StoreTest, AddVisitsIsAllOrNothing) {
  const auto w = this->seed();
  const Id a = this->add(this->article("a", now() - 1h, w.amal, w.politics));
  const Id b = this->add(this->article("b", now() - 1h, w.amal, w.politics));
  const store::VisitIncrement incs[] = {{a, 5}, {b, 7}, {a, -1}};
  EXPECT_THROW(this->db().add_visits(incs, today()), store::Error);
  EXPECT_EQ(this->db().article_visits(a), 0);
  EXPECT_EQ(this->db().article_visits(b), 0);
  EXPECT_TRUE(this->db().most_read(today(), 10).empty());
}

TYPED_TEST(StoreTest, ConcurrentAddVisitsLoseNothing) {
  const auto w = this->seed();
  const Id a = this->add(this->article("a", now() - 1h, w.amal, w.politics));
  const Id b = this->add(this->article("b", now() - 1h, w.amal, w.politics));
  constexpr int kThreads = 4, kCalls = 100;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      const store::VisitIncrement incs[] = {{a, 1}, {b, 2}};
      for (int n = 0; n < kCalls; ++n) this->db().add_visits(incs, today());
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(this->db().article_visits(a), kThreads * kCalls);
  EXPECT_EQ(this->db().article_visits(b), 2 * kThreads * kCalls);
}

TYPED_TEST(StoreTest, ArabicSlugsRoundTrip) {
  const std::string slug = "انفراد-وزير-الصحة-يعلن-3-قرارات";
  Id cat = 0, tag = 0, user = 0;
  {
    auto b = this->db().begin_write();
    cat = b->upsert_category({"أخبار-مصر", "أخبار مصر", "", std::nullopt});
    tag = b->upsert_tag({"وزارة-الصحة", "وزارة الصحة"});
    user = b->upsert_user({"amal", "أمل-حسن", "أمل حسن", "", core::Role::author, ""});
    b->upsert_page({"من-نحن", "من نحن", "<p>جريدة</p>"});
    b->commit();
  }
  auto a = this->article(slug, now() - 1h, user, cat);
  a.tag_ids = {tag};
  this->add(a);
  this->add(this->article(slug + "-2", now() - 1h, user, cat));
  this->add(this->article("انفراد-وزير-الخارجية", now() - 1h, user, cat));
  const auto got = this->db().published_article_by_slug(slug);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->slug, slug);
  EXPECT_EQ(got->category.slug, "أخبار-مصر");
  EXPECT_EQ(got->author.slug, "أمل-حسن");
  ASSERT_EQ(got->tags.size(), 1u);
  EXPECT_EQ(got->tags[0].slug, "وزارة-الصحة");
  EXPECT_EQ(this->db().category_by_slug("أخبار-مصر")->id, cat);
  EXPECT_EQ(this->db().tag_by_slug("وزارة-الصحة")->id, tag);
  EXPECT_EQ(this->db().author_by_slug("أمل-حسن")->id, user);
  EXPECT_EQ(this->db().page_by_slug("من-نحن")->title, "من نحن");
  EXPECT_EQ(this->db().article_slugs_starting_with(slug),
            (std::vector<std::string>{slug, slug + "-2"}));
  EXPECT_EQ(this->db().article_slugs_starting_with("انفراد-وزير-").size(), 3u);
}

TYPED_TEST(StoreTest, ArticleSlugsStartingWithIsALiteralPrefix) {
  const auto w = this->seed();
  for (const char* s : {"a%b", "axb", "a_c", "ABC", "abc", "b"})
    this->add(this->article(s, now() - 1h, w.amal, w.politics, ArticleStatus::draft));
  using V = std::vector<std::string>;
  EXPECT_EQ(this->db().article_slugs_starting_with("a%"), (V{"a%b"}));
  EXPECT_EQ(this->db().article_slugs_starting_with("a_"), (V{"a_c"}));
  EXPECT_EQ(this->db().article_slugs_starting_with("ab"), (V{"abc"}));
  EXPECT_TRUE(this->db().article_slugs_starting_with("z").empty());
}

TYPED_TEST(StoreTest, PagesAreKeyedBySlug) {
  Id id = 0;
  {
    auto b = this->db().begin_write();
    id = b->upsert_page({"about", "عن الجريدة", "<p>1</p>"});
    EXPECT_EQ(b->upsert_page({"about", "من نحن", "<p>2</p>"}), id);
    b->upsert_page({"contact", "اتصل بنا", ""});
    b->commit();
  }
  const auto page = this->db().page_by_slug("about");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->id, id);
  EXPECT_EQ(page->title, "من نحن");
  EXPECT_EQ(page->body_html, "<p>2</p>");
  EXPECT_LE(std::chrono::abs(page->updated_at - now()), std::chrono::seconds(60));
  EXPECT_FALSE(this->db().page_by_slug("missing"));
}

TYPED_TEST(StoreTest, UsersCategoriesAndTagsLookups) {
  const auto w = this->seed();
  EXPECT_EQ(this->db().count_users(), 2);
  const auto amal = this->db().user_by_login("amal");
  ASSERT_TRUE(amal);
  EXPECT_EQ(amal->id, w.amal);
  EXPECT_EQ(amal->slug, "amal-hassan");
  EXPECT_EQ(amal->bio, "محررة");
  EXPECT_EQ(this->db().author_by_slug("amal-hassan")->login, "amal");
  EXPECT_FALSE(this->db().user_by_login("nobody"));
  EXPECT_FALSE(this->db().author_by_slug("amal"));
  const auto cats = this->db().categories();
  ASSERT_EQ(cats.size(), 2u);
  EXPECT_EQ(cats[0].slug, "politics");
  EXPECT_EQ(cats[0].description, "أخبار سياسية");
  EXPECT_EQ(cats[1].slug, "sports");
  EXPECT_FALSE(cats[1].parent);
  EXPECT_FALSE(this->db().category_by_slug("missing"));
  EXPECT_EQ(this->db().tag_by_slug("gaza")->id, w.gaza);
  EXPECT_FALSE(this->db().tag_by_slug("missing"));
  EXPECT_FALSE(this->db().published_article_by_slug("missing"));
  EXPECT_EQ(this->db().article_visits(999999), 0);
}

TYPED_TEST(StoreTest, ContentVersionIgnoresVisitCounts) {
  const auto w = this->seed();
  const auto id = this->add(this->article("counted", now() - 1h, w.amal, w.politics));
  const auto before = this->db().content_version();
  const store::VisitIncrement inc[] = {{id, 5}};
  this->db().add_visits(inc, std::chrono::floor<std::chrono::days>(now()));
  EXPECT_EQ(this->db().article_visits(id), 5);
  EXPECT_EQ(this->db().content_version(), before) << "a visit flush must not look like new content";
  this->add(this->article("second", now() - 1h, w.amal, w.politics));
  EXPECT_NE(this->db().content_version(), before);
}

TYPED_TEST(StoreTest, ContentVersionChangesWhenAnotherStoreCommits) {
  const auto w = this->seed();
  const auto before = this->db().content_version();
  EXPECT_EQ(this->db().content_version(), before);  // nothing happened
  auto other = this->open_another();
  {
    auto b = other->begin_write();
    b->add_article(this->article("from-demo", now() - 1h, w.amal, w.politics));
    b->commit();
  }
  const auto after = this->db().content_version();
  EXPECT_NE(after, before);
  EXPECT_EQ(this->db().published_articles({}, 0, 10).total, 1);
  EXPECT_EQ(this->db().content_version(), after);
}

TYPED_TEST(StoreTest, ReadersAndAWriterRunTogether) {
  const auto w = this->seed();
  for (int i = 0; i < 20; ++i)
    this->add(this->article(numbered("start", i), now() - 1h, w.amal, w.politics));
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, reads{0};
  auto fail = [&](const std::string& what) {
    ADD_FAILURE() << what;
    ++failures;
  };
  std::vector<std::thread> readers;
  for (int r = 0; r < 8; ++r) {
    readers.emplace_back([&, r] {
      try {
        std::int64_t last_total = 0;
        while (!done) {
          const auto page = this->db().published_articles(where(w.politics), 0, 5);
          if (page.total < last_total || page.total < 20 || page.items.size() != 5u)
            fail("inconsistent page");
          last_total = page.total;
          if (!this->db().published_article_by_slug(numbered("start", r))) fail("lost");
          this->db().latest_comments(5);
          this->db().most_read(today(), 5);
          ++reads;
        }
      } catch (const std::exception& e) {
        fail(e.what());
      }
    });
  }
  std::thread writer([&] {
    try {
      for (int i = 0; i < 40; ++i) {
        auto b = this->db().begin_write();
        const Id id =
            b->add_article(this->article(numbered("w", i), now() - 1h, w.omar, w.politics));
        b->add_comment(
            {id, std::nullopt, "قارئ", "", "تعليق", CommentStatus::approved, now(), "", ""});
        b->commit();
        const store::VisitIncrement inc[] = {{id, 1}};
        this->db().add_visits(inc, today());
      }
    } catch (const std::exception& e) {
      fail(e.what());
    }
  });
  writer.join();
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_GT(reads, 0);
  EXPECT_EQ(this->db().published_articles({}, 0, 1).total, 60);
  EXPECT_EQ(this->db().latest_comments(100).size(), 40u);
}

}  // namespace

namespace jarida_store_test {
namespace {

template <class Backend>
class LegacyIdTest : public StoreTest<Backend> {};
TYPED_TEST_SUITE(LegacyIdTest, Backends);

// Old /?p=ID links: the WordPress ID an imported article had.
TYPED_TEST(LegacyIdTest, FindsOnlyAPublishedArticleByItsWordPressId) {
  const auto w = this->seed();
  auto a = this->article("imported", now() - 1h, w.amal, w.politics);
  a.legacy_id = 1234;
  this->add(a);
  auto draft = this->article("draft", now() - 1h, w.amal, w.politics, ArticleStatus::draft);
  draft.legacy_id = 99;
  this->add(draft);
  const auto found = this->db().published_article_by_legacy_id(1234);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->slug, "imported");
  EXPECT_FALSE(this->db().published_article_by_legacy_id(99).has_value());
  EXPECT_FALSE(this->db().published_article_by_legacy_id(5).has_value());
  auto again = this->article("again", now() - 1h, w.amal, w.politics);
  again.legacy_id = 1234;  // one article per WordPress ID
  EXPECT_THROW(this->add(again), store::Error);
}

}  // namespace
}  // namespace jarida_store_test
