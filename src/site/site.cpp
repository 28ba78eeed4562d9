#include "site/site.hpp"

#include <charconv>
#include <ctime>
#include <iostream>

#include "http/limits.hpp"
#include "http/security_headers.hpp"
#include "http/target.hpp"
#include "render/slots.hpp"
#include "site/client_address.hpp"
#include "stats/visit_rules.hpp"

namespace jarida::site {
namespace {

// Browsers revalidate every time, so the live counter shows; the ETag makes
// that a 304.
const std::string kPageHeadersAfterType =
    std::string(http::kSecurityHeaders) + "Cache-Control: no-cache\r\nVary: Accept-Encoding\r\n";
const std::string kPageHeaders =
    std::string("Content-Type: text/html; charset=utf-8\r\n") + kPageHeadersAfterType;

// True unless the client refuses gzip or doesn't name it ("gzip;q=0").
bool accepts_gzip(std::string_view accept_encoding) {
  std::size_t pos = 0;
  while ((pos = accept_encoding.find("gzip", pos)) != std::string_view::npos) {
    std::string_view rest = accept_encoding.substr(pos + 4);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (!rest.starts_with(";")) return true;
    const auto q = rest.find("q=");
    if (q == std::string_view::npos) return true;
    const auto value = rest.substr(q + 2, rest.find(',') - (q + 2));
    if (value.find_first_not_of("0. ") != std::string_view::npos) return true;
    pos += 4;
  }
  return false;
}

std::uint64_t fnv1a(std::uint64_t h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) h = (h ^ ((v >> (8 * i)) & 0xff)) * 1099511628211ull;
  return h;
}

std::chrono::sys_days today_utc() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

}  // namespace

std::string requested_article_path(const http::Params& p) {
  std::string path = "/";
  path.append(p.get("yyyy")).append("/").append(p.get("mm")).append("/");
  path.append(p.get("slug")).append("/");
  return path;
}

// One row of the route table (STYLE.md 3): everything that decides how a
// request is treated, reviewable on one screen.
enum class Access { everyone };  // newsroom roles arrive with /admin/ (issue 6)
struct Site::Route {
  http::Method method;
  http::PathPattern pattern;
  const char* name;
  PageFn page = nullptr;  // a cached page built by this function
  bool static_file = false;
  ActionFn action = nullptr;  // a form post or other uncached request
  Access access = Access::everyone;
  bool csrf = false;
  std::size_t body_limit = http::limits::kMaxBodyBytes;
};

