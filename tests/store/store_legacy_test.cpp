// The Store conformance suite, continued: what a WordPress import brings to
// the readers' side (issue 7). Old links by WordPress id (/?cat=,
// /?page_id=, /?author=) and the redirects table (legacy_queries.cpp);
// pending and private articles that no reader query shows; sticky articles
// pinned atop the home page; featured images; closed comments; pages that
// are not published.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "store/store_fixture.hpp"

namespace jarida_store_test {
namespace {

template <class Backend>
class LegacyTest : public StoreTest<Backend> {
 protected:
  void SetUp() override {
    StoreTest<Backend>::SetUp();
    w_ = this->seed();
  }

  // An imported post (through the import batch: the only writer of sticky,
  // comments_open and featured images so far).
  store::ImportedArticle imported(std::int64_t legacy_id, std::string slug, TimePoint at,
                                  ArticleStatus status = ArticleStatus::published) {
    store::ImportedArticle a;
    a.legacy_id = legacy_id;
    a.title = "عنوان " + slug;
    a.slug = std::move(slug);
    a.excerpt = "مقتطف";
    a.body_html = "<p>نص</p>";
    a.status = status;
    a.published_at = at;
    a.updated_at = at;
    a.author_id = w_.amal;
    a.category_id = w_.politics;
    return a;
  }
  std::vector<Id> import_articles(const std::vector<store::ImportedArticle>& articles,
                                  const std::vector<store::ImportedMedia>& media = {}) {
    auto b = this->db().begin_import();
    for (const auto& m : media) b->upsert_media(m);
    std::vector<Id> ids;
    for (const auto& a : articles) ids.push_back(b->upsert_article(a).id);
    b->finish();
    b->commit();
    return ids;
  }

  typename StoreTest<Backend>::World w_;
};
TYPED_TEST_SUITE(LegacyTest, Backends);

// ---- Old links by WordPress id

TYPED_TEST(LegacyTest, CategoryAndPublishedPageByWordPressId) {
  {
    auto b = this->db().begin_import();
    b->upsert_category({31, "economy", "اقتصاد", "", std::nullopt});
    store::ImportedPage about;
    about.legacy_id = 11;
    about.slug = "about-us";
    about.title = "من نحن";
    about.updated_at = now();
    b->upsert_page(about);
    for (auto [id, slug, status] : {std::tuple{12, "draft-page", ArticleStatus::draft},
                                    std::tuple{13, "private-page", ArticleStatus::private_},
                                    std::tuple{14, "pending-page", ArticleStatus::pending},
                                    std::tuple{15, "trashed-page", ArticleStatus::trash}}) {
      store::ImportedPage p = about;
      p.legacy_id = id;
      p.slug = slug;
      p.status = status;
      b->upsert_page(p);
    }
    b->finish();
    b->commit();
  }
  const auto cat = this->db().category_by_legacy_id(31);
  ASSERT_TRUE(cat);
  EXPECT_EQ(cat->slug, "economy");
  EXPECT_EQ(cat->name, "اقتصاد");
  EXPECT_FALSE(this->db().category_by_legacy_id(32));

  const auto page = this->db().page_by_legacy_id(11);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->slug, "about-us");
  EXPECT_TRUE(this->db().page_by_slug("about-us"));
  for (std::int64_t hidden : {12, 13, 14, 15, 99})
    EXPECT_FALSE(this->db().page_by_legacy_id(hidden)) << hidden;
  // Readers never see a page that is not published, by any address.
  for (const char* slug : {"draft-page", "private-page", "pending-page", "trashed-page"})
    EXPECT_FALSE(this->db().page_by_slug(slug)) << slug;
}

TYPED_TEST(LegacyTest, AuthorByWordPressIdOnlyWhenReadersCanSeeAnArticleOfTheirs) {
  Id writer = 0, silent = 0, drafter = 0, future = 0;
  {
    auto b = this->db().begin_import();
    writer = b->upsert_user({7, "wp-login-7", "kateb", "كاتب", "k@example.com"}).id;
    silent = b->upsert_user({8, "wp-login-8", "samet", "صامت", ""}).id;
    drafter = b->upsert_user({9, "wp-login-9", "musawwida", "مسودة", ""}).id;
    future = b->upsert_user({10, "wp-login-10", "mustaqbal", "مستقبل", ""}).id;
    b->finish();
    b->commit();
  }
  auto by = [&](std::int64_t legacy, std::string slug, Id author, ArticleStatus status,
                TimePoint at) {
    auto a = this->imported(legacy, std::move(slug), at, status);
    a.author_id = author;
    return a;
  };
  this->import_articles({by(100, "a1", writer, ArticleStatus::published, now() - 1h),
                         by(101, "a2", drafter, ArticleStatus::draft, now() - 1h),
                         by(102, "a3", drafter, ArticleStatus::private_, now() - 1h),
                         by(103, "a4", drafter, ArticleStatus::pending, now() - 1h),
                         by(104, "a5", future, ArticleStatus::published, now() + 2h)});
  const auto found = this->db().author_by_legacy_id(7);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, writer);
  EXPECT_EQ(found->slug, "kateb");
  EXPECT_NE(found->slug, found->login);
  for (std::int64_t hidden : {8, 9, 10, 11})
    EXPECT_FALSE(this->db().author_by_legacy_id(hidden)) << hidden;
  (void)silent;
}

