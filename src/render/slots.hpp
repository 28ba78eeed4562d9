// Live values inside a cached page. The renderer writes a marker where a
// value changes between requests (a visit count, a shared fragment such as
// the latest-comments list); the page cache cuts the page at the markers
// into an http::SplicedBody. Marker bytes (U+001E, U+001F) are removed from
// every value the templates print, so page text can never forge one.
#pragma once

#include <string>
#include <string_view>

#include "core/model.hpp"

namespace jarida::render {

inline constexpr char kSlotOpen = '\x1e';
inline constexpr char kSlotClose = '\x1f';

// "\x1e" "v" id "\x1f": the live visit count of an article.
std::string visit_slot(core::Id article_id);
// "\x1e" "c" id "\x1f": the live approved-comment count of an article.
std::string comment_count_slot(core::Id article_id);
// "\x1e" "f" name "\x1f": a shared fragment, e.g. "latest_comments".
std::string fragment_slot(std::string_view name);

// "\x1e" "t" name "\x1f": per-request text (a form token, a notice).
std::string text_slot(std::string_view name);

// & < > " ' escaped, marker bytes removed: for the few strings the site
// layer puts into per-request text slots.
std::string html_escape(std::string_view s);

// Removes marker bytes and NUL (for every value given to a template).
std::string strip_slot_bytes(std::string_view s);

}  // namespace jarida::render