Site::Site(store::Store& store, const render::LiveRenderer& renderer, SiteOptions options)
    : store_(store),
      live_(renderer),
      options_(options),
      counter_(store),
      cache_(options.page_cache_bytes),
      redirects_(options.redirect_cache_entries),
      search_(store, options_.search_variants),
      static_files_(renderer.current().static_dir()),
      media_files_(options_.media_dir),
      admin_static_files_(options_.admin_static_dir) {
  using M = http::Method;
  auto route = [](M m, const char* pattern, const char* name, PageFn fn) {
    return Route{m, http::PathPattern(pattern), name, fn};
  };
  routes_ = {
      route(M::get, "/", "home", &Site::home),
      route(M::get, "/page/{n:int}/", "home_paged", &Site::home),
      route(M::get, "/{yyyy:int}/{mm:int}/{slug}/", "article", &Site::article),
      route(M::get, "/category/{slug}/", "category", &Site::category),
      route(M::get, "/category/{slug}/page/{n:int}/", "category_paged", &Site::category),
      route(M::get, "/tag/{slug}/", "tag", &Site::tag),
      route(M::get, "/tag/{slug}/page/{n:int}/", "tag_paged", &Site::tag),
      route(M::get, "/author/{slug}/", "author", &Site::author),
      route(M::get, "/author/{slug}/page/{n:int}/", "author_paged", &Site::author),
      Route{M::get, http::PathPattern("/static/{file*}"), "static", nullptr, true},
      // Images in DATA_DIR/media, read from disk (media_files.hpp).
      Route{M::get, http::PathPattern("/media/{file*}"), "media", nullptr, false,
            &Site::serve_media},
      // The newsroom's own assets (its pages are admin/'s).
      Route{M::get, http::PathPattern("/admin/static/{file*}"), "admin_static", nullptr, false,
            &Site::serve_admin_static},
      // Readers' forms: no session, so CSRF is the signed form token spliced
      // into the page plus an Origin check (site/signed_token.hpp).
      Route{M::post, http::PathPattern("/{yyyy:int}/{mm:int}/{slug}/comment/"), "comment", nullptr,
            false, &Site::post_comment, Access::everyone, true},
      Route{M::post, http::PathPattern("/{yyyy:int}/{mm:int}/{slug}/send/"), "send_to_friend",
            nullptr, false, &Site::post_send_to_friend, Access::everyone, true},
      // Search: uncached (the query space has no end), robots noindex.
      Route{M::get, http::PathPattern("/search"), "search", nullptr, false, &Site::search_page},
      Route{M::get, http::PathPattern("/api/v1/search"), "search_api", nullptr, false,
            &Site::search_api},
      // Old WordPress links (legacy_links.cpp); ?s= ?p= ?cat= ... are read in handle(),
      // and paths that find nothing are looked up in the redirects table (not_found).
      Route{M::get, http::PathPattern("/{yyyy:int}/{mm:int}/{dd:int}/{slug}/"), "dated_permalink",
            nullptr, false, &Site::dated_permalink},
      Route{M::get, http::PathPattern("/index.php/"), "index_php_root", nullptr, false,
            &Site::index_php},
      Route{M::get, http::PathPattern("/index.php/{rest*}"), "index_php", nullptr, false,
            &Site::index_php},
      // Feeds (feeds.cpp).
      route(M::get, "/feed/", "feed", &Site::feed),
      route(M::get, "/feed/atom/", "feed_atom", &Site::feed_atom),
      route(M::get, "/category/{slug}/feed/", "category_feed", &Site::category_feed),
      route(M::get, "/tag/{slug}/feed/", "tag_feed", &Site::tag_feed),
      route(M::get, "/comments/feed/", "comments_feed", &Site::comments_feed),
      // For search engines (sitemaps.cpp).
      route(M::get, "/robots.txt", "robots", &Site::robots),
      route(M::get, "/sitemap.xml", "sitemap_index", &Site::sitemap_index),
      route(M::get, "/sitemaps/{file}", "sitemap", &Site::sitemap_file),
      route(M::get, "/news-sitemap.xml", "news_sitemap", &Site::news_sitemap),
      route(M::get, "/{slug}/", "page", &Site::page),
  };

  fragments_.define(
      "latest_comments",
      [this] {
        return this->renderer().latest_comments(store_.latest_comments(options_.latest_comments),
                                                core::now_seconds());
      },
      options_.fragment_ttl);
  fragments_.define(
      "most_read",
      [this] {
        return this->renderer().most_read(
            store_.most_read(today_utc() - std::chrono::days(6), options_.most_read));
      },
      options_.fragment_ttl);

  error_pages_.store(build_error_pages());
  change_token_ = store_.content_version();
}

Site::~Site() = default;

std::shared_ptr<const Site::ErrorPages> Site::build_error_pages() const {
  auto pages = std::make_shared<ErrorPages>();
  for (int status : {400, 403, 404, 405, 408, 413, 431, 500})
    (*pages)[status] = renderer().error_page(status);
  return pages;
}

// ---------------------------------------------------------------- dispatch

void Site::handle(const http::Request& req, http::Response& res) {
  if (req.method == http::Method::other) return error(405, &req, res);
  if (req.method != http::Method::post && legacy_query_link(req, res)) return;
  http::Params params;
  const Route* route = http::find_route(routes_, req.method, req.path, params);
  if (!route) {
    // "/about" -> "/about/" when the slash-terminated path is a page that
    // exists (no 301 hop to a 404).
    const std::string slashed_path = req.path + "/";  // params point into it
    const Route* slashed = req.path.ends_with('/')
                               ? nullptr
                               : http::find_route(routes_, http::Method::get, slashed_path, params);
    if (slashed && exists(*slashed, slashed_path, params)) {
      res.status = 301;
      std::string location = http::encode_path(slashed_path);
      if (!req.query.empty()) location.append("?").append(req.query);
      res.headers.append(http::kSecurityHeaders);
      res.add_header("Location", location);
      return;
    }
    const bool other_method = req.method == http::Method::post &&
                              http::find_route(routes_, http::Method::get, req.path, params);
    if (other_method) return error(405, &req, res);
    return not_found(req, res);
  }
  if (route->static_file) return serve_static(req, params, res);
  if (route->action) return (this->*route->action)(req, params, res);
  serve_page(req, *route, params, res);
}

