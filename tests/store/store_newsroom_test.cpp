// The Store conformance suite, continued: articles as the newsroom sees
// them (issue 6, store/newsroom.hpp). Saving (free slugs, tags by name,
// where the article was before and after), revisions (manual ones capped,
// one autosave), an autosave never changing what readers see, trash and
// restore, scheduled publishing, the filtered list and the status counts.
// Accounts and sessions are in store_newsroom_accounts_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/store.hpp"
#include "store/store_fixture.hpp"

namespace {

using namespace jarida_store_test;
using store::ArticleDraft;
using store::SaveResult;

std::vector<std::string> newsroom_slugs(const core::Paged<store::NewsroomArticle>& page) {
  std::vector<std::string> out;
  for (const auto& a : page.items) out.push_back(a.article.slug);
  return out;
}

std::optional<std::int64_t> count_of(const std::vector<store::StatusCount>& counts,
                                     std::string_view status) {
  for (const auto& c : counts)
    if (c.status == status) return c.count;
  return std::nullopt;
}

template <class Backend>
class NewsroomTest : public StoreTest<Backend> {
 protected:
  void SetUp() override {
    StoreTest<Backend>::SetUp();
    w_ = this->seed();
  }

  ArticleDraft draft(std::string slug, ArticleStatus status = ArticleStatus::draft,
                     TimePoint at = now() - 1h) {
    ArticleDraft d;
    d.title = "عنوان " + slug;
    d.slug = std::move(slug);
    d.kicker = "عاجل";
    d.excerpt = "مقتطف";
    d.body_html = "<p>نص الخبر</p>";
    d.status = status;
    d.published_at = at;
    d.author_id = w_.amal;
    d.category_id = w_.politics;
    return d;
  }

  SaveResult save(const ArticleDraft& d, std::optional<Id> id = std::nullopt,
                  bool autosave = false) {
    auto r = this->db().save_article(id, d, w_.amal, autosave, now());
    if (!r) throw std::runtime_error("save_article found no article");
    return *r;
  }

  store::NewsroomFilter filter() { return {}; }

  typename StoreTest<Backend>::World w_;
};
TYPED_TEST_SUITE(NewsroomTest, Backends);

// ---- Saving

TYPED_TEST(NewsroomTest, NewArticleIsSavedWithEverythingTheEditorEdits) {
  auto d = this->draft("khabar", ArticleStatus::published);
  d.sticky = true;
  d.comments_open = false;
  d.tag_names = {"غزة", "اقتصاد"};
  const SaveResult r = this->save(d);
  EXPECT_GT(r.id, 0);
  EXPECT_EQ(r.slug, "khabar");
  EXPECT_GT(r.revision, 0);
  EXPECT_TRUE(r.before.slug.empty());  // new: nowhere before
  EXPECT_FALSE(r.before.visible);
  EXPECT_GT(r.version_after, r.version_before);

  const auto e = this->db().article_for_edit(r.id);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, ArticleStatus::published);
  EXPECT_EQ(e->article.title, "عنوان khabar");
  EXPECT_EQ(e->article.kicker, "عاجل");
  EXPECT_EQ(e->article.excerpt, "مقتطف");
  EXPECT_EQ(e->article.body_html, "<p>نص الخبر</p>");
  EXPECT_EQ(e->article.published_at, d.published_at);
  EXPECT_EQ(e->article.author.id, this->w_.amal);
  EXPECT_EQ(e->article.category.slug, "politics");
  EXPECT_TRUE(e->article.sticky);
  EXPECT_FALSE(e->article.comments_open);
  EXPECT_FALSE(e->featured_media_id);
  EXPECT_FALSE(e->article.featured_image);
  EXPECT_NE(e->updated_at, TimePoint{});
  // Existing tags are found by name (ordered by name: اقتصاد before غزة).
  ASSERT_EQ(e->article.tags.size(), 2u);
  EXPECT_EQ(e->article.tags[0].id, this->w_.economy);
  EXPECT_EQ(e->article.tags[1].id, this->w_.gaza);
  // Readers see it.
  const auto pub = this->db().published_article_by_slug("khabar");
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->id, r.id);
  EXPECT_FALSE(this->db().article_for_edit(r.id + 100));
}

