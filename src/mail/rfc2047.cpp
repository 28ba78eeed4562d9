// RFC 2047 "B" encoding of header text (see rfc2047.hpp).
#include "mail/rfc2047.hpp"

#include <unicode/utf8.h>

#include <cstdint>
#include <stdexcept>

#include "mail/address.hpp"

namespace jarida::mail {

namespace {

constexpr std::size_t kMaxPlainBytes = 75;
constexpr std::size_t kMaxLineChars = 76;  // RFC 2047: lines holding encoded words

bool is_plain_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ')
    return true;
  static constexpr std::string_view safe = "!#$%&'*+-/=?^_`{|}~";
  return safe.find(c) != std::string_view::npos;
}

bool can_stay_plain(std::string_view s) {
  if (s.size() > kMaxPlainBytes || s.front() == ' ' || s.back() == ' ') return false;
  if (s.find("=?") != std::string_view::npos || s.find("  ") != std::string_view::npos)
    return false;
  for (char c : s)
    if (!is_plain_char(c)) return false;
  return true;
}

std::string base64(std::string_view in) {
  static constexpr char table[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const std::uint32_t v = (static_cast<std::uint8_t>(in[i]) << 16) |
                            (static_cast<std::uint8_t>(in[i + 1]) << 8) |
                            static_cast<std::uint8_t>(in[i + 2]);
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += table[(v >> 6) & 63];
    out += table[v & 63];
  }
  if (const std::size_t rest = in.size() - i; rest > 0) {
    std::uint32_t v = static_cast<std::uint8_t>(in[i]) << 16;
    if (rest == 2) v |= static_cast<std::uint8_t>(in[i + 1]) << 8;
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += rest == 2 ? table[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// The text as a list of whole UTF-8 characters (byte lengths), with
// controls as spaces and invalid sequences as U+FFFD.
std::string sanitize(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(in.data());
  const auto length = static_cast<std::int32_t>(in.size());
  std::int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) c = 0xFFFD;
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) c = ' ';
    std::uint8_t buf[U8_MAX_LENGTH];
    std::int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, U8_MAX_LENGTH, c, error);
    if (error) continue;  // cannot happen: c is a valid scalar value
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
  }
  return out;
}

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  return 4;  // sanitize() leaves only valid sequences
}

}  // namespace

std::string encode_header_word(std::string_view utf8) {
  if (utf8.empty()) return {};
  // Header values are short; a huge input is a bug upstream, but stays bounded.
  if (utf8.size() > 1 << 20) utf8 = utf8.substr(0, 1 << 20);
  if (can_stay_plain(utf8)) return std::string(utf8);

  const std::string text = sanitize(utf8);
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size()) {
      const std::size_t n = utf8_sequence_length(static_cast<unsigned char>(text[end]));
      if (end + n - start > kMaxEncodedWordBytes) break;
      end += n;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?";
    out += base64(std::string_view(text).substr(start, end - start));
    out += "?=";
    start = end;
  }
  return out;
}

std::string format_mailbox(std::string_view display_name, std::string_view address) {
  if (!valid_email(address)) throw std::invalid_argument("format_mailbox: not a valid address");
  if (display_name.empty()) return std::string(address);
  std::string name;
  if (can_stay_plain(display_name)) {
    name = std::string(display_name);
  } else {
    // One encoded word, even past RFC 2047's 75 characters: in a display
    // name, decoders disagree about the space between two encoded words
    // (Python's email package inserts one, RFC-following clients drop it),
    // so splitting the name would change it for some readers. Long words
    // decode everywhere; names are short (the site's name), and the line
    // stays far below SMTP's 998-byte limit.
    std::string text = sanitize(display_name);
    if (text.size() > 300) {  // bounded, cut on a UTF-8 boundary
      std::size_t cut = 300;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text.resize(cut);
    }
    name = "=?UTF-8?B?" + base64(text) + "?=";
  }
  // "From: " + name + " <address>" on one line when it fits, else folded.
  const bool fits = 6 + name.size() + 2 + address.size() + 1 <= kMaxLineChars;
  return name + (fits ? " <" : "\r\n <") + std::string(address) + ">";
}

}  // namespace jarida::mail
