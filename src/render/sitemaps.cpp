#include "render/sitemaps.hpp"

#include "render/xml.hpp"
#include "text/dates.hpp"

namespace jarida::render {

namespace {

constexpr const char* kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

}  // namespace

std::string sitemap_index(const std::vector<SitemapEntry>& sitemaps,
                          const core::SiteSettings& site) {
  std::string out = kXmlHead;
  out += "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& s : sitemaps) {
    out += "<sitemap><loc>" + xml_url(site, s.path) + "</loc><lastmod>" + text::iso8601(s.lastmod) +
           "</lastmod></sitemap>\n";
  }
  out += "</sitemapindex>\n";
  return out;
}

std::string sitemap(const std::vector<SitemapEntry>& urls, const core::SiteSettings& site) {
  std::string out = kXmlHead;
  out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& u : urls) {
    out += "<url><loc>" + xml_url(site, u.path) + "</loc>";
    if (u.lastmod != core::TimePoint{})
      out += "<lastmod>" + text::iso8601(u.lastmod) + "</lastmod>";
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

std::string news_sitemap(const std::vector<core::ArticleSummary>& articles,
                         const core::SiteSettings& site) {
  std::string out = kXmlHead;
  out +=
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
  for (const auto& a : articles) {
    out += "<url><loc>" + xml_url(site, core::article_path(a)) + "</loc><news:news>";
    out += "<news:publication><news:name>" + xml_escape(site.site_name) +
           "</news:name><news:language>ar</news:language></news:publication>";
    out += "<news:publication_date>" + text::iso8601(a.published_at) +
           "</news:publication_date><news:title>" + xml_escape(a.title) + "</news:title>";
    out += "</news:news></url>\n";
  }
  out += "</urlset>\n";
  return out;
}

std::string robots_txt(const core::SiteSettings& site) {
  return "User-agent: *\n"
         "Disallow: /search\n"
         "Disallow: /api/\n"
         "\n"
         "Sitemap: " +
         site.base_url + "/sitemap.xml\n" + "Sitemap: " + site.base_url + "/news-sitemap.xml\n";
}

}  // namespace jarida::render
