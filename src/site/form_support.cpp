#include "site/form_support.hpp"

#include <sodium.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "site/security_headers.hpp"

namespace jarida::site {
namespace {

// The site's origin from its base URL ("https://example.com").
std::string_view origin_of(std::string_view base_url) {
  const auto scheme = base_url.find("://");
  if (scheme == std::string_view::npos) return base_url;
  const auto path = base_url.find('/', scheme + 3);
  return base_url.substr(0, path);
}

}  // namespace

bool wants_json(const http::Request& req) {
  return req.header("Accept").find("application/json") != std::string_view::npos;
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

bool same_origin(const http::Request& req, std::string_view base_url) {
  const auto fetch_site = req.header("Sec-Fetch-Site");
  if (!fetch_site.empty() && fetch_site != "same-origin" && fetch_site != "none") return false;
  // The origin we serve: the base URL's, or this request's Host under the
  // base URL's scheme (a site reached by another name, or a test port).
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

std::string hash_ip(const SiteKey& key, std::string_view ip) {
  unsigned char out[16];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(ip.data()), ip.size(),
                     key.data(), key.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : out) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 15]);
  }
  return hex;
}

void refuse_form(const render::Renderer& renderer, bool json, int status,
                 const std::vector<std::string>& messages, http::Response& res) {
  res.status = status;
  res.headers.clear();
  res.headers.append(kSecurityHeaders);
  res.headers.append("Cache-Control: no-store\r\n");
  if (json) {
    boost::json::array list;
    for (const auto& m : messages) list.emplace_back(m);
    boost::json::object o;
    o["error"] = messages.empty() ? std::string() : messages.front();
    o["errors"] = std::move(list);
    res.add_header("Content-Type", "application/json; charset=utf-8");
    res.body = boost::json::serialize(o);
  } else {
    res.add_header("Content-Type", "text/html; charset=utf-8");
    res.body = renderer.message_page(status, messages);
  }
}

}  // namespace jarida::site
