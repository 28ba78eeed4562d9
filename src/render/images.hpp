// Where pages, share metadata and feeds point at an article's featured
// image (core::Media), decided once so they agree. Tested in
// tests/render/images_test.cpp.
#pragma once

#include <string>

#include "core/model.hpp"
#include "core/settings.hpp"

namespace jarida::render {

// The image's address for an <img src>: a site path ("/media/...") or an
// http(s) URL, percent-encoded where it must be; "" when the stored URL is
// neither (javascript:, data:, "//host/..."): no image rather than a risky one.
std::string image_src(const core::Media& m);

// The same, absolute (site paths get the base URL), for share metadata and
// feeds; "" when image_src is.
std::string image_url(const core::Media& m, const core::SiteSettings& site);

// Its MIME type: as stored, else by the file's extension (jpg, png, webp,
// gif, avif, svg), else application/octet-stream.
std::string image_type(const core::Media& m);

// The srcset of an uploaded image's WebP copies (core::Media::variants):
// "/media/a-400.webp 400w, /media/a-800.webp 800w, /media/a.webp 1600w",
// narrowest first, each URL as image_src makes it (a copy without a usable
// URL or width is left out; the image's own URL is added when no copy
// names it). "" when that leaves fewer than two: imported and remote
// images (no variants) keep a plain src, as before.
std::string image_srcset(const core::Media& m);

// `sizes` for an image across the article column of themes/default
// (site.css: the viewport less 28 px of padding below 900 px; beside the
// 300 px sidebar above, at most 788 px from 1140 px on), never wider than
// the image itself (the browser would otherwise enlarge a small one):
// "(min-width: 1140px) 788px, (min-width: 900px) calc(100vw - 352px),
// calc(100vw - 28px)". Use with image_srcset.
std::string article_image_sizes(const core::Media& m);

}  // namespace jarida::render
