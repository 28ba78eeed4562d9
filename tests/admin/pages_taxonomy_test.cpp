// The newsroom's pages, categories and tags (pages.cpp, taxonomy.cpp) in
// memory: a page written in the article editor's form shows on the site
// once published, reserved and taken slugs are refused in Arabic with the
// form as typed, scripts never reach a page body; the category tree, loops
// refused, no delete while articles use a category, children moving up,
// renamed slugs keeping their old addresses; tags searched, paged, renamed
// and deleted. Editors only (route_table_test.cpp walks every route).
#include <algorithm>

#include "newsroom_fixture.hpp"

namespace jarida_admin_test {
namespace {

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1))
    ++n;
  return n;
}

class PagesTaxonomyTest : public NewsroomTest {
 protected:
  Answer post(const std::string& target, std::vector<std::pair<std::string, std::string>> fields,
              core::Role role = core::Role::editor) {
    fields.push_back({"csrf", csrf_of(role)});
    std::string body;
    for (const auto& [k, v] : fields) {
      if (!body.empty()) body += '&';
      body += form({{k, v}});
    }
    return send("POST", target, role, body);
  }

  // The id in a redirect to /admin/pages/{id}/edit.
  static core::Id page_id(const Answer& a) {
    const auto loc = a.header("Location");
    const auto start = loc.find("/admin/pages/");
    if (start == std::string::npos) return 0;
    return std::stoll(loc.substr(start + 13));
  }

  core::Id new_category(const std::string& slug, std::optional<core::Id> parent = std::nullopt) {
    const auto r = store_->save_category(std::nullopt, {slug, "قسم " + slug, "", parent});
    EXPECT_EQ(r.outcome, store::EditOutcome::done);
    return r.id;
  }

  core::Id article_in(core::Id category, std::vector<std::string> tags = {}) {
    store::ArticleDraft d;
    d.slug = "khabar";
    d.title = "خبر";
    d.status = core::ArticleStatus::published;
    d.published_at = core::now_seconds() - std::chrono::hours(1);
    d.author_id = ids_[core::Role::editor];
    d.category_id = category;
    d.tag_names = std::move(tags);
    return store_->save_article(std::nullopt, d, 0, false, core::now_seconds())->id;
  }

  std::optional<core::Id> parent_of(core::Id id) {
    for (const auto& r : store_->category_rows())
      if (r.category.id == id) return r.category.parent;
    ADD_FAILURE() << "no category " << id;
    return std::nullopt;
  }
};

// ---------------------------------------------------------------- pages

TEST_F(PagesTaxonomyTest, TheNewPageFormIsTheArticleEditorWithoutAutosave) {
  const auto a = send("GET", "/admin/pages/new", core::Role::editor);
  ASSERT_EQ(a.status, 200);
  EXPECT_NE(a.body.find("<form id=\"article-form\" class=\"editor-layout\""), std::string::npos);
  EXPECT_NE(a.body.find("id=\"editor\""), std::string::npos);
  EXPECT_NE(a.body.find("data-media-url=\"/admin/media.json\""), std::string::npos);
  EXPECT_NE(a.body.find("data-upload-url=\"/admin/media/upload\""), std::string::npos);
  EXPECT_NE(a.body.find("id=\"body_html\""), std::string::npos);
  EXPECT_NE(a.body.find("/admin/static/editor.js"), std::string::npos);
  EXPECT_EQ(a.body.find("data-autosave-url"), std::string::npos);
  EXPECT_NE(a.body.find("action=\"/admin/pages/new\""), std::string::npos);
  EXPECT_NE(a.body.find("aria-current=\"page\">الصفحات"), std::string::npos);
}