// ---- Redirects

TYPED_TEST(LegacyTest, RedirectsAreAddedReplacedListedAndRemoved) {
  EXPECT_TRUE(this->db().redirects().empty());
  EXPECT_FALSE(this->db().redirect_for("/old/"));
  const auto v0 = this->db().content_version();
  EXPECT_TRUE(this->db().put_redirect({"/قديم/", "/2024/01/جديد/", 301}));
  EXPECT_TRUE(this->db().put_redirect({"/b", "https://example.org/x?y=1", 302}));
  const auto v1 = this->db().content_version();
  EXPECT_NE(v1, v0);  // servers drop what they cached

  const auto r = this->db().redirect_for("/قديم/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_path, "/2024/01/جديد/");
  EXPECT_EQ(r->status, 301);
  EXPECT_FALSE(this->db().redirect_for("/قديم"));  // exact: callers try the other form
  EXPECT_FALSE(this->db().redirect_for("/b/"));

  // The same row again changes nothing; a new target or status replaces it.
  EXPECT_FALSE(this->db().put_redirect({"/b", "https://example.org/x?y=1", 302}));
  EXPECT_EQ(this->db().content_version(), v1);
  EXPECT_FALSE(this->db().put_redirect({"/b", "/c/", 308}));
  EXPECT_NE(this->db().content_version(), v1);
  const auto all = this->db().redirects();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].from_path, "/b");
  EXPECT_EQ(all[0].to_path, "/c/");
  EXPECT_EQ(all[0].status, 308);
  EXPECT_EQ(all[1].from_path, "/قديم/");

  const auto v2 = this->db().content_version();
  EXPECT_FALSE(this->db().remove_redirect("/nothing"));
  EXPECT_EQ(this->db().content_version(), v2);
  EXPECT_TRUE(this->db().remove_redirect("/b"));
  EXPECT_NE(this->db().content_version(), v2);
  EXPECT_FALSE(this->db().redirect_for("/b"));
  EXPECT_EQ(this->db().redirects().size(), 1u);
  // The schema allows only the four redirect statuses.
  EXPECT_THROW(this->db().put_redirect({"/d", "/e/", 200}), store::Error);
}

