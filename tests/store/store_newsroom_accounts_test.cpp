// The Store conformance suite, continued: the newsroom's accounts and
// sessions (issue 6, store/newsroom.hpp). Accounts: taken logins and slugs,
// disabling ends sessions. Sessions: found only while live and while the
// account is enabled, touched forward, ended only by their owner, and never
// a change readers see (content_version stays).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "store/store_fixture.hpp"

namespace {

using namespace jarida_store_test;
using store::TokenHash;

TokenHash token(unsigned char seed) {
  TokenHash t{};
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = static_cast<unsigned char>(seed + i * 7);
  t[5] = 0;  // a NUL inside: the hash is bytes, not text
  return t;
}

template <class Backend>
class NewsroomAccountsTest : public StoreTest<Backend> {
 protected:
  store::NewUser user(std::string login, std::string slug, std::string name,
                      core::Role role = core::Role::author) {
    return {std::move(login), std::move(slug), std::move(name), "", role, "$argon2id$hash"};
  }

  Id add_user(std::string login, std::string slug, std::string name) {
    return this->db().add_account(user(std::move(login), std::move(slug), std::move(name)),
                                  "x@example.com");
  }

  void sign_in(Id user_id, const TokenHash& t, TimePoint at, std::chrono::seconds lasts = 24h,
               std::string user_agent = "Firefox", std::string ip = "192.0.2.7") {
    store::NewSession s;
    s.token_hash = t;
    s.user_id = user_id;
    s.created_at = at;
    s.expires_at = at + lasts;
    s.user_agent = std::move(user_agent);
    s.ip = std::move(ip);
    this->db().create_session(s);
  }
};
TYPED_TEST_SUITE(NewsroomAccountsTest, Backends);

// ---- Accounts

TYPED_TEST(NewsroomAccountsTest, AddAccountAndReadItBackByLoginAndId) {
  const Id id = this->db().add_account(
      this->user("layla", "layla-k", "ليلى خليل", core::Role::editor), "layla@example.com");
  const auto by_login = this->db().account_by_login("layla");
  ASSERT_TRUE(by_login);
  EXPECT_EQ(by_login->author.id, id);
  EXPECT_EQ(by_login->author.slug, "layla-k");
  EXPECT_EQ(by_login->author.display_name, "ليلى خليل");
  EXPECT_EQ(by_login->author.role, core::Role::editor);
  EXPECT_EQ(by_login->password_hash, "$argon2id$hash");
  EXPECT_EQ(by_login->email, "layla@example.com");
  EXPECT_FALSE(by_login->disabled);
  EXPECT_NE(by_login->created_at, TimePoint{});
  const auto by_id = this->db().account_by_id(id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->author.login, "layla");
  EXPECT_FALSE(this->db().account_by_login("nobody"));
  EXPECT_FALSE(this->db().account_by_id(id + 100));
}

TYPED_TEST(NewsroomAccountsTest, TakenLoginOrSlugFailsNamingWhatIsTaken) {
  this->add_user("layla", "layla-k", "ليلى");
  try {
    this->add_user("layla", "other-slug", "أخرى");
    FAIL() << "a taken login was accepted";
  } catch (const store::Error& e) {
    EXPECT_NE(std::string(e.what()).find("login"), std::string::npos) << e.what();
  }
  try {
    this->add_user("other", "layla-k", "أخرى");
    FAIL() << "a taken slug was accepted";
  } catch (const store::Error& e) {
    EXPECT_NE(std::string(e.what()).find("slug"), std::string::npos) << e.what();
  }
  EXPECT_EQ(this->db().count_users(), 1);
}

TYPED_TEST(NewsroomAccountsTest, AccountsAreListedByDisplayNameDisabledOnesToo) {
  const Id b = this->add_user("b", "b", "بسمة");
  this->add_user("a", "a", "أحمد");
  this->add_user("z", "z", "زينب");
  ASSERT_TRUE(this->db().set_account_disabled(b, true));
  std::vector<std::string> names;
  for (const auto& a : this->db().accounts()) names.push_back(a.author.display_name);
  EXPECT_EQ(names, (std::vector<std::string>{"أحمد", "بسمة", "زينب"}));
  // The caller decides what a disabled account may do: it is still found.
  const auto disabled = this->db().account_by_login("b");
  ASSERT_TRUE(disabled);
  EXPECT_TRUE(disabled->disabled);
}

TYPED_TEST(NewsroomAccountsTest, RoleAndPasswordChangeOnlyExistingAccounts) {
  const Id id = this->add_user("layla", "layla", "ليلى");
  EXPECT_TRUE(this->db().set_account_role(id, core::Role::admin));
  EXPECT_TRUE(this->db().set_account_password(id, "$argon2id$new"));
  const auto a = this->db().account_by_id(id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->author.role, core::Role::admin);
  EXPECT_EQ(a->password_hash, "$argon2id$new");
  EXPECT_FALSE(this->db().set_account_role(id + 1, core::Role::admin));
  EXPECT_FALSE(this->db().set_account_password(id + 1, "x"));
  EXPECT_FALSE(this->db().set_account_disabled(id + 1, true));
}

TYPED_TEST(NewsroomAccountsTest, DisablingEndsTheSessionsAndEnablingDoesNotBringThemBack) {
  const Id layla = this->add_user("layla", "layla", "ليلى");
  const Id omar = this->add_user("omar", "omar", "عمر");
  this->sign_in(layla, token(1), now());
  this->sign_in(layla, token(2), now());
  this->sign_in(omar, token(3), now());
  ASSERT_TRUE(this->db().set_account_disabled(layla, true));
  EXPECT_FALSE(this->db().session_user(token(1), now()));
  EXPECT_TRUE(this->db().sessions_of(layla, now()).empty());
  ASSERT_TRUE(this->db().set_account_disabled(layla, false));
  EXPECT_FALSE(this->db().session_user(token(1), now()));
  EXPECT_FALSE(this->db().session_user(token(2), now()));
  // Somebody else's session is untouched.
  EXPECT_TRUE(this->db().session_user(token(3), now()));
}

// ---- Sessions

TYPED_TEST(NewsroomAccountsTest, SessionIsFoundWithItsAccountUntilItExpires) {
  const Id id = this->add_user("layla", "layla", "ليلى");
  const TimePoint t0 = now();
  this->sign_in(id, token(1), t0, 1h, "Mozilla/5.0 Firefox", "2001:db8::1");
  const auto s = this->db().session_user(token(1), t0 + 10min);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->account.author.id, id);
  EXPECT_EQ(s->account.author.login, "layla");
  EXPECT_EQ(s->session.token_hash, token(1));
  EXPECT_EQ(s->session.created_at, t0);
  EXPECT_EQ(s->session.last_seen_at, t0);
  EXPECT_EQ(s->session.expires_at, t0 + 1h);
  EXPECT_EQ(s->session.user_agent, "Mozilla/5.0 Firefox");
  EXPECT_EQ(s->session.ip, "2001:db8::1");
  EXPECT_FALSE(this->db().session_user(token(1), t0 + 1h));  // expires_at is not live
  EXPECT_FALSE(this->db().session_user(token(1), t0 + 2h));
  EXPECT_FALSE(this->db().session_user(token(9), t0));
}

