// The Store conformance suite, continued: pages, categories and tags as the
// newsroom edits them (issue 6, store/newsroom.hpp). Pages of every status
// with readers seeing only published ones, slugs refused (never renumbered)
// when taken, the category tree (no loops, no delete while articles use a
// category, children moving up), tags with counts, search and pages, and
// addresses moved when a slug is renamed.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "store/store_fixture.hpp"

namespace {

using namespace jarida_store_test;
using store::EditOutcome;

template <class Backend>
class TaxonomyTest : public StoreTest<Backend> {
 protected:
  void SetUp() override {
    StoreTest<Backend>::SetUp();
    w_ = this->seed();
  }

  store::PageDraft page(std::string slug, ArticleStatus status = ArticleStatus::draft) {
    store::PageDraft d;
    d.title = "صفحة " + slug;
    d.slug = std::move(slug);
    d.body_html = "<p>نص الصفحة</p>";
    d.status = status;
    return d;
  }

  Id category(std::string slug, std::optional<Id> parent = std::nullopt) {
    const auto r = this->db().save_category(std::nullopt, {slug, "قسم " + slug, "", parent});
    EXPECT_EQ(r.outcome, EditOutcome::done);
    return r.id;
  }

  std::optional<core::Id> parent_of(Id id) {
    for (const auto& r : this->db().category_rows())
      if (r.category.id == id) return r.category.parent;
    ADD_FAILURE() << "no category " << id;
    return std::nullopt;
  }

  std::int64_t category_count(Id id) {
    for (const auto& r : this->db().category_rows())
      if (r.category.id == id) return r.articles;
    return -1;
  }

  typename StoreTest<Backend>::World w_;
};
TYPED_TEST_SUITE(TaxonomyTest, Backends);

// ---- Pages

TYPED_TEST(TaxonomyTest, PagesOfEveryStatusAreListedButReadersSeeOnlyPublishedOnes) {
  auto& db = this->db();
  const auto v0 = db.content_version();
  const auto draft = db.save_page(std::nullopt, this->page("من-نحن"), now());
  ASSERT_EQ(draft.outcome, EditOutcome::done);
  EXPECT_GT(draft.id, 0);
  EXPECT_TRUE(draft.old_slug.empty());
  EXPECT_FALSE(draft.was_published);
  EXPECT_GT(db.content_version(), v0);
  EXPECT_FALSE(db.page_by_slug("من-نحن"));  // a draft

  const auto live =
      db.save_page(std::nullopt, this->page("contact", ArticleStatus::published), now());
  ASSERT_EQ(live.outcome, EditOutcome::done);
  const auto pub = db.page_by_slug("contact");
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->title, "صفحة contact");
  EXPECT_EQ(pub->body_html, "<p>نص الصفحة</p>");

  const auto list = db.newsroom_pages();
  ASSERT_EQ(list.size(), 2u);
  // By title: "صفحة contact" before "صفحة من-نحن" (Latin sorts first).
  EXPECT_EQ(list[0].page.slug, "contact");
  EXPECT_EQ(list[0].status, ArticleStatus::published);
  EXPECT_TRUE(list[0].page.body_html.empty());  // lists leave bodies out
  EXPECT_EQ(list[1].status, ArticleStatus::draft);

  const auto e = db.page_for_edit(draft.id);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->page.slug, "من-نحن");
  EXPECT_EQ(e->page.body_html, "<p>نص الصفحة</p>");
  EXPECT_EQ(e->status, ArticleStatus::draft);
  EXPECT_FALSE(db.page_for_edit(live.id + 100));

  for (auto hidden : {ArticleStatus::pending, ArticleStatus::private_, ArticleStatus::trash}) {
    ASSERT_EQ(db.save_page(live.id, this->page("contact", hidden), now()).outcome,
              EditOutcome::done);
    EXPECT_FALSE(db.page_by_slug("contact")) << core::to_string(hidden);
    EXPECT_EQ(db.page_for_edit(live.id)->status, hidden);
  }
}

