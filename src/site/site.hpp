// The reader's site: the route table, the page handlers, the page cache
// and the visit counter wired together. The app layer builds one Site and
// hands handle()/error() to the HTTP server and tick() to a 1 s timer.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "render/feeds.hpp"
#include "render/live_renderer.hpp"
#include "render/renderer.hpp"
#include "search/service.hpp"
#include "site/media_files.hpp"
#include "site/page_cache.hpp"
#include "site/redirect_cache.hpp"
#include "site/signed_token.hpp"
#include "site/static_files.hpp"
#include "stats/repeat_filter.hpp"
#include "stats/visit_counter.hpp"
#include "store/store.hpp"

namespace jarida::site {

struct SiteOptions {
  std::size_t page_cache_bytes = 32u << 20;  // ~ a thousand article pages
  std::int64_t per_page = 10;                // articles per list page
  std::int64_t latest_comments = 5;          // items in the site-wide list
  std::int64_t most_read = 5;                // items in the home page list
  // Sticky articles pinned above the home page's first page, newest first.
  // WordPress pins every one; a bound keeps page 1 short on a site that
  // marked hundreds (the rest stay in their place in the list).
  std::int64_t max_pinned = 10;
  std::size_t redirect_cache_entries = 10000;  // answers (mostly "none") for paths not found
  std::chrono::seconds fragment_ttl{60};       // "منذ 5 دقائق" stays roughly right
  std::vector<std::string> trusted_proxies;    // see client_address.hpp
  std::function<void()> on_mail_queued;        // wakes the outbox worker
  SiteKey key{};  // signs form tokens and cookies (DATA_DIR/secret.key)
  search::VariantTable search_variants = search::VariantTable::defaults();
  // DATA_DIR/media, served at /media/ (media_files.hpp); empty: not served.
  std::filesystem::path media_dir;
  // The newsroom's stylesheet and scripts (build/admin/static), served at
  // /admin/static/; empty: not served.
  std::filesystem::path admin_static_dir;
};

// "/{yyyy}/{mm}/{slug}/" as the reader asked for it (decoded), to compare
// with core::article_path: the right slug under another month redirects.
std::string requested_article_path(const http::Params& p);

class Site {
 public:
  Site(store::Store& store, const render::LiveRenderer& renderer, SiteOptions options = {});
  ~Site();

  void handle(const http::Request& req, http::Response& res);
  void error(int status, const http::Request* req, http::Response& res);
  // A GET or HEAD for a path that found nothing: the redirects table's
  // answer (legacy_links.cpp), or the 404 page.
  void not_found(const http::Request& req, http::Response& res);
  void api_error(int status, http::Response& res);

  // Once a second: flush visits to the store, drop cached pages if another
  // process changed the database. Also called at shutdown (flush only).
  void tick();
  void flush_visits();

  // After the newsroom saved articles: drops exactly the cached pages that
  // showed them or will (their paths, home, category, tag and author lists,
  // feeds, sitemaps), old and new places alike. `version_before/after` are
  // content_version() around the write (see note_own_write).
  void articles_changed(const std::vector<store::ArticlePlace>& places,
                        std::uint64_t version_before, std::uint64_t version_after);
  // After any other change readers see: every cached page goes.
  void content_changed();
  // After the renderer was replaced (settings saved in the newsroom): the
  // error pages are drawn again and every cached page goes.
  void settings_changed();

  stats::VisitCounter& counter() { return counter_; }
  PageCache& cache() { return cache_; }

  struct Route;

 private:
  using PageFn = std::shared_ptr<CachedPage> (Site::*)(const http::Params&);
  using ActionFn = void (Site::*)(const http::Request&, const http::Params&, http::Response&);

