// Reading and validating jarida.toml (see config.hpp for the contract).
#include "app/config.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "mail/address.hpp"
#include "text/dates.hpp"

namespace jarida::app {

ConfigError::ConfigError(const std::filesystem::path& file, long line, const std::string& message)
    : std::runtime_error(file.string() + ":" + std::to_string(line) + ": " + message),
      file_(file),
      line_(line),
      message_(message) {}

namespace {

// ---------------------------------------------------------------- helpers

std::string_view trim(std::string_view s) {
  constexpr std::string_view ws = " \t\r\n";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

// A value quoted for an error message; long values are cut (on a UTF-8
// boundary) so the message stays on one screen line.
std::string quote_value(std::string_view s) {
  constexpr std::size_t kMax = 60;
  std::string out = "\"";
  if (s.size() <= kMax) {
    out.append(s);
  } else {
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    out.append(s.substr(0, cut));
    out.append("…");
  }
  out.push_back('"');
  return out;
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// " (did you mean 'x'?)" when one allowed name is a likely typo of `key`.
std::string suggestion(std::string_view key, const std::vector<std::string>& allowed) {
  std::size_t best = std::string::npos;
  std::string best_name;
  for (const auto& name : allowed) {
    const std::size_t d = edit_distance(key, name);
    if (d < best) {
      best = d;
      best_name = name;
    }
  }
  if (best_name.empty() || best > std::max<std::size_t>(2, key.size() / 4)) return {};
  return " (did you mean '" + best_name + "'?)";
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

long line_of(const toml::source_region& r) {
  return r.begin.line > 0 ? r.begin.line : 1;
}

// ---------------------------------------------------------------- checks

// Collects problems; the earliest line is reported, so a reader fixing the
// file top to bottom meets them in order.
class Problems {
 public:
  void add(long line, std::string message) {
    if (!first_ || line < first_->first) first_.emplace(line, std::move(message));
  }
  void throw_if_any(const std::filesystem::path& file) const {
    if (first_) throw ConfigError(file, first_->first, first_->second);
  }

 private:
  std::optional<std::pair<long, std::string>> first_;
};

// "IPv4:PORT" or "[IPv6]:PORT", port 0..65535.
bool valid_listen(std::string_view s) {
  std::string host;
  std::string_view port;
  int family = AF_INET;
  if (!s.empty() && s.front() == '[') {
    const auto close = s.find(']');
    if (close == std::string_view::npos || close + 1 >= s.size() || s[close + 1] != ':')
      return false;
    host = std::string(s.substr(1, close - 1));
    port = s.substr(close + 2);
    family = AF_INET6;
  } else {
    const auto colon = s.rfind(':');
    if (colon == std::string_view::npos) return false;
    host = std::string(s.substr(0, colon));
    port = s.substr(colon + 1);
  }
  unsigned char buf[sizeof(struct in6_addr)];
  if (host.empty() || inet_pton(family, host.c_str(), buf) != 1) return false;
  if (port.empty() || port.size() > 5) return false;
  long p = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    p = p * 10 + (c - '0');
  }
  return p <= 65535;
}

// Checks an http(s) URL and returns it normalized (scheme and host in lower
// case, no trailing slash), or nullopt.
std::optional<std::string> normalize_base_url(std::string_view url) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  };
  std::string scheme;
  if (lower(url.substr(0, 7)) == "http://") {
    scheme = "http://";
  } else if (lower(url.substr(0, 8)) == "https://") {
    scheme = "https://";
  } else {
    return std::nullopt;
  }
  std::string_view rest = url.substr(scheme.size());
  for (char c : rest) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '?' || c == '#' || c == '@' || c == '\\')
      return std::nullopt;
  }
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
      if (port.empty()) return std::nullopt;
    }
  } else if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return std::nullopt;
  }
  if (host.empty() || host == "[]") return std::nullopt;
  if (host.front() != '[') {
    for (char c : host) {
      const auto u = static_cast<unsigned char>(c);
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || u >= 0x80;  // internationalized names as UTF-8
      if (!ok) return std::nullopt;
    }
    if (host.front() == '.' || host.front() == '-') return std::nullopt;
  }
  if (port.size() > 5) return std::nullopt;
  long p = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return std::nullopt;
    p = p * 10 + (c - '0');
  }
  if (!port.empty() && (p < 1 || p > 65535)) return std::nullopt;
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::string out = scheme + lower(host);
  if (!port.empty()) {
    out += ':';
    out += port;
  }
  out += path;
  return out;
}