TEST_F(PagesTaxonomyTest, APageIsWrittenThenPublishedAndReadersSeeEachSaveAtOnce) {
  const auto saved = post("/admin/pages/new", {{"title", "من نحن"},
                                               {"body_html", "<p>جريدة مستقلة</p>"},
                                               {"status", "draft"},
                                               {"action", "save"}});
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  EXPECT_NE(saved.header("Location").find("notice=page_saved"), std::string::npos);
  const core::Id id = page_id(saved);
  ASSERT_GT(id, 0);
  EXPECT_FALSE(store_->page_by_slug("من-نحن"));  // a draft: readers don't see it
  EXPECT_EQ(content_changes_, 1);

  const std::string edit = "/admin/pages/" + std::to_string(id) + "/edit";
  const auto form_page = send("GET", edit, core::Role::editor);
  ASSERT_EQ(form_page.status, 200);
  EXPECT_NE(form_page.body.find("value=\"من نحن\""), std::string::npos);
  EXPECT_NE(form_page.body.find("value=\"من-نحن\""), std::string::npos);
  EXPECT_NE(form_page.body.find("&lt;p&gt;جريدة مستقلة&lt;/p&gt;"), std::string::npos);

  const auto published = post(edit, {{"title", "من نحن"},
                                     {"slug", "من-نحن"},
                                     {"body_html", "<p>جريدة مستقلة</p>"},
                                     {"action", "publish"}});
  ASSERT_EQ(published.status, 303);
  EXPECT_NE(published.header("Location").find("notice=page_published"), std::string::npos);
  auto live = store_->page_by_slug("من-نحن");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->body_html, "<p>جريدة مستقلة</p>");
  EXPECT_EQ(content_changes_, 2);

  ASSERT_EQ(post(edit, {{"title", "من نحن"},
                        {"slug", "من-نحن"},
                        {"body_html", "<p>نص جديد</p>"},
                        {"status", "published"},
                        {"action", "save"}})
                .status,
            303);
  EXPECT_EQ(store_->page_by_slug("من-نحن")->body_html, "<p>نص جديد</p>");
  EXPECT_EQ(content_changes_, 3);  // the site drops its cached copy

  const auto list = send("GET", "/admin/pages", core::Role::editor);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("status-published"), std::string::npos);
  EXPECT_NE(list.body.find("href=\"" + edit + "\""), std::string::npos);
  // The view link, percent-encoded as the site writes links (lower-case hex).
  EXPECT_NE(list.body.find("href=\"/%d9%85%d9%86-%d9%86%d8%ad%d9%86/\""), std::string::npos);

  // Private and trash take it away from readers again.
  ASSERT_EQ(post(edit, {{"title", "من نحن"}, {"slug", "من-نحن"}, {"status", "trash"}}).status, 303);
  EXPECT_FALSE(store_->page_by_slug("من-نحن"));
}

TEST_F(PagesTaxonomyTest, ReservedSlugsAreRefusedWithTheFormAsTyped) {
  for (const std::string slug : {"feed", "category", "admin", "wp-admin", "tag", "search"}) {
    const auto a = post("/admin/pages/new",
                        {{"title", "صفحتي"}, {"slug", slug}, {"body_html", "<p>ما كتبته</p>"}});
    EXPECT_EQ(a.status, 422) << slug;
    EXPECT_NE(a.body.find("محجوز"), std::string::npos) << slug;
    EXPECT_NE(a.body.find("value=\"صفحتي\""), std::string::npos) << slug;
    EXPECT_NE(a.body.find("&lt;p&gt;ما كتبته&lt;/p&gt;"), std::string::npos) << slug;
  }
  // A title that would make a reserved slug, too.
  EXPECT_EQ(post("/admin/pages/new", {{"title", "Feed"}}).status, 422);
  EXPECT_TRUE(store_->newsroom_pages().empty());
  EXPECT_EQ(content_changes_, 0);
}

