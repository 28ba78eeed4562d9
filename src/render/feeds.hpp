// RSS 2.0 and Atom feeds (issue 7, "Feeds, sitemaps, robots"): the latest
// articles of the site, a category or a tag, and the latest comments. XML
// written from escaped values; the body goes in as escaped HTML, which feed
// readers unescape (no CDATA section to break out of). A featured image
// travels as an RSS <enclosure> and an Atom rel="enclosure" link.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/settings.hpp"

namespace jarida::render {

struct FeedItem {
  std::string title;
  std::string path;  // decoded site path, "#fragment" allowed
  core::TimePoint published{};
  std::string author;
  std::string category;              // "" for none
  std::string summary;               // plain text
  std::string html;                  // the full text, "" for summary only
  std::optional<core::Media> image;  // the featured image, if any
};

struct FeedChannel {
  std::string title;
  std::string path;       // the page the feed is about ("/", "/category/x/")
  std::string feed_path;  // the feed itself
  std::string description;
};

std::string rss(const FeedChannel& channel, const std::vector<FeedItem>& items,
                const core::SiteSettings& site);
std::string atom(const FeedChannel& channel, const std::vector<FeedItem>& items,
                 const core::SiteSettings& site);

// "Wed, 25 Nov 2026 20:38:22 +0000" (RSS 2.0 dates, RFC 822 with a 4-digit year).
std::string rfc822(core::TimePoint t);

}  // namespace jarida::render