TYPED_TEST(NewsroomTest, UpdateKeepsVisitsAndCommentsAndNoArticleGivesNothing) {
  const SaveResult r = this->save(this->draft("khabar", ArticleStatus::published));
  this->db().add_visits(std::vector<store::VisitIncrement>{{r.id, 7}}, today());
  this->comment(r.id, CommentStatus::approved, now());
  auto d = this->draft("khabar", ArticleStatus::published);
  d.title = "عنوان جديد";
  const SaveResult u = this->save(d, r.id);
  EXPECT_EQ(u.id, r.id);
  EXPECT_EQ(u.slug, "khabar");
  const auto e = this->db().article_for_edit(r.id);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->article.title, "عنوان جديد");
  EXPECT_EQ(e->article.visits, 7);
  EXPECT_EQ(e->article.comment_count, 1);
  EXPECT_FALSE(this->db().save_article(r.id + 100, d, this->w_.amal, false, now()));
  EXPECT_EQ(this->db().count_articles(), 1);
}

TYPED_TEST(NewsroomTest, TakenSlugGetsANumberAndTheOtherArticleKeepsItsOwn) {
  const SaveResult first = this->save(this->draft("khabar"));
  const SaveResult second = this->save(this->draft("khabar"));
  const SaveResult third = this->save(this->draft("khabar"));
  EXPECT_EQ(second.slug, "khabar-2");
  EXPECT_EQ(third.slug, "khabar-3");
  // Saving an article under its own slug keeps it.
  EXPECT_EQ(this->save(this->draft("khabar"), first.id).slug, "khabar");
  // Renaming one onto another's slug numbers it, the other is untouched.
  EXPECT_EQ(this->save(this->draft("khabar"), third.id).slug, "khabar-3");
  EXPECT_EQ(this->save(this->draft("khabar-2"), third.id).slug, "khabar-2-2");
  EXPECT_EQ(this->db().article_for_edit(first.id)->article.slug, "khabar");
  EXPECT_EQ(this->db().article_for_edit(second.id)->article.slug, "khabar-2");
}

TYPED_TEST(NewsroomTest, ConcurrentSavesOfOneSlugAllGetTheirOwn) {
  std::vector<std::thread> threads;
  std::vector<std::string> slugs(6);
  for (std::size_t i = 0; i < slugs.size(); ++i)
    threads.emplace_back([&, i] { slugs[i] = this->save(this->draft("khabar")).slug; });
  for (auto& t : threads) t.join();
  std::sort(slugs.begin(), slugs.end());
  EXPECT_EQ(slugs, (std::vector<std::string>{"khabar", "khabar-2", "khabar-3", "khabar-4",
                                             "khabar-5", "khabar-6"}));
}

TYPED_TEST(NewsroomTest, UnknownAuthorOrCategoryFailsAndSavesNothing) {
  auto d = this->draft("khabar");
  d.tag_names = {"وسم"};
  d.category_id = this->w_.sports + 100;
  EXPECT_THROW(this->save(d), store::Error);
  d.category_id = this->w_.sports;
  d.author_id = this->w_.omar + 100;
  EXPECT_THROW(this->save(d), store::Error);
  EXPECT_EQ(this->db().count_articles(), 0);
  EXPECT_FALSE(this->db().tag_by_slug("وسم"));  // the whole save was undone
}

TYPED_TEST(NewsroomTest, TagsAreCreatedByNameWithArabicSlugsAndReused) {
  auto d = this->draft("khabar");
  d.tag_names = {"الانتخابات الرئاسية", "", "  ", "الانتخابات الرئاسية", "Gaza Strip"};
  const SaveResult r = this->save(d);
  const auto tags = this->db().article_for_edit(r.id)->article.tags;
  ASSERT_EQ(tags.size(), 2u);  // empty names skipped, the repeat collapsed
  EXPECT_EQ(tags[0].name, "Gaza Strip");
  EXPECT_EQ(tags[0].slug, "gaza-strip");
  EXPECT_EQ(tags[1].name, "الانتخابات الرئاسية");
  EXPECT_EQ(tags[1].slug, "الانتخابات-الرئاسية");
  const Id created = tags[1].id;

  auto other = this->draft("akhar");
  other.tag_names = {"الانتخابات الرئاسية"};
  const SaveResult r2 = this->save(other);
  const auto tags2 = this->db().article_for_edit(r2.id)->article.tags;
  ASSERT_EQ(tags2.size(), 1u);
  EXPECT_EQ(tags2[0].id, created);  // found by name, not created again
}

