// Bytes in, clean WebP out: the one code path by which store_image (a file,
// for the WordPress importer) and store_upload (bytes from the newsroom)
// check, decode and re-encode an image. Nothing here touches the disk
// (media_files.hpp does). Internal to media/; the contracts callers rely on
// are in image_store.hpp and upload.hpp, pinned by tests/media/.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "media/upload.hpp"

namespace jarida::media::codec {

// Why bytes were refused: the kind (for the newsroom's Arabic message), an
// English reason (for the importer's output and the server log) and the
// type libmagic saw ("" before sniffing).
struct Refused {
  UploadProblem problem;
  std::string reason;
  std::string mime;
};

// WebP can't hold a side longer than this (libwebp's WEBP_MAX_DIMENSION).
inline constexpr std::int64_t kWebpMaxSide = 16383;

// What check_image learned from the header, without decoding pixels.
struct Checked {
  std::string mime;                    // as sniffed: "image/jpeg", "image/heic" ...
  std::int64_t width = 0, height = 0;  // upright (EXIF orientation applied)
  // It carries an ICC profile (Display P3 from a phone, Adobe RGB), or is
  // CMYK: its pixels must be converted to sRGB. Others are sRGB already.
  bool needs_colour_conversion = false;
};

// Sniffs `bytes` with libmagic, accepts only JPEG, PNG, GIF, WebP, AVIF and
// HEIC/HEIF whose content is what the matching libvips loader (and no other
// one) recognises, reads the header and refuses images over
// kMaxSourcePixels. Throws Refused.
Checked check_image(std::string_view bytes);

struct Encoded {
  std::int64_t width = 0, height = 0;
  std::string webp;  // RIFF WebP without EXIF, XMP or ICC chunks
};

// Decodes `bytes` (already check_image'd) once, upright, in sRGB, shrunk to
// at most `max_width` px wide (never enlarged), and encodes it as WebP
// (quality kWebpQuality, no metadata); then, from that decoded copy, one
// WebP per width of `smaller_widths` (ascending) that is narrower than it.
// Returns those smaller copies narrowest first, then the largest (so
// back() is always the largest). Throws Refused (truncated or corrupt
// pixels, or a side over kWebpMaxSide after shrinking).
std::vector<Encoded> encode_webp(std::string_view bytes, const Checked& checked, int max_width,
                                 std::span<const int> smaller_widths = {});

// Drops the EXIF, XMP and ICC chunks from a WebP file and clears their flags
// in its VP8X header; false if `webp` is not a RIFF WebP made of well-formed
// chunks. (libvips 8.14's webpsave ignores "strip".)
bool strip_webp_metadata(std::string& webp);

}  // namespace jarida::media::codec
