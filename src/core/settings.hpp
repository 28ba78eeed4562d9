// The site's settings as the rest of the program sees them, already
// validated. app/config.cpp reads them from DIR/jarida.toml.
#pragma once

#include <map>
#include <string>

namespace jarida::core {

// How dates are written (SEED-PAGE.md part 2).
enum class DateStyle {
  egyptian,   // ar-EG: مايو، يونيو (the seed page's style; default)
  levantine,  // ar-SY / ar-LB: أيار، حزيران
  maghrebi,   // ar-MA: ماي، يونيو
};
enum class Digits { latin, arabic_indic };

struct DateSettings {
  DateStyle style = DateStyle::egyptian;
  std::string locale = "ar-EG";  // the locale named in the config, for ICU
  Digits digits = Digits::latin;
  std::string time_zone = "Africa/Cairo";
  bool hijri = false;    // add an Umm al-Qura line under the date
  int hijri_adjust = 0;  // -2..+2 days, for sites that follow local sighting
};

// Every label a reader sees is a translatable string; these are the defaults
// of the default theme (SEED-PAGE.md), overridable under [labels].
std::map<std::string, std::string> default_labels();

struct SiteSettings {
  std::string site_name = "جريدة";
  std::string base_url = "http://127.0.0.1:8080";
  std::string about_text;
  DateSettings dates;
  std::map<std::string, std::string> labels = default_labels();

  const std::string& label(const std::string& key) const;
};

}  // namespace jarida::core
