#include "text/local_time.hpp"

#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <charconv>
#include <cstdio>
#include <memory>

namespace jarida::text {
namespace {

std::unique_ptr<icu::Calendar> calendar_in(const std::string& time_zone) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(new icu::GregorianCalendar(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)), status));
  if (U_FAILURE(status)) return nullptr;
  return cal;
}

bool read_int(std::string_view s, int& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

std::string to_local_input(core::TimePoint t, const std::string& time_zone) {
  auto cal = calendar_in(time_zone);
  if (!cal) return {};
  UErrorCode status = U_ZERO_ERROR;
  cal->setTime(static_cast<UDate>(t.time_since_epoch().count()) * 1000.0, status);
  const int y = cal->get(UCAL_YEAR, status), mo = cal->get(UCAL_MONTH, status) + 1,
            d = cal->get(UCAL_DATE, status), h = cal->get(UCAL_HOUR_OF_DAY, status),
            mi = cal->get(UCAL_MINUTE, status);
  if (U_FAILURE(status)) return {};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi);
  return buf;
}

std::optional<core::TimePoint> from_local_input(std::string_view s, const std::string& time_zone) {
  // YYYY-MM-DDTHH:MM[:SS]
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
      (s.size() == 19 && s[16] != ':'))
    return std::nullopt;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!read_int(s.substr(0, 4), y) || !read_int(s.substr(5, 2), mo) ||
      !read_int(s.substr(8, 2), d) || !read_int(s.substr(11, 2), h) ||
      !read_int(s.substr(14, 2), mi) || (s.size() == 19 && !read_int(s.substr(17, 2), sec)))
    return std::nullopt;
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59)
    return std::nullopt;
  auto cal = calendar_in(time_zone);
  if (!cal) return std::nullopt;
  cal->setLenient(false);
  cal->clear();
  cal->set(y, mo - 1, d, h, mi, sec);
  UErrorCode status = U_ZERO_ERROR;
  const UDate ms = cal->getTime(status);
  if (U_FAILURE(status)) {
    // Non-lenient ICU refuses Feb 30 and also the skipped DST hour; only
    // the latter is a real time, so try again leniently if the date exists.
    cal->setLenient(true);
    cal->clear();
    cal->set(y, mo - 1, d, h, mi, sec);
    status = U_ZERO_ERROR;
    const UDate again = cal->getTime(status);
    if (U_FAILURE(status)) return std::nullopt;
    UErrorCode st2 = U_ZERO_ERROR;
    if (cal->get(UCAL_DATE, st2) != d) return std::nullopt;
    return core::TimePoint{std::chrono::seconds{static_cast<std::int64_t>(again / 1000)}};
  }
  return core::TimePoint{std::chrono::seconds{static_cast<std::int64_t>(ms / 1000)}};
}

}  // namespace jarida::text
