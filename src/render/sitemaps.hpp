// Sitemaps and robots.txt (issue 7, "Feeds, sitemaps, robots"): what search
// engines read to find every article. XML built by hand from escaped values
// (the shapes are fixed and small; no XML library is needed to write them).
#pragma once

#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/settings.hpp"

namespace jarida::render {

struct SitemapEntry {
  std::string path;  // decoded site path ("/2026/11/خبر/")
  core::TimePoint lastmod{};
};

// <sitemapindex>: one <sitemap> per entry (paths of the sitemaps).
std::string sitemap_index(const std::vector<SitemapEntry>& sitemaps,
                          const core::SiteSettings& site);
// <urlset>: one <url> per entry.
std::string sitemap(const std::vector<SitemapEntry>& urls, const core::SiteSettings& site);
// Google News sitemap: the given articles (the caller picks the last 48 hours).
std::string news_sitemap(const std::vector<core::ArticleSummary>& articles,
                         const core::SiteSettings& site);
// Lets robots in, keeps them out of search results and the API, and names
// the sitemaps.
std::string robots_txt(const core::SiteSettings& site);

}  // namespace jarida::render