// One [section]: its keys, each with a checker that stores the value.
struct KeySpec {
  std::string name;
  std::function<void(const toml::node&)> check;
};

class Reader {
 public:
  Reader(const std::filesystem::path& file, AppConfig& cfg) : file_(file), cfg_(cfg) {}

  void read(const toml::table& root) {
    const std::vector<std::pair<std::string, std::vector<KeySpec>>> sections = {
        {"site", site_keys()},   {"server", server_keys()},
        {"dates", dates_keys()}, {"labels", label_keys()},
        {"theme", theme_keys()}, {"comments", comments_keys()},
        {"smtp", smtp_keys()},   {"send_to_friend", send_to_friend_keys()},
        {"feeds", feeds_keys()}, {"newsroom", newsroom_keys()},
    };
    std::vector<std::string> section_names;
    for (const auto& s : sections) section_names.push_back(s.first);
    std::vector<std::string> section_list;
    for (const auto& s : sections) section_list.push_back("[" + s.first + "]");

    for (auto&& [key, node] : root) {
      const std::string k(key.str());
      const long line = line_of(key.source());
      const auto sec = std::find_if(sections.begin(), sections.end(),
                                    [&](const auto& s) { return s.first == k; });
      if (sec != sections.end()) {
        if (const toml::table* t = node.as_table()) {
          read_section(sec->first, *t, sec->second);
        } else {
          problems_.add(line, "'" + k + "' must be a section [" + k + "], not " + type_name(node));
        }
        continue;
      }
      if (node.is_table()) {
        problems_.add(line, "unknown section [" + k + "]" + suggestion(k, section_names) +
                                "; allowed sections: " + join(section_list));
        continue;
      }
      // A key outside any section: say where it belongs if it exists somewhere.
      std::string where;
      for (const auto& s : sections)
        for (const auto& spec : s.second)
          if (spec.name == k) where = " (it belongs under [" + s.first + "])";
      problems_.add(line, "unknown key '" + k + "' outside any section" + where +
                              "; keys go under one of " + join(section_list));
    }
    check_smtp();
    problems_.throw_if_any(file_);
  }

 private:
  void read_section(const std::string& section, const toml::table& t,
                    const std::vector<KeySpec>& keys) {
    std::vector<std::string> allowed;
    for (const auto& k : keys) allowed.push_back(k.name);
    for (auto&& [key, node] : t) {
      const std::string k(key.str());
      const auto spec =
          std::find_if(keys.begin(), keys.end(), [&](const KeySpec& s) { return s.name == k; });
      if (spec == keys.end()) {
        std::string msg = "unknown key '" + k + "' in [" + section + "]" + suggestion(k, allowed);
        if (section == "labels") {
          msg += "; the label keys are listed (commented out) in the file `jarida init` writes";
        } else {
          msg += "; allowed keys: " + join(allowed);
        }
        problems_.add(line_of(key.source()), std::move(msg));
        continue;
      }
      spec->check(node);
    }
  }

  void bad(const toml::node& n, std::string message) {
    problems_.add(line_of(n.source()), std::move(message));
  }

  // The string value of `n`, or nullopt after reporting a type error.
  std::optional<std::string> string_of(const std::string& key, const toml::node& n,
                                       std::string_view allowed) {
    if (const auto* s = n.as_string()) return s->get();
    bad(n, key + " must be a string (" + std::string(allowed) + "), not " + type_name(n));
    return std::nullopt;
  }

  std::optional<std::int64_t> integer_of(const std::string& key, const toml::node& n,
                                         std::int64_t lo, std::int64_t hi) {
    const std::string range = "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
    if (const auto* i = n.as_integer()) {
      if (i->get() < lo || i->get() > hi) {
        bad(n, key + " must be " + range + ", got " + std::to_string(i->get()));
        return std::nullopt;
      }
      return i->get();
    }
    bad(n, key + " must be " + range + ", not " + type_name(n));
    return std::nullopt;
  }

  std::optional<bool> bool_of(const std::string& key, const toml::node& n) {
    if (const auto* b = n.as_boolean()) return b->get();
    bad(n, key + " must be true or false, not " + type_name(n));
    return std::nullopt;
  }