TEST_F(PagesTaxonomyTest, ATakenSlugOrAMissingTitleIsRefused) {
  ASSERT_EQ(post("/admin/pages/new", {{"title", "اتصل بنا"}}).status, 303);
  const auto taken = post("/admin/pages/new", {{"title", "اتصل بنا"}, {"body_html", "<p>ب</p>"}});
  EXPECT_EQ(taken.status, 422);
  EXPECT_NE(taken.body.find("لصفحة أخرى"), std::string::npos);
  const auto untitled = post("/admin/pages/new", {{"slug", "x"}, {"body_html", "<p>نص</p>"}});
  EXPECT_EQ(untitled.status, 422);
  EXPECT_NE(untitled.body.find("اكتب عنوانًا للصفحة"), std::string::npos);
  EXPECT_EQ(store_->newsroom_pages().size(), 1u);
  EXPECT_EQ(send("GET", "/admin/pages/999/edit", core::Role::editor).status, 404);
  EXPECT_EQ(post("/admin/pages/999/edit", {{"title", "x"}}).status, 404);
}

TEST_F(PagesTaxonomyTest, ScriptsNeverReachAPageBody) {
  const auto a = post(
      "/admin/pages/new",
      {{"title", "صفحة"},
       {"slug", "xss"},
       {"action", "publish"},
       {"body_html",
        "<p onclick=\"alert(1)\">نص</p><script>alert(1)</script><img src=x onerror=alert(1)>"
        "<a href=\"javascript:alert(1)\">رابط</a><iframe src=\"https://evil.example\"></iframe>"
        "<svg><script>alert(1)</script></svg><style>body{}</style>"}});
  ASSERT_EQ(a.status, 303);
  const auto page = store_->page_by_slug("xss");
  ASSERT_TRUE(page);
  for (const char* bad :
       {"<script", "onerror", "onclick", "javascript:", "<iframe", "<svg", "<style", "alert("})
    EXPECT_EQ(page->body_html.find(bad), std::string::npos) << bad << " in " << page->body_html;
  EXPECT_NE(page->body_html.find("نص"), std::string::npos);
}