TYPED_TEST(TaxonomyTest, SavingAPageSaysWhereItWasAndRefusesATakenSlug) {
  auto& db = this->db();
  const auto about =
      db.save_page(std::nullopt, this->page("about", ArticleStatus::published), now());
  const auto other = db.save_page(std::nullopt, this->page("other"), now());
  auto d = this->page("about-us", ArticleStatus::published);
  d.title = "من نحن";
  const auto moved = db.save_page(about.id, d, now());
  ASSERT_EQ(moved.outcome, EditOutcome::done);
  EXPECT_EQ(moved.id, about.id);
  EXPECT_EQ(moved.old_slug, "about");
  EXPECT_TRUE(moved.was_published);
  EXPECT_FALSE(db.page_by_slug("about"));
  EXPECT_EQ(db.page_by_slug("about-us")->title, "من نحن");

  // Another page's slug: refused, nothing written (no "-2").
  const auto v = db.content_version();
  auto clash = this->page("about-us");
  clash.title = "عنوان لن يُحفظ";
  EXPECT_EQ(db.save_page(other.id, clash, now()).outcome, EditOutcome::slug_taken);
  EXPECT_EQ(db.save_page(std::nullopt, clash, now()).outcome, EditOutcome::slug_taken);
  EXPECT_EQ(db.page_for_edit(other.id)->page.title, "صفحة other");
  EXPECT_EQ(db.newsroom_pages().size(), 2u);
  EXPECT_EQ(db.content_version(), v);

  EXPECT_EQ(db.save_page(other.id + 100, this->page("x"), now()).outcome, EditOutcome::not_found);
  EXPECT_THROW(db.save_page(std::nullopt, this->page(""), now()), store::Error);
  EXPECT_THROW(db.save_page(std::nullopt, this->page("x", ArticleStatus::scheduled), now()),
               store::Error);
}

// ---- Categories

TYPED_TEST(TaxonomyTest, CategoriesComeWithTheirArticleCountsOfEveryStatus) {
  const Id politics = this->w_.politics;
  this->add(this->article("a1", now() - 1h, this->w_.amal, politics));
  this->add(this->article("a2", now() - 1h, this->w_.amal, politics, ArticleStatus::draft));
  this->add(this->article("a3", now() - 1h, this->w_.amal, politics, ArticleStatus::trash));
  EXPECT_EQ(this->category_count(politics), 3);
  EXPECT_EQ(this->category_count(this->w_.sports), 0);
  const auto rows = this->db().category_rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].category.name, "رياضة");  // by name
  EXPECT_EQ(rows[1].category.description, "أخبار سياسية");
}

TYPED_TEST(TaxonomyTest, CategoriesNestAndRefuseTakenSlugsMissingParentsAndLoops) {
  auto& db = this->db();
  const Id world = this->category("عالم");
  const Id arab = this->category("عربي", world);
  const Id gulf = this->category("خليج", arab);
  EXPECT_EQ(this->parent_of(gulf), arab);
  EXPECT_EQ(db.category_by_slug("خليج")->parent, arab);

  const auto v = db.content_version();
  EXPECT_EQ(db.save_category(std::nullopt, {"politics", "سياسة 2", "", std::nullopt}).outcome,
            EditOutcome::slug_taken);
  EXPECT_EQ(db.save_category(gulf, {"عربي", "خليج", "", arab}).outcome, EditOutcome::slug_taken);
  EXPECT_EQ(db.save_category(std::nullopt, {"new", "جديد", "", gulf + 100}).outcome,
            EditOutcome::no_such_parent);
  // Under itself, its child or its grandchild: a loop.
  EXPECT_EQ(db.save_category(world, {"عالم", "عالم", "", world}).outcome, EditOutcome::cycle);
  EXPECT_EQ(db.save_category(world, {"عالم", "عالم", "", arab}).outcome, EditOutcome::cycle);
  EXPECT_EQ(db.save_category(world, {"عالم", "عالم", "", gulf}).outcome, EditOutcome::cycle);
  EXPECT_EQ(db.save_category(gulf + 100, {"x", "x", "", std::nullopt}).outcome,
            EditOutcome::not_found);
  EXPECT_EQ(db.content_version(), v);  // nothing written
  EXPECT_FALSE(this->parent_of(world));

  // Moving a branch elsewhere is fine, as is keeping one's own slug.
  const auto moved = db.save_category(arab, {"عربي", "العالم العربي", "وصف", this->w_.politics});
  ASSERT_EQ(moved.outcome, EditOutcome::done);
  EXPECT_EQ(moved.old_slug, "عربي");
  EXPECT_EQ(this->parent_of(arab), this->w_.politics);
  EXPECT_EQ(db.category_by_slug("عربي")->name, "العالم العربي");
  EXPECT_EQ(db.category_by_slug("عربي")->description, "وصف");
  // Now world may go under gulf: it is no longer above it.
  EXPECT_EQ(db.save_category(world, {"عالم", "عالم", "", gulf}).outcome, EditOutcome::done);

  const auto renamed = db.save_category(gulf, {"الخليج", "الخليج", "", arab});
  EXPECT_EQ(renamed.old_slug, "خليج");
  EXPECT_FALSE(db.category_by_slug("خليج"));
  EXPECT_EQ(db.category_by_slug("الخليج")->id, gulf);
}

