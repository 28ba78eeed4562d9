// Imported pictures into the media folder (image_store.hpp has the
// contract; tests/media/image_store_test.cpp pins it): the file is read
// into memory once, then goes through the same checks, decoder and
// placement as an upload (image_codec.hpp, media_files.hpp), with the
// English reasons the importer prints.
#include "media/image_store.hpp"

#include <fstream>
#include <system_error>

#include "media/image_codec.hpp"
#include "media/media_files.hpp"

namespace jarida::media {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& source, std::string_view reason) {
  throw ImageError(source.string() + ": " + std::string(reason));
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

}  // namespace

StoredImage store_image(const fs::path& source, const fs::path& media_root,
                        std::string_view wanted_dir, std::string_view wanted_name, int max_width) {
  if (max_width < 1) fail(source, "max_width must be at least 1");
  init_libvips();
  const std::string bytes = read_source(source);
  try {
    const codec::Checked checked = codec::check_image(bytes);
    const codec::Encoded webp = codec::encode_webp(bytes, checked, max_width).back();
    const files::NamedBytes file{"", webp.webp};
    StoredImage stored;
    stored.path = files::place(media_root, wanted_dir, wanted_name, {&file, 1}).front();
    stored.width = webp.width;
    stored.height = webp.height;
    stored.mime = "image/webp";
    return stored;
  } catch (const codec::Refused& r) {
    fail(source, r.reason);
  }
}

}  // namespace jarida::media
