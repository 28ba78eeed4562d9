// Accounts and settings pages as an admin uses them (in memory).
#include "newsroom_fixture.hpp"

namespace jarida_admin_test {
namespace {

using UsersTest = NewsroomTest;

TEST_F(UsersTest, AddingAUserShowsTheGeneratedPasswordOnce) {
  const auto a = send("POST", "/admin/users", core::Role::admin,
                      form({{"csrf", csrf_of(core::Role::admin)},
                            {"login", "mona"},
                            {"name", "منى الصحفية"},
                            {"role", "author"}}));
  ASSERT_EQ(a.status, 200) << a.body.substr(0, 500);
  const auto pos = a.body.find("<code dir=\"ltr\">");
  ASSERT_NE(pos, std::string::npos);
  const std::string password = a.body.substr(pos + 16, 20);
  auto account = store_->account_by_login("mona");
  ASSERT_TRUE(account);
  EXPECT_EQ(account->author.role, core::Role::author);
  EXPECT_NE(account->author.slug, "mona");  // the public slug never gives the login away
  EXPECT_TRUE(admin::verify_password(account->password_hash, password));
  // Not in the list page afterwards.
  EXPECT_EQ(send("GET", "/admin/users", core::Role::admin).body.find(password), std::string::npos);
  // A taken login is refused.
  const auto again = send("POST", "/admin/users", core::Role::admin,
                          form({{"csrf", csrf_of(core::Role::admin)},
                                {"login", "mona"},
                                {"name", "أخرى"},
                                {"role", "author"}}));
  EXPECT_EQ(again.status, 303);
  EXPECT_NE(again.header("Location").find("error=login"), std::string::npos);
}

TEST_F(UsersTest, ChangingRoleAndDisablingTakeEffectAtOnce) {
  const auto author = ids_[core::Role::author];
  const std::string path = "/admin/users/" + std::to_string(author);
  auto a = send("POST", path, core::Role::admin,
                form({{"csrf", csrf_of(core::Role::admin)}, {"role", "editor"}}));
  EXPECT_EQ(a.status, 303);
  EXPECT_EQ(store_->account_by_id(author)->author.role, core::Role::editor);
  EXPECT_EQ(send("GET", "/admin/comments", core::Role::author).status, 200);  // now an editor
  a = send("POST", path, core::Role::admin,
           form({{"csrf", csrf_of(core::Role::admin)}, {"role", "editor"}, {"disabled", "1"}}));
  EXPECT_EQ(a.status, 303);
  EXPECT_TRUE(store_->account_by_id(author)->disabled);
  EXPECT_EQ(send("GET", "/admin/", core::Role::author).status, 303);  // signed out
}

TEST_F(UsersTest, AnAdminCannotDisableOrDemoteThemselves) {
  const std::string path = "/admin/users/" + std::to_string(ids_[core::Role::admin]);
  const auto a = send("POST", path, core::Role::admin,
                      form({{"csrf", csrf_of(core::Role::admin)}, {"role", "author"}}));
  EXPECT_NE(a.header("Location").find("error=self"), std::string::npos);
  EXPECT_EQ(store_->account_by_id(ids_[core::Role::admin])->author.role, core::Role::admin);
}

TEST_F(UsersTest, AccountPageListsSessionsAndEndsOthers) {
  const std::string other = sign_in_directly(ids_[core::Role::editor]);
  const auto page = send("GET", "/admin/account", core::Role::editor);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("هذه الجلسة"), std::string::npos);
  const auto end = send("POST", "/admin/account/sessions/end-others", core::Role::editor,
                        form({{"csrf", csrf_of(core::Role::editor)}}));
  EXPECT_EQ(end.status, 303);
  EXPECT_FALSE(store_->session_user(*admin::hash_session_token(other), core::now_seconds()));
  EXPECT_EQ(send("GET", "/admin/", core::Role::editor).status, 200);  // this one lives on
}

TEST_F(UsersTest, PasswordChangeNeedsTheCurrentOne) {
  store_->set_account_password(ids_[core::Role::editor], admin::hash_password("old password 1"));
  auto a = send("POST", "/admin/account/password", core::Role::editor,
                form({{"csrf", csrf_of(core::Role::editor)},
                      {"current", "wrong one"},
                      {"new", "new password 22"},
                      {"again", "new password 22"}}));
  EXPECT_NE(a.header("Location").find("error=password"), std::string::npos);
  a = send("POST", "/admin/account/password", core::Role::editor,
           form({{"csrf", csrf_of(core::Role::editor)},
                 {"current", "old password 1"},
                 {"new", "short"},
                 {"again", "short"}}));
  EXPECT_NE(a.header("Location").find("error=short"), std::string::npos);
  a = send("POST", "/admin/account/password", core::Role::editor,
           form({{"csrf", csrf_of(core::Role::editor)},
                 {"current", "old password 1"},
                 {"new", "new password 22"},
                 {"again", "new password 22"}}));
  EXPECT_NE(a.header("Location").find("notice=password_changed"), std::string::npos);
  EXPECT_TRUE(admin::verify_password(store_->account_by_id(ids_[core::Role::editor])->password_hash,
                                     "new password 22"));
}

class SettingsTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    // A newsroom whose settings saves are captured.
    admin::NewsroomOptions options;
    options.key = key_;
    options.apply_settings = [this](const std::string& text) {
      saved_ = text;
      return std::string(refusal_);
    };
    newsroom_ = std::make_unique<admin::Newsroom>(*store_, *renderer_, options);
  }
  std::map<std::string, std::string> good_form() {
    return {{"csrf", csrf_of(core::Role::admin)},
            {"site_name", "صحيفة \"الغد\""},
            {"base_url", "https://news.example"},
            {"about", "سطر\nوسطر"},
            {"date_style", "ar-SY"},
            {"digits", "arab"},
            {"time_zone", "Asia/Beirut"},
            {"hijri", "1"},
            {"hijri_adjust", "-1"},
            {"comments_enabled", "1"},
            {"policy", "hold_all"},
            {"blocklist", "كلمة أولى\r\nكلمة ثانية\n"},
            {"max_links", "2"},
            {"min_seconds", "3"},
            {"rate_limit", "5"},
            {"rate_window_minutes", "10"},
            {"per_ip_per_hour", "5"},
            {"per_recipient_per_day", "3"},
            {"site_per_hour", "200"},
            {"smtp_host", ""},
            {"smtp_port", "587"},
            {"smtp_security", "starttls"}};
  }
  Answer post(const std::map<std::string, std::string>& fields) {
    std::string body;
    for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + form({{k, v}});
    return send("POST", "/admin/settings", core::Role::admin, body);
  }
  std::string saved_;
  std::string refusal_;
};

