// Dates as Arabic readers expect them (SEED-PAGE.md part 2), with ICU.
// Stored in UTC, shown in the site's time zone. Tested per style in
// tests/text/dates_test.cpp.
#pragma once

#include <memory>
#include <string>

#include "core/model.hpp"
#include "core/settings.hpp"

namespace jarida::text {

class DateFormatter {
 public:
  explicit DateFormatter(const core::DateSettings& settings);
  ~DateFormatter();
  DateFormatter(const DateFormatter&) = delete;
  DateFormatter& operator=(const DateFormatter&) = delete;

  // "13 مايو 2019" (ar-EG, Latin digits), "13 أيار 2019" (ar-SY),
  // "١٣ مايو ٢٠١٩" (Arabic-Indic digits).
  std::string date(core::TimePoint t) const;
  // Umm al-Qura line, shifted by hijri_adjust days: "8 رمضان 1440 هـ".
  std::string hijri(core::TimePoint t) const;
  // Local time of day, "14:05", in the same digits.
  std::string time_of_day(core::TimePoint t) const;
  // "منذ ساعتين", "منذ 5 دقائق", "منذ 3 أيام" (own strings: ICU says قبل).
  std::string relative(core::TimePoint t, core::TimePoint now) const;

  // Validation used by the config reader: true if ICU knows the zone.
  static bool is_known_time_zone(const std::string& zone);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// RFC 3339 / ISO 8601 in UTC, "2019-05-13T09:30:00Z", for <time datetime>.
std::string iso8601(core::TimePoint t);

}  // namespace jarida::text
