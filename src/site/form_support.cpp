#include "site/form_support.hpp"

#include <sodium.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "http/security_headers.hpp"

namespace jarida::site {

bool wants_json(const http::Request& req) {
  return req.header("Accept").find("application/json") != std::string_view::npos;
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
  res.headers.append(http::kSecurityHeaders);
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
