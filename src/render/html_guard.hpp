// Internal to render/: the guard that rewrites article HTML before gumbo
// parses it, and the character and tag-set helpers the sanitizer shares
// with it. Why a guard: gumbo 0.10.1 aborts on an assertion for some svg or
// math content in tables, selects and templates, and its tree builder takes
// minutes on deep nesting or on a tag with very many attributes; the guard
// cuts those tags (and <isindex>, <frameset>) so that parsing stays linear
// and never crashes. Not a safety measure: whatever it lets through is still
// parsed and allowlisted. Tests: tests/render/html_sanitizer_test.cpp.
#pragma once

#include <gumbo.h>

#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>

namespace jarida::render::detail {

// Gumbo's tree builder walks the stack of open elements for most start tags,
// so its time grows with tags times nesting depth: 200,000 nested <div>s
// (1 MB) take minutes. Browsers stop nesting at 512; articles need dozens.
inline constexpr std::size_t kMaxNesting = 256;

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}
constexpr bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

bool equals_ci(std::string_view a, std::string_view b);

using TagSet = std::bitset<GUMBO_TAG_LAST + 1>;

// The tags named in `names`, separated by spaces. A name gumbo does not know
// is a typo here: it stops the program when the tables are built.
TagSet tag_set(std::string_view names);

// Elements without content or end tag.
extern const TagSet kVoid;

// `html` with the tags gumbo must not see cut out (html_guard.cpp lists
// them), ready to parse as a body.
std::string guard_html(std::string_view html);

}  // namespace jarida::render::detail
