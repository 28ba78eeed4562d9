// The site's configuration: DATA_DIR/jarida.toml, read once at start-up.
// load_config() validates everything (every key, type and value) before the
// server starts; any problem is a ConfigError "PATH:LINE: message" and the
// server does not start half-configured. The accepted keys are documented in
// the file default_config_text() writes (and `jarida init` saves). Tested in
// tests/app/config_test.cpp.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/settings.hpp"

namespace jarida::app {

struct AppConfig {
  std::filesystem::path data_dir;
  std::string listen = "127.0.0.1:8080";     // "IPv4:PORT" or "[IPv6]:PORT"; port 0 = any free port
  int threads = 2;                           // 1..64
  std::vector<std::string> trusted_proxies;  // IPs whose X-Forwarded-For is believed
  // Empty: the default theme next to the executable (default_theme_dir()).
  // From [theme] dir: an existing directory; a relative path is taken
  // relative to data_dir.
  std::filesystem::path theme_dir;
  core::SiteSettings site;
};

// what() is exactly "PATH:LINE: message". A missing or unreadable file is
// reported at line 1.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::filesystem::path& file, long line, const std::string& message);
  const std::filesystem::path& file() const { return file_; }
  long line() const { return line_; }
  const std::string& message() const { return message_; }

 private:
  std::filesystem::path file_;
  long line_;
  std::string message_;
};

// The file name inside the data folder.
inline constexpr const char* kConfigFileName = "jarida.toml";

// Reads and validates DATA_DIR/jarida.toml. Every key is optional (missing
// keys keep the defaults of AppConfig / core::SiteSettings); unknown keys and
// sections, wrong types and bad values are errors. When several problems
// exist, the one on the earliest line is reported. Throws ConfigError.
AppConfig load_config(const std::filesystem::path& data_dir);

// The settings saved from the newsroom (a TOML text with the same sections
// and keys as jarida.toml, stored in the database) applied over `cfg`, with
// the same checks; [server] and [theme] are refused. Throws ConfigError
// ("newsroom settings:LINE: message").
void apply_overrides(AppConfig& cfg, const std::string& toml_text);
// The settings table's key for that text.
inline constexpr const char* kNewsroomSettingsKey = "newsroom_settings";

// A commented jarida.toml for a new site (what `jarida init` writes). The
// caller passes a non-empty name and an http(s) base URL; both are escaped
// for TOML. load_config() accepts the result.
std::string default_config_text(const std::string& site_name, const std::string& base_url);

// <directory of /proc/self/exe>/themes/default.
std::filesystem::path default_theme_dir();
// The newsroom's stylesheet and scripts: build/admin/static, next to the binary.
std::filesystem::path default_admin_static_dir();

// config.theme_dir if set, otherwise default_theme_dir().
std::filesystem::path effective_theme_dir(const AppConfig& config);

}  // namespace jarida::app
