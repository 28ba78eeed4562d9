// The repeat rule: one visit per (IP, User-Agent, article) per window, in
// bounded memory, from several threads. Time points are passed explicitly.
#include "stats/repeat_filter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace jarida::stats {
namespace {

using namespace std::chrono_literals;
using Clock = RepeatFilter::Clock;

constexpr std::string_view kIp = "198.51.100.7";
constexpr std::string_view kUa =
    "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.6045.163 Mobile Safari/537.36";
const Clock::time_point t0 = Clock::time_point{} + 1000h;

TEST(RepeatFilter, FirstVisitCountsAndReloadDoesNot) {
  RepeatFilter f;
  EXPECT_TRUE(f.first_visit(kIp, kUa, 42, t0));
  EXPECT_FALSE(f.first_visit(kIp, kUa, 42, t0));
  EXPECT_FALSE(f.first_visit(kIp, kUa, 42, t0 + 5min));
}

TEST(RepeatFilter, OtherArticleUserAgentOrIpCounts) {
  RepeatFilter f;
  ASSERT_TRUE(f.first_visit(kIp, kUa, 42, t0));
  EXPECT_TRUE(f.first_visit(kIp, kUa, 43, t0));
  EXPECT_TRUE(f.first_visit(kIp, "Mozilla/5.0 (iPhone) Safari/604.1", 42, t0));
  EXPECT_TRUE(f.first_visit("2001:db8::1", kUa, 42, t0));
}

TEST(RepeatFilter, FieldsAreSeparatedUnambiguously) {
  RepeatFilter f;
  ASSERT_TRUE(f.first_visit("10.0.0.1", "2x", 1, t0));
  EXPECT_TRUE(f.first_visit("10.0.0.12", "x", 1, t0));
  EXPECT_TRUE(f.first_visit("10.0.0.12x", "", 1, t0));
}

TEST(RepeatFilter, CountsAgainAfterTheWindow) {
  RepeatFilter f(1 << 10, 30min);
  ASSERT_TRUE(f.first_visit(kIp, kUa, 42, t0));
  EXPECT_FALSE(f.first_visit(kIp, kUa, 42, t0 + 30min - 1s));
  EXPECT_TRUE(f.first_visit(kIp, kUa, 42, t0 + 30min));
  EXPECT_FALSE(f.first_visit(kIp, kUa, 42, t0 + 31min));
}

// Policy: a repeat does not extend the window; it runs from the counted visit.
TEST(RepeatFilter, RepeatsDoNotRefreshTheWindow) {
  RepeatFilter f(1 << 10, 30min);
  ASSERT_TRUE(f.first_visit(kIp, kUa, 42, t0));
  for (auto t = t0 + 5min; t < t0 + 30min; t += 5min) EXPECT_FALSE(f.first_visit(kIp, kUa, 42, t));
  EXPECT_TRUE(f.first_visit(kIp, kUa, 42, t0 + 30min));
}

TEST(RepeatFilter, CapacityIsRoundedUpToAPowerOfTwo) {
  EXPECT_EQ(RepeatFilter(1000).capacity(), 1024u);
  EXPECT_EQ(RepeatFilter(1 << 18).capacity(), std::size_t{1} << 18);
  EXPECT_EQ(RepeatFilter(0).capacity(), 8u);  // one set at least
}

// With one set of 8 ways, the 9th reader evicts the oldest, who is then
// counted again: the filter forgets rather than grows.
TEST(RepeatFilter, FullSetForgetsTheOldest) {
  RepeatFilter f(8);
  ASSERT_EQ(f.capacity(), 8u);
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(f.first_visit(kIp, kUa, i, t0 + std::chrono::seconds(i)));
  for (int i = 0; i < 8; ++i) ASSERT_FALSE(f.first_visit(kIp, kUa, i, t0 + 10s));
  ASSERT_TRUE(f.first_visit(kIp, kUa, 100, t0 + 10s));  // evicts article 0
  EXPECT_TRUE(f.first_visit(kIp, kUa, 0, t0 + 11s));    // evicts article 1
  EXPECT_FALSE(f.first_visit(kIp, kUa, 7, t0 + 12s));
  EXPECT_FALSE(f.first_visit(kIp, kUa, 100, t0 + 12s));
}

TEST(RepeatFilter, MemoryIsBoundedUnderAMillionReaders) {
  RepeatFilter f(1 << 12);
  const std::size_t cap = f.capacity();
  for (int i = 0; i < 1'000'000; ++i) {
    std::string ip = "10." + std::to_string(i >> 16) + "." + std::to_string((i >> 8) & 255) + "." +
                     std::to_string(i & 255);
    ASSERT_TRUE(f.first_visit(ip, kUa, 7, t0));
  }
  EXPECT_EQ(f.capacity(), cap);
  // Still works: a new reader counts once.
  EXPECT_TRUE(f.first_visit(kIp, kUa, 7, t0 + 1s));
  EXPECT_FALSE(f.first_visit(kIp, kUa, 7, t0 + 2s));
}

// Four threads present the same readers in different orders: each reader is
// counted exactly once in all. The table is large enough that no set fills.
TEST(RepeatFilter, ConcurrentReadersAreCountedOnce) {
  RepeatFilter f(1 << 20);
  constexpr int kReaders = 8192;
  constexpr int kThreads = 4;
  std::atomic<int> counted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < kReaders; ++k) {
        int i = (k + t * kReaders / kThreads) % kReaders;
        std::string ip = "192.0.2." + std::to_string(i % 256);
        if (f.first_visit(ip, kUa, i / 256, t0 + std::chrono::milliseconds(k))) ++counted;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(counted.load(), kReaders);
  for (int i = 0; i < kReaders; ++i) {
    EXPECT_FALSE(f.first_visit("192.0.2." + std::to_string(i % 256), kUa, i / 256, t0 + 1min));
  }
}

}  // namespace
}  // namespace jarida::stats
