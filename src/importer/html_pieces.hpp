// Internal to importer/: reading HTML (characters, tags, block names) for the content filters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jarida::importer::detail {

constexpr std::size_t npos = std::string_view::npos;

constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
constexpr bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

std::string lower(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);
std::string_view trim(std::string_view s);
bool blank(std::string_view s);

// ---- Reading HTML ---------------------------------------------------------------
// Just enough to know what is a tag, a comment or text; never a security
// decision (the sanitizer parses the result properly).

struct Piece {
  enum Kind { text, tag, comment, raw } kind = text;
  std::string_view src;
  std::string name;  // tags, lower case
  bool closing = false;
};

inline Piece piece(Piece::Kind kind, std::string_view src) {
  Piece p;
  p.kind = kind;
  p.src = src;
  return p;
}

// The '>' that ends the tag starting at s[lt]; quoted values may hold '>'.
std::size_t tag_end(std::string_view s, std::size_t lt);

// Where "</name" (any case, then a space, '/' or '>') starts, or s.size().
std::size_t end_tag_at(std::string_view s, std::size_t from, std::string_view name);

bool is_raw_text(std::string_view name);

std::vector<Piece> tokenize(std::string_view s);

// Whether `list` (words between spaces, with a space at each end) has `word`.
bool listed(std::string_view list, std::string_view word);

// WordPress's list of block elements (wpautop's "allblocks"), and main.
bool is_block(std::string_view name);

}  // namespace jarida::importer::detail
