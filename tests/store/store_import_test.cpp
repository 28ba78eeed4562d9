// The import batch in the Store conformance suite: rows keyed by WordPress
// ids (a second import updates, never duplicates), forward references
// linked by finish(), taken slugs renamed, and nothing kept without commit.
#include "store_fixture.hpp"

namespace jarida_store_test {
namespace {

template <class Backend>
class ImportTest : public StoreTest<Backend> {
 protected:
  struct Ids {
    Id user = 0, category = 0, tag = 0;
  };

  Ids base(store::ImportBatch& b) {
    Ids ids;
    store::ImportedUser u;
    u.legacy_id = 2;
    u.login = "editor_one";
    u.slug = "سلمى-الراشد";
    u.display_name = "سلمى الراشد";
    u.email = "salma@example.com";
    ids.user = b.upsert_user(u).id;
    store::ImportedTerm c;
    c.legacy_id = 4;
    c.slug = "اقتصاد";
    c.name = "اقتصاد";
    ids.category = b.upsert_category(c).id;
    store::ImportedTerm t;
    t.legacy_id = 25;
    t.slug = "أسواق";
    t.name = "أسواق";
    ids.tag = b.upsert_tag(t).id;
    return ids;
  }

  store::ImportedArticle post(const Ids& ids, std::int64_t legacy, std::string slug) {
    store::ImportedArticle a;
    a.legacy_id = legacy;
    a.slug = std::move(slug);
    a.title = "خبر " + std::to_string(legacy);
    a.body_html = "<p>نص</p>";
    a.published_at = now() - 48h;
    a.updated_at = a.published_at;
    a.author_id = ids.user;
    a.category_id = ids.category;
    a.tag_ids = {ids.tag};
    a.visits = 100;
    return a;
  }

