// Digits: Arabic-Indic (٠-٩) and Persian (۰-۹) to Latin and back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jarida::text {

std::string to_latin_digits(std::string_view s);
std::string to_arabic_indic_digits(std::string_view s);

// A whole number of 1 or more written in ASCII digits only (no sign, no
// spaces, nothing after it): the value, or nullopt. For ids and page numbers
// from URLs and forms.
std::optional<std::int64_t> parse_positive_int(std::string_view s);

}  // namespace jarida::text
