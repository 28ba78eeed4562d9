// Growing delays after failed sign-ins, per account name and per IP
// (issue 6). Keys are what was typed, whether or not such an account
// exists, so the delays themselves reveal nothing. Each process keeps its
// own counts in memory: a restart forgives, and several servers each allow
// their own attempts (the delays still make guessing hopeless: after the
// free attempts, every failure doubles the wait up to kMaxDelay).
// Tested in tests/admin/sign_in_throttle_test.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jarida::admin {

class SignInThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  // Failures allowed before any wait: a person mistyping, or an office
  // behind one address.
  static constexpr int kFreePerLogin = 3;
  static constexpr int kFreePerIp = 10;
  static constexpr std::chrono::seconds kFirstDelay{2};
  static constexpr std::chrono::seconds kMaxDelay{15 * 60};
  // A key with no failure for this long is forgotten.
  static constexpr std::chrono::hours kForgetAfter{1};
  // Bounds memory during a spray of random names: the oldest keys go first.
  static constexpr std::size_t kMaxKeys = 100'000;

  // How long this login (lower-cased) and this IP must still wait; zero
  // when an attempt may go ahead.
  std::chrono::seconds wait(std::string_view login, std::string_view ip, Clock::time_point now);
  // Counts an attempt as failed before its password is checked, so a burst
  // of simultaneous guesses can't all pass wait() while the slow hashes
  // run; succeeded() takes it back.
  void failed(std::string_view login, std::string_view ip, Clock::time_point now);
  // A success clears the login's count and takes back the attempt's count
  // for the IP (only that one: a right password must not reset a spray
  // from the same address).
  void succeeded(std::string_view login, std::string_view ip);

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point last{};
  };
  std::chrono::seconds wait_of(const std::string& key, int free, Clock::time_point now) const;
  void bump(const std::string& key, Clock::time_point now);

  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace jarida::admin
