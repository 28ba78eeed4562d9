#include "admin/session_tokens.hpp"

#include <gtest/gtest.h>

#include <set>

namespace {

namespace admin = jarida::admin;

TEST(SessionTokens, TokensAreRandomAndHashToThirtyTwoBytes) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto t = admin::new_session_token();
    EXPECT_EQ(t.size(), 43u);
    EXPECT_TRUE(seen.insert(t).second);
    const auto h = admin::hash_session_token(t);
    ASSERT_TRUE(h.has_value());
    EXPECT_EQ(h, admin::hash_session_token(t));  // deterministic
  }
}

TEST(SessionTokens, JunkCookiesAreNotTokens) {
  EXPECT_FALSE(admin::hash_session_token(""));
  EXPECT_FALSE(admin::hash_session_token("short"));
  EXPECT_FALSE(admin::hash_session_token(std::string(43, '!')));
  EXPECT_FALSE(admin::hash_session_token(admin::new_session_token() + "x"));
}

TEST(SessionTokens, CsrfTokensBelongToOneSessionAndPurpose) {
  admin::Key key{};
  key.fill(3);
  const auto s1 = admin::new_session_token(), s2 = admin::new_session_token();
  const auto t1 = admin::csrf_token(key, "session", s1);
  EXPECT_TRUE(admin::check_csrf_token(key, "session", s1, t1));
  EXPECT_FALSE(admin::check_csrf_token(key, "session", s2, t1));
  EXPECT_FALSE(admin::check_csrf_token(key, "signin", s1, t1));
  EXPECT_FALSE(admin::check_csrf_token(key, "session", s1, ""));
  EXPECT_FALSE(admin::check_csrf_token(key, "session", "", admin::csrf_token(key, "session", "")));
  admin::Key other = key;
  other[0] ^= 1;
  EXPECT_FALSE(admin::check_csrf_token(other, "session", s1, t1));
}

TEST(SessionTokens, HexRoundTrip) {
  const auto h = *admin::hash_session_token(admin::new_session_token());
  EXPECT_EQ(admin::from_hex(admin::to_hex(h)), h);
  EXPECT_FALSE(admin::from_hex("abc"));
  EXPECT_FALSE(admin::from_hex(std::string(64, 'z')));
}

}  // namespace
