// The newsroom's handlers end to end in memory: signing in (one answer for
// every failure, throttling, cookie flags), who may edit what, publishing,
// scheduling and the cache places announced to the site.
#include <thread>

#include "newsroom_fixture.hpp"

namespace jarida_admin_test {
namespace {

class HandlersTest : public NewsroomTest {
 protected:
  // Signs in through the form; returns the answer to the POST.
  Answer post_sign_in(const std::string& login, const std::string& password,
                      std::map<std::string, std::string> extra = {}) {
    const auto page = send("GET", "/admin/signin", std::nullopt);
    const auto cookie = page.header("Set-Cookie");
    const std::string pre = cookie.substr(0, cookie.find(';'));
    const auto pos = page.body.find("name=\"csrf\" value=\"") + 19;
    const std::string csrf = page.body.substr(pos, page.body.find('"', pos) - pos);
    std::map<std::string, std::string> h{{"cookie", pre}};
    h.insert(extra.begin(), extra.end());
    return send("POST", "/admin/signin", std::nullopt,
                form({{"csrf", csrf}, {"login", login}, {"password", password}}), h);
  }

  core::Id save(core::Role role, std::initializer_list<std::pair<std::string, std::string>> kv,
                std::string target = "/admin/articles/new") {
    std::vector<std::pair<std::string, std::string>> fields(kv);
    fields.push_back({"csrf", csrf_of(role)});
    std::string body;
    for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + form({{k, v}});
    const auto a = send("POST", target, role, body);
    EXPECT_EQ(a.status, 303) << a.body.substr(0, 2000);
    const auto loc = a.header("Location");
    const auto start = loc.find("/admin/articles/") + 16;
    return std::stoll(loc.substr(start, loc.find('/', start) - start));
  }
};

TEST_F(HandlersTest, SignInSucceedsWithSafeCookieFlags) {
  store_->set_account_password(ids_[core::Role::editor], admin::hash_password("correct horse 1"));
  const auto a = post_sign_in("editor", "correct horse 1");
  ASSERT_EQ(a.status, 303);
  EXPECT_EQ(a.header("Location"), "/admin/");
  const auto cookie = a.header("Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("jarida_session=")) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // base URL is http
  const std::string token = cookie.substr(15, cookie.find(';') - 15);
  EXPECT_TRUE(store_->session_user(*admin::hash_session_token(token), core::now_seconds()));
}

TEST_F(HandlersTest, BehindHttpsTheCookieIsSecure) {
  core::SiteSettings https;
  https.base_url = "https://news.example";
  renderer_->replace(std::make_unique<render::Renderer>(
      https, fs::path(JARIDA_BINARY_DIR) / "themes" / "default"));
  store_->set_account_password(ids_[core::Role::editor], admin::hash_password("correct horse 1"));
  const auto a = post_sign_in("editor", "correct horse 1", {{"origin", "https://news.example"}});
  ASSERT_EQ(a.status, 303) << a.body.substr(0, 300);
  EXPECT_NE(a.header("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(HandlersTest, OneAnswerForAWrongPasswordAndAnUnknownLogin) {
  store_->set_account_password(ids_[core::Role::editor], admin::hash_password("correct horse 1"));
  auto wrong = post_sign_in("editor", "not it at all");
  auto unknown = post_sign_in("ghost", "not it at all");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  auto strip = [](std::string body, const std::string& login) {
    const auto v = body.find("value=\"" + login + "\"");
    if (v != std::string::npos) body.erase(v, 8 + login.size());
    const auto c = body.find("name=\"csrf\" value=\"");  // per-cookie token
    if (c != std::string::npos) body.erase(c, body.find('"', c + 19) - c);
    return body;
  };
  EXPECT_EQ(strip(wrong.body, "editor"), strip(unknown.body, "ghost"));
  EXPECT_NE(wrong.body.find("اسم الدخول أو كلمة المرور غير صحيحة."), std::string::npos);
}

TEST_F(HandlersTest, RepeatedFailuresAreThrottledForKnownAndUnknownLogins) {
  for (const char* login : {"editor", "ghost"}) {
    for (int i = 0; i < admin::SignInThrottle::kFreePerLogin; ++i)
      EXPECT_EQ(post_sign_in(login, "wrong password").status, 401);
    const auto a = post_sign_in(login, "wrong password");
    EXPECT_EQ(a.status, 429) << login;
    EXPECT_NE(a.body.find("انتظر"), std::string::npos);
    EXPECT_FALSE(a.header("Retry-After").empty());
  }
}

TEST_F(HandlersTest, DisabledAccountsCannotSignInAndLoseTheirSessions) {
  store_->set_account_password(ids_[core::Role::author], admin::hash_password("correct horse 1"));
  store_->set_account_disabled(ids_[core::Role::author], true);
  EXPECT_EQ(post_sign_in("author", "correct horse 1").status, 401);
  EXPECT_EQ(send("GET", "/admin/", core::Role::author).status, 303);  // session ended
}

TEST_F(HandlersTest, AnAuthorCannotReachAnotherAuthorsArticle) {
  const auto mine =
      save(core::Role::author, {{"title", "مسودتي"}, {"category_id", std::to_string(category_)}});
  const auto theirs =
      save(core::Role::editor, {{"title", "مقال المحرر"},
                                {"category_id", std::to_string(category_)},
                                {"author_id", std::to_string(ids_[core::Role::editor])}});
  EXPECT_EQ(
      send("GET", "/admin/articles/" + std::to_string(mine) + "/edit", core::Role::author).status,
      200);
  const std::string other = "/admin/articles/" + std::to_string(theirs);
  EXPECT_EQ(send("GET", other + "/edit", core::Role::author).status, 403);
  EXPECT_EQ(send("GET", other + "/revisions", core::Role::author).status, 403);
  EXPECT_EQ(send("GET", other + "/preview", core::Role::author).status, 403);
  const auto body = form({{"csrf", csrf_of(core::Role::author)},
                          {"title", "مخترق"},
                          {"category_id", std::to_string(category_)}});
  EXPECT_EQ(send("POST", other + "/edit", core::Role::author, body).status, 403);
  EXPECT_EQ(send("POST", other + "/trash", core::Role::author, body).status, 403);
  EXPECT_EQ(store_->article_for_edit(theirs)->article.title, "مقال المحرر");
  // The list shows an author only their own work.
  const auto list = send("GET", "/admin/articles", core::Role::author);
  EXPECT_NE(list.body.find("مسودتي"), std::string::npos);
  EXPECT_EQ(list.body.find("مقال المحرر"), std::string::npos);
}

TEST_F(HandlersTest, AnAuthorsPublishGoesToReviewAnEditorsIsLive) {
  const auto a = save(
      core::Role::author,
      {{"title", "خبر الكاتب"}, {"category_id", std::to_string(category_)}, {"action", "publish"}});
  EXPECT_EQ(store_->article_for_edit(a)->status, core::ArticleStatus::pending);
  const auto e = save(
      core::Role::editor,
      {{"title", "خبر المحرر"}, {"category_id", std::to_string(category_)}, {"action", "publish"}});
  EXPECT_EQ(store_->article_for_edit(e)->status, core::ArticleStatus::published);
  EXPECT_TRUE(store_->published_article_by_slug("خبر-المحرر"));
}

TEST_F(HandlersTest, ChangingATitleAnnouncesTheOldAndNewPlaces) {
  auto batch = store_->begin_write();
  const auto sport = batch->upsert_category({"sport", "رياضة", "", std::nullopt});
  batch->commit();
  const auto id = save(core::Role::editor, {{"title", "الخبر الأول"},
                                            {"category_id", std::to_string(category_)},
                                            {"tags", "كرة"},
                                            {"action", "publish"}});
  announced_.clear();
  const auto at = store_->article_for_edit(id)->article.published_at;
  save(core::Role::editor,
       {{"title", "الخبر بعنوان جديد"},
        {"slug", "الخبر-الأول"},
        {"category_id", std::to_string(sport)},
        {"action", "publish"},
        {"publish_at", ""}},
       "/admin/articles/" + std::to_string(id) + "/edit");
  ASSERT_EQ(announced_.size(), 2u);
  EXPECT_TRUE(announced_[0].visible);
  EXPECT_EQ(announced_[0].category_slug, "local");
  EXPECT_EQ(announced_[0].tag_slugs, std::vector<std::string>{"كرة"});
  EXPECT_EQ(announced_[1].category_slug, "sport");
  EXPECT_EQ(announced_[1].slug, "الخبر-الأول");
  (void)at;
  EXPECT_EQ(store_->published_article_by_slug("الخبر-الأول")->title, "الخبر بعنوان جديد");
}

TEST_F(HandlersTest, ScheduledArticlesPublishThemselves) {
  const auto id =
      save(core::Role::editor, {{"title", "مجدول"}, {"category_id", std::to_string(category_)}});
  // Straight through the store: a time two seconds ahead (the form works in minutes).
  auto e = store_->article_for_edit(id);
  store::ArticleDraft d;
  d.slug = e->article.slug;
  d.title = e->article.title;
  d.status = core::ArticleStatus::scheduled;
  d.published_at = core::now_seconds() + std::chrono::seconds(2);
  d.author_id = e->article.author.id;
  d.category_id = category_;
  store_->save_article(id, d, ids_[core::Role::editor], false, core::now_seconds());
  announced_.clear();
  newsroom_->tick();
  EXPECT_FALSE(store_->published_article_by_slug("مجدول"));
  EXPECT_TRUE(announced_.empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  newsroom_->tick();
  EXPECT_TRUE(store_->published_article_by_slug("مجدول"));
  ASSERT_EQ(announced_.size(), 1u);
  EXPECT_TRUE(announced_[0].visible);
}

TEST_F(HandlersTest, ARefusedFormComesBackWithWhatWasTyped) {
  const auto a = send("POST", "/admin/articles/new", core::Role::editor,
                      form({{"csrf", csrf_of(core::Role::editor)},
                            {"title", ""},
                            {"body_html", "<p>نص طويل كتبه المحرر</p>"}}));
  EXPECT_EQ(a.status, 422);
  EXPECT_NE(a.body.find("اكتب عنوانًا للمقال."), std::string::npos);
  EXPECT_NE(a.body.find("نص طويل كتبه المحرر"), std::string::npos);
}

TEST_F(HandlersTest, AutosaveReturnsJsonAndNeverPublishes) {
  const auto a = send("POST", "/admin/articles/new/autosave", core::Role::author,
                      form({{"csrf", csrf_of(core::Role::author)},
                            {"title", "مسودة تلقائية"},
                            {"category_id", std::to_string(category_)},
                            {"action", "publish"}}));
  ASSERT_EQ(a.status, 201) << a.body;
  EXPECT_NE(a.body.find("\"edit_url\":\"/admin/articles/"), std::string::npos);
  const auto id = std::stoll(a.body.substr(a.body.find("\"id\":") + 5));
  EXPECT_EQ(store_->article_for_edit(id)->status, core::ArticleStatus::draft);
}

TEST_F(HandlersTest, TrashAndRestore) {
  const auto id =
      save(core::Role::editor,
           {{"title", "للحذف"}, {"category_id", std::to_string(category_)}, {"action", "publish"}});
  const std::string base = "/admin/articles/" + std::to_string(id);
  const auto body = form({{"csrf", csrf_of(core::Role::editor)}});
  EXPECT_EQ(send("POST", base + "/trash", core::Role::editor, body).status, 303);
  EXPECT_EQ(store_->article_for_edit(id)->status, core::ArticleStatus::trash);
  EXPECT_FALSE(store_->published_article_by_slug("للحذف"));
  EXPECT_EQ(send("POST", base + "/restore", core::Role::editor, body).status, 303);
  EXPECT_EQ(store_->article_for_edit(id)->status, core::ArticleStatus::draft);
}

TEST_F(HandlersTest, SignOutEndsTheSession) {
  EXPECT_EQ(send("GET", "/admin/", core::Role::editor).status, 200);
  const auto a = send("POST", "/admin/signout", core::Role::editor,
                      form({{"csrf", csrf_of(core::Role::editor)}}));
  EXPECT_EQ(a.status, 303);
  EXPECT_NE(a.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(send("GET", "/admin/", core::Role::editor).status, 303);
}

}  // namespace
}  // namespace jarida_admin_test

namespace jarida_admin_test {
namespace {

// Two editors on one story: the second save does not silently erase the first.
TEST_F(HandlersTest, ASaveOnAnOlderCopyIsRefusedUntilConfirmed) {
  const auto id = save(core::Role::editor,
                       {{"title", "الخبر كما بدأ"}, {"category_id", std::to_string(category_)}});
  const std::string edit = "/admin/articles/" + std::to_string(id) + "/edit";
  const auto page = send("GET", edit, core::Role::editor);
  const auto pos = page.body.find("name=\"version\" value=\"") + 22;
  const std::string version = page.body.substr(pos, page.body.find('"', pos) - pos);
  ASSERT_FALSE(version.empty());

  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // versions are seconds
  save(
      core::Role::admin,
      {{"title", "تعديل المدير"}, {"category_id", std::to_string(category_)}, {"version", version}},
      edit);
  EXPECT_EQ(store_->article_for_edit(id)->article.title, "تعديل المدير");

  // The editor's form still carries the old version: refused, nothing lost.
  const auto refused = send("POST", edit, core::Role::editor,
                            form({{"csrf", csrf_of(core::Role::editor)},
                                  {"title", "تعديل المحررة"},
                                  {"category_id", std::to_string(category_)},
                                  {"version", version}}));
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("عدّل شخص آخر هذا المقال"), std::string::npos);
  EXPECT_NE(refused.body.find("تعديل المحررة"), std::string::npos);  // what she typed is kept
  EXPECT_EQ(store_->article_for_edit(id)->article.title, "تعديل المدير");
  // Autosave stops too, with JSON.
  const auto autosaved =
      send("POST", "/admin/articles/" + std::to_string(id) + "/autosave", core::Role::editor,
           form({{"csrf", csrf_of(core::Role::editor)},
                 {"title", "تعديل المحررة"},
                 {"category_id", std::to_string(category_)},
                 {"version", version}}));
  EXPECT_EQ(autosaved.status, 409);
  EXPECT_NE(autosaved.body.find("\"error\""), std::string::npos);

  // Saving again from the refused form (it now carries the current version) wins, knowingly.
  const auto vpos = refused.body.find("name=\"version\" value=\"") + 22;
  const std::string current = refused.body.substr(vpos, refused.body.find('"', vpos) - vpos);
  EXPECT_NE(current, version);
  const auto again = send("POST", edit, core::Role::editor,
                          form({{"csrf", csrf_of(core::Role::editor)},
                                {"title", "تعديل المحررة"},
                                {"category_id", std::to_string(category_)},
                                {"version", current}}));
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(store_->article_for_edit(id)->article.title, "تعديل المحررة");
}

TEST_F(HandlersTest, AnAutosaveGivesTheFormItsNewVersion) {
  const auto a = send("POST", "/admin/articles/new/autosave", core::Role::editor,
                      form({{"csrf", csrf_of(core::Role::editor)},
                            {"title", "مسودة"},
                            {"category_id", std::to_string(category_)}}));
  ASSERT_EQ(a.status, 201);
  const auto id = std::stoll(a.body.substr(a.body.find("\"id\":") + 5));
  const auto vpos = a.body.find("\"version\":\"") + 11;
  const std::string version = a.body.substr(vpos, a.body.find('"', vpos) - vpos);
  EXPECT_EQ(version,
            std::to_string(store_->article_for_edit(id)->updated_at.time_since_epoch().count()));
  const auto saved =
      send("POST", "/admin/articles/" + std::to_string(id) + "/edit", core::Role::editor,
           form({{"csrf", csrf_of(core::Role::editor)},
                 {"title", "مسودة"},
                 {"category_id", std::to_string(category_)},
                 {"version", version}}));
  EXPECT_EQ(saved.status, 303);
}

}  // namespace
}  // namespace jarida_admin_test
