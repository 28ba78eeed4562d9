#include "importer/plain_text.hpp"

#include "render/html_sanitizer.hpp"
#include "text/utf8.hpp"

namespace jarida::importer {

bool is_plain_text(std::string_view s) {
  if (s.empty()) return true;
  auto space = [](char c) { return c == ' ' || c == '\n'; };
  if (space(s.front()) || space(s.back())) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '<' || c == '&' || c == 0x7f || (c < 0x20 && c != '\n')) return false;
    // U+0080..U+009F (C1 controls, which the parser replaces) and U+00A0
    // (collapsed like a space).
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0xA0) return false;
    if (i == 0 || !space(s[i]) || !space(s[i - 1])) continue;
    // Two spaces in a row: only "\n\n" (one blank line) is kept as is.
    if (s[i] != '\n' || s[i - 1] != '\n') return false;
    if (i >= 2 && s[i - 2] == '\n') return false;
  }
  return text::is_valid_utf8(s);
}

std::string plain_text(std::string_view s) {
  if (is_plain_text(s)) return std::string(s);
  return render::html_to_text(s);
}

}  // namespace jarida::importer
