#include "text/local_time.hpp"

#include <gtest/gtest.h>

namespace {

using jarida::core::TimePoint;
using namespace std::chrono;

TimePoint utc(int y, unsigned m, unsigned d, int h, int mi) {
  return TimePoint{sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi}};
}

TEST(LocalTime, CairoWinterIsUtcPlusTwo) {
  EXPECT_EQ(jarida::text::to_local_input(utc(2026, 1, 15, 19, 0), "Africa/Cairo"),
            "2026-01-15T21:00");
  EXPECT_EQ(jarida::text::from_local_input("2026-01-15T21:00", "Africa/Cairo"),
            utc(2026, 1, 15, 19, 0));
}

TEST(LocalTime, RiyadhHasNoDaylightSaving) {
  EXPECT_EQ(jarida::text::from_local_input("2026-07-01T09:30", "Asia/Riyadh"),
            utc(2026, 7, 1, 6, 30));
  EXPECT_EQ(jarida::text::to_local_input(utc(2026, 7, 1, 6, 30), "Asia/Riyadh"),
            "2026-07-01T09:30");
}

TEST(LocalTime, SecondsAndASpaceAreAccepted) {
  EXPECT_EQ(jarida::text::from_local_input("2026-01-15 21:00:30", "UTC"),
            utc(2026, 1, 15, 21, 0) + seconds{30});
}

TEST(LocalTime, MalformedOrImpossibleTimesAreRefused) {
  for (const char* bad : {"", "2026-01-15", "2026-13-01T10:00", "2026-02-30T10:00",
                          "2026-01-15T24:00", "2026-01-15T10:60", "26-01-15T10:00",
                          "2026-01-15T10:00Z", "abcd-ef-ghTij:kl", "1969-12-31T23:59"})
    EXPECT_FALSE(jarida::text::from_local_input(bad, "Africa/Cairo")) << bad;
}

}  // namespace
