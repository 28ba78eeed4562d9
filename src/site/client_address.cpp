#include "site/client_address.hpp"

#include <algorithm>

namespace jarida::site {
namespace {

bool is_trusted(std::string_view ip, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), ip) != trusted.end();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view client_address(std::string_view remote_ip, std::string_view x_forwarded_for,
                                const std::vector<std::string>& trusted_proxies) {
  if (!is_trusted(remote_ip, trusted_proxies)) return remote_ip;
  // Walk from the right: each hop appended the address it saw.
  std::string_view rest = x_forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view entry =
        trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    if (!entry.empty() && !is_trusted(entry, trusted_proxies)) return entry;
    if (comma == std::string_view::npos) break;
    rest = rest.substr(0, comma);
  }
  return remote_ip;
}

}  // namespace jarida::site
