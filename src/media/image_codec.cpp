// Sniff, check, decode, re-encode (image_codec.hpp has the contract). The
// libvips loader is chosen by us from the sniffed type, never by libvips
// from the content (Debian's libvips can also load SVG, PDF and anything
// ImageMagick reads), and libmagic and libvips look at the same bytes.
// Bytes, not a file: an upload arrives in memory, the importer reads its
// file into memory once (30 MB at most), and a refused image then leaves no
// temporary file behind to clean up.
#include "media/image_codec.hpp"

#include <magic.h>
#include <vips/vips.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>

namespace jarida::media {
namespace {

// The types we accept and the one libvips loader allowed to read each. The
// loader must also be the one libvips itself would pick for the bytes: a
// file that sniffs as GIF but isn't one for libgif/nsgif is refused.
struct Accepted {
  std::string_view mime;
  const char* loader_class;  // blocked/unblocked as a family (file, buffer, source)
  const char* buffer_loader;
};
constexpr std::array kAccepted{
    Accepted{"image/jpeg", "VipsForeignLoadJpeg", "VipsForeignLoadJpegBuffer"},
    Accepted{"image/png", "VipsForeignLoadPng", "VipsForeignLoadPngBuffer"},
    Accepted{"image/gif", "VipsForeignLoadNsgif", "VipsForeignLoadNsgifBuffer"},
    Accepted{"image/webp", "VipsForeignLoadWebp", "VipsForeignLoadWebpBuffer"},
    // AVIF and HEIC/HEIF: libheif with its AV1 (dav1d/aom) and HEVC
    // (libde265) decoders. A build without a decoder fails at the header,
    // and the image is refused as unreadable.
    Accepted{"image/avif", "VipsForeignLoadHeif", "VipsForeignLoadHeifBuffer"},
    Accepted{"image/heic", "VipsForeignLoadHeif", "VipsForeignLoadHeifBuffer"},
    Accepted{"image/heif", "VipsForeignLoadHeif", "VipsForeignLoadHeifBuffer"},
};

// Taller than any image: only the width bounds the thumbnail.
constexpr int kUnboundedHeight = 10'000'000;

[[noreturn]] void refuse(UploadProblem problem, std::string reason, std::string mime = {}) {
  throw codec::Refused{problem, std::move(reason), std::move(mime)};
}

// libvips' error text, taken (and cleared) for this failure, on one line.
std::string vips_reason() {
  char* raw = vips_error_buffer_copy();
  std::string text = raw ? raw : "";
  g_free(raw);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (std::size_t pos = 0; (pos = text.find('\n', pos)) != std::string::npos;)
    text.replace(pos, 1, "; ");
  return text.empty() ? "libvips gave no reason" : text;
}

struct ImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePtr = std::unique_ptr<VipsImage, ImageUnref>;

struct GFree {
  void operator()(void* p) const { g_free(p); }
};

void drop_vips_warning(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

// One libmagic handle per thread: a magic_t must not be shared between
// threads, and loading its database costs more than one sniff.
std::string sniff(std::string_view bytes) {
  struct Cookie {
    magic_t handle = nullptr;
    ~Cookie() {
      if (handle) magic_close(handle);
    }
  };
  thread_local Cookie cookie;
  if (!cookie.handle) {
    magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
    if (!m) refuse(UploadProblem::not_saved, "libmagic could not start");
    if (magic_load(m, nullptr) != 0) {
      const std::string why = magic_error(m) ? magic_error(m) : "no database";
      magic_close(m);
      refuse(UploadProblem::not_saved, "libmagic could not load its database (" + why + ")");
    }
    cookie.handle = m;
  }
  const char* mime = magic_buffer(cookie.handle, bytes.data(), bytes.size());
  return mime ? mime : "unknown";
}

std::string dimensions(std::int64_t w, std::int64_t h) {
  return std::to_string(w) + "x" + std::to_string(h);
}

// Encodes `image` as WebP without metadata.
codec::Encoded save_webp(VipsImage* image, const std::string& mime) {
  void* out_raw = nullptr;
  std::size_t out_len = 0;
  if (vips_webpsave_buffer(image, &out_raw, &out_len, "Q", kWebpQuality, "strip", TRUE, nullptr) !=
      0)
    refuse(UploadProblem::damaged, "cannot decode the image: " + vips_reason(), mime);
  const std::unique_ptr<void, GFree> owner(out_raw);
  codec::Encoded out;
  out.webp.assign(static_cast<const char*>(out_raw), out_len);
  if (!codec::strip_webp_metadata(out.webp))
    refuse(UploadProblem::not_saved, "libvips wrote a WebP file we can't read back", mime);
  out.width = vips_image_get_width(image);
  out.height = vips_image_get_height(image);
  return out;
}

}  // namespace

void init_libvips() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    if (VIPS_INIT("jarida") != 0) return;
    // One thread per pipeline and no cache of past operations: an import of
    // 100,000 posts runs at flat memory instead of growing with each image,
    // and uploads leave the server's other threads their cores.
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    // Only our loaders, and none that libvips marks as unsafe for untrusted
    // input (ImageMagick, PDF, SVG, ...).
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (const auto& a : kAccepted) vips_operation_block_set(a.loader_class, FALSE);
    // Loader warnings ("read gave 76 warnings") would flood an import's
    // output; a real failure comes back as an error.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, drop_vips_warning, nullptr);
    ok = true;
  });
  if (!ok) throw ImageError("libvips could not start: " + vips_reason());
}