TYPED_TEST(NewsroomTest, NewTagWhoseSlugIsTakenGetsANumber) {
  // The seeded tag "gaza" is named "غزة": a tag named "Gaza" is another tag.
  auto d = this->draft("khabar");
  d.tag_names = {"Gaza"};
  const SaveResult r = this->save(d);
  const auto tags = this->db().article_for_edit(r.id)->article.tags;
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_NE(tags[0].id, this->w_.gaza);
  EXPECT_EQ(tags[0].slug, "gaza-2");
  EXPECT_EQ(this->db().tag_by_slug("gaza")->name, "غزة");
}

TYPED_TEST(NewsroomTest, TagsCarryTheArticlesStatusForTagPages) {
  auto d = this->draft("khabar", ArticleStatus::draft);
  d.tag_names = {"غزة"};
  const SaveResult r = this->save(d);
  EXPECT_EQ(this->db().published_articles(where(std::nullopt, this->w_.gaza), 0, 10).total, 0);
  d.status = ArticleStatus::published;
  this->save(d, r.id);
  EXPECT_EQ(this->db().published_articles(where(std::nullopt, this->w_.gaza), 0, 10).total, 1);
  d.tag_names = {"اقتصاد"};
  this->save(d, r.id);
  EXPECT_EQ(this->db().published_articles(where(std::nullopt, this->w_.gaza), 0, 10).total, 0);
  EXPECT_EQ(this->db().published_articles(where(std::nullopt, this->w_.economy), 0, 10).total, 1);
}

TYPED_TEST(NewsroomTest, FeaturedMediaMustExist) {
  Id media = 0;
  {
    auto b = this->db().begin_import();
    store::ImportedMedia m;
    m.legacy_id = 5;
    m.url = "/media/2026/01/sura.webp";
    m.mime = "image/webp";
    m.width = 1200;
    m.height = 800;
    m.alt = "صورة";
    media = b->upsert_media(m).id;
    b->finish();
    b->commit();
  }
  auto d = this->draft("khabar");
  d.featured_media_id = media + 1;
  EXPECT_THROW(this->save(d), store::Error);
  EXPECT_EQ(this->db().count_articles(), 0);
  d.featured_media_id = media;
  const SaveResult r = this->save(d);
  const auto e = this->db().article_for_edit(r.id);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->featured_media_id, media);
  ASSERT_TRUE(e->article.featured_image);
  EXPECT_EQ(e->article.featured_image->url, "/media/2026/01/sura.webp");
  EXPECT_EQ(e->article.featured_image->alt, "صورة");
  d.featured_media_id.reset();
  this->save(d, r.id);
  EXPECT_FALSE(this->db().article_for_edit(r.id)->featured_media_id);
}

TYPED_TEST(NewsroomTest, SaveResultSaysWhereTheArticleWasAndIs) {
  auto d = this->draft("khabar", ArticleStatus::published);
  d.tag_names = {"غزة"};
  const SaveResult r = this->save(d);
  EXPECT_TRUE(r.after.visible);
  EXPECT_EQ(r.after.slug, "khabar");
  EXPECT_EQ(r.after.published_at, d.published_at);
  EXPECT_EQ(r.after.category_slug, "politics");
  EXPECT_EQ(r.after.author_slug, "amal-hassan");
  EXPECT_EQ(r.after.tag_slugs, (std::vector<std::string>{"gaza"}));

  d.category_id = this->w_.sports;
  d.author_id = this->w_.omar;
  d.tag_names = {"اقتصاد"};
  d.slug = "khabar-jadid";
  const SaveResult u = this->save(d, r.id);
  EXPECT_TRUE(u.before.visible);
  EXPECT_EQ(u.before.slug, "khabar");
  EXPECT_EQ(u.before.category_slug, "politics");
  EXPECT_EQ(u.before.author_slug, "amal-hassan");
  EXPECT_EQ(u.before.tag_slugs, (std::vector<std::string>{"gaza"}));
  EXPECT_EQ(u.after.slug, "khabar-jadid");
  EXPECT_EQ(u.after.category_slug, "sports");
  EXPECT_EQ(u.after.author_slug, "omar");
  EXPECT_EQ(u.after.tag_slugs, (std::vector<std::string>{"economy"}));
  EXPECT_EQ(u.version_before, r.version_after);  // nobody wrote in between
  EXPECT_GT(u.version_after, u.version_before);
  EXPECT_EQ(this->db().content_version(), u.version_after);

  // Scheduled in the future: not visible; a draft neither.
  d.status = ArticleStatus::published;
  d.published_at = now() + 1h;
  EXPECT_FALSE(this->save(d, r.id).after.visible);
  d.status = ArticleStatus::draft;
  d.published_at = now() - 1h;
  const SaveResult drafted = this->save(d, r.id);
  EXPECT_FALSE(drafted.before.visible);
  EXPECT_FALSE(drafted.after.visible);
}

