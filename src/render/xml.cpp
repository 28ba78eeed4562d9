#include "render/xml.hpp"

#include "http/target.hpp"
#include "render/slots.hpp"
#include "text/utf8.hpp"

namespace jarida::render {

std::string xml_escape(const std::string& s) {
  std::string clean;
  clean.reserve(s.size());
  for (char c : strip_slot_bytes(s)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\t' && c != '\r') continue;
    clean += c;
  }
  return text::html_escape(clean);
}

std::string xml_url(const core::SiteSettings& site, const std::string& path) {
  const auto hash = path.find('#');
  std::string url = site.base_url + http::encode_path(path.substr(0, hash));
  if (hash != std::string::npos) url += path.substr(hash);
  return xml_escape(url);
}

}  // namespace jarida::render
