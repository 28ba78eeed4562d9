// jarida.toml reading: the default file loads back; every kind of mistake is
// reported as "PATH:LINE: message" at the right line.
#include "app/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace jarida::app {
namespace {

namespace fs = std::filesystem;

// A fresh data folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("jarida-config-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  void write_config(const std::string& text) const {
    std::ofstream out(path_ / kConfigFileName, std::ios::binary);
    out << text;
  }

 private:
  fs::path path_;
};

AppConfig load_text(const TempDir& dir, const std::string& text) {
  dir.write_config(text);
  return load_config(dir.path());
}

TEST(ConfigTest, DefaultFileLoadsBack) {
  TempDir dir;
  const std::string text = default_config_text("جريدة الواحة", "https://example.com/");
  const AppConfig cfg = load_text(dir, text);
  EXPECT_EQ(cfg.data_dir, dir.path());
  EXPECT_EQ(cfg.site.site_name, "جريدة الواحة");
  EXPECT_EQ(cfg.site.base_url, "https://example.com");
  EXPECT_NE(cfg.site.about_text.find("جريدة الواحة"), std::string::npos);
  EXPECT_NE(cfg.site.about_text.find("موقع إخباري"), std::string::npos);
  EXPECT_EQ(cfg.listen, "127.0.0.1:8080");
  EXPECT_EQ(cfg.threads, 2);
  EXPECT_TRUE(cfg.theme_dir.empty());
  EXPECT_EQ(cfg.site.dates.style, core::DateStyle::egyptian);
  EXPECT_EQ(cfg.site.dates.locale, "ar-EG");
  EXPECT_EQ(cfg.site.dates.digits, core::Digits::latin);
  EXPECT_EQ(cfg.site.dates.time_zone, "Africa/Cairo");
  EXPECT_FALSE(cfg.site.dates.hijri);
  EXPECT_EQ(cfg.site.dates.hijri_adjust, 0);
  EXPECT_EQ(cfg.site.labels, core::default_labels());
  // Comments, mail and send-to-friend: the defaults of core::SiteSettings;
  // mail is off until a server is named.
  const core::SiteSettings defaults;
  EXPECT_TRUE(cfg.site.comments.enabled);
  EXPECT_EQ(cfg.site.comments.policy, defaults.comments.policy);
  EXPECT_EQ(cfg.site.comments.max_links, defaults.comments.max_links);
  EXPECT_TRUE(cfg.site.comments.blocklist.empty());
  EXPECT_EQ(cfg.site.comments.rate_limit, defaults.comments.rate_limit);
  EXPECT_EQ(cfg.site.comments.rate_window_minutes, defaults.comments.rate_window_minutes);
  EXPECT_EQ(cfg.site.comments.min_seconds, defaults.comments.min_seconds);
  EXPECT_FALSE(cfg.site.smtp.configured());
  EXPECT_EQ(cfg.site.smtp.host, "");
  EXPECT_EQ(cfg.site.smtp.port, 587);
  EXPECT_EQ(cfg.site.smtp.security, "starttls");
  EXPECT_EQ(cfg.site.smtp.from_name, "جريدة الواحة");  // the site's name
  EXPECT_EQ(cfg.site.send_to_friend.per_ip_per_hour, defaults.send_to_friend.per_ip_per_hour);
  EXPECT_EQ(cfg.site.send_to_friend.per_recipient_per_day,
            defaults.send_to_friend.per_recipient_per_day);
  EXPECT_EQ(cfg.site.send_to_friend.site_per_hour, defaults.send_to_friend.site_per_hour);
  for (const char* key : {"enabled =", "policy =", "max_links =", "blocklist =", "rate_limit =",
                          "rate_window_minutes =", "min_seconds =", "host =", "port =",
                          "security =", "username =", "password =", "from_address =", "from_name =",
                          "per_ip_per_hour =", "per_recipient_per_day =", "site_per_hour ="})
    EXPECT_NE(text.find(std::string("\n") + key), std::string::npos) << key;
  // Every default label is listed (commented out) for editors to see.
  for (const auto& [key, value] : core::default_labels())
    EXPECT_NE(text.find("# " + key + " = \""), std::string::npos) << key;
}