// ---- Revisions

TYPED_TEST(NewsroomTest, ManualSavesAccumulateNewestFirstWithoutBodies) {
  auto d = this->draft("khabar");
  const SaveResult r = this->save(d);
  d.title = "الثاني";
  d.body_html = "<p>النص الثاني</p>";
  const SaveResult r2 = this->save(d, r.id);
  const auto list = this->db().revisions(r.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, r2.revision);
  EXPECT_EQ(list[0].title, "الثاني");
  EXPECT_EQ(list[0].user_id, this->w_.amal);
  EXPECT_EQ(list[0].user_name, "أمل حسن");
  EXPECT_FALSE(list[0].autosave);
  EXPECT_EQ(list[0].article_id, r.id);
  EXPECT_EQ(list[1].id, r.revision);
  const auto full = this->db().revision(r2.revision);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->body_html, "<p>النص الثاني</p>");
  EXPECT_EQ(full->kicker, "عاجل");
  EXPECT_FALSE(this->db().revision(r2.revision + 100));
}

TYPED_TEST(NewsroomTest, AutosaveKeepsOnlyTheNewestAndAManualSaveClearsIt) {
  auto d = this->draft("khabar");
  const SaveResult r = this->save(d);
  d.body_html = "<p>مسودة 1</p>";
  this->save(d, r.id, true);
  d.body_html = "<p>مسودة 2</p>";
  const SaveResult a2 = this->save(d, r.id, true);
  auto list = this->db().revisions(r.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_TRUE(list[0].autosave);
  EXPECT_EQ(list[0].id, a2.revision);
  EXPECT_EQ(this->db().revision(a2.revision)->body_html, "<p>مسودة 2</p>");
  EXPECT_FALSE(list[1].autosave);
  // An autosave of a draft updates the draft itself.
  EXPECT_EQ(this->db().article_for_edit(r.id)->article.body_html, "<p>مسودة 2</p>");

  this->save(d, r.id);
  list = this->db().revisions(r.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_FALSE(list[0].autosave);
  EXPECT_FALSE(list[1].autosave);
}

TYPED_TEST(NewsroomTest, AtMostFiftyManualRevisionsAreKept) {
  auto d = this->draft("khabar");
  const SaveResult first = this->save(d);
  std::int64_t second_revision = 0;
  for (int i = 1; i <= 51; ++i) {
    d.title = numbered("نسخة ", i);
    const auto r = this->save(d, first.id);
    if (i == 1) second_revision = r.revision;
  }
  this->save(d, first.id, true);  // the autosave is not counted
  const auto list = this->db().revisions(first.id);
  ASSERT_EQ(list.size(), 51u);
  EXPECT_TRUE(list[0].autosave);
  EXPECT_EQ(list[1].title, "نسخة 51");
  EXPECT_EQ(list[50].title, "نسخة 2");  // the two oldest are gone
  EXPECT_FALSE(this->db().revision(first.revision));
  EXPECT_FALSE(this->db().revision(second_revision));
}

TYPED_TEST(NewsroomTest, AutosaveOfAPublishedArticleLeavesTheArticleUntouched) {
  auto d = this->draft("khabar", ArticleStatus::published);
  d.tag_names = {"غزة"};
  const SaveResult r = this->save(d);
  const auto before = this->db().article_for_edit(r.id);
  const auto version = this->db().content_version();

  auto changed = d;
  changed.title = "عنوان لم يُنشر";
  changed.slug = "other-slug";
  changed.body_html = "<p>نص لم ينشر</p>";
  changed.status = ArticleStatus::draft;
  changed.tag_names = {"وسم جديد"};
  const SaveResult a = this->save(changed, r.id, true);
  EXPECT_EQ(a.id, r.id);
  EXPECT_EQ(a.slug, "khabar");
  EXPECT_TRUE(a.after.visible);
  EXPECT_EQ(a.after.slug, a.before.slug);
  EXPECT_EQ(a.version_after, a.version_before);
  EXPECT_EQ(this->db().content_version(), version);  // readers' cache stays

  const auto after = this->db().article_for_edit(r.id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->article.title, before->article.title);
  EXPECT_EQ(after->article.body_html, before->article.body_html);
  EXPECT_EQ(after->status, ArticleStatus::published);
  EXPECT_EQ(after->updated_at, before->updated_at);
  ASSERT_EQ(after->article.tags.size(), 1u);
  EXPECT_FALSE(this->db().tag_by_slug("وسم-جديد"));  // no tag was created
  EXPECT_EQ(this->db().published_article_by_slug("khabar")->title, "عنوان khabar");
  // The text is kept as the autosave revision.
  const auto rev = this->db().revision(a.revision);
  ASSERT_TRUE(rev);
  EXPECT_TRUE(rev->autosave);
  EXPECT_EQ(rev->title, "عنوان لم يُنشر");
  EXPECT_EQ(rev->body_html, "<p>نص لم ينشر</p>");
}

TYPED_TEST(NewsroomTest, RevisionsNameTheirAuthorOrNobody) {
  const Id writer =
      this->db().add_account({"kateb", "kateb", "كاتب", "", core::Role::author, ""}, "");
  auto d = this->draft("khabar");
  const auto r = this->db().save_article(std::nullopt, d, writer, false, now());
  ASSERT_TRUE(r);
  EXPECT_EQ(this->db().revisions(r->id)[0].user_name, "كاتب");
  // user_id 0 (no account: a command-line tool) is kept as nobody.
  const auto r2 = this->db().save_article(r->id, d, 0, false, now());
  ASSERT_TRUE(r2);
  EXPECT_EQ(this->db().revisions(r->id)[0].user_id, 0);
  EXPECT_EQ(this->db().revisions(r->id)[0].user_name, "");
}

// ---- Trash, restore, scheduled publishing

TYPED_TEST(NewsroomTest, TrashHidesFromReadersAndRestoreBringsBackADraft) {
  auto d = this->draft("khabar", ArticleStatus::published);
  d.tag_names = {"غزة"};
  const SaveResult r = this->save(d);
  const auto revisions = this->db().revisions(r.id).size();
  const auto trashed =
      this->db().set_article_state(r.id, ArticleStatus::trash, this->w_.amal, now());
  ASSERT_TRUE(trashed);
  EXPECT_TRUE(trashed->before.visible);
  EXPECT_FALSE(trashed->after.visible);
  EXPECT_EQ(trashed->after.tag_slugs, (std::vector<std::string>{"gaza"}));
  EXPECT_EQ(trashed->revision, 0);
  EXPECT_GT(trashed->version_after, trashed->version_before);
  EXPECT_FALSE(this->db().published_article_by_slug("khabar"));
  EXPECT_EQ(this->db().published_articles(where(std::nullopt, this->w_.gaza), 0, 10).total, 0);
  EXPECT_EQ(this->db().article_for_edit(r.id)->status, ArticleStatus::trash);

  const auto restored =
      this->db().set_article_state(r.id, ArticleStatus::draft, this->w_.amal, now());
  ASSERT_TRUE(restored);
  EXPECT_EQ(this->db().article_for_edit(r.id)->status, ArticleStatus::draft);
  EXPECT_FALSE(restored->after.visible);
  EXPECT_EQ(this->db().revisions(r.id).size(), revisions);  // no revision written
  EXPECT_FALSE(this->db().set_article_state(r.id + 100, ArticleStatus::trash, 0, now()));
}

TYPED_TEST(NewsroomTest, RestoreChangesOnlyTrashedArticles) {
  const SaveResult r = this->save(this->draft("khabar", ArticleStatus::published));
  const auto same = this->db().set_article_state(r.id, ArticleStatus::draft, 0, now());
  ASSERT_TRUE(same);
  EXPECT_EQ(same->version_after, same->version_before);
  EXPECT_EQ(this->db().article_for_edit(r.id)->status, ArticleStatus::published);
  EXPECT_THROW(this->db().set_article_state(r.id, ArticleStatus::published, 0, now()),
               store::Error);
}

TYPED_TEST(NewsroomTest, PublishDueFlipsScheduledArticlesWhoseTimeHasCome) {
  auto due = this->draft("due", ArticleStatus::scheduled, now() - 1min);
  due.tag_names = {"غزة"};
  const SaveResult r = this->save(due);
  this->save(this->draft("later", ArticleStatus::scheduled, now() + 1h));
  this->save(this->draft("draft", ArticleStatus::draft, now() - 1h));
  EXPECT_FALSE(this->db().published_article_by_slug("due"));

  const auto places = this->db().publish_due(now());
  ASSERT_EQ(places.size(), 1u);
  EXPECT_TRUE(places[0].visible);
  EXPECT_EQ(places[0].slug, "due");
  EXPECT_EQ(places[0].category_slug, "politics");
  EXPECT_EQ(places[0].author_slug, "amal-hassan");
  EXPECT_EQ(places[0].tag_slugs, (std::vector<std::string>{"gaza"}));
  const auto seen = this->db().published_article_by_slug("due");
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->id, r.id);
  EXPECT_EQ(this->db().published_articles(where(std::nullopt, this->w_.gaza), 0, 10).total, 1);
  EXPECT_EQ(this->db().article_for_edit(r.id)->status, ArticleStatus::published);
  EXPECT_FALSE(this->db().published_article_by_slug("later"));

  // Nothing more is due: nothing changes, not even the version.
  const auto version = this->db().content_version();
  EXPECT_TRUE(this->db().publish_due(now()).empty());
  EXPECT_EQ(this->db().content_version(), version);
  // Two hours on, the later one is due.
  const auto later = this->db().publish_due(now() + 2h);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].slug, "later");
}

