// The media folder (DATA_DIR/media) over HTTP: GET/HEAD /media/<path>
// serves the images media::store_image wrote there. Unlike the theme's
// StaticFiles, files appear while the server runs (imports, uploads), so
// each request opens the file; the OS page cache keeps that cheap, and a
// front proxy may serve /media/ itself. A file at a given path never
// changes (store_image never overwrites), hence the year-long immutable
// caching. Tested in tests/integration/media_test.py.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "http/response.hpp"

namespace jarida::site {

// The Content-Type for a media file name, by its extension (case-insensitive),
// or "" for anything that is not an image type Jarida writes: webp, jpg/jpeg,
// png, gif, avif. Nothing else in the folder is ever served.
std::string_view media_content_type(std::string_view name);

class MediaFiles {
 public:
  // Bigger than anything store_image writes (a 1600 px WebP is well under
  // 1 MB): a stray huge file can't make each request hold it in memory.
  static constexpr std::uintmax_t kMaxFileBytes = 32u << 20;

  // `root` need not exist yet (the first import creates it); empty serves
  // nothing.
  explicit MediaFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // `name` is the decoded path below /media/ ("2024/03/صورة.webp"). Fills
  // `out` with a 200 (body, Content-Type, ETag, Last-Modified, Cache-Control,
  // nosniff and the other security headers) or a 304 when the validators
  // match, and returns true. Returns false, leaving `out` alone, when there
  // is nothing to serve: a name with an empty, '.'-led or hidden segment
  // ("..", ".git"), a type not in media_content_type, a symlink anywhere
  // below the root, a directory (no listings), anything not a regular file,
  // a file over kMaxFileBytes, or no such file.
  bool serve(std::string_view name, std::string_view if_none_match,
             std::string_view if_modified_since, http::Response& out) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace jarida::site
