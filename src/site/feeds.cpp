// RSS at /feed/ (and /category/x/feed/, /tag/x/feed/, /comments/feed/),
// Atom at /feed/atom/: the latest 20, cached like pages. The comments feed
// expires after the fragment TTL, because this server's own comment writes
// invalidate precisely (the article, the latest-comments fragment), not
// wholesale.
#include "render/feeds.hpp"
#include "site/site.hpp"

namespace jarida::site {

namespace {

constexpr std::int64_t kFeedItems = 20;
constexpr const char* kRss = "application/rss+xml; charset=utf-8";
constexpr const char* kAtom = "application/atom+xml; charset=utf-8";

}  // namespace

std::shared_ptr<CachedPage> Site::articles_feed(const render::FeedChannel& channel,
                                                const store::ArticleFilter& filter, bool atom) {
  const auto& settings = renderer().settings();
  std::vector<render::FeedItem> items;
  for (const auto& a : store_.published_articles(filter, 0, kFeedItems).items) {
    render::FeedItem i{a.title,
                       core::article_path(a),
                       a.published_at,
                       a.author.display_name,
                       a.category.name,
                       a.excerpt,
                       "",
                       a.featured_image};
    if (settings.feeds.full_text) {
      if (auto full = store_.published_article_by_slug(a.slug)) i.html = full->body_html;
    }
    items.push_back(std::move(i));
  }
  auto page = finish(
      atom ? render::atom(channel, items, settings) : render::rss(channel, items, settings), {});
  page->content_type = atom ? kAtom : kRss;
  return page;
}

std::shared_ptr<CachedPage> Site::feed(const http::Params&) {
  const auto& s = renderer().settings();
  return articles_feed({s.site_name, "/", "/feed/", s.about_text}, {}, false);
}

std::shared_ptr<CachedPage> Site::feed_atom(const http::Params&) {
  const auto& s = renderer().settings();
  return articles_feed({s.site_name, "/", "/feed/atom/", s.about_text}, {}, true);
}

std::shared_ptr<CachedPage> Site::category_feed(const http::Params& p) {
  const auto c = store_.category_by_slug(p.get("slug"));
  if (!c) return nullptr;
  const std::string path = "/category/" + c->slug + "/";
  store::ArticleFilter f;
  f.category_id = c->id;
  return articles_feed(
      {renderer().settings().site_name + " - " + c->name, path, path + "feed/", c->description}, f,
      false);
}

std::shared_ptr<CachedPage> Site::tag_feed(const http::Params& p) {
  const auto t = store_.tag_by_slug(p.get("slug"));
  if (!t) return nullptr;
  const std::string path = "/tag/" + t->slug + "/";
  store::ArticleFilter f;
  f.tag_id = t->id;
  return articles_feed(
      {renderer().settings().site_name + " - " + t->name, path, path + "feed/", ""}, f, false);
}

std::shared_ptr<CachedPage> Site::comments_feed(const http::Params&) {
  const auto& s = renderer().settings();
  std::vector<render::FeedItem> items;
  for (const auto& lc : store_.latest_comments(kFeedItems)) {
    items.push_back({s.label("feed_comment_on") + " " + lc.article_title,
                     core::article_path(lc.article_published_at, lc.article_slug) + "#comment-" +
                         std::to_string(lc.comment.id),
                     lc.comment.created_at, lc.comment.author_name, "", lc.comment.body, "",
                     std::nullopt});
  }
  auto page = finish(
      render::rss({s.site_name + " - " + s.label("latest_comments"), "/", "/comments/feed/", ""},
                  items, s),
      {});
  page->content_type = kRss;
  page->expires = SteadyClock::now() + options_.fragment_ttl;
  return page;
}

}  // namespace jarida::site
