// Names, titles, excerpts and comments from WordPress as plain text.
#pragma once

#include <string>
#include <string_view>

namespace jarida::importer {

// True when render::html_to_text(s) == s: no markup or entity, valid UTF-8
// without control characters (but \n) or no-break spaces, single spaces,
// lines trimmed, at most one blank line in a row, none at either end.
bool is_plain_text(std::string_view s);

// render::html_to_text(s): decoded exactly once (WordPress stores "&amp;"),
// tags dropped. Most names and comments are already plain and skip the HTML
// parser: a 100,000-post export holds hundreds of thousands of them.
std::string plain_text(std::string_view s);

}  // namespace jarida::importer