TYPED_TEST(NewsroomAccountsTest, SessionOfADisabledAccountIsNotFound) {
  const Id id = this->add_user("layla", "layla", "ليلى");
  this->sign_in(id, token(1), now());
  ASSERT_TRUE(this->db().set_account_disabled(id, true));
  EXPECT_FALSE(this->db().session_user(token(1), now()));
}

TYPED_TEST(NewsroomAccountsTest, TouchMovesLastSeenAndExpiryButCannotReviveAnExpiredSession) {
  const Id id = this->add_user("layla", "layla", "ليلى");
  const TimePoint t0 = now();
  this->sign_in(id, token(1), t0, 1h);
  this->db().touch_session(token(1), t0 + 50min, t0 + 50min + 1h);
  EXPECT_TRUE(this->db().session_user(token(1), t0 + 90min));
  const auto s = this->db().session_user(token(1), t0 + 90min);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->session.last_seen_at, t0 + 50min);
  EXPECT_EQ(s->session.expires_at, t0 + 110min);
  this->db().touch_session(token(1), t0 + 3h, t0 + 4h);  // already expired
  EXPECT_FALSE(this->db().session_user(token(1), t0 + 3h));
}

TYPED_TEST(NewsroomAccountsTest, UserAgentIsCutTo200BytesOnACharacterBoundary) {
  const Id id = this->add_user("layla", "layla", "ليلى");
  std::string agent = "x";
  for (int i = 0; i < 150; ++i) agent += "ع";  // 2 bytes each: 201st byte is mid-letter
  this->sign_in(id, token(1), now(), 1h, agent);
  const auto s = this->db().session_user(token(1), now());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->session.user_agent.size(), 199u);
  EXPECT_EQ(s->session.user_agent, agent.substr(0, 199));
}

