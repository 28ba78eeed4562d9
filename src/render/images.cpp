#include "render/images.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "http/target.hpp"

namespace jarida::render {

namespace {

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string image_src(const core::Media& m) {
  const std::string_view url = m.url;
  const bool site_path = url.starts_with('/') && !url.starts_with("//");
  const bool remote =
      starts_with_ignoring_case(url, "https://") || starts_with_ignoring_case(url, "http://");
  if (!site_path && !remote) return {};
  return http::encode_uri(url);
}

std::string image_url(const core::Media& m, const core::SiteSettings& site) {
  std::string src = image_src(m);
  if (src.starts_with('/')) src.insert(0, site.base_url);
  return src;
}

std::string image_type(const core::Media& m) {
  if (!m.mime.empty()) return m.mime;
  std::string_view path = m.url;
  path = path.substr(0, path.find_first_of("?#"));
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos)
    return "application/octet-stream";
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kTypes{{
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"png", "image/png"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"avif", "image/avif"},
      {"svg", "image/svg+xml"},
  }};
  for (const auto& [e, type] : kTypes)
    if (ext == e) return std::string(type);
  return "application/octet-stream";
}

}  // namespace jarida::render