TYPED_TEST(TaxonomyTest, ACategoryInUseIsNotDeletedAndChildrenMoveUpWhenOneIs) {
  auto& db = this->db();
  const Id world = this->category("world");
  const Id arab = this->category("arab", world);
  const Id gulf = this->category("gulf", arab);
  const Id levant = this->category("levant", arab);
  const Id used =
      this->add(this->article("a1", now() - 1h, this->w_.amal, arab, ArticleStatus::trash));

  const auto v = db.content_version();
  const auto refused = db.delete_category(arab);
  EXPECT_EQ(refused.outcome, EditOutcome::in_use);
  EXPECT_EQ(refused.articles, 1);
  EXPECT_TRUE(db.category_by_slug("arab"));
  EXPECT_EQ(db.content_version(), v);

  auto b = db.begin_write();
  b->delete_article(used);
  b->commit();
  const auto done = db.delete_category(arab);
  ASSERT_EQ(done.outcome, EditOutcome::done);
  EXPECT_FALSE(db.category_by_slug("arab"));
  EXPECT_EQ(this->parent_of(gulf), world);
  EXPECT_EQ(this->parent_of(levant), world);
  // A top-level category's children become top-level.
  ASSERT_EQ(db.delete_category(world).outcome, EditOutcome::done);
  EXPECT_FALSE(this->parent_of(gulf));
  EXPECT_EQ(db.delete_category(world).outcome, EditOutcome::not_found);
}

// ---- Tags

TYPED_TEST(TaxonomyTest, TagsArePagedSearchedAndCounted) {
  auto& db = this->db();
  {
    auto b = db.begin_write();
    for (int i = 0; i < 25; ++i) b->upsert_tag({numbered("t", 100 + i), numbered("وسم ", 100 + i)});
    b->commit();
  }
  auto a = this->article("a1", now() - 1h, this->w_.amal, this->w_.politics);
  a.tag_ids = {this->w_.gaza, this->w_.economy};
  this->add(a);
  a = this->article("a2", now() - 1h, this->w_.amal, this->w_.politics, ArticleStatus::draft);
  a.tag_ids = {this->w_.gaza};
  this->add(a);

  const auto all = db.tag_rows("", 0, 10);
  EXPECT_EQ(all.total, 27);
  ASSERT_EQ(all.items.size(), 10u);
  EXPECT_EQ(all.items[0].tag.name, "اقتصاد");  // by name
  EXPECT_EQ(all.items[0].articles, 1);
  const auto last = db.tag_rows("", 20, 10);
  ASSERT_EQ(last.items.size(), 7u);
  EXPECT_EQ(last.items.back().tag.name, "وسم 124");

  const auto gaza = db.tag_rows("غز", 0, 10);
  ASSERT_EQ(gaza.total, 1);
  EXPECT_EQ(gaza.items[0].tag.slug, "gaza");
  EXPECT_EQ(gaza.items[0].articles, 2);            // the draft counts too
  EXPECT_EQ(db.tag_rows("ECON", 0, 10).total, 1);  // slug, any case
  EXPECT_EQ(db.tag_rows("وسم 11", 0, 10).total, 10);
  EXPECT_EQ(db.tag_rows("100%", 0, 10).total, 0);  // matched as typed
}

