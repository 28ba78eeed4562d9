#include "admin/sign_in_throttle.hpp"

#include <gtest/gtest.h>

namespace {

using jarida::admin::SignInThrottle;
using namespace std::chrono_literals;

TEST(SignInThrottle, FreeAttemptsThenGrowingDelays) {
  SignInThrottle t;
  auto now = SignInThrottle::Clock::time_point{} + 1000h;
  for (int i = 0; i < SignInThrottle::kFreePerLogin; ++i) {
    EXPECT_EQ(t.wait("Sara", "10.0.0.1", now).count(), 0) << i;
    t.failed("Sara", "10.0.0.1", now);
  }
  const auto first = t.wait("sara", "10.0.0.2", now);  // the login's count, any case, any IP
  EXPECT_EQ(first, SignInThrottle::kFirstDelay);
  t.failed("sara", "10.0.0.2", now);
  const auto second = t.wait("sara", "10.0.0.3", now);
  EXPECT_EQ(second, 2 * SignInThrottle::kFirstDelay);
  // Waiting it out lets one more attempt through.
  EXPECT_EQ(t.wait("sara", "10.0.0.3", now + second).count(), 0);
}

TEST(SignInThrottle, DelaysStopGrowingAtTheMaximum) {
  SignInThrottle t;
  auto now = SignInThrottle::Clock::time_point{} + 1000h;
  for (int i = 0; i < 60; ++i) t.failed("x", "10.0.0.1", now);
  EXPECT_EQ(t.wait("x", "10.9.9.9", now), SignInThrottle::kMaxDelay);
}

TEST(SignInThrottle, UnknownAndKnownLoginsAreTreatedAlike) {
  // Keys are what was typed: the throttle never looks accounts up.
  SignInThrottle t;
  auto now = SignInThrottle::Clock::time_point{} + 1000h;
  for (int i = 0; i < 5; ++i) {
    t.failed("admin", "10.0.0.1", now);
    t.failed("nobody-by-this-name", "10.0.0.2", now);
  }
  EXPECT_EQ(t.wait("admin", "10.1.1.1", now), t.wait("nobody-by-this-name", "10.1.1.2", now));
}

TEST(SignInThrottle, OneAddressSprayingManyLoginsIsSlowedDown) {
  SignInThrottle t;
  auto now = SignInThrottle::Clock::time_point{} + 1000h;
  for (int i = 0; i < SignInThrottle::kFreePerIp; ++i)
    t.failed("user" + std::to_string(i), "10.6.6.6", now);
  EXPECT_GT(t.wait("fresh-name", "10.6.6.6", now).count(), 0);
  EXPECT_EQ(t.wait("fresh-name", "10.7.7.7", now).count(), 0);
}

TEST(SignInThrottle, SuccessClearsTheLoginButNotTheAddress) {
  SignInThrottle t;
  auto now = SignInThrottle::Clock::time_point{} + 1000h;
  for (int i = 0; i < 12; ++i) t.failed("sara", "10.6.6.6", now);
  t.failed("sara", "10.6.6.6", now);  // the right password's attempt, counted up front
  t.succeeded("sara", "10.6.6.6");
  EXPECT_EQ(t.wait("sara", "10.1.1.1", now).count(), 0);
  EXPECT_GT(t.wait("sara", "10.6.6.6", now).count(), 0);
}

TEST(SignInThrottle, OldFailuresAreForgotten) {
  SignInThrottle t;
  auto now = SignInThrottle::Clock::time_point{} + 1000h;
  for (int i = 0; i < 8; ++i) t.failed("sara", "10.0.0.1", now);
  EXPECT_GT(t.wait("sara", "10.0.0.1", now).count(), 0);
  EXPECT_EQ(t.wait("sara", "10.0.0.1", now + SignInThrottle::kForgetAfter + 1s).count(), 0);
}

}  // namespace