  std::vector<KeySpec> site_keys() {
    return {
        {"name",
         [this](const toml::node& n) {
           const std::string key = "[site] name";
           if (auto v = string_of(key, n, "the site's name")) {
             const auto t = trim(*v);
             if (t.empty()) return bad(n, key + " must not be empty");
             cfg_.site.site_name = std::string(t);
           }
         }},
        {"base_url",
         [this](const toml::node& n) {
           const std::string key = "[site] base_url";
           const std::string allowed = "an http:// or https:// address such as https://example.com";
           if (auto v = string_of(key, n, allowed)) {
             if (auto url = normalize_base_url(trim(*v))) {
               cfg_.site.base_url = *url;
             } else {
               bad(n, key + " must be " + allowed + " (no query, fragment or spaces), got " +
                          quote_value(*v));
             }
           }
         }},
        {"about",
         [this](const toml::node& n) {
           if (auto v = string_of("[site] about", n, "the about-the-site text"))
             cfg_.site.about_text = std::string(trim(*v));
         }},
    };
  }

  std::vector<KeySpec> server_keys() {
    return {
        {"listen",
         [this](const toml::node& n) {
           const std::string key = "[server] listen";
           const std::string allowed =
               "\"IP:PORT\" such as \"127.0.0.1:8080\", \"0.0.0.0:80\" or \"[::1]:8080\"";
           if (auto v = string_of(key, n, allowed)) {
             if (valid_listen(*v)) {
               cfg_.listen = *v;
             } else {
               bad(n, key + " must be " + allowed + ", got " + quote_value(*v));
             }
           }
         }},
        {"threads",
         [this](const toml::node& n) {
           if (auto v = integer_of("[server] threads", n, 1, 64))
             cfg_.threads = static_cast<int>(*v);
         }},
        {"trusted_proxies",
         [this](const toml::node& n) {
           const std::string key = "[server] trusted_proxies";
           const auto* arr = n.as_array();
           if (!arr) return bad(n, key + " must be an array of IP addresses, not " + type_name(n));
           for (const auto& item : *arr) {
             const auto* s = item.as_string();
             unsigned char buf[sizeof(in6_addr)];
             if (!s || (inet_pton(AF_INET, s->get().c_str(), buf) != 1 &&
                        inet_pton(AF_INET6, s->get().c_str(), buf) != 1))
               return bad(item, key + " must list IP addresses such as \"127.0.0.1\"");
             cfg_.trusted_proxies.push_back(s->get());
           }
         }},
    };
  }

  std::vector<KeySpec> dates_keys() {
    return {
        {"style",
         [this](const toml::node& n) {
           const std::string key = "[dates] style";
           const std::string allowed =
               "\"ar-EG\" (Egyptian months), \"ar-SY\" or \"ar-LB\" (Levantine), \"ar-MA\" "
               "(Maghrebi)";
           if (auto v = string_of(key, n, allowed)) {
             static const std::array<std::pair<std::string_view, core::DateStyle>, 4> styles = {{
                 {"ar-EG", core::DateStyle::egyptian},
                 {"ar-SY", core::DateStyle::levantine},
                 {"ar-LB", core::DateStyle::levantine},
                 {"ar-MA", core::DateStyle::maghrebi},
             }};
             for (const auto& [name, style] : styles) {
               if (*v == name) {
                 cfg_.site.dates.style = style;
                 cfg_.site.dates.locale = std::string(name);
                 return;
               }
             }
             bad(n, key + " must be one of " + allowed + ", got " + quote_value(*v));
           }
         }},
        {"digits",
         [this](const toml::node& n) {
           const std::string key = "[dates] digits";
           const std::string allowed = "\"latn\" for 0-9 or \"arab\" for ٠-٩";
           if (auto v = string_of(key, n, allowed)) {
             if (*v == "latn") {
               cfg_.site.dates.digits = core::Digits::latin;
             } else if (*v == "arab") {
               cfg_.site.dates.digits = core::Digits::arabic_indic;
             } else {
               bad(n, key + " must be " + allowed + ", got " + quote_value(*v));
             }
           }
         }},
        {"time_zone",
         [this](const toml::node& n) {
           const std::string key = "[dates] time_zone";
           const std::string allowed =
               "a time zone name such as \"Africa/Cairo\" or \"Asia/Beirut\"";
           if (auto v = string_of(key, n, allowed)) {
             if (!v->empty() && text::DateFormatter::is_known_time_zone(*v)) {
               cfg_.site.dates.time_zone = *v;
             } else {
               bad(n, key + " must be " + allowed + "; unknown time zone " + quote_value(*v));
             }
           }
         }},
        {"hijri",
         [this](const toml::node& n) {
           if (const auto* b = n.as_boolean()) {
             cfg_.site.dates.hijri = b->get();
           } else {
             bad(n, "[dates] hijri must be true or false, not " + type_name(n));
           }
         }},
        {"hijri_adjust",
         [this](const toml::node& n) {
           if (auto v = integer_of("[dates] hijri_adjust", n, -2, 2))
             cfg_.site.dates.hijri_adjust = static_cast<int>(*v);
         }},
    };
  }