TEST(ConfigTest, DefaultFileEscapesNameAndUrl) {
  TempDir dir;
  const std::string name = "صوت \"الناس\" \\ \"\"\" اليوم";
  const AppConfig cfg = load_text(dir, default_config_text(name, "http://news.example.org/ar"));
  EXPECT_EQ(cfg.site.site_name, name);
  EXPECT_EQ(cfg.site.base_url, "http://news.example.org/ar");
}

TEST(ConfigTest, EmptyFileKeepsDefaults) {
  TempDir dir;
  const AppConfig cfg = load_text(dir, "");
  const core::SiteSettings defaults;
  EXPECT_EQ(cfg.site.site_name, defaults.site_name);
  EXPECT_EQ(cfg.site.base_url, defaults.base_url);
  EXPECT_EQ(cfg.threads, 2);
}

TEST(ConfigTest, MissingFileIsAnError) {
  TempDir dir;
  try {
    load_config(dir.path());
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    const std::string prefix = (dir.path() / kConfigFileName).string() + ":1: ";
    EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find("jarida init"), std::string::npos) << e.what();
  }
}

TEST(ConfigTest, LabelsOverride) {
  TempDir dir;
  const AppConfig cfg = load_text(dir,
                                  "[labels]\n"
                                  "visits = \"مشاهدة:\"\n"
                                  "read_more = \"تابع القراءة\"\n");
  EXPECT_EQ(cfg.site.label("visits"), "مشاهدة:");
  EXPECT_EQ(cfg.site.label("read_more"), "تابع القراءة");
  EXPECT_EQ(cfg.site.label("comments"), core::default_labels().at("comments"));
  EXPECT_EQ(cfg.site.labels.size(), core::default_labels().size());
}

TEST(ConfigTest, DateStyleAndDigitsMapping) {
  struct Case {
    const char* style;
    core::DateStyle expected;
  };
  const Case cases[] = {{"ar-EG", core::DateStyle::egyptian},
                        {"ar-SY", core::DateStyle::levantine},
                        {"ar-LB", core::DateStyle::levantine},
                        {"ar-MA", core::DateStyle::maghrebi}};
  for (const auto& c : cases) {
    TempDir dir;
    const AppConfig cfg =
        load_text(dir, std::string("[dates]\nstyle = \"") + c.style + "\"\ndigits = \"arab\"\n");
    EXPECT_EQ(cfg.site.dates.style, c.expected) << c.style;
    EXPECT_EQ(cfg.site.dates.locale, c.style);
    EXPECT_EQ(cfg.site.dates.digits, core::Digits::arabic_indic);
  }
  TempDir dir;
  EXPECT_EQ(load_text(dir, "[dates]\ndigits = \"latn\"\n").site.dates.digits, core::Digits::latin);
}

TEST(ConfigTest, AllKeysRead) {
  TempDir dir;
  fs::create_directories(dir.path() / "mytheme");
  const AppConfig cfg = load_text(dir,
                                  "[site]\n"
                                  "name = \"  صدى المدينة  \"\n"
                                  "base_url = \"HTTPS://News.Example.COM:8443/ar/\"\n"
                                  "about = \"\"\"\nسطر أول.\n\nسطر ثان.\n\"\"\"\n"
                                  "[server]\n"
                                  "listen = \"[::1]:9090\"\n"
                                  "threads = 64\n"
                                  "[dates]\n"
                                  "time_zone = \"Asia/Beirut\"\n"
                                  "hijri = true\n"
                                  "hijri_adjust = -2\n"
                                  "[theme]\n"
                                  "dir = \"mytheme\"\n");
  EXPECT_EQ(cfg.site.site_name, "صدى المدينة");
  EXPECT_EQ(cfg.site.base_url, "https://news.example.com:8443/ar");
  EXPECT_EQ(cfg.site.about_text, "سطر أول.\n\nسطر ثان.");
  EXPECT_EQ(cfg.listen, "[::1]:9090");
  EXPECT_EQ(cfg.threads, 64);
  EXPECT_EQ(cfg.site.dates.time_zone, "Asia/Beirut");
  EXPECT_TRUE(cfg.site.dates.hijri);
  EXPECT_EQ(cfg.site.dates.hijri_adjust, -2);
  EXPECT_EQ(cfg.theme_dir, dir.path() / "mytheme");
  EXPECT_EQ(effective_theme_dir(cfg), dir.path() / "mytheme");
}

