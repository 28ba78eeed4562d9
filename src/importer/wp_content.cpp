// WordPress's content filters, rewritten: block delimiters, shortcodes,
// autoembed links and wpautop. Rules: wp_content.hpp; tests:
// tests/importer/wp_content_test.cpp. The HTML written here is trusted by
// nothing: render::sanitize_html runs over all of it.
// This file: block delimiters and the whole pipeline; wpautop.cpp,
// shortcodes.cpp and html_pieces.cpp hold the rest.
#include "importer/wp_content.hpp"

#include <string>
#include <string_view>

#include "importer/html_pieces.hpp"
#include "render/html_sanitizer.hpp"

namespace jarida::importer {
using namespace detail;
namespace {

// ---- Block comments ---------------------------------------------------------------

bool block_name(std::string_view s, std::size_t& i) {
  if (i >= s.size() || s[i] < 'a' || s[i] > 'z') return false;
  while (i < s.size() &&
         ((s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i]) || s[i] == '_' || s[i] == '-'))
    ++i;
  return true;
}

// The length of the block delimiter at s[at] ("<!--"), or 0 for any other
// comment. Attributes are JSON in which WordPress escapes "--", so the
// delimiter ends at the first "-->".
std::size_t block_delimiter(std::string_view s, std::size_t at) {
  std::size_t i = at + 4;
  const std::size_t spaces = i;
  while (i < s.size() && is_space(s[i])) ++i;
  if (i == spaces) return 0;
  if (i < s.size() && s[i] == '/') ++i;
  if (s.compare(i, 3, "wp:") != 0) return 0;
  i += 3;
  if (!block_name(s, i)) return 0;
  if (i < s.size() && s[i] == '/' && (++i, !block_name(s, i))) return 0;  // namespace/name
  const std::size_t after_name = i;
  while (i < s.size() && is_space(s[i])) ++i;
  if (i == after_name) return 0;
  const std::size_t end = s.find("-->", i);
  if (end == npos) return 0;
  std::size_t k = end;
  if (k > i && s[k - 1] == '/') --k;  // "/-->": a block without content
  if (s[i] == '{') {
    const std::size_t before_spaces = k;
    while (k > i && is_space(s[k - 1])) --k;
    if (k == before_spaces || k <= i + 1 || s[k - 1] != '}') return 0;
  } else if (k != i) {
    return 0;
  }
  return end + 3 - at;
}

bool starts_with_block_tag(std::string_view html) {
  for (;;) {
    html = trim(html);
    if (!html.starts_with("<!--")) break;
    const std::size_t end = html.find("-->");
    if (end == npos) return false;
    html.remove_prefix(end + 3);
  }
  if (html.size() < 2 || html[0] != '<' || !is_alpha(html[1])) return false;
  std::size_t k = 1;
  while (k < html.size() && (is_alpha(html[k]) || is_digit(html[k]))) ++k;
  return is_block(lower(html.substr(1, k - 1)));
}

}  // namespace

std::string strip_block_comments(std::string_view html) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = html.find("<!--"); at != npos;) {
    const std::size_t length = block_delimiter(html, at);
    if (length == 0) {
      at = html.find("<!--", at + 4);
      continue;
    }
    out.append(html.substr(copied, at - copied));
    std::size_t end = at + length;
    if (html.compare(end, 2, "\r\n") == 0)
      end += 2;
    else if (html.compare(end, 1, "\n") == 0)
      end += 1;
    copied = end;
    at = html.find("<!--", end);
  }
  out.append(html.substr(copied));
  return out;
}

std::string convert_post_content(std::string_view content, const ContentContext& ctx,
                                 ContentReport& report) {
  const bool blocks = content.find("<!-- wp:") != npos;
  std::string html = strip_block_comments(content);
  const bool structured = starts_with_block_tag(html);
  html = expand_shortcodes(html, ctx, report);
  if (!blocks) html = wpautop(html, !structured);
  html = render::sanitize_html(html);
  // Paragraphs left empty (around an iframe that went, say) take space and
  // say nothing. ("<p></p>" in sanitized HTML is always markup.)
  if (html.find("<p></p>") != npos) {
    std::string out;
    out.reserve(html.size());
    std::size_t copied = 0;
    for (std::size_t p = html.find("<p></p>"); p != npos; p = html.find("<p></p>", copied)) {
      out.append(html, copied, p - copied);
      copied = p + 7;
      if (html.compare(copied, 1, "\n") == 0) ++copied;
    }
    out.append(html, copied);
    // Once more: a newline now right after <pre> would be eaten by a parser.
    html = render::sanitize_html(out);
  }
  return std::string(trim(html));
}

}  // namespace jarida::importer
