// Request targets: decoding and validating the path a reader asked for, and
// encoding paths for Location headers. Tested in tests/http/target_test.cpp.
#pragma once

#include <string>
#include <string_view>

namespace jarida::http {

enum class TargetError {
  none,
  too_long,      // longer than limits::kMaxTargetBytes
  not_origin,    // not "/path[?query]" (absolute-form, '*', empty)
  bad_encoding,  // '%' not followed by two hex digits
  invalid_utf8,  // decoded path is not UTF-8 (overlong, surrogate, truncated)
  control_char,  // NUL or another C0 control / DEL after decoding
  dot_segment,   // "." or ".." segment, raw or encoded: never a real page
};

// Splits `target` into its percent-decoded path and raw query. Hex digits
// may be upper or lower case. Raw UTF-8 bytes are accepted (some clients
// send them unencoded) as long as the result is valid UTF-8.
TargetError parse_target(std::string_view target, std::string& path, std::string_view& query);

// Percent-encodes a decoded path for a Location header or a link: keeps
// unreserved ASCII and '/', encodes everything else with lower-case hex as
// WordPress does ("/2019/05/%d8%a7/").
std::string encode_path(std::string_view path);

// Percent-encodes only what may not appear in a URI (bytes outside ASCII,
// controls, space, " < > \ ^ ` { | } and a '%' that starts no escape), so
// a URL or path stored decoded, encoded or half of each ("/وسم/%d8%a7?q=1",
// "https://host/صورة.jpg") becomes one a Location header or an attribute
// can carry; escapes already there are kept as they are.
std::string encode_uri(std::string_view uri);

// Percent-encodes a query value ("q=" + this): everything but unreserved
// ASCII, so & = + # in a reader's query stay part of it.
std::string encode_query_value(std::string_view value);

// Percent-decodes a query value ('+' means space). Returns false on a bad
// escape.
bool decode_query_value(std::string_view in, std::string& out);

}  // namespace jarida::http
