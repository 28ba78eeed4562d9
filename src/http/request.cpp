#include "http/request.hpp"

#include "http/target.hpp"

namespace jarida::http {

std::string query_param(std::string_view query, std::string_view name) {
  std::string value;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    if (key == name) {
      if (eq == std::string_view::npos) return {};
      if (!decode_query_value(pair.substr(eq + 1), value)) return {};
      return value;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

}  // namespace jarida::http