// ---- Counts and the list

TYPED_TEST(NewsroomTest, StatusCountsGroupArticlesAndComments) {
  const SaveResult a = this->save(this->draft("a", ArticleStatus::published));
  this->save(this->draft("b", ArticleStatus::published));
  this->save(this->draft("c", ArticleStatus::draft));
  this->save(this->draft("d", ArticleStatus::scheduled, now() + 1h));
  const SaveResult e = this->save(this->draft("e", ArticleStatus::draft));
  this->db().set_article_state(e.id, ArticleStatus::trash, 0, now());
  this->comment(a.id, CommentStatus::approved, now());
  this->comment(a.id, CommentStatus::pending, now());
  this->comment(a.id, CommentStatus::pending, now());
  this->comment(a.id, CommentStatus::spam, now());

  const auto articles = this->db().article_status_counts();
  EXPECT_EQ(count_of(articles, "published"), 2);
  EXPECT_EQ(count_of(articles, "draft"), 1);
  EXPECT_EQ(count_of(articles, "scheduled"), 1);
  EXPECT_EQ(count_of(articles, "trash"), 1);
  EXPECT_EQ(count_of(articles, "pending").value_or(0), 0);
  const auto comments = this->db().comment_status_counts();
  EXPECT_EQ(count_of(comments, "approved"), 1);
  EXPECT_EQ(count_of(comments, "pending"), 2);
  EXPECT_EQ(count_of(comments, "spam"), 1);
  EXPECT_EQ(count_of(comments, "trash").value_or(0), 0);
  EXPECT_EQ(this->db().count_comments(CommentStatus::pending), 2);
  EXPECT_EQ(this->db().count_comments(CommentStatus::approved), 1);
  EXPECT_EQ(this->db().count_comments(CommentStatus::trash), 0);
}

