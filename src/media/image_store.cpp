// Sniff, decode, re-encode, store: the only way an image reaches the media
// folder (image_store.hpp has the contract; tests/media/image_store_test.cpp
// pins it). The source is read into memory once, so libmagic and libvips
// look at the same bytes, and the libvips loader is chosen by us from the
// sniffed type, never by libvips from the content (Debian's libvips can
// also load SVG, PDF and anything ImageMagick reads).
#include "media/image_store.hpp"

#include <fcntl.h>
#include <magic.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vips/vips.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <system_error>

#include "text/slug.hpp"

namespace jarida::media {
namespace {

namespace fs = std::filesystem;

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
    Accepted{"image/avif", "VipsForeignLoadHeif", "VipsForeignLoadHeifBuffer"},
};

// Longest name before ".webp" and a "-NNNN" suffix: well under the 255-byte
// limit of a file name, Arabic letters being two bytes each.
constexpr std::size_t kMaxNameBytes = 200;
// Names tried before giving up ("name", "name-2" ... ).
constexpr int kMaxNameTries = 10000;
// Taller than any image: only the width bounds the thumbnail.
constexpr int kUnboundedHeight = 10'000'000;

[[noreturn]] void fail(const fs::path& source, std::string_view reason) {
  throw ImageError(source.string() + ": " + std::string(reason));
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
const char* sniff(const std::string& bytes, const fs::path& source) {
  struct Cookie {
    magic_t handle = nullptr;
    ~Cookie() {
      if (handle) magic_close(handle);
    }
  };
  thread_local Cookie cookie;
  if (!cookie.handle) {
    magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
    if (!m) fail(source, "libmagic could not start");
    if (magic_load(m, nullptr) != 0) {
      const std::string why = magic_error(m) ? magic_error(m) : "no database";
      magic_close(m);
      fail(source, "libmagic could not load its database (" + why + ")");
    }
    cookie.handle = m;
  }
  const char* mime = magic_buffer(cookie.handle, bytes.data(), bytes.size());
  return mime ? mime : "unknown";
}

std::string read_source(const fs::path& source) {
  std::error_code ec;
  const auto status = fs::status(source, ec);
  if (ec || !fs::exists(status)) fail(source, "no such file");
  if (!fs::is_regular_file(status)) fail(source, "not a regular file");
  const auto size = fs::file_size(source, ec);
  if (ec) fail(source, "cannot read its size (" + ec.message() + ")");
  auto too_big = [&] {
    fail(source, "file is over " + std::to_string(kMaxSourceBytes >> 20) + " MB");
  };
  if (size > kMaxSourceBytes) too_big();
  std::ifstream in(source, std::ios::binary);
  if (!in) fail(source, "cannot open it");
  std::string bytes(static_cast<std::size_t>(size) + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) fail(source, "read error");
  if (bytes.size() > kMaxSourceBytes) too_big();  // grew while we looked
  if (bytes.empty()) fail(source, "file is empty");
  return bytes;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence, and
// without leaving a '-' at the end.
void cut_utf8(std::string& s, std::size_t max) {
  if (s.size() > max) {
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s.resize(n);
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
}

// "2024/03" -> "2024/03"; "../../etc" -> "etc"; "/a//b/" -> "a/b".
std::string safe_dir(std::string_view wanted_dir) {
  std::string out;
  std::size_t start = 0;
  while (start <= wanted_dir.size()) {
    auto end = wanted_dir.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = wanted_dir.size();
    std::string segment = text::slugify(wanted_dir.substr(start, end - start));
    cut_utf8(segment, kMaxNameBytes);
    if (!segment.empty()) {
      if (!out.empty()) out.push_back('/');
      out.append(segment);
    }
    start = end + 1;
  }
  return out;
}

// True if `inner` is `outer` or below it (both canonical).
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i)
    if (i == inner.end() || *i != *o) return false;
  return true;
}

// The bytes of the regular file at `path` (not following a symlink) equal
// `bytes`.
bool same_file_content(const fs::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
              static_cast<std::uintmax_t>(st.st_size) == bytes.size();
  if (same) {
    std::string existing(bytes.size(), '\0');
    std::size_t got = 0;
    while (got < existing.size()) {
      const auto n = ::read(fd, existing.data() + got, existing.size() - got);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    same = got == bytes.size() && existing == bytes;
  }
  ::close(fd);
  return same;
}

// A hidden temporary file in `dir` (the media server never serves hidden
// files), removed unless it was linked into place and dropped.
class TempFile {
 public:
  TempFile(const fs::path& dir, const std::string& bytes, const fs::path& source) {
    std::string name = (dir / ".tmp-XXXXXX.webp").string();
    const int fd = ::mkstemps(name.data(), 5);
    if (fd < 0) fail(source, "cannot create a file in " + dir.string() + " (" + errno_text() + ")");
    path_ = name;
    std::size_t done = 0;
    while (done < bytes.size()) {
      const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const std::string why = errno_text();
        ::close(fd);
        ::unlink(path_.c_str());
        fail(source, "cannot write " + path_.string() + " (" + why + ")");
      }
      done += static_cast<std::size_t>(n);
    }
    ::fchmod(fd, 0644);  // mkstemps makes it 0600; the web server must read it
    if (::close(fd) != 0) {
      const std::string why = errno_text();
      ::unlink(path_.c_str());
      fail(source, "cannot write " + path_.string() + " (" + why + ")");
    }
  }
  ~TempFile() { ::unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return path_; }

  static std::string errno_text() { return std::strerror(errno); }

 private:
  fs::path path_;
};

// Drops the EXIF, XMP and ICC chunks from a WebP file and clears their
// flags in its VP8X header. libvips 8.14's webpsave ignores "strip" and
// always writes an EXIF chunk (orientation, resolution), so this is what
// guarantees the promise of no metadata. False if `webp` is not a RIFF WebP
// made of well-formed chunks.
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

}  // namespace

void init_libvips() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    if (VIPS_INIT("jarida") != 0) return;
    // One thread per pipeline and no cache of past operations: an import of
    // 100,000 posts runs at flat memory instead of growing with each image.
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    // Only our five loaders, and none that libvips marks as unsafe for
    // untrusted input (ImageMagick, PDF, SVG, ...).
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (const auto& a : kAccepted) vips_operation_block_set(a.loader_class, FALSE);
    // Loader warnings ("read gave 76 warnings") would flood an import's
    // output; a real failure comes back as an ImageError.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, drop_vips_warning, nullptr);
    ok = true;
  });
  if (!ok) throw ImageError("libvips could not start: " + vips_reason());
}