TYPED_TEST(LegacyTest, RedirectsAddedByAnImportAreFound) {
  {
    auto b = this->db().begin_import();
    b->add_redirect("/category/parent/child/", "/category/child/");
    b->finish();
    b->commit();
  }
  const auto r = this->db().redirect_for("/category/parent/child/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_path, "/category/child/");
  EXPECT_EQ(r->status, 301);
}

// ---- Pending and private articles: no reader query shows them

TYPED_TEST(LegacyTest, PendingAndPrivateArticlesNeverShowToReaders) {
  const TimePoint t = now();
  Id author = 0;
  {
    auto b = this->db().begin_import();
    author = b->upsert_user({70, "hidden-login", "hidden-writer", "كاتب خفي", ""}).id;
    b->finish();
    b->commit();
  }
  std::vector<store::ImportedArticle> all;
  std::int64_t legacy = 500;
  for (auto [slug, status] : {std::pair{"visible", ArticleStatus::published},
                              std::pair{"pending", ArticleStatus::pending},
                              std::pair{"private", ArticleStatus::private_}}) {
    auto a = this->imported(legacy++, slug, t - 1h, status);
    a.title = std::string("زلزال ") + slug;  // every one matches the search below
    a.sticky = true;
    a.tag_ids = {this->w_.gaza};
    if (status != ArticleStatus::published) a.author_id = author;
    all.push_back(a);
  }
  const std::vector<Id> ids = this->import_articles(all);
  for (Id id : ids) this->comment(id, CommentStatus::approved, t - 10min);
  std::vector<store::VisitIncrement> visits;
  for (Id id : ids) visits.push_back({id, 10});
  this->db().add_visits(visits, today());

  const std::vector<std::string> only_visible{"visible"};
  for (store::ArticleFilter f :
       {store::ArticleFilter{}, where(this->w_.politics), where(std::nullopt, this->w_.gaza),
        where(std::nullopt, std::nullopt, this->w_.amal),
        where(std::nullopt, std::nullopt, author)}) {
    const auto page = this->db().published_articles(f, 0, 10);
    const bool hidden_author = f.author_id == author;
    EXPECT_EQ(slugs_of(page.items), hidden_author ? std::vector<std::string>{} : only_visible);
    EXPECT_EQ(page.total, hidden_author ? 0 : 1);
  }
  for (const char* slug : {"pending", "private"})
    EXPECT_FALSE(this->db().published_article_by_slug(slug)) << slug;
  EXPECT_TRUE(this->db().published_article_by_slug("visible"));
  EXPECT_FALSE(this->db().published_article_by_legacy_id(501));
  EXPECT_FALSE(this->db().published_article_by_legacy_id(502));
  EXPECT_FALSE(this->db().author_by_legacy_id(70));  // wrote only hidden articles
  EXPECT_EQ(slugs_of(this->db().sticky_articles(10)), only_visible);
  EXPECT_EQ(slugs_of(this->db().most_read(today() - std::chrono::days(7), 10)), only_visible);
  const auto latest = this->db().latest_comments(10);
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].article_slug, "visible");

  store::SearchSpec spec;
  spec.clauses = {store::SearchClause{{store::SearchPhrase{{"زلزال"}}}}};
  spec.min_clauses = spec.max_clauses = 1;
  spec.now = now();
  const auto found = this->db().search(spec);
  EXPECT_EQ(found.total, 1);
  ASSERT_EQ(found.hits.size(), 1u);
  EXPECT_EQ(found.hits[0].article.slug, "visible");
  EXPECT_EQ(this->db().search_match_count(spec.clauses[0], 10), 1);

  for (std::size_t i = 1; i < ids.size(); ++i) {
    store::CommentSubmission s;
    s.comment.article_id = ids[i];
    s.comment.author_name = "قارئ";
    s.comment.body = "تعليق";
    const auto r = this->db().submit_comment(s, [](const store::CommentFacts&) {
      return std::optional<CommentStatus>(CommentStatus::approved);
    });
    EXPECT_EQ(r.outcome, store::CommentOutcome::no_such_article) << ids[i];
  }
}

// ---- Sticky articles

