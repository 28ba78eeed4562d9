// What a page tells the sites it is shared on and the search engines that
// read it (issue 7, "Share metadata"): OpenGraph and Twitter card tags and
// JSON-LD NewsArticle for an article; JSON-LD WebSite with the site search
// (SearchAction) for the home page and lists. HTML for <head>, every value
// escaped. The featured image becomes og:image (with its size and alt), a
// large Twitter card and the NewsArticle's image; the theme's logo is the
// publisher's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/model.hpp"
#include "core/settings.hpp"

namespace jarida::render {

// The publisher's logo in JSON-LD: a raster image (search engines don't
// take SVG there) with its size in pixels.
struct PublisherLogo {
  std::string url;  // absolute
  std::int64_t width = 0;
  std::int64_t height = 0;
};

std::string article_share_head(const core::Article& a, const core::SiteSettings& site,
                               const std::optional<PublisherLogo>& logo = std::nullopt);
std::string site_share_head(const core::SiteSettings& site);

// JSON for a <script type="application/ld+json"> block: every "<" written
// as \u003c, so no value can close the script element.
std::string json_for_script(const std::string& json);

}  // namespace jarida::render