std::string safe_image_name(std::string_view wanted_name) {
  for (std::string_view ext : {".jpeg", ".jpg", ".png", ".gif", ".webp", ".avif"}) {
    if (ends_with_ci(wanted_name, ext)) {
      wanted_name.remove_suffix(ext.size());
      break;
    }
  }
  std::string name = text::slugify(wanted_name);
  cut_utf8(name, kMaxNameBytes);
  return name.empty() ? "image" : name;
}

StoredImage store_image(const fs::path& source, const fs::path& media_root,
                        std::string_view wanted_dir, std::string_view wanted_name, int max_width) {
  if (max_width < 1) fail(source, "max_width must be at least 1");
  init_libvips();
  vips_error_clear();  // a reason given below is this image's

  std::string bytes = read_source(source);
  const std::string mime = sniff(bytes, source);
  const Accepted* accepted = nullptr;
  for (const auto& a : kAccepted)
    if (a.mime == mime) accepted = &a;
  if (!accepted)
    fail(source, "not an accepted image type (" + mime + "; accepted: JPEG, PNG, GIF, WebP, AVIF)");
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (!loader || std::strcmp(loader, accepted->buffer_loader) != 0) {
    vips_error_clear();
    fail(source, "not a readable " + mime + " image (its content is something else)");
  }

  // The header alone (libvips reads pixels lazily): refuse a decompression
  // bomb before decoding any of it.
  VipsImage* raw = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "fail_on",
                                              VIPS_FAIL_ON_ERROR, nullptr);
  if (!raw) fail(source, "not a readable " + mime + " image (" + vips_reason() + ")");
  const ImagePtr header(raw);
  const std::int64_t src_w = vips_image_get_width(header.get());
  const std::int64_t src_h = vips_image_get_height(header.get());
  if (src_w < 1 || src_h < 1) fail(source, "image has no pixels");
  if (src_w * src_h > kMaxSourcePixels)
    fail(source, std::to_string(src_w) + "x" + std::to_string(src_h) + " is over " +
                     std::to_string(kMaxSourcePixels / 1'000'000) + " megapixels");

  // Upright (EXIF orientation), shrunk (JPEG and WebP shrink while
  // decoding), in sRGB, then encoded without any metadata. (libvips 8.14's
  // thumbnail ignores its own fail_on; the loader option string is obeyed,
  // and without it a truncated JPEG would come out padded with grey.)
  VipsImage* thumb_raw = nullptr;
  if (vips_thumbnail_buffer(bytes.data(), bytes.size(), &thumb_raw, max_width, "height",
                            kUnboundedHeight, "size", VIPS_SIZE_DOWN, "export_profile", "srgb",
                            "option_string", "fail_on=error", nullptr) != 0)
    fail(source, "cannot decode the image: " + vips_reason());
  const ImagePtr thumb(thumb_raw);
  void* out_raw = nullptr;
  std::size_t out_len = 0;
  if (vips_webpsave_buffer(thumb.get(), &out_raw, &out_len, "Q", kWebpQuality, "strip", TRUE,
                           nullptr) != 0)
    fail(source, "cannot decode the image: " + vips_reason());
  const std::unique_ptr<void, GFree> out_owner(out_raw);
  std::string webp(static_cast<const char*>(out_raw), out_len);
  if (!strip_webp_metadata(webp)) fail(source, "libvips wrote a WebP file we can't read back");

  StoredImage stored;
  stored.width = vips_image_get_width(thumb.get());
  stored.height = vips_image_get_height(thumb.get());
  stored.mime = "image/webp";

  // Into place: a new name, or the same bytes already there.
  const std::string dir_rel = safe_dir(wanted_dir);
  const fs::path dir = dir_rel.empty() ? media_root : media_root / dir_rel;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) fail(source, "cannot create " + dir.string() + " (" + ec.message() + ")");
  // A symlink inside the media folder must not lead the file outside it.
  const fs::path real_root = fs::canonical(media_root, ec);
  const fs::path real_dir = ec ? fs::path() : fs::canonical(dir, ec);
  if (ec || !is_within(real_dir, real_root))
    fail(source, dir.string() + " is not inside the media folder");

  const TempFile temp(dir, webp, source);
  const std::string base = safe_image_name(wanted_name);
  for (int n = 1; n <= kMaxNameTries; ++n) {
    const std::string file = (n == 1 ? base : base + "-" + std::to_string(n)) + ".webp";
    const fs::path target = dir / file;
    stored.path = dir_rel.empty() ? file : dir_rel + "/" + file;
    // link() never replaces an existing name: two writers can't collide.
    if (::link(temp.path().c_str(), target.c_str()) == 0) return stored;
    if (errno != EEXIST)
      fail(source, "cannot create " + target.string() + " (" + TempFile::errno_text() + ")");
    if (same_file_content(target, webp)) return stored;
  }
  fail(source, "every name from " + base + ".webp to " + base + "-" +
                   std::to_string(kMaxNameTries) + ".webp is taken in " + dir.string());
}

}  // namespace jarida::media