bool Site::exists(const Route& route, const std::string& path, const http::Params& params) {
  if (!route.page) return true;
  auto page = cache_.get(
      path, [&] { return (this->*route.page)(params); }, SteadyClock::now());
  return page && page->status != 404;
}

void Site::serve_page(const http::Request& req, const Route& route, const http::Params& params,
                      http::Response& res) {
  const auto now = SteadyClock::now();
  auto page = cache_.get(
      req.path, [&] { return (this->*route.page)(params); }, now);
  if (!page) {
    // Not found: remember that too, so a flood of one bad link costs no SQL.
    auto missing = std::make_shared<CachedPage>();
    missing->status = 404;
    cache_.get(
        req.path, [&] { return missing; }, now);
    return not_found(req, res);
  }
  write_page(req, *page, page, res);
}

void Site::write_page(const http::Request& req, const CachedPage& page,
                      std::shared_ptr<const CachedPage> owner, http::Response& res) {
  if (page.status == 404) return not_found(req, res);
  if (page.status == 301) {
    res.status = 301;
    res.headers.append(http::kSecurityHeaders);
    res.add_header("Location", page.redirect_to);
    return;
  }
  if (page.counts_visits_of && req.method == http::Method::get)
    count_visit(req, *page.counts_visits_of);

  thread_local std::vector<std::int64_t> numbers;
  thread_local std::vector<const http::Chunk*> chunks;
  numbers.clear();
  chunks.clear();
  std::uint64_t etag = fnv1a(1469598103934665603ull, page.generation);
  for (const auto* cell : page.numbers) {
    numbers.push_back(cell->load(std::memory_order_relaxed));
    etag = fnv1a(etag, static_cast<std::uint64_t>(numbers.back()));
  }
  const auto now = SteadyClock::now();
  for (const auto& name : page.fragments) {
    auto f = fragments_.get(name, now);
    chunks.push_back(&f->chunk);
    etag = fnv1a(etag, f->version);
    res.owners.push_back(std::move(f));
  }
  thread_local std::vector<std::string> text_values;
  thread_local std::vector<std::string_view> texts;
  texts.clear();
  if (text_values.size() < page.texts.size()) text_values.resize(page.texts.size());
  for (std::size_t i = 0; i < page.texts.size(); ++i)
    text_slot_value(page.texts[i], page, req, text_values[i]);
  for (std::size_t i = 0; i < page.texts.size(); ++i) {
    texts.emplace_back(text_values[i]);
    // The form token changes every second; a revalidated copy may keep an
    // older one (valid for kFormTokenMaxAge), so only its half-day enters
    // the ETag and article pages still get 304s.
    if (page.texts[i] == "comment_token" || page.texts[i] == "send_token") {
      etag = fnv1a(etag, static_cast<std::uint64_t>(std::time(nullptr) / 43200));
      continue;
    }
    for (unsigned char c : text_values[i]) etag = fnv1a(etag, c);
  }
  // Each encoding is a different representation, so it gets its own tag.
  const bool gzip = accepts_gzip(req.header("Accept-Encoding"));
  char etag_text[32];
  const int etag_len = std::snprintf(etag_text, sizeof etag_text, "\"%016llx%s\"",
                                     static_cast<unsigned long long>(etag), gzip ? "-gz" : "");
  const std::string_view etag_sv(etag_text, static_cast<std::size_t>(etag_len));

  res.status = 200;
  if (page.content_type != nullptr) {
    res.add_header("Content-Type", page.content_type);
    res.headers.append(kPageHeadersAfterType);
  } else {
    res.headers.append(kPageHeaders);
  }
  res.add_header("ETag", etag_sv);
  if (req.header("If-None-Match") == etag_sv) {
    res.status = 304;
    return;
  }
  if (gzip) res.headers.append("Content-Encoding: gzip\r\n");
  page.body.write(gzip, renderer().arabic_digits(), numbers, chunks, res, texts);
  res.owners.push_back(std::move(owner));
}

