// Which requests count as a visit (SEED-PAGE.md part 3: "honest").
// Tested rule by rule in tests/stats/visit_rules_test.cpp.
#pragma once

#include <span>
#include <string_view>

namespace jarida::stats {

// What the counter needs to know about one request, without HTTP types.
struct VisitRequest {
  bool is_get = true;            // HEAD and others never count
  std::string_view user_agent;   // empty counts as a bot
  std::string_view sec_purpose;  // "prefetch", "prefetch;prerender"
  std::string_view purpose;      // legacy "prefetch"
  std::string_view x_moz;        // Firefox's "prefetch"
  std::string_view x_purpose;    // "preview" (Safari top sites)
};

// True for known crawlers and scripted clients by User-Agent: Googlebot,
// bingbot, facebookexternalhit, curl, wget, python-requests, Go-http-client,
// headless browsers, anything saying bot/crawler/spider, and an empty UA.
bool is_bot_user_agent(std::string_view user_agent);

// The lower-case User-Agent substrings is_bot_user_agent() looks for (the
// documented table in visit_rules.cpp), so tests can walk it.
std::span<const std::string_view> bot_user_agent_markers();

// True for speculative loads a reader has not asked to see.
bool is_prefetch(const VisitRequest& r);

// All rules but the repeat rule (which needs memory: RepeatFilter).
bool is_countable(const VisitRequest& r);

}  // namespace jarida::stats