TYPED_TEST(NewsroomTest, ListShowsEveryStatusButTrashNewestFirst) {
  const TimePoint t = now();
  this->save(this->draft("old", ArticleStatus::published, t - 3h));
  this->save(this->draft("draft", ArticleStatus::draft, t - 2h));
  this->save(this->draft("future", ArticleStatus::scheduled, t + 1h));
  const SaveResult gone = this->save(this->draft("gone", ArticleStatus::published, t - 1h));
  this->db().set_article_state(gone.id, ArticleStatus::trash, 0, t);

  const auto all = this->db().newsroom_articles(this->filter(), 0, 10);
  EXPECT_EQ(all.total, 3);
  EXPECT_EQ(newsroom_slugs(all), (std::vector<std::string>{"future", "draft", "old"}));
  EXPECT_EQ(all.items[0].status, ArticleStatus::scheduled);
  EXPECT_EQ(all.items[0].article.published_at, t + 1h);
  EXPECT_EQ(all.items[1].status, ArticleStatus::draft);
  EXPECT_EQ(all.items[2].article.category.slug, "politics");
  EXPECT_EQ(all.items[2].article.author.slug, "amal-hassan");
  EXPECT_NE(all.items[2].updated_at, TimePoint{});

  auto trash = this->filter();
  trash.status = ArticleStatus::trash;
  const auto trashed = this->db().newsroom_articles(trash, 0, 10);
  EXPECT_EQ(trashed.total, 1);
  EXPECT_EQ(newsroom_slugs(trashed), (std::vector<std::string>{"gone"}));
}

