#include "http/request_checks.hpp"

#include "http/target.hpp"

namespace jarida::http {
namespace {

// The site's origin from its base URL ("https://example.com").
std::string_view origin_of(std::string_view base_url) {
  const auto scheme = base_url.find("://");
  if (scheme == std::string_view::npos) return base_url;
  const auto path = base_url.find('/', scheme + 3);
  return base_url.substr(0, path);
}

}  // namespace

bool same_origin(const Request& req, std::string_view base_url) {
  const auto fetch_site = req.header("Sec-Fetch-Site");
  if (!fetch_site.empty() && fetch_site != "same-origin" && fetch_site != "none") return false;
  const std::string_view site = origin_of(base_url);
  const std::string scheme(base_url.substr(0, base_url.find("://") + 3));
  const std::string here = scheme + std::string(req.header("Host"));
  auto ours = [&](std::string_view origin) {
    return origin == site || (!req.header("Host").empty() && origin == here);
  };
  const auto origin = req.header("Origin");
  if (!origin.empty()) return ours(origin);  // "null" (sandboxed, file:) is not ours
  // No Origin (older browsers): a Referer, when sent, must be ours too.
  const auto referer = req.header("Referer");
  if (referer.empty()) return true;
  return ours(origin_of(referer));
}

std::string cookie_value(std::string_view cookies, std::string_view name) {
  while (!cookies.empty()) {
    const auto semi = cookies.find(';');
    std::string_view pair = cookies.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    if (semi == std::string_view::npos) break;
    cookies.remove_prefix(semi + 1);
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> form_fields(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    const auto eq = pair.find('=');
    std::string key, value;
    if (!pair.empty() && decode_query_value(pair.substr(0, eq), key) &&
        (eq == std::string_view::npos || decode_query_value(pair.substr(eq + 1), value)))
      out.emplace_back(std::move(key), std::move(value));
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return out;
}

}  // namespace jarida::http