TEST(ConfigTest, CommentsMailAndSendToFriendRead) {
  TempDir dir;
  const AppConfig cfg = load_text(dir,
                                  "[site]\n"
                                  "name = \"صدى المدينة\"\n"
                                  "[comments]\n"
                                  "enabled = false\n"
                                  "policy = \"hold_all\"\n"
                                  "max_links = 0\n"
                                  "blocklist = [\" كلمة \", \"عبارة أخرى\"]\n"
                                  "rate_limit = 1000\n"
                                  "rate_window_minutes = 1440\n"
                                  "min_seconds = 0\n"
                                  "[smtp]\n"
                                  "host = \"smtp.example.com\"\n"
                                  "port = 465\n"
                                  "security = \"tls\"\n"
                                  "username = \"news@example.com\"\n"
                                  "password = \"s3cret \\\"x\"\n"
                                  "from_address = \"News@Example.com\"\n"
                                  "from_name = \"غرفة الأخبار\"\n"
                                  "[send_to_friend]\n"
                                  "per_ip_per_hour = 1\n"
                                  "per_recipient_per_day = 1000\n"
                                  "site_per_hour = 100000\n");
  const auto& c = cfg.site.comments;
  EXPECT_FALSE(c.enabled);
  EXPECT_EQ(c.policy, core::ModerationPolicy::hold_all);
  EXPECT_EQ(c.max_links, 0);
  EXPECT_EQ(c.blocklist, (std::vector<std::string>{"كلمة", "عبارة أخرى"}));
  EXPECT_EQ(c.rate_limit, 1000);
  EXPECT_EQ(c.rate_window_minutes, 1440);
  EXPECT_EQ(c.min_seconds, 0);
  const auto& m = cfg.site.smtp;
  EXPECT_TRUE(m.configured());
  EXPECT_EQ(m.host, "smtp.example.com");
  EXPECT_EQ(m.port, 465);
  EXPECT_EQ(m.security, "tls");
  EXPECT_EQ(m.username, "news@example.com");
  EXPECT_EQ(m.password, "s3cret \"x");
  EXPECT_EQ(m.from_address, "News@Example.com");
  EXPECT_EQ(m.from_name, "غرفة الأخبار");
  const auto& f = cfg.site.send_to_friend;
  EXPECT_EQ(f.per_ip_per_hour, 1);
  EXPECT_EQ(f.per_recipient_per_day, 1000);
  EXPECT_EQ(f.site_per_hour, 100000);

  for (const char* policy : {"first_comment", "hold_none"}) {
    TempDir d;
    const auto p = load_text(d, std::string("[comments]\npolicy = \"") + policy + "\"\n");
    EXPECT_EQ(p.site.comments.policy, std::string(policy) == "first_comment"
                                          ? core::ModerationPolicy::first_comment
                                          : core::ModerationPolicy::hold_none);
  }
  for (const char* security : {"starttls", "none"}) {
    TempDir d;
    const auto p = load_text(d, std::string("[smtp]\nsecurity = \"") + security + "\"\n");
    EXPECT_EQ(p.site.smtp.security, security);
  }
  // No from_name: the site's name.
  TempDir d;
  const auto p = load_text(d,
                           "[smtp]\nhost = \"127.0.0.1\"\nfrom_address = \"a@example.com\"\n"
                           "[site]\nname = \"الواحة\"\n");
  EXPECT_EQ(p.site.smtp.from_name, "الواحة");
}