  std::vector<KeySpec> label_keys() {
    std::vector<KeySpec> keys;
    for (const auto& [name, value] : core::default_labels()) {
      keys.push_back({name, [this, name = name](const toml::node& n) {
                        if (auto v = string_of("[labels] " + name, n, "the text readers see"))
                          cfg_.site.labels[name] = *v;
                      }});
    }
    return keys;
  }

  std::vector<KeySpec> theme_keys() {
    return {
        {"dir",
         [this](const toml::node& n) {
           const std::string key = "[theme] dir";
           if (auto v = string_of(key, n, "the theme's folder")) {
             if (trim(*v).empty())
               return bad(n, key + " must not be empty (remove it for the default theme)");
             std::filesystem::path p(*v);
             if (p.is_relative()) p = cfg_.data_dir / p;
             std::error_code ec;
             if (!std::filesystem::is_directory(p, ec)) {
               return bad(n, key + " must be an existing folder; " + quote_value(p.string()) +
                                 " is not (a relative path is relative to the data folder)");
             }
             cfg_.theme_dir = p.lexically_normal();
           }
         }},
    };
  }

  std::vector<KeySpec> comments_keys() {
    auto int_key = [this](const std::string& name, std::int64_t lo, std::int64_t hi, int& target) {
      return KeySpec{name, [this, name, lo, hi, &target](const toml::node& n) {
                       if (auto v = integer_of("[comments] " + name, n, lo, hi))
                         target = static_cast<int>(*v);
                     }};
    };
    auto& c = cfg_.site.comments;
    return {
        {"enabled",
         [this](const toml::node& n) {
           if (auto v = bool_of("[comments] enabled", n)) cfg_.site.comments.enabled = *v;
         }},
        {"policy",
         [this](const toml::node& n) {
           const std::string key = "[comments] policy";
           const std::string allowed = "\"first_comment\", \"hold_all\" or \"hold_none\"";
           if (auto v = string_of(key, n, allowed)) {
             static const std::array<std::pair<std::string_view, core::ModerationPolicy>, 3>
                 policies = {{
                     {"first_comment", core::ModerationPolicy::first_comment},
                     {"hold_all", core::ModerationPolicy::hold_all},
                     {"hold_none", core::ModerationPolicy::hold_none},
                 }};
             for (const auto& [name, policy] : policies) {
               if (*v == name) {
                 cfg_.site.comments.policy = policy;
                 return;
               }
             }
             bad(n, key + " must be one of " + allowed + ", got " + quote_value(*v));
           }
         }},
        int_key("max_links", 0, 100, c.max_links),
        {"blocklist",
         [this](const toml::node& n) {
           const std::string key = "[comments] blocklist";
           const auto* arr = n.as_array();
           if (!arr)
             return bad(n,
                        key + " must be an array of words such as [\"كلمة\"], not " + type_name(n));
           std::vector<std::string> words;
           for (const auto& item : *arr) {
             const auto* s = item.as_string();
             if (!s) return bad(item, key + " must list words as strings, not " + type_name(item));
             const auto word = trim(s->get());
             if (word.empty()) return bad(item, key + " must not list an empty word");
             words.emplace_back(word);
           }
           cfg_.site.comments.blocklist = std::move(words);
         }},
        int_key("rate_limit", 1, 1000, c.rate_limit),
        int_key("rate_window_minutes", 1, 1440, c.rate_window_minutes),
        int_key("min_seconds", 0, 600, c.min_seconds),
    };
  }