TEST_F(SettingsTest, AValidFormIsSavedAsTomlWithItsValuesEscaped) {
  const auto a = post(good_form());
  ASSERT_EQ(a.status, 303) << a.body.substr(0, 800);
  EXPECT_NE(saved_.find("name = \"صحيفة \\\"الغد\\\"\""), std::string::npos) << saved_;
  EXPECT_NE(saved_.find("about = \"سطر\\nوسطر\""), std::string::npos);
  EXPECT_NE(saved_.find("time_zone = \"Asia/Beirut\""), std::string::npos);
  EXPECT_NE(saved_.find("hijri_adjust = -1"), std::string::npos);
  EXPECT_NE(saved_.find("blocklist = [\"كلمة أولى\", \"كلمة ثانية\"]"), std::string::npos);
  EXPECT_NE(saved_.find("[labels]"), std::string::npos);
  EXPECT_EQ(saved_.find("[server]"), std::string::npos);
}

TEST_F(SettingsTest, BadValuesAreRefusedInArabicAndNothingIsSaved) {
  auto f = good_form();
  f["time_zone"] = "Mars/Olympus";
  f["hijri_adjust"] = "5";
  f["base_url"] = "ftp://x";
  f["smtp_host"] = "smtp.example";
  f["smtp_from_address"] = "";
  const auto a = post(f);
  EXPECT_EQ(a.status, 422);
  for (const char* why :
       {"المنطقة الزمنية", "تعديل التاريخ الهجري", "عنوان الموقع", "عنوان المرسل"})
    EXPECT_NE(a.body.find(why), std::string::npos) << why;
  EXPECT_TRUE(saved_.empty());
}

TEST_F(SettingsTest, TheSmtpPasswordIsNeverShownAndBlankKeepsIt) {
  const auto page = send("GET", "/admin/settings", core::Role::admin);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("name=\"smtp_password\" type=\"password\" dir=\"ltr\" value=\"\""),
            std::string::npos);
  post(good_form());
  EXPECT_NE(saved_.find("password = \"\""), std::string::npos);  // none saved before, none now
}

TEST_F(SettingsTest, TheAppsRefusalIsShown) {
  refusal_ = "newsroom settings:3: something";
  const auto a = post(good_form());
  EXPECT_EQ(a.status, 422);
  EXPECT_NE(a.body.find("تعذّر حفظ الإعدادات"), std::string::npos);
}

}  // namespace
}  // namespace jarida_admin_test
