#include "render/images.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

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

std::string image_srcset(const core::Media& m) {
  std::vector<std::pair<std::int64_t, std::string>> candidates;  // width, URL
  bool lists_itself = false;
  auto add = [&](std::int64_t width, std::string_view url) {
    if (width <= 0) return;
    core::Media one;
    one.url = std::string(url);
    std::string src = image_src(one);
    if (src.empty()) return;
    // A comma ends a candidate's URL only at its end; none is left there.
    for (std::size_t at = 0; (at = src.find(',', at)) != std::string::npos;)
      src.replace(at, 1, "%2C");
    for (const auto& c : candidates)
      if (c.first == width) return;  // one candidate per width
    candidates.emplace_back(width, std::move(src));
  };
  for (const auto& v : m.variants) {
    if (v.url == m.url) lists_itself = true;
    add(v.width, v.url);
  }
  if (!lists_itself) add(m.width, m.url);
  if (candidates.size() < 2) return {};
  std::sort(candidates.begin(), candidates.end());
  std::string out;
  for (const auto& [width, url] : candidates) {
    if (!out.empty()) out += ", ";
    out += url;
    out += ' ';
    out += std::to_string(width);
    out += 'w';
  }
  return out;
}

std::string article_image_sizes(const core::Media& m) {
  // The column's width at each viewport width (themes/default/static/site.css).
  constexpr std::int64_t kWidestColumn = 788;
  std::int64_t widest = 0;
  for (const auto& v : m.variants) widest = std::max(widest, v.width);
  widest = std::max(widest, m.width);
  if (widest <= 0 || widest >= kWidestColumn)
    return "(min-width: 1140px) 788px, (min-width: 900px) calc(100vw - 352px), calc(100vw - "
           "28px)";
  const std::string px = std::to_string(widest) + "px";
  return "(min-width: 1140px) " + px + ", (min-width: 900px) min(" + px + ", 100vw - 352px), min(" +
         px + ", 100vw - 28px)";
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
