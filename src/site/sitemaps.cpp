// /robots.txt, /sitemap.xml (an index), /sitemaps/articles-N.xml (10,000
// articles each, newest first), /sitemaps/site.xml (home and categories) and
// /news-sitemap.xml (the last 48 hours): cached like pages, dropped with
// them when content changes.
#include "render/sitemaps.hpp"
#include "site/site.hpp"
#include "text/digits.hpp"

namespace jarida::site {

namespace {

constexpr std::int64_t kArticlesPerSitemap = 10000;  // the protocol allows 50,000
constexpr std::int64_t kNewsMax = 1000;              // Google News reads up to 1,000
constexpr auto kNewsWindow = std::chrono::hours(48);
constexpr const char* kXml = "application/xml; charset=utf-8";

}  // namespace

std::shared_ptr<CachedPage> Site::robots(const http::Params&) {
  auto page = finish(render::robots_txt(renderer().settings()), {});
  page->content_type = "text/plain; charset=utf-8";
  return page;
}

std::shared_ptr<CachedPage> Site::sitemap_index(const http::Params&) {
  std::vector<render::SitemapEntry> maps;
  const auto first = store_.published_articles({}, 0, 1);
  maps.push_back({"/sitemaps/site.xml",
                  first.items.empty() ? core::now_seconds() : first.items.front().published_at});
  for (std::int64_t n = 0; n * kArticlesPerSitemap < first.total; ++n) {
    // A chunk's newest article dates the chunk (lists are newest first).
    const auto head = store_.published_articles({}, n * kArticlesPerSitemap, 1);
    if (head.items.empty()) break;
    maps.push_back(
        {"/sitemaps/articles-" + std::to_string(n + 1) + ".xml", head.items.front().published_at});
  }
  auto page = finish(render::sitemap_index(maps, renderer().settings()), {});
  page->content_type = kXml;
  return page;
}

std::shared_ptr<CachedPage> Site::sitemap_file(const http::Params& p) {
  const std::string_view file = p.get("file");
  std::vector<render::SitemapEntry> urls;
  if (file == "site.xml") {
    urls.push_back({"/", {}});
    for (const auto& c : store_.categories()) urls.push_back({"/category/" + c.slug + "/", {}});
  } else {
    // articles-N.xml, N from 1, no leading zero.
    constexpr std::string_view prefix = "articles-", suffix = ".xml";
    if (!file.starts_with(prefix) || !file.ends_with(suffix)) return nullptr;
    const std::string_view digits =
        file.substr(prefix.size(), file.size() - prefix.size() - suffix.size());
    const auto n = text::parse_positive_int(digits);
    if (!n || digits.front() == '0' || *n > 100000) return nullptr;
    const auto chunk =
        store_.published_articles({}, (*n - 1) * kArticlesPerSitemap, kArticlesPerSitemap);
    if (chunk.items.empty()) return nullptr;
    for (const auto& a : chunk.items) urls.push_back({core::article_path(a), a.published_at});
  }
  auto page = finish(render::sitemap(urls, renderer().settings()), {});
  page->content_type = kXml;
  return page;
}

std::shared_ptr<CachedPage> Site::news_sitemap(const http::Params&) {
  const core::TimePoint since = core::now_seconds() - kNewsWindow;
  std::vector<core::ArticleSummary> recent;
  for (auto& a : store_.published_articles({}, 0, kNewsMax).items) {
    if (a.published_at < since) break;  // newest first
    recent.push_back(std::move(a));
  }
  auto page = finish(render::news_sitemap(recent, renderer().settings()), {});
  page->content_type = kXml;
  // The 48-hour window moves even when nothing is published.
  page->expires = SteadyClock::now() + std::chrono::minutes(10);
  return page;
}

}  // namespace jarida::site