  store::ImportedComment reply(Id article, std::int64_t legacy,
                               std::optional<std::int64_t> parent) {
    store::ImportedComment c;
    c.legacy_id = legacy;
    c.article_id = article;
    c.parent_legacy_id = parent;
    c.author_name = "قارئ";
    c.body = "تعليق " + std::to_string(legacy);
    c.status = CommentStatus::approved;
    c.created_at = now() - 24h;
    return c;
  }
};

TYPED_TEST_SUITE(ImportTest, Backends);

TYPED_TEST(ImportTest, ASecondImportUpdatesInsteadOfDuplicating) {
  for (int round = 0; round < 2; ++round) {
    auto b = this->db().begin_import();
    const auto ids = this->base(*b);
    auto a = this->post(ids, 7, "خبر-الأسواق");
    if (round == 1) a.title = "خبر معدل";
    const auto w = b->upsert_article(a);
    EXPECT_EQ(w.added, round == 0);
    EXPECT_EQ(w.slug, "خبر-الأسواق");
    EXPECT_EQ(b->upsert_comment(this->reply(w.id, 14, std::nullopt)).added, round == 0);
    b->finish();
    b->commit();
  }
  EXPECT_EQ(this->db().count_articles(), 1);
  EXPECT_EQ(this->db().count_users(), 1);
  const auto got = this->db().published_article_by_slug("خبر-الأسواق");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->title, "خبر معدل");
  EXPECT_EQ(got->comment_count, 1);
  EXPECT_EQ(got->visits, 100);
  ASSERT_EQ(got->tags.size(), 1u);
  EXPECT_EQ(got->tags[0].slug, "أسواق");
}

TYPED_TEST(ImportTest, VisitsNeverGoDownOnReimport) {
  Id id = 0;
  {
    auto b = this->db().begin_import();
    id = b->upsert_article(this->post(this->base(*b), 7, "x")).id;
    b->commit();
  }
  const std::array<store::VisitIncrement, 1> more{{{id, 50}}};
  this->db().add_visits(more, today());
  auto b = this->db().begin_import();
  b->upsert_article(this->post(this->base(*b), 7, "x"));
  b->commit();
  EXPECT_EQ(this->db().article_visits(id), 150);
}

TYPED_TEST(ImportTest, ATakenSlugGetsANumberAndAnExistingArticleIsUntouched) {
  const auto w = this->seed();
  const Id mine = this->add(this->article("خبر", now() - 1h, w.amal, w.politics));
  auto b = this->db().begin_import();
  const auto r = b->upsert_article(this->post(this->base(*b), 9, "خبر"));
  EXPECT_EQ(r.slug, "خبر-2");
  b->commit();
  EXPECT_EQ(this->db().published_article_by_slug("خبر")->id, mine);
  EXPECT_TRUE(this->db().published_article_by_slug("خبر-2"));
}

TYPED_TEST(ImportTest, FinishLinksRepliesWhoseParentCameLaterAndCountsOrphans) {
  auto b = this->db().begin_import();
  const Id article = b->upsert_article(this->post(this->base(*b), 7, "x")).id;
  const Id child = b->upsert_comment(this->reply(article, 21, 20)).id;  // parent later
  const Id parent = b->upsert_comment(this->reply(article, 20, std::nullopt)).id;
  const Id orphan = b->upsert_comment(this->reply(article, 22, 999)).id;  // parent not exported
  const auto fix = b->finish();
  b->commit();
  EXPECT_EQ(fix.orphan_comments, 1);
  EXPECT_EQ(this->db().comment_by_id(child)->parent, parent);
  EXPECT_FALSE(this->db().comment_by_id(orphan)->parent);
}

TYPED_TEST(ImportTest, FeaturedMediaLaterInTheFileIsLinkedAndMissingOnesCounted) {
  auto b = this->db().begin_import();
  const auto ids = this->base(*b);
  auto a = this->post(ids, 7, "x");
  a.featured_media_legacy_id = 50;
  b->upsert_article(a);
  auto missing = this->post(ids, 8, "y");
  missing.featured_media_legacy_id = 51;
  b->upsert_article(missing);
  store::ImportedMedia m;
  m.legacy_id = 50;
  m.url = "http://old.example/wp-content/uploads/2023/01/photo.jpg";
  m.mime = "image/jpeg";
  m.width = 1200;
  m.height = 800;
  EXPECT_TRUE(b->upsert_media(m).added);
  const auto fix = b->finish();
  EXPECT_EQ(fix.missing_featured_media, 1);
  b->commit();
}

TYPED_TEST(ImportTest, PendingAndPrivateArticlesAreNeverPublic) {
  auto b = this->db().begin_import();
  const auto ids = this->base(*b);
  auto pending = this->post(ids, 7, "pending");
  pending.status = ArticleStatus::pending;
  auto secret = this->post(ids, 8, "private");
  secret.status = ArticleStatus::private_;
  b->upsert_article(pending);
  b->upsert_article(secret);
  b->commit();
  EXPECT_FALSE(this->db().published_article_by_slug("pending"));
  EXPECT_FALSE(this->db().published_article_by_slug("private"));
  EXPECT_EQ(this->db().published_articles({}, 0, 10).total, 0);
  EXPECT_FALSE(this->db().published_article_by_legacy_id(8));
}

TYPED_TEST(ImportTest, AnExistingLoginIsLinkedKeepingItsPasswordButNotALoginSlug) {
  {
    auto w = this->db().begin_write();
    w->upsert_user({"editor_one", "editor_one", "Salma", "", core::Role::editor, "hash"});
    w->commit();
  }
  auto b = this->db().begin_import();
  this->base(*b);
  b->commit();
  EXPECT_EQ(this->db().count_users(), 1);
  EXPECT_FALSE(this->db().author_by_slug("editor_one"));  // the login is no longer public
  const auto u = this->db().user_by_login("editor_one");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->slug, "سلمى-الراشد");
  EXPECT_EQ(u->role, core::Role::editor);
}

TYPED_TEST(ImportTest, WithoutCommitNothingIsKept) {
  {
    auto b = this->db().begin_import();
    b->upsert_article(this->post(this->base(*b), 7, "x"));
    b->add_redirect("/old/", "/new/");
  }  // destroyed: rolled back
  EXPECT_EQ(this->db().count_articles(), 0);
  EXPECT_EQ(this->db().count_users(), 0);
}

}  // namespace
}  // namespace jarida_store_test
