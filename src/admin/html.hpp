// HTML for the newsroom's pages. The newsroom is not themed (themes are for
// readers), so its pages are written here in C++ rather than as ctemplate
// files: every value goes through esc() or attr(), both always quoting,
// which also sidesteps ctemplate's unquoted-attribute trap
// (DEPENDENCIES.md). Tested in tests/admin/html_test.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace jarida::admin {

// Text for an element's content or a quoted attribute value
// (text::html_escape: & < > " ').
std::string esc(std::string_view text);

// Appends ` name="escaped value"`.
void attr(std::string& out, std::string_view name, std::string_view value);

// Appends <option value="value" [selected]>label</option>.
void option(std::string& out, std::string_view value, std::string_view label, bool selected);

// "?a=1&b=x" with each value percent-encoded; empty values are left out.
std::string query_string(std::initializer_list<std::pair<std::string_view, std::string_view>> kv);

// "السابقة · صفحة 2 من 9 · التالية" under a list; "" for a single page.
// `link(n)` is page n's address (unescaped).
std::string pagination(std::int64_t page, std::int64_t pages,
                       const std::function<std::string(std::int64_t)>& link);

}  // namespace jarida::admin
