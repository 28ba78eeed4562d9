// The counting rules of SEED-PAGE.md part 3, one test per rule: browsers
// count; crawlers, scripts, link previews, prefetches and non-GETs do not.
#include "stats/visit_rules.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace jarida::stats {
namespace {

// Readers: phones first (most of the site's audience), then desktops.
constexpr std::string_view kBrowsers[] = {
    // Chrome, Android (reduced UA, a Samsung and a Xiaomi device).
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.6045.163 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; 2201117TG) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.6099.144 Mobile Safari/537.36",
    // Samsung Internet.
    "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
    // Firefox, Edge and Opera on Android; Opera Mini in Arabic.
    "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36 EdgA/120.0.2210.115",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.0.0 Mobile Safari/537.36 OPR/79.1.4195.76505",
    "Opera/9.80 (Android; Opera Mini/36.2.2254/119.132; U; ar) Presto/2.12.423 Version/12.16",
    // Facebook's in-app browser: a real reader who tapped a shared link.
    "Mozilla/5.0 (Linux; Android 13; SM-G991B Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 "
    "[FB_IAB/FB4A;FBAV/444.0.0.32.118;]",
    // Safari, Chrome, Firefox and Edge on iPhone; Safari on iPad.
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) FxiOS/120.0 Mobile/15E148 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 EdgiOS/120.0.2210.84 Mobile/15E148 Safari/605.1.15",
    "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/16.6 Mobile/15E148 Safari/604.1",
    // Windows: Chrome, Firefox, Edge, Opera.
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.0.0 Safari/537.36 OPR/105.0.0.0",
    // macOS: Safari, Chrome, Firefox, Edge.
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.2 Safari/605.1.15",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
    // Linux desktop.
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
};

// Non-readers: named crawlers, link previews, SEO tools, scripts, headless
// browsers and load generators, as they introduce themselves.
constexpr std::string_view kBots[] = {
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
    "+http://www.google.com/bot.html)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; "
    "+http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
    "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    "Mozilla/5.0 (compatible; YandexImages/3.0; +http://yandex.com/bots)",
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
    "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
    "Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile "
    "Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Facebot",
    "Twitterbot/1.0",
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "WhatsApp/2.23.20.0 A",
    "TelegramBot (like TwitterBot)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
    "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)",
    "Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)",
    "Mozilla/5.0 (compatible; ArchiveCrawler/1.0)",
    "NewsSpider 2.3",
    "curl/8.4.0",
    "Wget/1.21.3",
    "python-requests/2.31.0",
    "Python-urllib/3.11",
    "Python/3.11 aiohttp/3.9.1",
    "python-httpx/0.25.2",
    "Go-http-client/1.1",
    "Go-http-client/2.0",
    "Java/17.0.9",
    "okhttp/4.12.0",
    "libwww-perl/6.72",
    "Apache-HttpClient/4.5.14 (Java/17.0.9)",
    "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
    "axios/1.6.2",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/120.0.6099.109 Safari/537.36",
    "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 "
    "Safari/538.1",
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
    "wrk/4.2.0",
};

TEST(VisitRules, BrowsersAreNotBots) {
  for (std::string_view ua : kBrowsers) EXPECT_FALSE(is_bot_user_agent(ua)) << ua;
}

TEST(VisitRules, CrawlersScriptsAndPreviewsAreBots) {
  for (std::string_view ua : kBots) EXPECT_TRUE(is_bot_user_agent(ua)) << ua;
}

TEST(VisitRules, EmptyOrBlankUserAgentIsABot) {
  EXPECT_TRUE(is_bot_user_agent(""));
  EXPECT_TRUE(is_bot_user_agent(" "));
  EXPECT_TRUE(is_bot_user_agent(" \t\r\n"));
}

TEST(VisitRules, EveryMarkerMatchesInAnyCase) {
  ASSERT_FALSE(bot_user_agent_markers().empty());
  for (std::string_view m : bot_user_agent_markers()) {
    ASSERT_FALSE(m.empty());  // an empty marker would match every browser
    std::string upper;
    for (char c : m) {
      EXPECT_FALSE(std::isupper(static_cast<unsigned char>(c))) << m << " must be lower case";
      upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    EXPECT_TRUE(is_bot_user_agent(m)) << m;
    EXPECT_TRUE(is_bot_user_agent(upper)) << upper;
    EXPECT_TRUE(is_bot_user_agent("Mozilla/5.0 (x) " + upper + " tail")) << upper;
  }
}

TEST(VisitRules, NonAsciiUserAgentIsNotABotByAccident) {
  EXPECT_FALSE(is_bot_user_agent("متصفح/1.0 (هاتف)"));
}

// The price of the generic "bot" word (documented in visit_rules.cpp): the
// Cubot phone brand is not counted. Pinned so a change here is deliberate.
TEST(VisitRules, CubotPhonesAreTreatedAsBots) {
  EXPECT_TRUE(is_bot_user_agent(
      "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/120.0.0.0 Mobile Safari/537.36"));
}

TEST(VisitRules, SecPurposePrefetchAndPrerender) {
  for (std::string_view v : {"prefetch", "Prefetch", "prefetch;prerender", "PREFETCH;PRERENDER",
                             "prefetch;anonymous-client-ip", "prerender"}) {
    VisitRequest r;
    r.sec_purpose = v;
    EXPECT_TRUE(is_prefetch(r)) << v;
  }
}

TEST(VisitRules, LegacyPrefetchHeaders) {
  VisitRequest purpose_prefetch;
  purpose_prefetch.purpose = "prefetch";
  EXPECT_TRUE(is_prefetch(purpose_prefetch));

  VisitRequest purpose_preview;
  purpose_preview.purpose = "Preview";
  EXPECT_TRUE(is_prefetch(purpose_preview));

  VisitRequest moz;
  moz.x_moz = "prefetch";
  EXPECT_TRUE(is_prefetch(moz));

  VisitRequest safari_top_sites;
  safari_top_sites.x_purpose = "preview";
  EXPECT_TRUE(is_prefetch(safari_top_sites));
}

TEST(VisitRules, OrdinaryRequestIsNotAPrefetch) {
  EXPECT_FALSE(is_prefetch(VisitRequest{}));
  VisitRequest r;
  r.sec_purpose = "";
  r.purpose = "navigate";
  r.x_moz = "";
  r.x_purpose = "";
  EXPECT_FALSE(is_prefetch(r));
}

TEST(VisitRules, CountableIsAGetFromABrowserThatIsNotAPrefetch) {
  VisitRequest r;
  r.user_agent = kBrowsers[0];
  EXPECT_TRUE(is_countable(r));

  VisitRequest head = r;
  head.is_get = false;
  EXPECT_FALSE(is_countable(head));

  VisitRequest bot = r;
  bot.user_agent = kBots[0];
  EXPECT_FALSE(is_countable(bot));

  VisitRequest no_ua = r;
  no_ua.user_agent = "";
  EXPECT_FALSE(is_countable(no_ua));

  VisitRequest prefetch = r;
  prefetch.sec_purpose = "prefetch;prerender";
  EXPECT_FALSE(is_countable(prefetch));
}

}  // namespace
}  // namespace jarida::stats