TYPED_TEST(TaxonomyTest, TagsRefuseTakenSlugsAndNamesAndRenameInPlace) {
  auto& db = this->db();
  const auto added = db.save_tag(std::nullopt, {"سياسة-دولية", "سياسة دولية"});
  ASSERT_EQ(added.outcome, EditOutcome::done);
  EXPECT_EQ(db.tag_by_slug("سياسة-دولية")->id, added.id);
  EXPECT_EQ(db.save_tag(std::nullopt, {"gaza", "غزة الجديدة"}).outcome, EditOutcome::slug_taken);
  EXPECT_EQ(db.save_tag(std::nullopt, {"gaza-2", "غزة"}).outcome, EditOutcome::name_taken);
  EXPECT_EQ(db.save_tag(added.id, {"x", "غزة"}).outcome, EditOutcome::name_taken);
  EXPECT_EQ(db.save_tag(added.id + 100, {"y", "y"}).outcome, EditOutcome::not_found);

  const auto renamed = db.save_tag(this->w_.gaza, {"قطاع-غزة", "غزة"});  // same name, new slug
  ASSERT_EQ(renamed.outcome, EditOutcome::done);
  EXPECT_EQ(renamed.old_slug, "gaza");
  EXPECT_FALSE(db.tag_by_slug("gaza"));
  EXPECT_EQ(db.tag_by_slug("قطاع-غزة")->id, this->w_.gaza);
}

TYPED_TEST(TaxonomyTest, DeletingATagTakesItOffItsArticles) {
  auto& db = this->db();
  auto a = this->article("a1", now() - 1h, this->w_.amal, this->w_.politics);
  a.tag_ids = {this->w_.gaza, this->w_.economy};
  const Id id = this->add(a);
  const auto v = db.content_version();
  const auto r = db.delete_tag(this->w_.gaza);
  ASSERT_EQ(r.outcome, EditOutcome::done);
  EXPECT_EQ(r.articles, 1);
  EXPECT_GT(db.content_version(), v);
  EXPECT_FALSE(db.tag_by_slug("gaza"));
  const auto e = db.article_for_edit(id);
  ASSERT_EQ(e->article.tags.size(), 1u);
  EXPECT_EQ(e->article.tags[0].slug, "economy");
  EXPECT_EQ(db.published_articles(where(std::nullopt, this->w_.gaza), 0, 10).total, 0);
  EXPECT_EQ(db.delete_tag(this->w_.gaza).outcome, EditOutcome::not_found);
}

// ---- Moved addresses

TYPED_TEST(TaxonomyTest, AMovedAddressRedirectsWithoutChainsOrLoops) {
  auto& db = this->db();
  db.put_redirect({"/old-wp/", "/category/a/", 301});
  db.move_address("/category/a/", "/category/b/");
  ASSERT_TRUE(db.redirect_for("/category/a/"));
  EXPECT_EQ(db.redirect_for("/category/a/")->to_path, "/category/b/");
  EXPECT_EQ(db.redirect_for("/category/a/")->status, 301);
  EXPECT_EQ(db.redirect_for("/old-wp/")->to_path, "/category/b/");  // one hop, not two

  db.move_address("/category/b/", "/category/c/");
  EXPECT_EQ(db.redirect_for("/category/a/")->to_path, "/category/c/");
  EXPECT_EQ(db.redirect_for("/category/b/")->to_path, "/category/c/");
  EXPECT_EQ(db.redirect_for("/old-wp/")->to_path, "/category/c/");

  // Back to the first name: it is live again, so nothing leaves from it.
  db.move_address("/category/c/", "/category/a/");
  EXPECT_FALSE(db.redirect_for("/category/a/"));
  EXPECT_EQ(db.redirect_for("/category/b/")->to_path, "/category/a/");
  EXPECT_EQ(db.redirect_for("/category/c/")->to_path, "/category/a/");
  EXPECT_EQ(db.redirect_for("/old-wp/")->to_path, "/category/a/");
  for (const auto& r : db.redirects()) EXPECT_NE(r.from_path, r.to_path);

  const auto v = db.content_version();
  db.move_address("/same/", "/same/");
  EXPECT_EQ(db.content_version(), v);
}

}  // namespace