TYPED_TEST(LegacyTest, StickyArticlesNewestFirstAndLeftOutOfTheListBelow) {
  const TimePoint t = now();
  std::vector<store::ImportedArticle> all;
  for (int i = 0; i < 8; ++i) {
    auto a = this->imported(600 + i, numbered("n", i), t - std::chrono::hours(10 - i));
    a.sticky = i == 1 || i == 3 || i == 5;
    a.tag_ids = {this->w_.gaza};
    if (i == 5) a.published_at = t + 1h;  // scheduled in effect: not yet
    all.push_back(a);
  }
  auto draft = this->imported(700, "sticky-draft", t - 1h, ArticleStatus::draft);
  draft.sticky = true;
  all.push_back(draft);
  this->import_articles(all);

  const auto pinned = this->db().sticky_articles(10);
  EXPECT_EQ(slugs_of(pinned), (std::vector<std::string>{"n3", "n1"}));
  EXPECT_TRUE(pinned[0].sticky);
  EXPECT_EQ(slugs_of(this->db().sticky_articles(1)), std::vector<std::string>{"n3"});

  store::ArticleFilter home;
  home.without_pinned = 10;
  auto first = this->db().published_articles(home, 0, 3);
  EXPECT_EQ(slugs_of(first.items), (std::vector<std::string>{"n7", "n6", "n4"}));
  EXPECT_EQ(first.total, 5);  // n0 n2 n4 n6 n7
  EXPECT_FALSE(first.items[0].sticky);
  EXPECT_EQ(slugs_of(this->db().published_articles(home, 3, 3).items),
            (std::vector<std::string>{"n2", "n0"}));
  // Only the pinned ones are left out: a sticky article beyond the limit
  // stays in its place.
  home.without_pinned = 1;
  EXPECT_EQ(slugs_of(this->db().published_articles(home, 0, 10).items),
            (std::vector<std::string>{"n7", "n6", "n4", "n2", "n1", "n0"}));
  // The same with a filter, also on the tag path (which reads article_tags).
  home.without_pinned = 10;
  home.category_id = this->w_.politics;
  EXPECT_EQ(this->db().published_articles(home, 0, 10).total, 5);
  home.category_id.reset();
  home.tag_id = this->w_.gaza;
  const auto tagged = this->db().published_articles(home, 0, 10);
  EXPECT_EQ(slugs_of(tagged.items), (std::vector<std::string>{"n7", "n6", "n4", "n2", "n0"}));
  EXPECT_EQ(tagged.total, 5);
  // Other lists keep every article in date order.
  EXPECT_EQ(this->db().published_articles({}, 0, 10).total, 7);
}

// ---- Featured images and closed comments

TYPED_TEST(LegacyTest, ArticlesCarryTheirFeaturedImageAndCommentsOpen) {
  store::ImportedMedia photo;
  photo.legacy_id = 900;
  photo.url = "https://old.example.com/wp-content/uploads/2024/01/صورة.jpg";
  photo.mime = "image/jpeg";
  photo.width = 1200;
  photo.height = 675;
  photo.alt = "وصف الصورة";
  photo.caption = "تعليق الصورة";
  auto with = this->imported(800, "with-image", now() - 2h);
  with.featured_media_legacy_id = 900;
  with.comments_open = false;
  auto without = this->imported(801, "without-image", now() - 1h);
  this->import_articles({with, without}, {photo});

  const auto a = this->db().published_article_by_slug("with-image");
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->featured_image);
  EXPECT_EQ(a->featured_image->url, photo.url);
  EXPECT_EQ(a->featured_image->mime, "image/jpeg");
  EXPECT_EQ(a->featured_image->width, 1200);
  EXPECT_EQ(a->featured_image->height, 675);
  EXPECT_EQ(a->featured_image->alt, "وصف الصورة");
  EXPECT_EQ(a->featured_image->caption, "تعليق الصورة");
  EXPECT_FALSE(a->comments_open);
  const auto b = this->db().published_article_by_slug("without-image");
  ASSERT_TRUE(b);
  EXPECT_FALSE(b->featured_image);
  EXPECT_TRUE(b->comments_open);
  // Lists (and so feeds) carry the image too.
  const auto list = this->db().published_articles({}, 0, 10).items;
  ASSERT_EQ(list.size(), 2u);
  EXPECT_FALSE(list[0].featured_image);
  ASSERT_TRUE(list[1].featured_image);
  EXPECT_EQ(list[1].featured_image->url, photo.url);
}

TYPED_TEST(LegacyTest, ACommentOnAnArticleWithClosedCommentsIsRefusedAndNotStored) {
  auto closed = this->imported(810, "closed", now() - 1h);
  closed.comments_open = false;
  const Id id = this->import_articles({closed}).at(0);
  store::CommentSubmission s;
  s.comment.article_id = id;
  s.comment.author_name = "قارئ";
  s.comment.body = "تعليق";
  bool called = false;
  const auto r = this->db().submit_comment(s, [&](const store::CommentFacts&) {
    called = true;
    return std::optional<CommentStatus>(CommentStatus::approved);
  });
  EXPECT_EQ(r.outcome, store::CommentOutcome::comments_closed);
  EXPECT_FALSE(called);
  EXPECT_TRUE(this->db().comments_for_moderation(std::nullopt, 0, 10).empty());
}

}  // namespace
}  // namespace jarida_store_test
