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

}  // namespace jarida::render