  bool exists(const Route& route, const std::string& path, const http::Params& params);
  void serve_page(const http::Request& req, const Route& route, const http::Params& params,
                  http::Response& res);
  void post_comment(const http::Request& req, const http::Params& params, http::Response& res);
  void post_send_to_friend(const http::Request& req, const http::Params& params,
                           http::Response& res);
  void search_page(const http::Request& req, const http::Params& params, http::Response& res);
  // legacy_links.cpp: old WordPress links.
  bool legacy_query_link(const http::Request& req, http::Response& res);
  void dated_permalink(const http::Request& req, const http::Params& params, http::Response& res);
  void index_php(const http::Request& req, const http::Params& params, http::Response& res);
  std::optional<store::Redirect> find_redirect(const std::string& path);
  void search_api(const http::Request& req, const http::Params& params, http::Response& res);
  void text_slot_value(const std::string& name, const CachedPage& page, const http::Request& req,
                       std::string& out);
  const std::string& form_token(std::string_view purpose, core::Id article);
  void serve_static(const http::Request& req, const http::Params& params, http::Response& res);
  void serve_media(const http::Request& req, const http::Params& params, http::Response& res);
  void serve_admin_static(const http::Request& req, const http::Params& params,
                          http::Response& res);
  void write_page(const http::Request& req, const CachedPage& page,
                  std::shared_ptr<const CachedPage> owner, http::Response& res);
  void count_visit(const http::Request& req, stats::VisitCounter::Cell& cell);

  // Page builders (route handlers); nullptr = not found.
  std::shared_ptr<CachedPage> home(const http::Params& p);
  std::shared_ptr<CachedPage> article(const http::Params& p);
  std::shared_ptr<CachedPage> category(const http::Params& p);
  std::shared_ptr<CachedPage> tag(const http::Params& p);
  std::shared_ptr<CachedPage> author(const http::Params& p);
  std::shared_ptr<CachedPage> page(const http::Params& p);
  // feeds.cpp
  std::shared_ptr<CachedPage> feed(const http::Params& p);
  std::shared_ptr<CachedPage> feed_atom(const http::Params& p);
  std::shared_ptr<CachedPage> category_feed(const http::Params& p);
  std::shared_ptr<CachedPage> tag_feed(const http::Params& p);
  std::shared_ptr<CachedPage> comments_feed(const http::Params& p);
  std::shared_ptr<CachedPage> articles_feed(const render::FeedChannel& channel,
                                            const store::ArticleFilter& filter, bool atom);
  // sitemaps.cpp
  std::shared_ptr<CachedPage> robots(const http::Params& p);
  std::shared_ptr<CachedPage> sitemap_index(const http::Params& p);
  std::shared_ptr<CachedPage> sitemap_file(const http::Params& p);
  std::shared_ptr<CachedPage> news_sitemap(const http::Params& p);

  std::shared_ptr<CachedPage> list(render::ListView view, const store::ArticleFilter& filter,
                                   const http::Params& p);
  // Cuts rendered HTML at its slot markers; `shown` are the articles whose
  // live values (visits, comment counts) the page carries.
  std::shared_ptr<CachedPage> finish(const std::string& html,
                                     const std::vector<core::ArticleSummary>& shown);
  std::atomic<std::int64_t>& comment_count_cell(core::Id article, std::int64_t stored);
  // After this server's own write: skip the wholesale cache clear when no
  // other process wrote in between (see store::CommentResult).
  void note_own_write(std::uint64_t version_before, std::uint64_t version_after);
  std::shared_ptr<CachedPage> redirect(const std::string& decoded_path);
  render::Chrome chrome();

  store::Store& store_;
  const render::Renderer& renderer() const { return live_.current(); }

  const render::LiveRenderer& live_;
  SiteOptions options_;
  stats::VisitCounter counter_;
  stats::RepeatFilter repeats_;
  PageCache cache_;
  FragmentCache fragments_;
  RedirectCache redirects_;
  search::SearchService search_;
  StaticFiles static_files_;
  MediaFiles media_files_;
  StaticFiles admin_static_files_;
  std::vector<Route> routes_;
  std::mutex change_mu_;
  std::uint64_t change_token_ = 0;  // guarded by change_mu_
  std::mutex comment_cells_mu_;
  std::unordered_map<core::Id, std::unique_ptr<std::atomic<std::int64_t>>> comment_cells_;
  // Prebuilt error pages: cheap to serve during a flood of bad requests.
  using ErrorPages = std::unordered_map<int, std::string>;
  std::shared_ptr<const ErrorPages> build_error_pages() const;
  std::atomic<std::shared_ptr<const ErrorPages>> error_pages_;
};

}  // namespace jarida::site
