// The site's wall-clock time for forms: the newsroom shows and takes times
// in the site's time zone (an editor in Cairo schedules "21:00" Cairo
// time), the store keeps UTC. ICU does the zone rules (libstdc++ 12 has no
// tzdb). Tested in tests/text/local_time_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace jarida::text {

// "2026-11-26T21:00", as <input type="datetime-local"> wants it.
std::string to_local_input(core::TimePoint t, const std::string& time_zone);

// Reads "YYYY-MM-DDTHH:MM" (or with ":SS") as local time in the zone;
// nullopt when malformed or out of range. A time that does not exist (the
// hour skipped when clocks go forward) is taken as ICU does: moved forward.
std::optional<core::TimePoint> from_local_input(std::string_view s, const std::string& time_zone);

}  // namespace jarida::text
