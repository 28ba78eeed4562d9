// Dates per style (src/text/dates.cpp): ICU month names per region, Latin or
// Arabic-Indic digits, the site's time zone, the Umm al-Qura line and our own
// "منذ ..." strings with Arabic number agreement.
#include "text/dates.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace jarida::text {
namespace {

using namespace std::chrono;
using core::DateSettings;
using core::DateStyle;
using core::Digits;

// 2019-05-13T09:30:00Z: 8 Ramadan 1440 in the Umm al-Qura calendar.
const core::TimePoint kMay13 = sys_days{year{2019} / May / 13} + hours{9} + minutes{30};

DateSettings settings(std::string locale, DateStyle style = DateStyle::egyptian,
                      Digits digits = Digits::latin, std::string zone = "Africa/Cairo") {
  DateSettings s;
  s.locale = std::move(locale);
  s.style = style;
  s.digits = digits;
  s.time_zone = std::move(zone);
  return s;
}

TEST(Dates, EgyptianLatinDigits) {
  const DateFormatter f(settings("ar-EG"));
  EXPECT_EQ(f.date(kMay13), "13 مايو 2019");
}

TEST(Dates, EgyptianArabicIndicDigits) {
  const DateFormatter f(settings("ar-EG", DateStyle::egyptian, Digits::arabic_indic));
  EXPECT_EQ(f.date(kMay13), "١٣ مايو ٢٠١٩");
}

TEST(Dates, LevantineMonthNames) {
  EXPECT_EQ(DateFormatter(settings("ar-SY", DateStyle::levantine)).date(kMay13), "13 أيار 2019");
  EXPECT_EQ(DateFormatter(settings("ar-LB", DateStyle::levantine)).date(kMay13), "13 أيار 2019");
  EXPECT_EQ(DateFormatter(settings("ar-SY", DateStyle::levantine, Digits::arabic_indic))
                .date(sys_days{year{2020} / June / 1}),
            "١ حزيران ٢٠٢٠");
}

TEST(Dates, MaghrebiMonthNames) {
  EXPECT_EQ(DateFormatter(settings("ar-MA", DateStyle::maghrebi)).date(kMay13), "13 ماي 2019");
}

TEST(Dates, EmptyLocaleFollowsTheStyle) {
  EXPECT_EQ(DateFormatter(settings("", DateStyle::levantine)).date(kMay13), "13 أيار 2019");
  EXPECT_EQ(DateFormatter(settings("", DateStyle::egyptian)).date(kMay13), "13 مايو 2019");
}

TEST(Dates, SaudiLocaleStillGetsGregorianDate) {
  // ar-SA defaults to the Hijri calendar; date() must stay Gregorian.
  const DateFormatter f(settings("ar-SA", DateStyle::egyptian, Digits::latin, "Asia/Riyadh"));
  EXPECT_EQ(f.date(kMay13), "13 مايو 2019");
}

TEST(Dates, UsesTheSiteTimeZone) {
  // 22:30 UTC on the 12th is 00:30 on the 13th in Cairo (UTC+2 in 2019).
  const core::TimePoint late = sys_days{year{2019} / May / 12} + hours{22} + minutes{30};
  const DateFormatter cairo(settings("ar-EG"));
  const DateFormatter utc(settings("ar-EG", DateStyle::egyptian, Digits::latin, "UTC"));
  EXPECT_EQ(cairo.date(late), "13 مايو 2019");
  EXPECT_EQ(cairo.time_of_day(late), "00:30");
  EXPECT_EQ(utc.date(late), "12 مايو 2019");
  EXPECT_EQ(utc.time_of_day(late), "22:30");
}

TEST(Dates, TimeOfDay) {
  EXPECT_EQ(DateFormatter(settings("ar-EG")).time_of_day(kMay13), "11:30");
  EXPECT_EQ(DateFormatter(settings("ar-SA", DateStyle::egyptian, Digits::latin, "Asia/Riyadh"))
                .time_of_day(kMay13 + hours{5} + minutes{5}),
            "17:35");  // 24-hour clock, no ص/م
  EXPECT_EQ(DateFormatter(settings("ar-EG", DateStyle::egyptian, Digits::arabic_indic))
                .time_of_day(kMay13),
            "١١:٣٠");
}

TEST(Dates, HijriUmmAlQura) {
  EXPECT_EQ(DateFormatter(settings("ar-EG")).hijri(kMay13), "8 رمضان 1440 هـ");
  EXPECT_EQ(DateFormatter(settings("ar-SY", DateStyle::levantine)).hijri(kMay13),
            "8 رمضان 1440 هـ");
  EXPECT_EQ(
      DateFormatter(settings("ar-EG", DateStyle::egyptian, Digits::arabic_indic)).hijri(kMay13),
      "٨ رمضان ١٤٤٠ هـ");
}

TEST(Dates, HijriAdjustShiftsDays) {
  DateSettings s = settings("ar-EG");
  s.hijri_adjust = 1;
  EXPECT_EQ(DateFormatter(s).hijri(kMay13), "9 رمضان 1440 هـ");
  s.hijri_adjust = -2;
  EXPECT_EQ(DateFormatter(s).hijri(kMay13), "6 رمضان 1440 هـ");
  // Across the month start: 1 Ramadan 1440 was 2019-05-06.
  s.hijri_adjust = -1;
  EXPECT_EQ(DateFormatter(s).hijri(sys_days{year{2019} / May / 6} + hours{12}), "30 شعبان 1440 هـ");
}

TEST(Dates, HijriUsesTheSiteTimeZone) {
  const core::TimePoint late = sys_days{year{2019} / May / 12} + hours{22} + minutes{30};
  EXPECT_EQ(DateFormatter(settings("ar-EG")).hijri(late), "8 رمضان 1440 هـ");
  EXPECT_EQ(DateFormatter(settings("ar-EG", DateStyle::egyptian, Digits::latin, "UTC")).hijri(late),
            "7 رمضان 1440 هـ");
}

struct RelativeCase {
  seconds ago;
  const char* expected;
};

TEST(Dates, RelativeArabicNumberAgreement) {
  const DateFormatter f(settings("ar-EG"));
  const core::TimePoint now = kMay13 + days{40};
  const RelativeCase cases[] = {
      {seconds{0}, "الآن"},          {seconds{59}, "الآن"},
      {minutes{1}, "منذ دقيقة"},     {minutes{2}, "منذ دقيقتين"},
      {minutes{3}, "منذ 3 دقائق"},   {minutes{10}, "منذ 10 دقائق"},
      {minutes{11}, "منذ 11 دقيقة"}, {minutes{59} + seconds{59}, "منذ 59 دقيقة"},
      {hours{1}, "منذ ساعة"},        {hours{2} + minutes{59}, "منذ ساعتين"},
      {hours{5}, "منذ 5 ساعات"},     {hours{10}, "منذ 10 ساعات"},
      {hours{11}, "منذ 11 ساعة"},    {hours{23}, "منذ 23 ساعة"},
      {days{1}, "منذ يوم"},          {days{2}, "منذ يومين"},
      {days{3}, "منذ 3 أيام"},       {days{10}, "منذ 10 أيام"},
      {days{11}, "منذ 11 يومًا"},     {days{29} + hours{23}, "منذ 29 يومًا"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.expected);
    EXPECT_EQ(f.relative(now - c.ago, now), c.expected);
  }
}

TEST(Dates, RelativeFutureReadsAsNow) {
  const DateFormatter f(settings("ar-EG"));
  EXPECT_EQ(f.relative(kMay13 + hours{3}, kMay13), "الآن");
}

TEST(Dates, RelativeAfterThirtyDaysIsTheDate) {
  const DateFormatter f(settings("ar-EG"));
  EXPECT_EQ(f.relative(kMay13, kMay13 + days{30}), "13 مايو 2019");
  EXPECT_EQ(f.relative(kMay13, kMay13 + days{400}), "13 مايو 2019");
}

TEST(Dates, RelativeFollowsDigitSetting) {
  const DateFormatter f(settings("ar-EG", DateStyle::egyptian, Digits::arabic_indic));
  EXPECT_EQ(f.relative(kMay13, kMay13 + hours{5}), "منذ ٥ ساعات");
  EXPECT_EQ(f.relative(kMay13, kMay13 + minutes{25}), "منذ ٢٥ دقيقة");
  EXPECT_EQ(f.relative(kMay13, kMay13 + days{2}), "منذ يومين");
  EXPECT_EQ(f.relative(kMay13, kMay13 + days{31}), "١٣ مايو ٢٠١٩");
}

TEST(Dates, KnownTimeZones) {
  EXPECT_TRUE(DateFormatter::is_known_time_zone("Africa/Cairo"));
  EXPECT_TRUE(DateFormatter::is_known_time_zone("Asia/Riyadh"));
  EXPECT_TRUE(DateFormatter::is_known_time_zone("UTC"));
  EXPECT_FALSE(DateFormatter::is_known_time_zone("Mars/Olympus_Mons"));
  EXPECT_FALSE(DateFormatter::is_known_time_zone(""));
  EXPECT_FALSE(DateFormatter::is_known_time_zone("Etc/Unknown"));
  EXPECT_FALSE(DateFormatter::is_known_time_zone("africa/cairo"));  // IDs are case-sensitive
}

TEST(Dates, UnknownTimeZoneIsRejected) {
  EXPECT_THROW(DateFormatter(settings("ar-EG", DateStyle::egyptian, Digits::latin, "Nowhere/X")),
               std::invalid_argument);
}

TEST(Dates, SafeForConcurrentUse) {
  const DateFormatter f(settings("ar-EG"));
  // Each thread formats its own day and must get exactly what a lone thread
  // gets. (ICU 72 clones its Calendar per format call, so this catches shared
  // state in our code or a future ICU, not a missing lock on ICU 72.)
  std::vector<core::TimePoint> when;
  std::vector<std::string> expected;
  for (int i = 0; i < 8; ++i) {
    when.push_back(kMay13 + days{i * 37} + hours{i});
    expected.push_back(f.date(when.back()) + " " + f.time_of_day(when.back()) + " " +
                       f.hijri(when.back()));
  }
  std::vector<int> mismatches(when.size(), 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < when.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < 300; ++n) {
        const std::string got =
            f.date(when[t]) + " " + f.time_of_day(when[t]) + " " + f.hijri(when[t]);
        if (got != expected[t]) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t t = 0; t < when.size(); ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
  EXPECT_NE(expected[0], expected[1]);  // the threads really format different days
}

TEST(Iso8601, FormatsUtc) {
  EXPECT_EQ(iso8601(kMay13), "2019-05-13T09:30:00Z");
  EXPECT_EQ(iso8601(core::TimePoint{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(iso8601(sys_days{year{2024} / February / 29} + hours{23} + minutes{59} + seconds{59}),
            "2024-02-29T23:59:59Z");
}

}  // namespace
}  // namespace jarida::text
