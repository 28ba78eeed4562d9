// Digits: Arabic-Indic (٠-٩) and Persian (۰-۹) to Latin and back.
#pragma once

#include <string>
#include <string_view>

namespace jarida::text {

std::string to_latin_digits(std::string_view s);
std::string to_arabic_indic_digits(std::string_view s);

}  // namespace jarida::text
