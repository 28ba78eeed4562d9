#include "site/signed_token.hpp"

#include <gtest/gtest.h>

namespace jarida::site {
namespace {

using namespace std::chrono_literals;
const core::TimePoint kT0{std::chrono::seconds(1'700'000'000)};

SiteKey key(unsigned char fill) {
  SiteKey k;
  k.fill(fill);
  return k;
}

TEST(FormToken, AcceptsItsOwnTokenInTheTimeWindow) {
  const auto t = make_form_token(key(1), "comment", 7, kT0);
  EXPECT_EQ(check_form_token(key(1), "comment", 7, t, kT0 + 5s, 3s, 24h), TokenCheck::ok);
}

TEST(FormToken, RefusesTooFastAndTooOld) {
  const auto t = make_form_token(key(1), "comment", 7, kT0);
  EXPECT_EQ(check_form_token(key(1), "comment", 7, t, kT0 + 1s, 3s, 24h), TokenCheck::too_fast);
  EXPECT_EQ(check_form_token(key(1), "comment", 7, t, kT0 + 25h, 3s, 24h), TokenCheck::expired);
}

TEST(FormToken, BoundToKeyArticlePurposeAndTime) {
  const auto t = make_form_token(key(1), "comment", 7, kT0);
  const auto later = kT0 + 10s;
  EXPECT_EQ(check_form_token(key(2), "comment", 7, t, later, 3s, 24h), TokenCheck::invalid);
  EXPECT_EQ(check_form_token(key(1), "comment", 8, t, later, 3s, 24h), TokenCheck::invalid);
  EXPECT_EQ(check_form_token(key(1), "send", 7, t, later, 3s, 24h), TokenCheck::invalid);
  // Moving the timestamp back (to pass the minimum time) breaks the MAC.
  auto forged = t;
  forged[9] = forged[9] == '0' ? '1' : '0';
  EXPECT_EQ(check_form_token(key(1), "comment", 7, forged, later, 3s, 24h), TokenCheck::invalid);
  for (std::string_view bad : {"", ".", "123", "abc.def", "1700000000.", ".xyz"})
    EXPECT_EQ(check_form_token(key(1), "comment", 7, bad, later, 3s, 24h), TokenCheck::invalid)
        << bad;
}

TEST(SignedValue, RoundTripsAndRejectsForgeries) {
  const auto s = sign_value(key(3), "commenter-key");
  EXPECT_EQ(verify_signed_value(key(3), s), "commenter-key");
  EXPECT_EQ(verify_signed_value(key(4), s), "");
  EXPECT_EQ(verify_signed_value(key(3), "other" + s.substr(s.find('.'))), "");
  EXPECT_EQ(verify_signed_value(key(3), "no-dot"), "");
  EXPECT_NE(random_token(), random_token());
  EXPECT_EQ(random_token().size(), 22u);
}

}  // namespace
}  // namespace jarida::site
