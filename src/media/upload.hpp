// Images uploaded from the newsroom (issue 6, "Media"): the bytes of one
// uploaded file become WebP copies at a few widths, for srcset, under the
// media folder; the original bytes are never kept or served. A refused
// upload says why in one Arabic sentence an editor can act on, and leaves
// nothing on disk. Shares its checks and its decoder with store_image
// (image_codec.hpp, media_files.hpp). Tested in tests/media/upload_test.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "media/image_store.hpp"

namespace jarida::media {

// The most an upload may weigh (issue 6: "≤ 20 MB"): a 24 MP camera JPEG is
// about 12 MB and a phone's HEIC 2-4 MB, so more is a RAW or TIFF export (or
// not a photo), and the whole file is held in memory while it is checked.
inline constexpr std::size_t kMaxUploadBytes = 20u << 20;

// The widths (px) of an upload's WebP copies, narrowest first, for srcset:
// a phone (400), a phone at 2x or the article column (800), a wide screen
// at 2x (1600). The last is also the widest copy kept.
inline constexpr std::array<int, 3> kUploadWidths{400, 800, 1600};

// Why an upload was refused. All but not_saved are the file's fault (an
// HTTP 4xx); not_saved is the server's (disk full, permissions: a 5xx).
enum class UploadProblem {
  empty,               // no bytes at all
  too_large,           // over kMaxUploadBytes
  not_an_image,        // libmagic: not an accepted type (PHP, HTML, PDF, text, TIFF ...)
  svg,                 // an SVG (it can carry script)
  not_what_it_claims,  // sniffed as an accepted type, but its header doesn't decode
                       // ("GIF89a<script>...", a PHP file behind JPEG magic bytes)
  damaged,             // the header decodes, the pixels don't: truncated or corrupt
  too_many_pixels,     // the header says more than kMaxSourcePixels
  too_long,            // a side over WebP's 16383 px once 1600 px wide
  not_saved,           // the media folder could not be written
};

// The editor-facing sentence for `problem`, e.g. for not_an_image and
// "text/x-php": «الملف ليس صورة مقبولة (PHP). الصيغ المقبولة: JPEG وPNG
// وWebP وGIF وAVIF وHEIC.» `mime` is what libmagic saw ("" if unknown).
std::string upload_problem_text(UploadProblem problem, std::string_view mime = {});

// what() is upload_problem_text(problem, mime): Arabic, safe to show (after
// HTML escaping, like any text). `detail` is the English reason, for the log.
struct UploadError : ImageError {
  UploadError(UploadProblem problem, std::string mime, std::string detail);
  UploadProblem problem;
  std::string mime;    // as sniffed, "" when not reached
  std::string detail;  // e.g. "8000x7000 is over 50 megapixels"
};

struct UploadedImage {
  StoredImage largest;  // <name>.webp: at most 1600 px wide
  // Every copy, narrowest first, each at most as wide as the image:
  // 400, 800 and 1600 for a large photo; 400, 800 and 900 for one 900 px
  // wide; only the largest for one 400 px wide or less. back() is `largest`.
  std::vector<StoredImage> variants;
};

// Checks `bytes` (the uploaded file) and stores its WebP copies:
//  - refuses (UploadError, nothing written) empty input, more than
//    kMaxUploadBytes, anything libmagic does not call JPEG, PNG, GIF, WebP,
//    AVIF or HEIC/HEIF (a PHP file named .jpg, SVG, HTML, PDF ...), content
//    the matching libvips loader does not recognise ("GIF89a<script>..."),
//    headers of more than kMaxSourcePixels (checked before any pixel is
//    decoded), and truncated or corrupt images;
//  - decodes once (JPEG and WebP shrink while decoding), upright by EXIF
//    orientation, in sRGB, to at most 1600 px wide, never enlarged; GIFs
//    keep their first frame; a polyglot that decodes (a GIF with a script
//    appended) comes out as a clean WebP without the script;
//  - writes, with no metadata (EXIF, GPS, XMP, ICC all dropped), at
//    quality kWebpQuality, into media_root/<wanted_dir>/:
//      <name>.webp (the largest), <name>-400.webp, <name>-800.webp
//    where <name> is safe_image_name(wanted_name). If any of these names
//    holds different bytes, the whole set moves to <name>-2 ("-2.webp",
//    "-2-400.webp" ...), -3 ...; a name holding the same bytes is reused.
//    Files appear atomically (written aside, then linked into place; never
//    replacing anything). `wanted_dir` is made safe as in store_image.
// Thread-safe. Paths in the result are relative to media_root, '/'-separated.
UploadedImage store_upload(std::string_view bytes, const std::filesystem::path& media_root,
                           std::string_view wanted_dir, std::string_view wanted_name);

}  // namespace jarida::media
