// Dates as Arabic readers expect them (SEED-PAGE.md part 2): ICU supplies
// the month names per region (ar-EG مايو, ar-SY/ar-LB أيار, ar-MA ماي) and
// the Umm al-Qura calendar; relative times use our own strings because ICU
// says "قبل ٣ ساعات" where Arabic news sites write "منذ 3 ساعات".
// Tested per style in tests/text/dates_test.cpp.
#include "text/dates.hpp"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <stdexcept>

#include "text/digits.hpp"

namespace jarida::text {

namespace {

// The locale named in the config, or the style's usual one if it is empty.
std::string base_locale(const core::DateSettings& s) {
  if (!s.locale.empty()) return s.locale;
  switch (s.style) {
    case core::DateStyle::levantine:
      return "ar-SY";
    case core::DateStyle::maghrebi:
      return "ar-MA";
    case core::DateStyle::egyptian:
      break;
  }
  return "ar-EG";
}

// Unicode extension keywords pin what the region would otherwise choose:
// ar, ar-EG and ar-SY default to Arabic-Indic digits, ar-SA to the Hijri
// calendar (DEPENDENCIES.md, ICU row).
icu::Locale make_locale(const core::DateSettings& s, const char* calendar) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(base_locale(s), status);
  if (U_FAILURE(status) || locale.isBogus())
    throw std::invalid_argument("DateFormatter: bad locale \"" + s.locale + "\"");
  locale.setUnicodeKeywordValue("nu", s.digits == core::Digits::latin ? "latn" : "arab", status);
  locale.setUnicodeKeywordValue("ca", calendar, status);
  if (U_FAILURE(status))
    throw std::invalid_argument("DateFormatter: bad locale \"" + s.locale + "\"");
  return locale;
}

std::unique_ptr<icu::SimpleDateFormat> make_format(const char* pattern, const icu::Locale& locale,
                                                   const icu::TimeZone& zone) {
  UErrorCode status = U_ZERO_ERROR;
  auto fmt = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString::fromUTF8(pattern), locale,
                                                     status);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("DateFormatter: ICU pattern \"") + pattern +
                             "\": " + u_errorName(status));
  fmt->setTimeZone(zone);
  return fmt;
}

UDate to_udate(core::TimePoint t) {
  return static_cast<UDate>(t.time_since_epoch().count()) * 1000.0;  // ICU counts milliseconds
}

// Arabic counted nouns (for "منذ N ..."), by the number agreement rule:
// 1 and 2 are said with the noun alone (singular, dual), 3..10 take the
// plural, 11 and above the singular (accusative where it shows: يومًا).
struct CountedNoun {
  const char* one;       // منذ دقيقة
  const char* two;       // منذ دقيقتين
  const char* plural;    // منذ 3 دقائق
  const char* singular;  // منذ 11 دقيقة
};
constexpr CountedNoun kMinutes{"دقيقة", "دقيقتين", "دقائق", "دقيقة"};
constexpr CountedNoun kHours{"ساعة", "ساعتين", "ساعات", "ساعة"};
constexpr CountedNoun kDays{"يوم", "يومين", "أيام", "يومًا"};

}  // namespace

struct DateFormatter::Impl {
  core::Digits digits;
  int hijri_adjust;
  std::unique_ptr<icu::TimeZone> zone;
  // ICU documents its formatters as unsafe for concurrent use. ICU 72's
  // format(UDate) happens to clone its Calendar per call, but that is an
  // implementation detail: one lock guards all three (off the hot path).
  std::mutex mutex;
  std::unique_ptr<icu::SimpleDateFormat> date;
  std::unique_ptr<icu::SimpleDateFormat> hijri;
  std::unique_ptr<icu::SimpleDateFormat> time;

  std::string format(icu::SimpleDateFormat& fmt, UDate when) {
    icu::UnicodeString out;
    {
      std::lock_guard lock(mutex);
      fmt.format(when, out);
    }
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
  }

  std::string counted(long n, const CountedNoun& noun) const {
    std::string phrase = "منذ ";
    if (n == 1) return phrase + noun.one;
    if (n == 2) return phrase + noun.two;
    std::string number = std::to_string(n);
    if (digits == core::Digits::arabic_indic) number = to_arabic_indic_digits(number);
    return phrase + number + " " + (n <= 10 ? noun.plural : noun.singular);
  }
};

DateFormatter::DateFormatter(const core::DateSettings& settings) : impl_(std::make_unique<Impl>()) {
  if (!is_known_time_zone(settings.time_zone))
    throw std::invalid_argument("DateFormatter: unknown time zone \"" + settings.time_zone + "\"");
  impl_->digits = settings.digits;
  impl_->hijri_adjust = settings.hijri_adjust;
  impl_->zone.reset(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(settings.time_zone)));
  const icu::Locale gregorian = make_locale(settings, "gregory");
  const icu::Locale umalqura = make_locale(settings, "islamic-umalqura");
  impl_->date = make_format("d MMMM y", gregorian, *impl_->zone);
  // ICU's era for this calendar is "هـ" (U+0647 U+0640), the usual mark.
  impl_->hijri = make_format("d MMMM y G", umalqura, *impl_->zone);
  impl_->time = make_format("HH:mm", gregorian, *impl_->zone);
}

DateFormatter::~DateFormatter() = default;

std::string DateFormatter::date(core::TimePoint t) const {
  return impl_->format(*impl_->date, to_udate(t));
}

// Sites that follow a local moon sighting rather than Umm al-Qura shift the
// Hijri day by hijri_adjust (-2..+2) days.
std::string DateFormatter::hijri(core::TimePoint t) const {
  const auto shifted = t + std::chrono::days(impl_->hijri_adjust);
  return impl_->format(*impl_->hijri, to_udate(shifted));
}

std::string DateFormatter::time_of_day(core::TimePoint t) const {
  return impl_->format(*impl_->time, to_udate(t));
}

std::string DateFormatter::relative(core::TimePoint t, core::TimePoint now) const {
  const long seconds = static_cast<long>((now - t).count());
  // A future time (clock skew, scheduled posts previewed early) reads as now.
  if (seconds < 60) return "الآن";
  if (seconds < 3600) return impl_->counted(seconds / 60, kMinutes);
  if (seconds < 86400) return impl_->counted(seconds / 3600, kHours);
  if (seconds < 30L * 86400) return impl_->counted(seconds / 86400, kDays);
  // A month on, "منذ 40 يومًا" helps nobody: give the date.
  return date(t);
}

bool DateFormatter::is_known_time_zone(const std::string& zone) {
  // ICU never fails here: an unknown ID comes back as "Etc/Unknown" (which
  // behaves as UTC), so compare the ID.
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
  icu::UnicodeString id;
  tz->getID(id);
  return id != icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID, -1, US_INV);
}

std::string iso8601(core::TimePoint t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace jarida::text
