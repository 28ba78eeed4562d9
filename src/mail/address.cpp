// Address validation and sender-name cleaning (see address.hpp).
#include "mail/address.hpp"

#include <unicode/utf8.h>

#include <cstdint>
#include <vector>

namespace jarida::mail {

namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// RFC 5322 atext.
bool is_atext(char c) {
  if (is_alnum(c)) return true;
  static constexpr std::string_view specials = "!#$%&'*+/=?^_`{|}~-";
  return specials.find(c) != std::string_view::npos;
}

bool valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > kMaxLocalPartBytes) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  char prev = 0;
  for (char c : local) {
    if (c == '.') {
      if (prev == '.') return false;
    } else if (!is_atext(c)) {
      return false;
    }
    prev = c;
  }
  return true;
}

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label)
    if (!is_alnum(c) && c != '-') return false;
  return true;
}

// A top-level domain: two or more letters, or an IDN label "xn--...".
bool valid_tld(std::string_view tld) {
  if (tld.size() > 4 && to_lower(tld[0]) == 'x' && to_lower(tld[1]) == 'n' && tld[2] == '-' &&
      tld[3] == '-')
    return true;  // valid_label() has checked the characters
  if (tld.size() < 2) return false;
  for (char c : tld)
    if (!is_alpha(c)) return false;
  return true;
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view last;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = domain.find('.', start);
    const std::string_view label = domain.substr(start, dot - start);
    if (!valid_label(label)) return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2 && valid_tld(last);
}

// ---------------------------------------------------------------- names

// Characters a name never keeps: C0/C1 controls, DEL, every bidi control
// (marks, embeddings, overrides, isolates: they can reorder the subject
// line), the byte order mark, and the specials block's format characters.
bool is_dropped(UChar32 c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
         (c >= 0xFFF0 && c <= 0xFFFC);
}

// Separators: whitespace of every kind, line breaks (they become spaces
// before being collapsed) and the characters that build addresses and
// quoted strings in headers.
bool is_separator(UChar32 c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
    case '@':
    case '<':
    case '>':
    case '"':
    case 0x00A0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x180E:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

void append_utf8(std::string& out, UChar32 c) {
  uint8_t buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, U8_MAX_LENGTH, c, error);
  if (!error) out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

// A token that is, or contains, a web address: a scheme ("http://",
// "ftp://", "mailto:"...), "www.", or a host name such as "example.com"
// (an ASCII letter or digit, a dot, then two or more ASCII letters or an
// "xn--" label). "J.R." and "v2.0" are not host names; Arabic "د.أحمد" isn't either.
bool looks_like_url(std::string_view token) {
  const std::string t = ascii_lower(token);
  if (t.find("://") != std::string::npos || t.find("www.") != std::string::npos ||
      t.find("mailto:") != std::string::npos)
    return true;
  for (std::size_t i = 1; i + 1 < t.size(); ++i) {
    if (t[i] != '.' || !is_alnum(t[i - 1])) continue;
    std::size_t j = i + 1;
    while (j < t.size() && (is_alnum(t[j]) || t[j] == '-')) ++j;
    const std::string_view label = std::string_view(t).substr(i + 1, j - i - 1);
    if (label.size() >= 2 && (label.rfind("xn--", 0) == 0 || valid_tld(label))) return true;
  }
  return false;
}

}  // namespace

bool valid_email(std::string_view address) {
  if (address.empty() || address.size() > kMaxEmailBytes) return false;
  // Only atext, '.' and one '@': this alone rules out CR, LF, NUL, other
  // controls, spaces, commas, semicolons, quotes, angle brackets, brackets,
  // backslashes and every non-ASCII byte.
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos)
    return false;
  return valid_local_part(address.substr(0, at)) && valid_domain(address.substr(at + 1));
}

std::string normalize_email(std::string_view address) {
  return ascii_lower(address);
}

std::string clean_sender_name(std::string_view name) {
  // Work on a bounded prefix: a name is cut to 60 characters anyway.
  constexpr std::size_t kMaxInput = 64 * 1024;
  if (name.size() > kMaxInput) name = name.substr(0, kMaxInput);

  // 1. Decode, dropping invalid UTF-8 and unwanted characters; split into
  //    tokens at separators.
  std::vector<std::string> tokens;
  std::string token;
  const auto* s = reinterpret_cast<const uint8_t*>(name.data());
  const auto length = static_cast<int32_t>(name.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0 || U_IS_SURROGATE(c) || U_IS_UNICODE_NONCHAR(c)) continue;  // invalid UTF-8
    if (is_separator(c)) {
      if (!token.empty()) tokens.push_back(std::move(token));
      token.clear();
      continue;
    }
    if (is_dropped(c)) continue;
    append_utf8(token, c);
  }
  if (!token.empty()) tokens.push_back(std::move(token));

  // 2. Drop web addresses; join with single spaces.
  std::string joined;
  for (const auto& t : tokens) {
    if (looks_like_url(t)) continue;
    if (!joined.empty()) joined.push_back(' ');
    joined += t;
  }

  // 3. Cut to 60 code points (joined is valid UTF-8 now) and trim the end.
  std::size_t chars = 0;
  std::size_t cut = 0;
  const auto* j = reinterpret_cast<const uint8_t*>(joined.data());
  const auto jlen = static_cast<int32_t>(joined.size());
  int32_t k = 0;
  while (k < jlen && chars < kMaxSenderNameChars) {
    U8_FWD_1(j, k, jlen);
    ++chars;
    cut = static_cast<std::size_t>(k);
  }
  joined.resize(cut);
  while (!joined.empty() && joined.back() == ' ') joined.pop_back();
  return joined;
}

}  // namespace jarida::mail