TYPED_TEST(NewsroomTest, ListFiltersByStatusCategoryAuthorAndTitleWords) {
  const TimePoint t = now();
  auto a = this->draft("a", ArticleStatus::published, t - 5h);
  a.title = "وزير الصحة يعلن ثلاثة قرارات";
  auto b = this->draft("b", ArticleStatus::draft, t - 4h);
  b.title = "Breaking: Ministry of Health";
  b.category_id = this->w_.sports;
  auto c = this->draft("c", ArticleStatus::published, t - 3h);
  c.title = "مباراة الأهلي والزمالك";
  c.category_id = this->w_.sports;
  c.author_id = this->w_.omar;
  auto d = this->draft("d", ArticleStatus::pending, t - 2h);
  d.title = "50% discount_code";
  for (const auto* x : {&a, &b, &c, &d}) this->save(*x);

  auto f = this->filter();
  f.status = ArticleStatus::published;
  EXPECT_EQ(newsroom_slugs(this->db().newsroom_articles(f, 0, 10)),
            (std::vector<std::string>{"c", "a"}));
  f = this->filter();
  f.category_id = this->w_.sports;
  EXPECT_EQ(newsroom_slugs(this->db().newsroom_articles(f, 0, 10)),
            (std::vector<std::string>{"c", "b"}));
  f.author_id = this->w_.omar;
  EXPECT_EQ(newsroom_slugs(this->db().newsroom_articles(f, 0, 10)),
            (std::vector<std::string>{"c"}));
  f = this->filter();
  f.author_id = this->w_.amal;
  f.status = ArticleStatus::draft;
  EXPECT_EQ(newsroom_slugs(this->db().newsroom_articles(f, 0, 10)),
            (std::vector<std::string>{"b"}));

  f = this->filter();
  f.text = "الصحة";
  EXPECT_EQ(newsroom_slugs(this->db().newsroom_articles(f, 0, 10)),
            (std::vector<std::string>{"a"}));
  f.text = "health";  // Latin: any case
  EXPECT_EQ(newsroom_slugs(this->db().newsroom_articles(f, 0, 10)),
            (std::vector<std::string>{"b"}));
  f.text = "MINISTRY";
  EXPECT_EQ(this->db().newsroom_articles(f, 0, 10).total, 1);
  f.text = "%";  // no wildcards: matched as typed
  EXPECT_EQ(newsroom_slugs(this->db().newsroom_articles(f, 0, 10)),
            (std::vector<std::string>{"d"}));
  f.text = "_";
  EXPECT_EQ(newsroom_slugs(this->db().newsroom_articles(f, 0, 10)),
            (std::vector<std::string>{"d"}));
  f.text = "الأهلي";
  f.category_id = this->w_.politics;
  EXPECT_EQ(this->db().newsroom_articles(f, 0, 10).total, 0);
}

TYPED_TEST(NewsroomTest, ListPagesAddUpToTheTotal) {
  const TimePoint t = now();
  for (int i = 0; i < 7; ++i)
    this->save(this->draft(numbered("k", i), ArticleStatus::published, t - std::chrono::hours(i)));
  // Two at the same time: the id breaks the tie.
  this->save(this->draft("same1", ArticleStatus::draft, t - 10h));
  this->save(this->draft("same2", ArticleStatus::draft, t - 10h));
  std::vector<std::string> seen;
  for (std::int64_t offset = 0; offset < 12; offset += 3) {
    const auto page = this->db().newsroom_articles(this->filter(), offset, 3);
    EXPECT_EQ(page.total, 9);
    for (const auto& s : newsroom_slugs(page)) seen.push_back(s);
  }
  EXPECT_EQ(seen,
            (std::vector<std::string>{"k0", "k1", "k2", "k3", "k4", "k5", "k6", "same2", "same1"}));
  const auto none = this->db().newsroom_articles(this->filter(), 0, 0);
  EXPECT_TRUE(none.items.empty());
  EXPECT_EQ(none.total, 9);
}

}  // namespace
