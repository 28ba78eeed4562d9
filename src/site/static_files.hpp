// The theme's static files (CSS, JS, fonts), loaded into memory at start-up
// with a gzip copy for text types. Only files present at start-up can be
// served, so a request can never reach outside the theme folder.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>

#include "http/response.hpp"
#include "http/spliced_body.hpp"

namespace jarida::site {

class StaticFiles {
 public:
  explicit StaticFiles(const std::filesystem::path& dir);
  // False if there is no such file.
  bool serve(const std::string& name, bool gzip_ok, std::string_view if_none_match,
             http::Response& out) const;
  std::size_t count() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string etag;
    std::string identity;
    std::string gzip;  // empty for already-compressed types (fonts)
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace jarida::site
