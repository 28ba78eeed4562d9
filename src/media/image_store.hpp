// Images on disk: every imported picture goes through store_image, every
// upload through store_upload (upload.hpp); both sniff, decode with libvips
// and write fresh WebP under the media folder by one code path. The original bytes are never kept
// or served (DEPENDENCIES.md: libmagic calls a "GIF89a<script>" polyglot image/gif, so only a
// re-encoding is safe). Tested in tests/media/image_store_test.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace jarida::media {

struct StoredImage {
  std::string path;  // relative to the media root, '/'-separated: "2024/03/park-opening.webp"
  std::int64_t width = 0, height = 0;  // of the stored image, upright
  std::string mime;                    // always "image/webp"
};

// "<source path>: <reason>", e.g. "/tmp/a.svg: not an accepted image type (image/svg+xml)".
struct ImageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Limits on what is decoded at all, each with its reason.
inline constexpr std::uintmax_t kMaxSourceBytes = 30u << 20;  // a camera JPEG is 3-15 MB
// 50 MP (a 8660 x 5773 photo) decodes to 150 MB of RGB: more is a
// decompression bomb, not a news photo.
inline constexpr std::int64_t kMaxSourcePixels = 50'000'000;
inline constexpr int kWebpQuality = 82;  // visually clean, ~1/3 the bytes of the JPEG

// Sniffs `source` with libmagic and accepts only JPEG, PNG, GIF, WebP,
// AVIF and HEIC/HEIF whose content the matching libvips loader decodes
// (SVG, HTML, PDF, text and polyglots that don't decode are refused; no
// other libvips loader is ever used). Refuses files over kMaxSourceBytes and
// images over kMaxSourcePixels before decoding pixels, images whose height
// would pass WebP's 16383 px once shrunk, and truncated or corrupt ones.
// Turns the image upright by its EXIF orientation, shrinks it to at most
// `max_width` px wide keeping its aspect (never enlarges), converts it to
// sRGB and writes it as WebP (quality kWebpQuality, no metadata: EXIF, GPS,
// XMP and ICC are all dropped; GIFs keep their first frame) to
//   media_root/<wanted_dir>/<name>.webp
// `wanted_dir` ("2024/03") is made safe segment by segment, and <name>
// comes from `wanted_name` as text::slugify makes slugs (Arabic letters
// kept, a trailing image extension dropped, dots, slashes and other
// punctuation become '-', at most 200 bytes, "image" if nothing is left).
// A different file already at that name is never overwritten: "-2", "-3" ...
// are tried; a file with the same bytes is reused, so importing the same
// source twice gives the same path (the encoding is deterministic). Files
// appear atomically (written aside, then linked into place). Thread-safe.
// Throws ImageError.
StoredImage store_image(const std::filesystem::path& source,
                        const std::filesystem::path& media_root, std::string_view wanted_dir,
                        std::string_view wanted_name, int max_width = 1600);

// Starts libvips once per process (store_image and store_upload call it): one worker thread
// and no operation cache, so memory stays flat through a long import; only
// the loaders named above are enabled and libvips' own warnings are not
// printed (errors reach ImageError). Call it before using libvips directly.
// Throws ImageError if libvips can't start.
void init_libvips();

// The file name store_image would start from for `wanted_name`, without
// ".webp": "افتتاح الحديقة.JPG" -> "افتتاح-الحديقة", "../.." -> "image".
std::string safe_image_name(std::string_view wanted_name);

}  // namespace jarida::media