void Site::count_visit(const http::Request& req, stats::VisitCounter::Cell& cell) {
  stats::VisitRequest v;
  v.is_get = req.method == http::Method::get;
  v.user_agent = req.header("User-Agent");
  v.sec_purpose = req.header("Sec-Purpose");
  v.purpose = req.header("Purpose");
  v.x_moz = req.header("X-Moz");
  v.x_purpose = req.header("X-Purpose");
  if (!stats::is_countable(v)) return;
  const auto ip =
      client_address(req.remote_ip, req.header("X-Forwarded-For"), options_.trusted_proxies);
  if (!repeats_.first_visit(ip, v.user_agent, cell.article_id, SteadyClock::now())) return;
  stats::VisitCounter::add(cell);
}

void Site::serve_static(const http::Request& req, const http::Params& params, http::Response& res) {
  if (!static_files_.serve(std::string(params.get("file")),
                           accepts_gzip(req.header("Accept-Encoding")), req.header("If-None-Match"),
                           res))
    not_found(req, res);
}

void Site::serve_media(const http::Request& req, const http::Params& params, http::Response& res) {
  if (!media_files_.serve(params.get("file"), req.header("If-None-Match"),
                          req.header("If-Modified-Since"), res))
    not_found(req, res);
}

void Site::serve_admin_static(const http::Request& req, const http::Params& params,
                              http::Response& res) {
  if (options_.admin_static_dir.empty() ||
      !admin_static_files_.serve(std::string(params.get("file")),
                                 accepts_gzip(req.header("Accept-Encoding")),
                                 req.header("If-None-Match"), res))
    not_found(req, res);
}

void Site::error(int status, const http::Request* req, http::Response& res) {
  // (A target that failed to parse has no path, only its raw text.)
  if (req && (req->path.starts_with("/api/") || req->target.starts_with("/api/")))
    return api_error(status, res);
  const auto pages = error_pages_.load();
  auto it = pages->find(status);
  if (it == pages->end()) it = pages->find(status >= 500 ? 500 : 400);
  res.status = status;
  res.headers.clear();
  res.parts.clear();
  res.headers.append("Content-Type: text/html; charset=utf-8\r\n");
  res.headers.append(http::kSecurityHeaders);
  res.headers.append("Cache-Control: no-store\r\n");
  if (status == 405) res.add_header("Allow", "GET, HEAD");
  res.body = it->second;
}

// Programs get JSON errors, in Arabic like the pages.
void Site::api_error(int status, http::Response& res) {
  const char* message = status == 404 ? "لا يوجد شيء على هذا الرابط في الواجهة البرمجية."
                        : status == 405 ? "هذه الطريقة غير مسموحة هنا."
                        : status >= 500 ? "حدث خطأ غير متوقع. حاول مرة أخرى بعد قليل."
                                        : "طلب غير صالح.";
  res.status = status;
  res.headers.clear();
  res.parts.clear();
  res.headers.append("Content-Type: application/json; charset=utf-8\r\n");
  res.headers.append(http::kSecurityHeaders);
  res.headers.append("Cache-Control: no-store\r\n");
  if (status == 405) res.add_header("Allow", "GET, HEAD");
  res.body = std::string("{\"error\":\"") + message + "\"}";
}

// ---------------------------------------------------------------- pages

render::Chrome Site::chrome() {
  return render::Chrome{store_.categories()};
}

