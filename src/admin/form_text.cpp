#include "admin/form_text.hpp"

#include <charconv>

#include "text/utf8.hpp"

namespace jarida::admin {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

std::string one_line(std::string_view s, std::size_t max_bytes) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  out = trim(out);
  return out.size() > max_bytes ? text::cut_utf8(out, max_bytes) : out;
}

std::optional<core::Id> parse_id(std::string_view s) {
  core::Id id = 0;
  if (s.empty() || s.size() > 18) return std::nullopt;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc{} || p != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace jarida::admin
