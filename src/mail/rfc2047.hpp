// Header text for outgoing mail (RFC 2047): curl sends headers as given, so
// Arabic subjects and display names are encoded here. Tested in
// tests/mail/rfc2047_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jarida::mail {

// An encoded word is "=?UTF-8?B?" + base64 + "?=". 39 bytes of text give 52
// base64 characters, a 64-character word: "Subject: " plus one word stays
// within RFC 2047's 76-character line limit.
inline constexpr std::size_t kMaxEncodedWordBytes = 39;
inline constexpr std::size_t kMaxEncodedWordChars = 75;  // RFC 2047 section 2

// Header text from UTF-8. Text of printable ASCII letters, digits, spaces
// and the safe punctuation !#$%&'*+-/=?^_`{|}~ (no RFC 5322 specials, no
// "=?", no leading, trailing or double spaces, at most 75 bytes) is returned
// as is. Anything else becomes one or more "=?UTF-8?B?...?=" words of at
// most 75 characters, each holding whole UTF-8 characters, joined with
// "\r\n " (folding). Control characters (CR, LF, TAB, NUL...) become spaces
// and invalid UTF-8 becomes U+FFFD first, so the result never holds a bare
// CR or LF and always decodes to valid UTF-8. "" gives "".
std::string encode_header_word(std::string_view utf8);

// "display name <address>" for From/To: the name through
// encode_header_word(), the address as is. An empty name gives the bare
// address. Throws std::invalid_argument unless valid_email(address).
std::string format_mailbox(std::string_view display_name, std::string_view address);

}  // namespace jarida::mail