namespace codec {

Checked check_image(std::string_view bytes) {
  init_libvips();
  vips_error_clear();  // a reason given below is this image's
  if (bytes.empty()) refuse(UploadProblem::empty, "file is empty");

  Checked out;
  out.mime = sniff(bytes);
  const Accepted* accepted = nullptr;
  for (const auto& a : kAccepted)
    if (a.mime == out.mime) accepted = &a;
  if (!accepted)
    refuse(
        out.mime == "image/svg+xml" ? UploadProblem::svg : UploadProblem::not_an_image,
        "not an accepted image type (" + out.mime + "; accepted: JPEG, PNG, GIF, WebP, AVIF, HEIC)",
        out.mime);
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (!loader || std::strcmp(loader, accepted->buffer_loader) != 0) {
    vips_error_clear();
    refuse(UploadProblem::not_what_it_claims,
           "not a readable " + out.mime + " image (its content is something else)", out.mime);
  }

  // The header alone (libvips reads pixels lazily): refuse a decompression
  // bomb before decoding any of it.
  VipsImage* raw = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "fail_on",
                                              VIPS_FAIL_ON_ERROR, nullptr);
  // (Its own magic bytes and nothing readable after them: a polyglot such
  // as "GIF89a<script>", or a file cut short in its header.)
  if (!raw)
    refuse(UploadProblem::not_what_it_claims,
           "not a readable " + out.mime + " image (" + vips_reason() + ")", out.mime);
  const ImagePtr header(raw);
  const std::int64_t w = vips_image_get_width(header.get());
  const std::int64_t h = vips_image_get_height(header.get());
  if (w < 1 || h < 1) refuse(UploadProblem::damaged, "image has no pixels", out.mime);
  if (w * h > kMaxSourcePixels)
    refuse(UploadProblem::too_many_pixels,
           dimensions(w, h) + " is over " + std::to_string(kMaxSourcePixels / 1'000'000) +
               " megapixels",
           out.mime);
  // Orientations 5-8 turn the image a quarter: its sides swap.
  const bool turned = vips_image_get_orientation_swap(header.get());
  out.width = turned ? h : w;
  out.height = turned ? w : h;
  out.needs_colour_conversion =
      vips_image_get_typeof(header.get(), VIPS_META_ICC_NAME) != 0 ||
      vips_image_get_interpretation(header.get()) == VIPS_INTERPRETATION_CMYK;
  return out;
}