  std::vector<KeySpec> smtp_keys() {
    auto text_key = [this](const std::string& name, std::string allowed, std::string& target) {
      return KeySpec{name, [this, name, allowed, &target](const toml::node& n) {
                       const std::string key = "[smtp] " + name;
                       if (auto v = string_of(key, n, allowed)) {
                         for (char c : *v) {
                           const auto u = static_cast<unsigned char>(c);
                           if (u < 0x20 || u == 0x7F)
                             return bad(n, key + " must not contain control characters");
                         }
                         target = *v;
                       }
                     }};
    };
    auto& smtp = cfg_.site.smtp;
    return {
        {"host",
         [this](const toml::node& n) {
           const std::string key = "[smtp] host";
           const std::string allowed =
               "the mail server's name or IP address such as \"smtp.example.com\"; \"\" turns "
               "mail off";
           if (auto v = string_of(key, n, allowed)) {
             const auto host = trim(*v);
             for (char c : host) {
               const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                               (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
               if (!ok) return bad(n, key + " must be " + allowed + ", got " + quote_value(*v));
             }
             cfg_.site.smtp.host = std::string(host);
             smtp_host_line_ = line_of(n.source());
           }
         }},
        {"port",
         [this](const toml::node& n) {
           if (auto v = integer_of("[smtp] port", n, 1, 65535))
             cfg_.site.smtp.port = static_cast<int>(*v);
         }},
        {"security",
         [this](const toml::node& n) {
           const std::string key = "[smtp] security";
           const std::string allowed =
               "\"starttls\" (usually port 587), \"tls\" (usually port 465) or \"none\"";
           if (auto v = string_of(key, n, allowed)) {
             if (*v == "starttls" || *v == "tls" || *v == "none") {
               cfg_.site.smtp.security = *v;
             } else {
               bad(n, key + " must be " + allowed + ", got " + quote_value(*v));
             }
           }
         }},
        text_key("username", "the login at the mail server; \"\" for none", smtp.username),
        text_key("password", "the password at the mail server", smtp.password),
        {"from_address",
         [this](const toml::node& n) {
           const std::string key = "[smtp] from_address";
           const std::string allowed = "the site's e-mail address such as \"news@example.com\"";
           if (auto v = string_of(key, n, allowed)) {
             const auto address = trim(*v);
             if (!address.empty() && !mail::valid_email(address))
               return bad(n, key + " must be " + allowed + ", got " + quote_value(*v));
             cfg_.site.smtp.from_address = std::string(address);
           }
         }},
        text_key("from_name", "the name mail is sent under; default: the site's name",
                 smtp.from_name),
    };
  }

  // Mail needs a sender address once a server is named.
  void check_smtp() {
    auto& smtp = cfg_.site.smtp;
    if (!smtp.host.empty() && smtp.from_address.empty()) {
      problems_.add(smtp_host_line_,
                    "[smtp] from_address must be set when [smtp] host is (the site's e-mail "
                    "address such as \"news@example.com\")");
    }
    const auto name = trim(smtp.from_name);
    smtp.from_name = name.empty() ? cfg_.site.site_name : std::string(name);
  }

  std::vector<KeySpec> feeds_keys() {
    return {{"full_text", [this](const toml::node& n) {
               if (auto v = bool_of("[feeds] full_text", n)) cfg_.site.feeds.full_text = *v;
             }}};
  }

  std::vector<KeySpec> newsroom_keys() {
    return {{"authors_can_publish", [this](const toml::node& n) {
               if (auto v = bool_of("[newsroom] authors_can_publish", n))
                 cfg_.site.newsroom.authors_can_publish = *v;
             }}};
  }

  std::vector<KeySpec> send_to_friend_keys() {
    auto int_key = [this](const std::string& name, std::int64_t lo, std::int64_t hi, int& target) {
      return KeySpec{name, [this, name, lo, hi, &target](const toml::node& n) {
                       if (auto v = integer_of("[send_to_friend] " + name, n, lo, hi))
                         target = static_cast<int>(*v);
                     }};
    };
    auto& f = cfg_.site.send_to_friend;
    return {
        int_key("per_ip_per_hour", 1, 1000, f.per_ip_per_hour),
        int_key("per_recipient_per_day", 1, 1000, f.per_recipient_per_day),
        int_key("site_per_hour", 1, 100000, f.site_per_hour),
    };
  }

  std::filesystem::path file_;
  AppConfig& cfg_;
  Problems problems_;
  long smtp_host_line_ = 1;
};

// ---------------------------------------------------------------- writing

// A TOML basic string (also valid inside a multi-line basic string).
std::string toml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7F) {
          static const char hex[] = "0123456789ABCDEF";
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

AppConfig load_config(const std::filesystem::path& data_dir) {
  const std::filesystem::path file = data_dir / kConfigFileName;
  AppConfig cfg;
  cfg.data_dir = data_dir;

  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    throw ConfigError(file, 1,
                      "no such file; create it with `jarida init " + data_dir.string() + "`");
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in.good() && !in.eof()) throw ConfigError(file, 1, "cannot read the file");
  const std::string text = buf.str();

  toml::table root;
  try {
    root = toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    throw ConfigError(file, line_of(e.source()),
                      "TOML syntax error: " + std::string(e.description()));
  }
  Reader(file, cfg).read(root);
  return cfg;
}

