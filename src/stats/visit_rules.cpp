// The counting rules of SEED-PAGE.md part 3: a visit is a reader asking to
// see the page. Crawlers, scripts, link-preview fetchers and speculative
// loads (prefetch, prerender, Safari's top-sites preview) are not readers.
// Each rule is pinned by tests/stats/visit_rules_test.cpp.
#include "stats/visit_rules.hpp"

#include <algorithm>
#include <iterator>
#include <string>

namespace jarida::stats {
namespace {

// User-Agent substrings that mark a non-reader, matched case-insensitively
// anywhere in the header. Written in lower case. Named crawlers come first
// so the list documents who we expect; the generic words after them catch
// the long tail. Known cost: "bot" also matches the Android phone brand
// Cubot; erring towards not counting keeps the counter honest.
constexpr std::string_view kBotMarkers[] = {
    // Search engines and their helpers.
    "googlebot", "bingbot", "yandex", "baiduspider", "duckduckbot", "slurp", "applebot", "petalbot",
    // Link previews in social networks and messaging apps.
    "facebookexternalhit", "facebot", "twitterbot", "linkedinbot", "whatsapp", "telegrambot",
    // SEO crawlers.
    "semrush", "ahrefs", "mj12bot", "dotbot",
    // Generic words crawlers use to name themselves.
    "bot", "crawl", "spider", "preview",
    // Command-line tools and HTTP libraries: scripts, not readers.
    "curl/", "wget/", "python-requests", "python-urllib", "aiohttp", "httpx", "go-http-client",
    "java/", "okhttp", "libwww-perl", "apache-httpclient", "node-fetch", "axios",
    // Headless browsers, audits and load generators (our own bench/ uses wrk).
    "headlesschrome", "phantomjs", "lighthouse", "wrk"};

constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// True if `needle` (lower case) occurs in `haystack`, ASCII case folded.
// Non-ASCII bytes compare as they are, so UTF-8 never matches by accident.
bool contains_ci(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char h, char n) { return ascii_lower(h) == n; });
  return it != haystack.end();
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  });
}

}  // namespace

bool is_bot_user_agent(std::string_view user_agent) {
  if (is_blank(user_agent)) return true;  // browsers always send one
  // This runs on every article view: lower-case once, then plain (memchr-
  // driven) searches, rather than ~40 case-insensitive scans.
  thread_local std::string lower;
  lower.assign(user_agent);
  for (char& c : lower) c = ascii_lower(c);
  const std::string_view ua(lower);
  return std::any_of(std::begin(kBotMarkers), std::end(kBotMarkers),
                     [&](std::string_view m) { return ua.find(m) != std::string_view::npos; });
}

std::span<const std::string_view> bot_user_agent_markers() {
  return kBotMarkers;
}

bool is_prefetch(const VisitRequest& r) {
  // Sec-Purpose is a list ("prefetch", "prefetch;prerender", "prefetch;anonymous-client-ip"),
  // so look for the words, not the whole value.
  return contains_ci(r.sec_purpose, "prefetch") || contains_ci(r.sec_purpose, "prerender") ||
         contains_ci(r.purpose, "prefetch") || contains_ci(r.purpose, "preview") ||
         contains_ci(r.x_moz, "prefetch") || contains_ci(r.x_purpose, "preview");
}

bool is_countable(const VisitRequest& r) {
  return r.is_get && !is_bot_user_agent(r.user_agent) && !is_prefetch(r);
}

}  // namespace jarida::stats
