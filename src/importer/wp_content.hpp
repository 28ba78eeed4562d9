// WordPress post content (post_content of a WXR item) to Jarida article HTML,
// doing what WordPress's own filters did when it showed the post: block
// comments out, shortcodes expanded, paragraphs for classic posts (wpautop),
// then render::sanitize_html. No C or C++ library reproduces these PHP
// filters, so they are rewritten here from their documented behaviour.
// Rules pinned by tests/importer/wp_content_test.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jarida::importer {

// An attachment as the export describes it; alt and caption are plain text.
struct AttachmentInfo {
  std::string url;
  std::int64_t width = 0, height = 0;
  std::string alt, caption, mime;
};

struct ContentContext {
  // An attachment by WordPress id (nullptr when not in the export).
  std::function<const AttachmentInfo*(std::int64_t id)> attachment;
  // Ids of the attachments whose parent is this post, in menu order
  // (a [gallery] without ids).
  std::function<std::vector<std::int64_t>(std::int64_t post_id)> attachments_of;
  std::int64_t post_id = 0;
};

struct ContentReport {
  std::vector<std::string> unknown_shortcodes;  // names, deduplicated, first seen first
  std::int64_t missing_attachments = 0;         // gallery images not in the export
};

// Removes the block editor's delimiters, "<!-- wp:name {json} -->",
// "<!-- /wp:name -->" and "<!-- wp:name {json} /-->" (with one newline after
// each), and keeps everything else, other comments included.
std::string strip_block_comments(std::string_view html);

// WordPress's wpautop: text separated by blank lines becomes <p> paragraphs
// and, with `line_breaks`, a single newline inside one becomes <br>; never
// inside or around block elements (pre, table, ul, ol, blockquote, h1-h6,
// figure, div...), so markup that is already structured stays as it is.
// Text in a div, li or td gets paragraphs only where blank lines split it.
std::string wpautop(std::string_view text, bool line_breaks = true);

// The shortcodes of WordPress core, as HTML:
//  [caption align=alignright]<img ...> Text[/caption] (or caption="Text")
//    -> <figure class="wp-caption alignright"><img ...><figcaption>Text...
//  [gallery ids="3,4"] (or without ids: ctx.attachments_of(post))
//    -> <figure class="gallery"><figure class="gallery-item"><img ...>
//       <figcaption>caption</figcaption></figure>...</figure>
//  [embed]URL[/embed], and a URL alone on its line -> <a href="URL">URL</a>
//  [audio src=URL], [video src=URL] -> <audio src=URL controls>...
// Others stay as they are written and are named in `report`; [[caption]] is
// a literal "[caption]". Attribute values go into the HTML escaped.
std::string expand_shortcodes(std::string_view html, const ContentContext& ctx,
                              ContentReport& report);

// The whole pipeline for post_content: strip_block_comments,
// expand_shortcodes, wpautop for classic content (none when the post has
// block markup; without <br> when it already starts with a block tag), then
// render::sanitize_html; empty paragraphs and the whitespace around the
// result removed.
std::string convert_post_content(std::string_view content, const ContentContext& ctx,
                                 ContentReport& report);

}  // namespace jarida::importer