TEST(ConfigTest, TrustedProxiesRead) {
  TempDir dir;
  const auto cfg =
      load_text(dir, "[server]\ntrusted_proxies = [\"127.0.0.1\", \"::1\", \"10.0.0.5\"]\n");
  EXPECT_EQ(cfg.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1", "10.0.0.5"}));
  EXPECT_TRUE(load_text(dir, "").trusted_proxies.empty());
}

TEST(ConfigTest, DefaultThemeIsNextToTheExecutable) {
  const AppConfig cfg;
  const fs::path dir = effective_theme_dir(cfg);
  EXPECT_EQ(dir.filename(), "default");
  EXPECT_EQ(dir.parent_path().filename(), "themes");
  EXPECT_EQ(dir.parent_path().parent_path(), fs::read_symlink("/proc/self/exe").parent_path());
}

struct BadCase {
  const char* name;
  std::string toml;
  long line;
  std::string must_mention;  // a part of the message
};

class ConfigErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(ConfigErrorTest, ReportsLine) {
  const BadCase& c = GetParam();
  TempDir dir;
  dir.write_config(c.toml);
  try {
    load_config(dir.path());
    FAIL() << "no error for: " << c.toml;
  } catch (const ConfigError& e) {
    const std::string file = (dir.path() / kConfigFileName).string();
    EXPECT_EQ(std::string(e.what()), file + ":" + std::to_string(c.line) + ": " + e.message());
    EXPECT_EQ(e.line(), c.line) << e.what();
    EXPECT_NE(e.message().find(c.must_mention), std::string::npos) << e.what();
  }
}

const std::string kSite = "[site]\nname = \"جريدة\"\n";  // two lines

INSTANTIATE_TEST_SUITE_P(
    Bad, ConfigErrorTest,
    ::testing::Values(
        BadCase{"ProxyNotAnAddress",
                kSite + "[server]\ntrusted_proxies = [\"127.0.0.1\",\n  \"nginx\"]\n", 5,
                "trusted_proxies"},
        BadCase{"ProxiesNotAnArray", kSite + "[server]\ntrusted_proxies = \"127.0.0.1\"\n", 4,
                "array"},
        BadCase{"UnterminatedString", "[site]\nname = \"جريدة\nabout = \"x\"\n", 2, "syntax"},
        BadCase{"DoubleEquals", kSite + "[server]\nthreads = = 3\n", 4, "syntax"},
        BadCase{"DuplicateKey", kSite + "name = \"مرة أخرى\"\n", 3, "syntax"},
        BadCase{"UnknownSiteKey", kSite + "nmae = \"x\"\n", 3, "'nmae'"},
        BadCase{"UnknownKeySuggests", kSite + "base_ulr = \"https://a.example\"\n", 3,
                "did you mean 'base_url'"},
        BadCase{"UnknownSection", kSite + "\n[database]\npath = \"x\"\n", 4, "[database]"},
        BadCase{"UnknownNestedSection", kSite + "[site.extra]\nx = 1\n", 3, "'extra'"},
        BadCase{"KeyOutsideSection", "threads = 4\n" + kSite, 1, "[server]"},
        BadCase{"SectionAsValue", "server = 3\n", 1, "must be a section"},
        BadCase{"ArrayOfTables", kSite + "[[server]]\nthreads = 2\n", 3, "must be a section"},
        BadCase{"EmptyName", "[site]\n\nname = \"  \"\n", 3, "name"},
        BadCase{"NameNotString", "[site]\nname = 7\n", 2, "must be a string"},
        BadCase{"BadUrlScheme", kSite + "base_url = \"ftp://example.com\"\n", 3, "base_url"},
        BadCase{"UrlWithoutScheme", kSite + "base_url = \"example.com\"\n", 3, "https://"},
        BadCase{"UrlWithSpace", kSite + "base_url = \"https://exa mple.com\"\n", 3, "base_url"},
        BadCase{"UrlEmptyHost", kSite + "base_url = \"https:///news\"\n", 3, "base_url"},
        BadCase{"AboutNotString", kSite + "about = [\"a\", \"b\"]\n", 3, "an array"},
        BadCase{"ListenNoPort", "[server]\nlisten = \"127.0.0.1\"\n", 2, "IP:PORT"},
        BadCase{"ListenHostName", "[server]\nlisten = \"localhost:8080\"\n", 2, "IP:PORT"},
        BadCase{"ListenBigPort", "[server]\nlisten = \"0.0.0.0:70000\"\n", 2, "IP:PORT"},
        BadCase{"ListenNotString", "[server]\nlisten = 8080\n", 2, "must be a string"},
        BadCase{"ThreadsZero", "[server]\nlisten = \"0.0.0.0:80\"\nthreads = 0\n", 3,
                "from 1 to 64"},
        BadCase{"ThreadsTooMany", "[server]\nthreads = 65\n", 2, "got 65"},
        BadCase{"ThreadsString", "[server]\nthreads = \"2\"\n", 2, "not a string"},
        BadCase{"ThreadsFloat", "[server]\nthreads = 2.5\n", 2, "not a float"},
        BadCase{"StyleUnknown", "[dates]\nstyle = \"ar-SA\"\n", 2, "ar-MA"},
        BadCase{"DigitsUnknown", "[dates]\n\ndigits = \"hindi\"\n", 3, "latn"},
        BadCase{"TimeZoneUnknown", "[dates]\ntime_zone = \"Mars/Olympus_Mons\"\n", 2, "time zone"},
        BadCase{"HijriNotBool", "[dates]\nhijri = \"yes\"\n", 2, "true or false"},
        BadCase{"HijriAdjustRange", "[dates]\nhijri = true\nhijri_adjust = 3\n", 3, "from -2 to 2"},
        BadCase{"UnknownLabel", "[labels]\nvisits = \"مشاهدة\"\nvisitz = \"x\"\n", 3,
                "did you mean 'visits'"},
        BadCase{"LabelNotString", "[labels]\ncomments = true\n", 2, "must be a string"},
        BadCase{"ThemeDirMissing", "[theme]\ndir = \"no-such-theme\"\n", 2, "existing folder"},
        BadCase{"UnknownThemeKey", "[theme]\npath = \"x\"\n", 2, "allowed keys: dir"},
        BadCase{"CommentsEnabledNotBool", "[comments]\nenabled = \"yes\"\n", 2, "true or false"},
        BadCase{"CommentsPolicyUnknown", "[comments]\n\npolicy = \"hold_some\"\n", 3, "hold_all"},
        BadCase{"CommentsMaxLinksRange", "[comments]\nmax_links = 101\n", 2, "from 0 to 100"},
        BadCase{"CommentsBlocklistNotArray", "[comments]\nblocklist = \"كلمة\"\n", 2,
                "array of words"},
        BadCase{"CommentsBlocklistNotString", "[comments]\nblocklist = [\"كلمة\",\n  3]\n", 3,
                "as strings"},
        BadCase{"CommentsBlocklistEmptyWord", "[comments]\nblocklist = [\"  \"]\n", 2,
                "empty word"},
        BadCase{"CommentsRateLimitZero", "[comments]\nrate_limit = 0\n", 2, "from 1 to 1000"},
        BadCase{"CommentsRateWindowRange", "[comments]\nrate_window_minutes = 1441\n", 2,
                "from 1 to 1440"},
        BadCase{"CommentsMinSecondsRange", "[comments]\nmin_seconds = -1\n", 2, "from 0 to 600"},
        BadCase{"UnknownCommentsKey", "[comments]\nmax_link = 3\n", 2, "did you mean 'max_links'"},
        BadCase{"SmtpHostWithSpace", "[smtp]\nhost = \"smtp example.com\"\n", 2, "[smtp] host"},
        BadCase{"SmtpPortZero", "[smtp]\nport = 0\n", 2, "from 1 to 65535"},
        BadCase{"SmtpPortTooBig", "[smtp]\nport = 65536\n", 2, "got 65536"},
        BadCase{"SmtpSecurityUnknown", "[smtp]\nsecurity = \"ssl\"\n", 2, "starttls"},
        BadCase{"SmtpUsernameNotString", "[smtp]\nusername = 7\n", 2, "must be a string"},
        BadCase{"SmtpPasswordControl", "[smtp]\npassword = \"a\\nb\"\n", 2, "control characters"},
        BadCase{"SmtpFromAddressBad", "[smtp]\nfrom_address = \"news@example\"\n", 2,
                "from_address"},
        BadCase{"SmtpFromAddressInjection",
                "[smtp]\nfrom_address = \"a@example.com\\r\\nBcc: x@y.zz\"\n", 2, "from_address"},
        BadCase{"SmtpFromNameNotString", "[smtp]\nfrom_name = [\"x\"]\n", 2, "an array"},
        BadCase{"SmtpHostWithoutFromAddress",
                "[site]\nname = \"x\"\n[smtp]\nport = 25\nhost = \"mx\"\n", 5,
                "from_address must be set"},
        BadCase{"FriendPerIpZero", "[send_to_friend]\nper_ip_per_hour = 0\n", 2, "from 1 to 1000"},
        BadCase{"FriendPerRecipientRange", "[send_to_friend]\nper_recipient_per_day = 1001\n", 2,
                "from 1 to 1000"},
        BadCase{"FriendSiteRange", "[send_to_friend]\nsite_per_hour = 100001\n", 2,
                "from 1 to 100000"},
        BadCase{"FriendNotInteger", "[send_to_friend]\nsite_per_hour = \"200\"\n", 2,
                "not a string"},
        BadCase{"UnknownFriendKey", "[send_to_friend]\nper_hour = 3\n", 2, "allowed keys"},
        BadCase{"SmtpKeyOutsideSection", "port = 25\n", 1, "[smtp]"},
        // Several problems: the earliest line is reported.
        BadCase{"EarliestFirst", "[site]\nnmae = \"x\"\n[server]\nthreads = 99\n", 2, "nmae"}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return std::string(info.param.name); });

}  // namespace
// Settings saved from the newsroom go over jarida.toml with the same checks.
TEST(ConfigOverrides, ApplyOverTheFile) {
  TempDir dir;
  AppConfig cfg =
      load_text(dir, "[site]\nname = \"من الملف\"\n[dates]\ntime_zone = \"Africa/Cairo\"\n");
  apply_overrides(cfg,
                  "[site]\nname = \"من غرفة الأخبار\"\n[dates]\ntime_zone = \"Asia/Riyadh\"\n"
                  "[newsroom]\nauthors_can_publish = true\n");
  EXPECT_EQ(cfg.site.site_name, "من غرفة الأخبار");
  EXPECT_EQ(cfg.site.dates.time_zone, "Asia/Riyadh");
  EXPECT_TRUE(cfg.site.newsroom.authors_can_publish);
}

TEST(ConfigOverrides, BadValuesAndServerSectionsAreRefused) {
  TempDir dir;
  AppConfig cfg = load_text(dir, "");
  EXPECT_THROW(apply_overrides(cfg, "[dates]\ntime_zone = \"Mars/Olympus\"\n"), ConfigError);
  EXPECT_THROW(apply_overrides(cfg, "[server]\nlisten = \"0.0.0.0:80\"\n"), ConfigError);
  EXPECT_THROW(apply_overrides(cfg, "[theme]\ndir = \"/etc\"\n"), ConfigError);
  EXPECT_THROW(apply_overrides(cfg, "[site\nname = 1"), ConfigError);
  try {
    apply_overrides(cfg, "[comments]\nrate_limit = 0\n");
    FAIL() << "rate_limit 0 accepted";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.file(), "newsroom settings");
    EXPECT_EQ(e.line(), 2);
  }
}

}  // namespace jarida::app
