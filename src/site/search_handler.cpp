// GET /search?q=...&page=N (the reader's page) and GET /api/v1/search
// (JSON for programs). Both run search::SearchService; neither is cached
// (every query is different), and the HTML page asks robots not to index
// it. Any q is accepted: bad UTF-8, operators and overlong text are the
// search layer's to read as plain words.
#include <boost/json.hpp>

#include "http/security_headers.hpp"
#include "http/target.hpp"
#include "site/site.hpp"
#include "text/dates.hpp"
#include "text/digits.hpp"
#include "text/utf8.hpp"

namespace jarida::site {

namespace {

// A positive integer parameter: its value, `fallback` when absent, or
// nullopt when present but not a number in [1, max].
std::optional<std::int64_t> int_param(std::string_view query, std::string_view name,
                                      std::int64_t fallback, std::int64_t max) {
  const std::string text = http::query_param(query, name);
  if (text.empty()) return fallback;
  const auto n = text::parse_positive_int(text);
  if (!n || *n > max) return std::nullopt;
  return n;
}

std::string search_url(std::string_view query, std::int64_t page) {
  std::string url = "/search?q=" + http::encode_query_value(query);
  if (page > 1) url += "&page=" + std::to_string(page);
  return url;
}

void json_error(http::Response& res, int status, std::string_view message) {
  res.status = status;
  res.headers.clear();
  res.headers.append(http::kSecurityHeaders);
  res.headers.append("Cache-Control: no-store\r\n");
  res.add_header("Content-Type", "application/json; charset=utf-8");
  boost::json::object o;
  o["error"] = message;
  res.body = boost::json::serialize(o);
}

}  // namespace

void Site::search_page(const http::Request& req, const http::Params&, http::Response& res) {
  const std::string query = http::query_param(req.query, "q");
  // A reader's page: a bad page number is page 1, not an error.
  const std::int64_t page = int_param(req.query, "page", 1, search::kMaxPage).value_or(1);
  const search::SearchResults found = search_.search(
      {.query = query, .page = page, .per_page = options_.per_page, .now = core::now_seconds()});

  render::SearchView v;
  v.query = text::valid_utf8(query);
  v.total = found.total;
  v.total_capped = found.total_capped;
  v.nothing_to_search = found.nothing_to_search;
  v.cut = found.cut;
  if (found.suggestion) {
    v.suggestion = *found.suggestion;
    v.suggestion_url = search_url(*found.suggestion, 1);
  }
  for (const auto& r : found.results)
    v.results.push_back({r.article, r.title_html, r.snippet_html, r.partial});
  v.page = found.page;
  v.total_pages = std::min<std::int64_t>(
      search::kMaxPage,
      std::max<std::int64_t>(1, (found.total + found.per_page - 1) / found.per_page));
  if (v.page > 1) v.previous_url = search_url(v.query, v.page - 1);
  if (v.page < v.total_pages) v.next_url = search_url(v.query, v.page + 1);

  // Through the same path as cached pages, for the shared fragments
  // (latest comments) and gzip; the page itself is thrown away after.
  auto built = finish(renderer().search_page(v, chrome()), {});
  write_page(req, *built, built, res);
}

void Site::search_api(const http::Request& req, const http::Params&, http::Response& res) {
  const auto page = int_param(req.query, "page", 1, search::kMaxPage);
  if (!page)
    return json_error(
        res, 400,
        "page: رقم الصفحة يجب أن يكون عدداً صحيحاً من 1 إلى " + std::to_string(search::kMaxPage));
  const auto per_page =
      int_param(req.query, "per_page", search::kDefaultPerPage, search::kMaxPerPage);
  if (!per_page)
    return json_error(res, 400,
                      "per_page: عدد النتائج في الصفحة يجب أن يكون عدداً صحيحاً من 1 إلى " +
                          std::to_string(search::kMaxPerPage));
  const std::string query = http::query_param(req.query, "q");
  const search::SearchResults found = search_.search(
      {.query = query, .page = *page, .per_page = *per_page, .now = core::now_seconds()});

  boost::json::object o;
  o["total"] = found.total;
  if (found.suggestion)
    o["suggestion"] = *found.suggestion;
  else
    o["suggestion"] = nullptr;
  boost::json::array results;
  const std::string& base = renderer().settings().base_url;
  for (const auto& r : found.results) {
    const auto& a = r.article;
    boost::json::object item;
    item["id"] = a.id;
    item["slug"] = a.slug;
    item["url"] = base + http::encode_path(core::article_path(a));
    item["title"] = a.title;
    item["snippet"] = r.snippet_html;
    item["category"] = a.category.name;
    item["published_at"] = text::iso8601(a.published_at);
    results.push_back(std::move(item));
  }
  o["results"] = std::move(results);
  res.status = 200;
  res.headers.append(http::kSecurityHeaders);
  res.headers.append("Cache-Control: no-cache\r\n");
  res.add_header("Content-Type", "application/json; charset=utf-8");
  res.body = boost::json::serialize(o);
}

}  // namespace jarida::site