std::vector<Encoded> encode_webp(std::string_view bytes, const Checked& checked, int max_width,
                                 std::span<const int> smaller_widths) {
  init_libvips();
  vips_error_clear();
  const std::int64_t out_w = std::min<std::int64_t>(checked.width, max_width);
  const auto out_h = static_cast<std::int64_t>(
      std::llround(static_cast<double>(checked.height) * out_w / checked.width));
  if (out_w > kWebpMaxSide || out_h > kWebpMaxSide)
    refuse(UploadProblem::too_long,
           dimensions(checked.width, checked.height) + " would be " + dimensions(out_w, out_h) +
               ", over WebP's " + std::to_string(kWebpMaxSide) + " px",
           checked.mime);

  // Upright (EXIF orientation), shrunk (JPEG and WebP shrink while
  // decoding), in sRGB. (libvips 8.14's thumbnail ignores its own fail_on;
  // the loader option string is obeyed, and without it a truncated JPEG
  // would come out padded with grey.) Only an image with a profile, or a
  // CMYK one, is converted: given export_profile, 8.14 also "converts" an
  // image without one, from a fallback sRGB that isn't quite its own, and
  // shifts its colours (200,30,30 red becomes 196,14,23; grey turns blue).
  void* const data = const_cast<char*>(bytes.data());
  VipsImage* thumb_raw = nullptr;
  const int failed =
      checked.needs_colour_conversion
          ? vips_thumbnail_buffer(data, bytes.size(), &thumb_raw, max_width, "height",
                                  kUnboundedHeight, "size", VIPS_SIZE_DOWN, "export_profile",
                                  "srgb", "option_string", "fail_on=error", nullptr)
          : vips_thumbnail_buffer(data, bytes.size(), &thumb_raw, max_width, "height",
                                  kUnboundedHeight, "size", VIPS_SIZE_DOWN, "option_string",
                                  "fail_on=error", nullptr);
  if (failed != 0)
    refuse(UploadProblem::damaged, "cannot decode the image: " + vips_reason(), checked.mime);
  ImagePtr largest(thumb_raw);

  std::vector<Encoded> out;
  if (!smaller_widths.empty()) {
    // Decoded once, into memory; the smaller copies are made from it.
    VipsImage* memory_raw = vips_image_copy_memory(largest.get());
    if (!memory_raw)
      refuse(UploadProblem::damaged, "cannot decode the image: " + vips_reason(), checked.mime);
    largest.reset(memory_raw);
    // Its pixels are sRGB now: the profile must not be applied again.
    vips_image_remove(largest.get(), VIPS_META_ICC_NAME);
    const int width = vips_image_get_width(largest.get());
    for (const int w : smaller_widths) {
      if (w >= width) break;
      VipsImage* small_raw = nullptr;
      if (vips_thumbnail_image(largest.get(), &small_raw, w, "height", kUnboundedHeight, "size",
                               VIPS_SIZE_DOWN, "no_rotate", TRUE, nullptr) != 0)
        refuse(UploadProblem::damaged, "cannot resize the image: " + vips_reason(), checked.mime);
      const ImagePtr small(small_raw);
      out.push_back(save_webp(small.get(), checked.mime));
    }
  }
  out.push_back(save_webp(largest.get(), checked.mime));
  return out;
}

bool strip_webp_metadata(std::string& webp) {
  auto le32 = [&](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(webp[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(webp[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(webp[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(webp[at + 3])) << 24;
  };
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0)
    return false;
  constexpr unsigned char kIccFlag = 0x20, kExifFlag = 0x08, kXmpFlag = 0x04;
  std::string out = webp.substr(0, 12);
  for (std::size_t at = 12; at < webp.size();) {
    if (webp.size() - at < 8) return false;
    const std::string_view fourcc(webp.data() + at, 4);
    const std::size_t size = le32(at + 4);
    const std::size_t padded = size + (size & 1);
    if (webp.size() - at - 8 < size) return false;
    const std::size_t end = std::min(webp.size(), at + 8 + padded);
    if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP") {
      const std::size_t kept = out.size();
      out.append(webp, at, end - at);
      if (fourcc == "VP8X" && size >= 1)
        out[kept + 8] = static_cast<char>(static_cast<unsigned char>(out[kept + 8]) &
                                          ~(kIccFlag | kExifFlag | kXmpFlag));
    }
    at = end;
  }
  const auto riff_size = static_cast<std::uint32_t>(out.size() - 8);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>((riff_size >> (8 * i)) & 0xff);
  webp = std::move(out);
  return true;
}

}  // namespace codec
}  // namespace jarida::media
