// What every newsroom form does to the text it receives: trimmed, kept on
// one line where a line is expected, cut at a UTF-8 boundary, ids read
// strictly. Tested in tests/admin/form_text_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace jarida::admin {

// Without spaces, tabs, CR and LF at either end.
std::string trim(std::string_view s);

// Tabs and line breaks become spaces, then trim(), then at most
// `max_bytes` (cut at a UTF-8 boundary, text::cut_utf8).
std::string one_line(std::string_view s, std::size_t max_bytes = std::string_view::npos);

// "123" (route params, form ids); nullopt for anything else, 0 and signs too.
std::optional<core::Id> parse_id(std::string_view s);

}  // namespace jarida::admin