void apply_overrides(AppConfig& cfg, const std::string& toml_text) {
  const std::filesystem::path source = "newsroom settings";
  toml::table root;
  try {
    root = toml::parse(toml_text, source.string());
  } catch (const toml::parse_error& e) {
    throw ConfigError(source, line_of(e.source()),
                      "TOML syntax error: " + std::string(e.description()));
  }
  // Only what the newsroom's settings page edits; [server] and [theme]
  // stay in jarida.toml (they need a restart anyway).
  for (auto&& [key, node] : root)
    if (key.str() == "server" || key.str() == "theme")
      throw ConfigError(source, line_of(key.source()),
                        "[" + std::string(key.str()) + "] can only be set in jarida.toml");
  Reader(source, cfg).read(root);
}

std::filesystem::path default_theme_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::filesystem::path dir = ec ? std::filesystem::current_path() : exe.parent_path();
  return dir / "themes" / "default";
}

std::filesystem::path default_admin_static_dir() {
  return default_theme_dir().parent_path().parent_path() / "admin" / "static";
}

std::filesystem::path effective_theme_dir(const AppConfig& config) {
  return config.theme_dir.empty() ? default_theme_dir() : config.theme_dir;
}

std::string default_config_text(const std::string& site_name, const std::string& base_url) {
  const std::string name = toml_escape(site_name);
  std::string out;
  out.reserve(8192);
  out += R"(# jarida.toml: the settings of one Jarida site (إعدادات الموقع).
#
# Every key is optional: a missing key keeps the default shown here. Unknown
# keys, wrong types and bad values stop `jarida serve` with this file's name
# and the line number, so a typo never starts a half-configured site.
# Text is UTF-8 between double quotes; write Arabic as is.

[site]
# The site's name: header, page titles, feeds, emails. Any non-empty text.
name = ")";
  out += name;
  out += R"("

# The public address of the site, used for links in feeds, the sitemap,
# share previews and emails: http:// or https://, with a path if the site
# lives under one (https://example.com/news). A trailing slash is dropped.
base_url = ")";
  out += toml_escape(base_url);
  out += R"("

# About the site (عن الموقع): shown in the footer of every page, cut after a
# few lines with a "read more" (اقرأ المزيد) link to the full About page.
# Plain text; a blank line starts a new paragraph.
about = """
«)";
  out += name;
  out +=
      R"(» موقع إخباري مستقل يتابع الشأن السياسي والأمني والاقتصادي، ويقدّم لقرّائه الخبر الموثّق والتحليل الهادئ بعيداً عن الإثارة. يعمل فريقنا من الصحافيين والمحررين على التحقق من كل معلومة قبل نشرها، ونلتزم بتصحيح أي خطأ علناً وبسرعة. نؤمن بأن القارئ شريك في صناعة الخبر، لذلك نرحّب بتعليقاتكم وملاحظاتكم على كل ما ننشر. ويسعدنا أن نتلقى تصويباتكم واقتراحاتكم في أي وقت.
"""

[server]
# Address and port to listen on: "IPv4:PORT" or "[IPv6]:PORT".
# "127.0.0.1:8080" serves this machine only (put nginx in front of it);
# "0.0.0.0:80" serves everyone. Port 0 picks any free port (for tests).
listen = "127.0.0.1:8080"

# Threads serving HTTP requests: 1 to 64; one or two per CPU core.
threads = 2

# Reverse proxies (nginx) in front of Jarida, by IP. For requests from these
# addresses the reader's address is taken from X-Forwarded-For, so the visit
# counter tells readers apart. Leave empty when readers connect directly.
trusted_proxies = []

[dates]
# How dates are written, e.g. the publish time (وقت الإرسال: 13 مايو 2019):
#   "ar-EG"  Egyptian month names: يناير، فبراير، مارس ... مايو، يونيو (default)
#   "ar-SY"  Levantine month names: كانون الثاني، شباط، آذار ... أيار، حزيران
#   "ar-LB"  Levantine month names, as written in Lebanon
#   "ar-MA"  Maghrebi month names: يناير، فبراير ... ماي، يونيو، يوليوز
style = "ar-EG"

# Digits in dates: "latn" for 0123456789 (default) or "arab" for ٠١٢٣٤٥٦٧٨٩.
digits = "latn"

# The time zone dates and times are shown in (times are stored in UTC): a
# name such as "Africa/Cairo", "Asia/Beirut", "Asia/Riyadh", "Africa/Casablanca".
time_zone = "Africa/Cairo"

# true adds the Hijri (Umm al-Qura) date under the date, e.g. 8 رمضان 1440 هـ
hijri = false

# Shifts the Hijri date by -2 to 2 days, for sites that follow local moon sighting.
hijri_adjust = 0

[labels]
# Every text a reader sees can be changed. To change one, remove the "#" at
# the start of its line and edit the text between the quotes. Only the keys
# below exist; the values shown are the defaults.
)";
  for (const auto& [key, value] : core::default_labels()) {
    out += "# ";
    out += key;
    out += " = \"";
    out += toml_escape(value);
    out += "\"\n";
  }
  out += R"(
