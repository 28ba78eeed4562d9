// What a page tells the sites it is shared on and the search engines that
// read it (issue 7, "Share metadata"): OpenGraph and Twitter card tags and
// JSON-LD NewsArticle for an article; JSON-LD WebSite with the site search
// (SearchAction) for the home page and lists. HTML for <head>, every value
// escaped. Images (og:image, the publisher's logo) come with media.
#pragma once

#include <string>

#include "core/model.hpp"
#include "core/settings.hpp"

namespace jarida::render {

std::string article_share_head(const core::Article& a, const core::SiteSettings& site);
std::string site_share_head(const core::SiteSettings& site);

// JSON for a <script type="application/ld+json"> block: every "<" written
// as \u003c, so no value can close the script element.
std::string json_for_script(const std::string& json);

}  // namespace jarida::render