TYPED_TEST(NewsroomAccountsTest, SessionsOfListsLiveOnesMostRecentlySeenFirst) {
  const Id id = this->add_user("layla", "layla", "ليلى");
  const Id omar = this->add_user("omar", "omar", "عمر");
  const TimePoint t0 = now();
  this->sign_in(id, token(1), t0 - 2h, 1h);  // expired
  this->sign_in(id, token(2), t0 - 30min, 24h, "Chrome");
  this->sign_in(id, token(3), t0 - 20min, 24h, "Safari");
  this->sign_in(omar, token(4), t0, 24h);
  this->db().touch_session(token(2), t0 - 1min, t0 + 24h);
  const auto list = this->db().sessions_of(id, t0);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].token_hash, token(2));
  EXPECT_EQ(list[0].user_agent, "Chrome");
  EXPECT_EQ(list[1].token_hash, token(3));
}

TYPED_TEST(NewsroomAccountsTest, EndSessionEndsOnlyTheUsersOwnSession) {
  const Id layla = this->add_user("layla", "layla", "ليلى");
  const Id omar = this->add_user("omar", "omar", "عمر");
  this->sign_in(layla, token(1), now());
  this->sign_in(omar, token(2), now());
  EXPECT_FALSE(this->db().end_session(layla, token(2)));  // omar's: refused
  EXPECT_TRUE(this->db().session_user(token(2), now()));
  EXPECT_TRUE(this->db().end_session(layla, token(1)));
  EXPECT_FALSE(this->db().session_user(token(1), now()));
  EXPECT_FALSE(this->db().end_session(layla, token(1)));  // already gone
}

TYPED_TEST(NewsroomAccountsTest, EndSessionsOfKeepsTheOneGivenAndCountsTheRest) {
  const Id layla = this->add_user("layla", "layla", "ليلى");
  const Id omar = this->add_user("omar", "omar", "عمر");
  for (unsigned char i = 1; i <= 3; ++i) this->sign_in(layla, token(i), now());
  this->sign_in(omar, token(9), now());
  EXPECT_EQ(this->db().end_sessions_of(layla, token(2)), 2);
  EXPECT_FALSE(this->db().session_user(token(1), now()));
  EXPECT_TRUE(this->db().session_user(token(2), now()));
  EXPECT_FALSE(this->db().session_user(token(3), now()));
  EXPECT_EQ(this->db().end_sessions_of(layla, std::nullopt), 1);
  EXPECT_FALSE(this->db().session_user(token(2), now()));
  EXPECT_TRUE(this->db().session_user(token(9), now()));
}

TYPED_TEST(NewsroomAccountsTest, PurgeRemovesOnlyExpiredSessions) {
  const Id id = this->add_user("layla", "layla", "ليلى");
  const TimePoint t0 = now();
  this->sign_in(id, token(1), t0 - 2h, 1h);
  this->sign_in(id, token(2), t0, 1h);
  this->db().purge_expired_sessions(t0);
  // A clock turned back would find the purged one again if it were kept.
  EXPECT_FALSE(this->db().session_user(token(1), t0 - 90min));
  EXPECT_TRUE(this->db().session_user(token(2), t0));
}

TYPED_TEST(NewsroomAccountsTest, SessionWritesDoNotChangeTheContentVersion) {
  const Id id = this->add_user("layla", "layla", "ليلى");
  const auto v0 = this->db().content_version();
  const TimePoint t0 = now();
  this->sign_in(id, token(1), t0 - 2h, 1h);
  this->sign_in(id, token(2), t0);
  this->sign_in(id, token(3), t0);
  this->db().touch_session(token(2), t0 + 1min, t0 + 48h);
  this->db().end_session(id, token(2));
  this->db().end_sessions_of(id, std::nullopt);
  this->db().purge_expired_sessions(t0);
  this->db().set_account_password(id, "$argon2id$other");
  EXPECT_EQ(this->db().content_version(), v0);
}

TYPED_TEST(NewsroomAccountsTest, SessionIsSeenByAFreshStoreOnTheSameFile) {
  const Id id = this->add_user("layla", "layla", "ليلى");
  this->sign_in(id, token(1), now());
  auto other = this->open_another();
  const auto s = other->session_user(token(1), now());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->account.author.id, id);
}

}  // namespace
