// Small UTF-8 helpers used by the renderer and request validation.
#pragma once

#include <string>
#include <string_view>

namespace jarida::text {

bool is_valid_utf8(std::string_view s);

// `s` with ill-formed bytes dropped (user input that must be text).
std::string valid_utf8(std::string_view s);

// The longest prefix of valid UTF-8 `s` of at most `max_bytes` bytes that
// ends on a code point boundary.
std::string cut_utf8(std::string_view s, std::size_t max_bytes);

// Number of code points (s must be valid UTF-8).
std::size_t count_code_points(std::string_view s);

// At most `max_chars` code points of `text`, cut at the last word boundary
// (whitespace) before the limit, with "…" appended when something was cut.
// "Word" boundaries: Unicode whitespace. Never splits a code point.
std::string cut_at_word(std::string_view text, std::size_t max_chars);

// Text content of an HTML fragment: tags dropped, entities &amp; &lt; &gt;
// &quot; &#39; &nbsp; decoded, whitespace collapsed. For excerpts and "about"
// cuts, not for sanitizing.
std::string html_to_text(std::string_view html);

// & < > " ' as entities: safe in HTML text and quoted attributes.
std::string html_escape(std::string_view s);

}  // namespace jarida::text