std::shared_ptr<CachedPage> Site::finish(const std::string& html,
                                         const std::vector<core::ArticleSummary>& shown) {
  auto stored = [&](core::Id id) -> const core::ArticleSummary* {
    for (const auto& a : shown)
      if (a.id == id) return &a;
    return nullptr;
  };
  auto page = std::make_shared<CachedPage>();
  page->generation = cache_.next_generation();
  std::size_t pos = 0;
  while (true) {
    const auto open = html.find(render::kSlotOpen, pos);
    if (open == std::string::npos) break;
    const auto close = html.find(render::kSlotClose, open);
    if (close == std::string::npos) break;
    page->body.add_text(html.substr(pos, open - pos));
    const std::string_view marker(html.data() + open + 1, close - open - 1);
    if (marker.starts_with('v') || marker.starts_with('c')) {
      core::Id id = 0;
      std::from_chars(marker.data() + 1, marker.data() + marker.size(), id);
      const auto* a = stored(id);
      page->body.add_number_slot();
      if (marker.starts_with('v'))
        page->numbers.push_back(
            &counter_.cell(id, a ? a->visits : store_.article_visits(id)).total);
      else
        page->numbers.push_back(&comment_count_cell(id, a ? a->comment_count : 0));
    } else if (marker.starts_with('t')) {
      page->body.add_text_slot();
      page->texts.emplace_back(marker.substr(1));
    } else {
      page->body.add_fragment_slot();
      page->fragments.emplace_back(marker.substr(1));
    }
    pos = close + 1;
  }
  page->body.add_text(html.substr(pos));
  return page;
}

std::atomic<std::int64_t>& Site::comment_count_cell(core::Id article, std::int64_t stored) {
  std::lock_guard lock(comment_cells_mu_);
  auto& cell = comment_cells_[article];
  if (!cell) cell = std::make_unique<std::atomic<std::int64_t>>(0);
  // The store is the truth for comment counts: every render refreshes it.
  cell->store(stored, std::memory_order_relaxed);
  return *cell;
}

void Site::note_own_write(std::uint64_t version_before, std::uint64_t version_after) {
  std::lock_guard lock(change_mu_);
  if (version_before == change_token_) change_token_ = version_after;
}

std::shared_ptr<CachedPage> Site::redirect(const std::string& decoded_path) {
  auto page = std::make_shared<CachedPage>();
  page->status = 301;
  page->redirect_to = http::encode_path(decoded_path);
  return page;
}

std::shared_ptr<CachedPage> Site::home(const http::Params& p) {
  render::ListView view;
  view.is_home = true;
  view.pagination.base_path = "/";
  store::ArticleFilter filter;
  filter.without_pinned = options_.max_pinned;  // they head page 1, and only there
  return list(std::move(view), filter, p);
}

std::shared_ptr<CachedPage> Site::list(render::ListView view, const store::ArticleFilter& filter,
                                       const http::Params& p) {
  const bool explicit_page = p.get("n").size() > 0;
  const std::int64_t n = explicit_page ? p.get_int("n") : 1;
  if (n < 1) return nullptr;
  if (explicit_page && n == 1) return redirect(view.pagination.base_path);  // as WordPress does
  if (explicit_page && p.get("n").front() == '0')  // "/page/02/": one URL per page
    return redirect(view.pagination.base_path + "page/" + std::to_string(n) + "/");
  auto result = store_.published_articles(filter, (n - 1) * options_.per_page, options_.per_page);
  const std::int64_t pages =
      std::max<std::int64_t>(1, (result.total + options_.per_page - 1) / options_.per_page);
  if (n > pages) return nullptr;
  if (n == 1 && filter.without_pinned > 0) {
    view.items = store_.sticky_articles(filter.without_pinned);
    view.items.insert(view.items.end(), std::make_move_iterator(result.items.begin()),
                      std::make_move_iterator(result.items.end()));
  } else {
    view.items = std::move(result.items);
  }
  view.pagination.page = n;
  view.pagination.total_pages = pages;
  return finish(renderer().list_page(view, chrome()), view.items);
}

std::shared_ptr<CachedPage> Site::article(const http::Params& p) {
  auto a = store_.published_article_by_slug(p.get("slug"));
  if (!a) return nullptr;
  const std::string canonical = core::article_path(*a);
  const std::string asked = requested_article_path(p);
  if (canonical != asked) return redirect(canonical);  // right slug, other month
  render::ArticleView view;
  view.comments = store_.approved_comments(a->id);
  view.comments_open = renderer().settings().comments.enabled && a->comments_open;
  view.article = std::move(*a);
  auto page = finish(renderer().article_page(view, chrome()), {view.article});
  page->article_id = view.article.id;
  page->counts_visits_of = &counter_.cell(view.article.id, view.article.visits);
  return page;
}