TEST_F(PagesTaxonomyTest, APublishedPageThatMovesKeepsItsOldAddress) {
  const auto a = post("/admin/pages/new", {{"title", "عن الجريدة"}, {"action", "publish"}});
  const std::string edit = "/admin/pages/" + std::to_string(page_id(a)) + "/edit";
  ASSERT_EQ(post(edit, {{"title", "عن الجريدة"}, {"slug", "about"}, {"action", "publish"}}).status,
            303);
  const auto r = store_->redirect_for("/عن-الجريدة/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_path, "/about/");
  EXPECT_TRUE(store_->page_by_slug("about"));
}

TEST_F(PagesTaxonomyTest, AuthorsCannotTouchPagesCategoriesOrTags) {
  for (const char* path : {"/admin/pages", "/admin/pages/new", "/admin/categories", "/admin/tags"})
    EXPECT_EQ(send("GET", path, core::Role::author).status, 403) << path;
  EXPECT_EQ(post("/admin/pages/new", {{"title", "صفحة الكاتب"}}, core::Role::author).status, 403);
  EXPECT_EQ(post("/admin/categories", {{"name", "قسم الكاتب"}}, core::Role::author).status, 403);
  EXPECT_EQ(post("/admin/tags", {{"name", "وسم الكاتب"}}, core::Role::author).status, 403);
  EXPECT_TRUE(store_->newsroom_pages().empty());
  EXPECT_EQ(store_->category_rows().size(), 1u);
  EXPECT_EQ(store_->tag_rows("", 0, 10).total, 0);
  // The menu shows them to editors only.
  EXPECT_EQ(send("GET", "/admin/", core::Role::author).body.find("/admin/categories"),
            std::string::npos);
  EXPECT_NE(send("GET", "/admin/", core::Role::editor).body.find("/admin/categories"),
            std::string::npos);
}

// ---------------------------------------------------------------- categories

TEST_F(PagesTaxonomyTest, CategoriesShowAsATreeWithCounts) {
  ASSERT_EQ(post("/admin/categories", {{"name", "عالم"}}).status, 303);
  const core::Id world = store_->category_by_slug("عالم")->id;
  const auto added = post("/admin/categories", {{"name", "الوطن العربي"},
                                                {"slug", "عربي"},
                                                {"parent_id", std::to_string(world)},
                                                {"description", "أخبار الدول العربية"}});
  ASSERT_EQ(added.status, 303);
  EXPECT_EQ(added.header("Location"), "/admin/categories?notice=category_saved");
  const auto arab = store_->category_by_slug("عربي");
  ASSERT_TRUE(arab);
  EXPECT_EQ(arab->parent, world);
  EXPECT_EQ(arab->description, "أخبار الدول العربية");
  const core::Id gulf = new_category("gulf", arab->id);
  article_in(category_);
  EXPECT_EQ(content_changes_, 2);

  const auto page = send("GET", "/admin/categories", core::Role::editor);
  ASSERT_EQ(page.status, 200);
  const auto w = page.body.find("id=\"category-" + std::to_string(world) + "\"");
  const auto a = page.body.find("id=\"category-" + std::to_string(arab->id) + "\"");
  const auto g = page.body.find("id=\"category-" + std::to_string(gulf) + "\"");
  ASSERT_NE(w, std::string::npos);
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(g, std::string::npos);
  EXPECT_LT(w, a);  // each child right after its parent
  EXPECT_LT(a, g);
  EXPECT_NE(page.body.find("— <a"), std::string::npos);
  EXPECT_NE(page.body.find("— — <a"), std::string::npos);  // the grandchild
  EXPECT_NE(page.body.find("1 مقال"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/category/gulf/\""), std::string::npos);
}

TEST_F(PagesTaxonomyTest, ACategoryCannotGoUnderItselfOrItsDescendants) {
  const core::Id world = new_category("world");
  const core::Id arab = new_category("arab", world);
  const core::Id gulf = new_category("gulf", arab);
  for (core::Id under : {world, arab, gulf}) {
    const auto a = post("/admin/categories", {{"id", std::to_string(world)},
                                              {"name", "العالم"},
                                              {"slug", "world"},
                                              {"parent_id", std::to_string(under)}});
    EXPECT_EQ(a.status, 422) << under;
    EXPECT_NE(a.body.find("لا يوضع القسم تحت نفسه"), std::string::npos);
    EXPECT_NE(a.body.find("value=\"العالم\""), std::string::npos);  // as typed, in its row
    EXPECT_NE(a.body.find("<details open>"), std::string::npos);
  }
  EXPECT_FALSE(parent_of(world));
  EXPECT_EQ(store_->category_by_slug("world")->name, "قسم world");
  EXPECT_EQ(content_changes_, 0);
  // The edit form of world offers neither itself nor what is below it.
  const auto page = send("GET", "/admin/categories", core::Role::editor);
  const auto row = page.body.find("id=\"category-" + std::to_string(world) + "\"");
  const auto next = page.body.find("id=\"category-", row + 1);
  const std::string world_row = page.body.substr(row, next - row);
  EXPECT_EQ(world_row.find("<option value=\"" + std::to_string(gulf) + "\""), std::string::npos);
  EXPECT_NE(world_row.find("<option value=\"" + std::to_string(category_) + "\""),
            std::string::npos);
}

TEST_F(PagesTaxonomyTest, ATakenSlugOrAnEmptyNameIsRefused) {
  const auto a = post("/admin/categories", {{"name", "محليات أخرى"}, {"slug", "local"}});
  EXPECT_EQ(a.status, 422);
  EXPECT_NE(a.body.find("لقسم آخر"), std::string::npos);
  EXPECT_NE(a.body.find("value=\"محليات أخرى\""), std::string::npos);
  EXPECT_EQ(post("/admin/categories", {{"name", "  "}}).status, 422);
  EXPECT_EQ(post("/admin/categories", {{"name", "x"}, {"parent_id", "9999"}}).status, 422);
  EXPECT_EQ(post("/admin/categories", {{"id", "9999"}, {"name", "x"}}).status, 404);
  EXPECT_EQ(store_->category_rows().size(), 1u);
}

TEST_F(PagesTaxonomyTest, ACategoryInUseIsNotDeletedAndAnEmptyOnesChildrenMoveUp) {
  article_in(category_);
  const auto refused = post("/admin/categories/" + std::to_string(category_) + "/delete", {});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("انقل مقالاته أولًا"), std::string::npos);
  EXPECT_NE(refused.body.find("1 مقال"), std::string::npos);
  EXPECT_NE(refused.body.find("محليات"), std::string::npos);  // named
  EXPECT_TRUE(store_->category_by_slug("local"));

  const core::Id world = new_category("world");
  const core::Id arab = new_category("arab", world);
  const core::Id gulf = new_category("gulf", arab);
  const auto done = post("/admin/categories/" + std::to_string(arab) + "/delete", {});
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.header("Location"), "/admin/categories?notice=category_deleted");
  EXPECT_FALSE(store_->category_by_slug("arab"));
  EXPECT_EQ(parent_of(gulf), world);
  EXPECT_EQ(content_changes_, 1);
  EXPECT_EQ(post("/admin/categories/" + std::to_string(arab) + "/delete", {}).status, 404);
}

