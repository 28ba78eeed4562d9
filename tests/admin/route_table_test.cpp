// Walks the newsroom's route table (issue 6): every route that needs a
// role redirects a signed-out visitor to sign-in (JSON routes answer 401),
// every POST refuses a missing CSRF token with 403, every route refuses a
// role below its own with 403, and the right role gets through.
#include <regex>

#include "newsroom_fixture.hpp"

namespace jarida_admin_test {
namespace {

// A concrete path for a pattern: every {param} becomes "1".
std::string concrete(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\{[^}]*\})"), "1");
}

std::string method_of(http::Method m) {
  return m == http::Method::post ? "POST" : "GET";
}

int rank(admin::Need n) {
  return static_cast<int>(n);
}

const core::Role kRoles[] = {core::Role::author, core::Role::editor, core::Role::admin};
int rank(core::Role r) {
  return r == core::Role::admin ? 3 : r == core::Role::editor ? 2 : 1;
}

using RouteTableTest = NewsroomTest;

TEST_F(RouteTableTest, TableIsNotEmptyAndEveryPostTakesACsrfToken) {
  const auto table = newsroom_->route_table();
  ASSERT_GT(table.size(), 20u);
  for (const auto& r : table) {
    if (r.method == http::Method::post) {
      EXPECT_TRUE(r.csrf) << r.name;
    }
    EXPECT_TRUE(r.pattern.starts_with("/admin/")) << r.name;
  }
}

TEST_F(RouteTableTest, SignedOutRequestsGoToSignIn) {
  for (const auto& r : newsroom_->route_table()) {
    if (r.need == admin::Need::anyone) continue;
    const auto a = send(method_of(r.method), concrete(r.pattern), std::nullopt);
    if (r.json) {
      EXPECT_EQ(a.status, 401) << r.name;
      EXPECT_NE(a.body.find("\"error\""), std::string::npos) << r.name;
    } else {
      EXPECT_EQ(a.status, 303) << r.name;
      EXPECT_TRUE(a.header("Location").starts_with("/admin/signin")) << r.name;
    }
  }
}

TEST_F(RouteTableTest, EveryPostRefusesAMissingOrWrongCsrfToken) {
  for (const auto& r : newsroom_->route_table()) {
    if (r.method != http::Method::post) continue;
    const std::optional<core::Role> who =
        r.need == admin::Need::anyone ? std::nullopt : std::optional(core::Role::admin);
    EXPECT_EQ(send("POST", concrete(r.pattern), who).status, 403) << r.name << ": no token";
    EXPECT_EQ(send("POST", concrete(r.pattern), who, "csrf=forged").status, 403)
        << r.name << ": forged token";
    // Another session's token is no good either.
    if (who) {
      const auto other = "csrf=" + csrf_of(core::Role::editor);
      EXPECT_EQ(send("POST", concrete(r.pattern), who, other).status, 403)
          << r.name << ": another session's token";
    }
  }
}

TEST_F(RouteTableTest, ACrossSitePostIsRefusedEvenWithTheToken) {
  const auto a = send("POST", "/admin/account/sessions/end-others", core::Role::admin,
                      "csrf=" + csrf_of(core::Role::admin), {{"origin", "https://evil.example"}});
  EXPECT_EQ(a.status, 403);
  const auto b = send("POST", "/admin/account/sessions/end-others", core::Role::admin,
                      "csrf=" + csrf_of(core::Role::admin), {{"sec-fetch-site", "cross-site"}});
  EXPECT_EQ(b.status, 403);
}

TEST_F(RouteTableTest, EveryRouteRefusesARoleBelowItsOwn) {
  int refused = 0;
  for (const auto& r : newsroom_->route_table()) {
    for (core::Role role : kRoles) {
      if (rank(role) >= rank(r.need)) continue;
      const std::string body = "csrf=" + csrf_of(role);
      const auto a = send(method_of(r.method), concrete(r.pattern), role, body);
      EXPECT_EQ(a.status, 403) << r.name << " as " << core::to_string(role);
      ++refused;
    }
  }
  EXPECT_GT(refused, 5);  // comments (editor) and users (admin) at least
}

TEST_F(RouteTableTest, TheRightRoleGetsThrough) {
  for (const auto& r : newsroom_->route_table()) {
    if (r.method != http::Method::get || r.need == admin::Need::anyone) continue;
    for (core::Role role : kRoles) {
      if (rank(role) < rank(r.need)) continue;
      const auto a = send("GET", concrete(r.pattern), role);
      // 404: the route's object (id 1) may not exist; never a refusal.
      EXPECT_TRUE(a.status == 200 || a.status == 404) << r.name << ": " << a.status;
    }
  }
}

TEST_F(RouteTableTest, UnknownAdminPathsAreArabic404s) {
  const auto a = send("GET", "/admin/no-such-page", core::Role::admin);
  EXPECT_EQ(a.status, 404);
  EXPECT_NE(a.body.find("لا توجد صفحة"), std::string::npos);
  EXPECT_EQ(a.header("Cache-Control"), "no-store");
}

}  // namespace
}  // namespace jarida_admin_test