[theme]
# The theme's folder (templates, CSS, fonts). Default: themes/default next to
# the jarida program. A relative path is relative to this data folder.
# dir = "themes/my-theme"

[comments]
# Readers' comments (التعليقات) under each article: true or false.
enabled = true

# Who waits for an editor before a comment appears:
#   "first_comment"  a commenter's first comment is held; once one is approved,
#                    their later comments appear at once (default)
#   "hold_all"       every comment is held
#   "hold_none"      every comment appears at once (the checks below still hold some)
policy = "first_comment"

# A comment with more links than this is held (0 to 100).
max_links = 2

# Words that hold a comment for an editor, e.g. ["كلمة", "عبارة أخرى"].
# Compared after the same normalization as the comment's text.
blocklist = []

# At most rate_limit comments (1 to 1000) from one address per
# rate_window_minutes (1 to 1440); more are refused with a message.
rate_limit = 5
rate_window_minutes = 10

# A form sent back sooner than this many seconds after it was shown is
# taken for a robot (0 to 600; 0 turns the check off).
min_seconds = 3

[smtp]
# The mail server for "send to a friend" (ارسل الى صديق). While host is
# empty, mail is off and the button is hidden. Example for a provider:
#   host = "smtp.example.com"
#   port = 587
#   security = "starttls"
#   username = "news@example.com"
#   password = "..."
#   from_address = "news@example.com"
host = ""

# 1 to 65535: usually 587 with "starttls", 465 with "tls", 25 with "none".
port = 587

# "starttls" (upgrade to TLS; mail is never sent in clear), "tls" (TLS from
# the start) or "none" (plain SMTP; only for a server on this machine).
security = "starttls"

# The login at the mail server; leave both empty when it needs none.
# Keep this file readable by the site's user only when a password is set.
username = ""
password = ""

# The site's address, shown as the sender of every mail (never the
# reader's). Needed once host is set.
from_address = ""

# The sender name mail is sent under; empty: the site's name.
from_name = ""

[send_to_friend]
# Limits on "send to a friend"; over a limit the reader gets a message and
# nothing is sent.
# Mails one reader's address may send per hour (1 to 1000).
per_ip_per_hour = 5
# Mails one recipient may receive per day (1 to 1000).
per_recipient_per_day = 3
# Mails the whole site may send per hour (1 to 100000).
site_per_hour = 200

[feeds]
# RSS (/feed/) and Atom (/feed/atom/) feeds, also per category and tag
# (/category/NAME/feed/): the whole article (true) or only its excerpt.
full_text = true

[newsroom]
# May authors publish their own articles (true), or only send them to an
# editor for review (false)? Editors and admins always may.
authors_can_publish = false
)";
  return out;
}

}  // namespace jarida::app
