// WordPress post content to Jarida article HTML: block comments stripped,
// shortcodes expanded, wpautop for classic posts, then sanitized.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jarida::importer {

struct AttachmentInfo {
  std::string url;
  std::int64_t width = 0, height = 0;
  std::string alt, caption, mime;
};

struct ContentContext {
  // An attachment by WordPress id (nullptr when not in the export).
  std::function<const AttachmentInfo*(std::int64_t id)> attachment;
  // Ids of the attachments whose parent is this post, in menu order.
  std::function<std::vector<std::int64_t>(std::int64_t post_id)> attachments_of;
  std::int64_t post_id = 0;
};

struct ContentReport {
  std::vector<std::string> unknown_shortcodes;  // names, deduplicated
  std::int64_t missing_attachments = 0;
};

std::string strip_block_comments(std::string_view html);
std::string wpautop(std::string_view text);
std::string expand_shortcodes(std::string_view html, const ContentContext& ctx,
                              ContentReport& report);
std::string convert_post_content(std::string_view content, const ContentContext& ctx,
                                 ContentReport& report);

}  // namespace jarida::importer
