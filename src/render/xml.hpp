// Writing XML (feeds, sitemaps) from our own strings.
#pragma once

#include <string>

#include "core/settings.hpp"

namespace jarida::render {

// Escaped for XML text and attributes; the control characters XML 1.0
// forbids (slot marker bytes among them) are dropped.
std::string xml_escape(const std::string& s);

// base_url + the percent-encoded path (a "#fragment" is kept as is), escaped.
std::string xml_url(const core::SiteSettings& site, const std::string& path);

}  // namespace jarida::render