std::shared_ptr<CachedPage> Site::category(const http::Params& p) {
  auto c = store_.category_by_slug(p.get("slug"));
  if (!c) return nullptr;
  render::ListView view;
  view.heading = c->name;
  view.description = c->description;
  view.pagination.base_path = "/category/" + c->slug + "/";
  store::ArticleFilter filter;
  filter.category_id = c->id;
  return list(std::move(view), filter, p);
}

std::shared_ptr<CachedPage> Site::tag(const http::Params& p) {
  auto t = store_.tag_by_slug(p.get("slug"));
  if (!t) return nullptr;
  render::ListView view;
  view.heading = renderer().settings().label("tag_archive") + ": " + t->name;
  view.pagination.base_path = "/tag/" + t->slug + "/";
  store::ArticleFilter filter;
  filter.tag_id = t->id;
  return list(std::move(view), filter, p);
}

std::shared_ptr<CachedPage> Site::author(const http::Params& p) {
  auto a = store_.author_by_slug(p.get("slug"));
  if (!a) return nullptr;
  render::ListView view;
  view.heading = renderer().settings().label("author_archive") + ": " + a->display_name;
  view.description = a->bio;
  view.pagination.base_path = "/author/" + a->slug + "/";
  store::ArticleFilter filter;
  filter.author_id = a->id;
  return list(std::move(view), filter, p);
}

std::shared_ptr<CachedPage> Site::page(const http::Params& p) {
  auto pg = store_.page_by_slug(p.get("slug"));
  if (!pg) return nullptr;
  return finish(renderer().static_page(*pg, chrome()), {});
}

// ---------------------------------------------------------------- upkeep

void Site::flush_visits() {
  try {
    counter_.flush(today_utc());
  } catch (const std::exception& e) {
    std::cerr << "jarida: visit flush failed (will retry): " << e.what() << "\n";
  }
}

void Site::articles_changed(const std::vector<store::ArticlePlace>& places,
                            std::uint64_t version_before, std::uint64_t version_after) {
  bool seen = false;  // by readers, before or after
  for (const auto& p : places) seen = seen || p.visible;
  if (!seen) return note_own_write(version_before, version_after);  // a draft: no page changes
  for (const auto& p : places) {
    if (p.slug.empty()) continue;  // a new article has no "before"
    // The article's own path, even when it was not visible: a cached "not
    // found" for it must go too.
    cache_.invalidate(core::article_path(p.published_at, p.slug));
    if (!p.category_slug.empty()) cache_.invalidate_prefix("/category/" + p.category_slug + "/");
    if (!p.author_slug.empty()) cache_.invalidate_prefix("/author/" + p.author_slug + "/");
    for (const auto& t : p.tag_slugs) cache_.invalidate_prefix("/tag/" + t + "/");
  }
  cache_.invalidate("/");
  cache_.invalidate_prefix("/page/");
  cache_.invalidate_prefix("/feed/");
  cache_.invalidate("/comments/feed/");  // names the articles commented on
  cache_.invalidate("/sitemap.xml");
  cache_.invalidate_prefix("/sitemaps/");
  cache_.invalidate("/news-sitemap.xml");
  fragments_.invalidate_all();  // most read, latest comments: titles may have changed
  redirects_.clear();
  note_own_write(version_before, version_after);
}

void Site::settings_changed() {
  error_pages_.store(build_error_pages());
  content_changed();
}

void Site::content_changed() {
  cache_.clear();
  fragments_.invalidate_all();
  redirects_.clear();
}

void Site::tick() {
  flush_visits();
  try {
    const auto token = store_.content_version();
    bool changed = false;
    {
      std::lock_guard lock(change_mu_);
      changed = token != change_token_;
      change_token_ = token;
    }
    if (changed) {
      cache_.clear();
      fragments_.invalidate_all();
      redirects_.clear();
    }
  } catch (const std::exception& e) {
    std::cerr << "jarida: change check failed: " << e.what() << "\n";
  }
}

}  // namespace jarida::site
