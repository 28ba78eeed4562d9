// E-mail addresses and names typed by readers (issue 4, "send to a friend").
// These are the checks between a stranger's form and an SMTP envelope: an
// address that passes valid_email() is one plain addr-spec that cannot carry
// a second recipient or a header (no CR/LF, commas, spaces, quotes, angle
// brackets or non-ASCII). Tested in tests/mail/address_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jarida::mail {

inline constexpr std::size_t kMaxEmailBytes = 254;      // RFC 5321 path limit minus "<>"
inline constexpr std::size_t kMaxLocalPartBytes = 64;   // RFC 5321 4.5.3.1.1
inline constexpr std::size_t kMaxSenderNameChars = 60;  // issue 4: the name in the mail

// Exactly one address "local@domain": at most 254 bytes; the local part a
// dot-atom of at most 64 bytes (letters, digits, !#$%&'*+/=?^_`{|}~- and
// single dots not at either end); the domain at least two labels of
// [A-Za-z0-9-] (1..63, no '-' at either end) ending in a TLD of two or more
// letters or an IDN "xn--" label. No display name, comments, quoted local
// parts or IP literals.
bool valid_email(std::string_view address);

// The address in lower case (ASCII), for rate-limit keys and comparison.
std::string normalize_email(std::string_view address);

// The reader's name as it may appear in a mail: invalid UTF-8 dropped;
// control characters, line breaks and bidi overrides removed; '@', '<', '>'
// and '"' treated as spaces; tokens that are URLs (scheme://..., www....)
// or look like a domain name ("example.com", "bit.ly/x") dropped; runs of
// whitespace collapsed to one space; trimmed; then cut to at most 60 code
// points (never inside a UTF-8 sequence). May return "" (the caller rejects).
std::string clean_sender_name(std::string_view name);

}  // namespace jarida::mail