TEST_F(PagesTaxonomyTest, ARenamedCategorySlugRedirectsTheOldAddress) {
  const auto a = post("/admin/categories",
                      {{"id", std::to_string(category_)}, {"name", "محليات"}, {"slug", "محليات"}});
  ASSERT_EQ(a.status, 303);
  EXPECT_EQ(a.header("Location"), "/admin/categories?notice=category_renamed");
  EXPECT_FALSE(store_->category_by_slug("local"));
  const auto r = store_->redirect_for("/category/local/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_path, "/category/محليات/");
  EXPECT_EQ(r->status, 301);
  EXPECT_EQ(store_->redirect_for("/category/local/feed/")->to_path, "/category/محليات/feed/");
  // Renamed again: the first address goes straight to the newest.
  ASSERT_EQ(post("/admin/categories",
                 {{"id", std::to_string(category_)}, {"name", "محليات"}, {"slug", "local-news"}})
                .status,
            303);
  EXPECT_EQ(store_->redirect_for("/category/local/")->to_path, "/category/local-news/");
  // Saving without a slug change adds nothing.
  const auto before = store_->redirects().size();
  ASSERT_EQ(
      post("/admin/categories",
           {{"id", std::to_string(category_)}, {"name", "أخبار محلية"}, {"slug", "local-news"}})
          .status,
      303);
  EXPECT_EQ(store_->redirects().size(), before);
}

TEST_F(PagesTaxonomyTest, NamesAreEscapedEverywhere) {
  ASSERT_EQ(
      post("/admin/categories", {{"name", "<script>alert(1)</script>"}, {"slug", "x"}}).status,
      303);
  ASSERT_EQ(
      post("/admin/tags", {{"name", "\"><img src=x onerror=alert(1)>"}, {"slug", "y"}}).status,
      303);
  const auto c = send("GET", "/admin/categories", core::Role::editor);
  EXPECT_EQ(c.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(c.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  const auto t = send("GET", "/admin/tags", core::Role::editor);
  EXPECT_EQ(t.body.find("<img src=x"), std::string::npos);
}

// ---------------------------------------------------------------- tags

TEST_F(PagesTaxonomyTest, TagsAreAddedSearchedAndPaged) {
  ASSERT_EQ(post("/admin/tags", {{"name", "الاقتصاد المصري"}}).status, 303);
  const auto t = store_->tag_by_slug("الاقتصاد-المصري");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->name, "الاقتصاد المصري");
  const auto twin = post("/admin/tags", {{"name", "الاقتصاد المصري"}, {"slug", "other"}});
  EXPECT_EQ(twin.status, 422);
  EXPECT_NE(twin.body.find("يوجد وسم آخر اسمه"), std::string::npos);
  const auto taken = post("/admin/tags", {{"name", "آخر"}, {"slug", "الاقتصاد-المصري"}});
  EXPECT_EQ(taken.status, 422);
  EXPECT_NE(taken.body.find("لوسم آخر"), std::string::npos);
  {
    auto b = store_->begin_write();
    for (int i = 0; i < 60; ++i)
      b->upsert_tag({"t-" + std::to_string(100 + i), "وسم " + std::to_string(100 + i)});
    b->commit();
  }
  const auto first = send("GET", "/admin/tags", core::Role::editor);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(count(first.body, "<tr id=\"tag-"), 50u);
  EXPECT_NE(first.body.find("صفحة 1 من 2"), std::string::npos);
  EXPECT_NE(first.body.find("href=\"/admin/tags?page=2\""), std::string::npos);
  const auto second = send("GET", "/admin/tags?page=2", core::Role::editor);
  EXPECT_EQ(count(second.body, "<tr id=\"tag-"), 11u);
  const auto found =
      send("GET", "/admin/tags?q=" + form({{"q", "وسم 15"}}).substr(2), core::Role::editor);
  EXPECT_EQ(count(found.body, "<tr id=\"tag-"), 10u);
  EXPECT_NE(found.body.find("10 وسم"), std::string::npos);
  const auto none = send("GET", "/admin/tags?q=zzz", core::Role::editor);
  EXPECT_NE(none.body.find("لا وسوم تطابق هذا البحث."), std::string::npos);
  // Past the last page: the last page.
  EXPECT_EQ(count(send("GET", "/admin/tags?page=9", core::Role::editor).body, "<tr id=\"tag-"),
            11u);
}

TEST_F(PagesTaxonomyTest, ARenamedTagRedirectsAndADeletedOneLeavesItsArticles) {
  const core::Id article = article_in(category_, {"غزة", "اقتصاد"});
  const core::Id gaza = store_->tag_by_slug("غزة")->id;
  const auto renamed = post("/admin/tags", {{"id", std::to_string(gaza)},
                                            {"name", "غزة"},
                                            {"slug", "قطاع غزة"},
                                            {"back_q", "غز"},
                                            {"back_page", "1"}});
  ASSERT_EQ(renamed.status, 303);
  EXPECT_NE(renamed.header("Location").find("notice=tag_renamed"), std::string::npos);
  EXPECT_TRUE(renamed.header("Location").starts_with("/admin/tags?q=%d8%ba%d8%b2"));
  EXPECT_EQ(store_->tag_by_slug("قطاع-غزة")->id, gaza);
  const auto r = store_->redirect_for("/tag/غزة/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_path, "/tag/قطاع-غزة/");
  EXPECT_EQ(store_->redirect_for("/tag/غزة/feed/")->to_path, "/tag/قطاع-غزة/feed/");

  const auto list = send("GET", "/admin/tags", core::Role::editor);
  EXPECT_NE(list.body.find("data-confirm=\"حذف الوسم «غزة»؟ سيُزال من 1 مقال.\""),
            std::string::npos);
  const auto deleted = post("/admin/tags/" + std::to_string(gaza) + "/delete", {});
  ASSERT_EQ(deleted.status, 303);
  EXPECT_NE(deleted.header("Location").find("notice=tag_deleted"), std::string::npos);
  EXPECT_FALSE(store_->tag_by_slug("قطاع-غزة"));
  const auto e = store_->article_for_edit(article);
  ASSERT_EQ(e->article.tags.size(), 1u);
  EXPECT_EQ(e->article.tags[0].name, "اقتصاد");
  EXPECT_EQ(content_changes_, 2);
  EXPECT_EQ(post("/admin/tags/" + std::to_string(gaza) + "/delete", {}).status, 404);
}

}  // namespace
}  // namespace jarida_admin_test
