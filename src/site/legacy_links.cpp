// Old WordPress links keep working (issue 7, "Old links keep working"):
// the query-string forms WordPress answers on "/" (?s= ?p= ?tag= ?feed=), dated
// permalinks with the day (/2023/01/15/slug/) and /index.php/... paths get
// a 301 to the Jarida URL. Links that need the importer's legacy ids for
// pages, categories and authors come with the importer.
#include "http/target.hpp"
#include "site/security_headers.hpp"
#include "site/site.hpp"
#include "text/digits.hpp"

namespace jarida::site {

namespace {

void moved(http::Response& res, const std::string& location) {
  res.status = 301;
  res.headers.append(kSecurityHeaders);
  res.add_header("Location", location);
}

}  // namespace

bool Site::legacy_query_link(const http::Request& req, http::Response& res) {
  if (req.path != "/" || req.query.empty()) return false;
  if (req.query.starts_with("s=") || req.query.find("&s=") != std::string_view::npos) {
    const std::string q = http::query_param(req.query, "s");
    moved(res, q.empty() ? "/search" : "/search?q=" + http::encode_query_value(q));
    return true;
  }
  if (const std::string feed = http::query_param(req.query, "feed"); !feed.empty()) {
    moved(res, feed == "atom" ? "/feed/atom/" : "/feed/");  // rss2, rss, rdf: RSS
    return true;
  }
  if (const std::string tag = http::query_param(req.query, "tag"); !tag.empty()) {
    moved(res, "/tag/" + http::encode_query_value(tag) + "/");
    return true;
  }
  const std::string p = http::query_param(req.query, "p");
  if (p.empty()) return false;  // other parameters: the home page, as before
  const auto id = text::parse_positive_int(p);
  const auto article = id ? store_.published_article_by_legacy_id(*id) : std::nullopt;
  if (!article) {
    error(404, &req, res);
    return true;
  }
  moved(res, http::encode_path(core::article_path(*article)));
  return true;
}

void Site::dated_permalink(const http::Request& req, const http::Params& p, http::Response& res) {
  // /2023/01/15/slug/ -> /2023/01/slug/ (a wrong month is put right there).
  const auto yyyy = p.get("yyyy"), mm = p.get("mm"), dd = p.get("dd");
  if (yyyy.size() != 4 || mm.size() != 2 || dd.size() != 2) return error(404, &req, res);
  std::string path = "/";
  path.append(yyyy).append("/").append(mm).append("/").append(p.get("slug")).append("/");
  moved(res, http::encode_path(path));
}

void Site::index_php(const http::Request& req, const http::Params& p, http::Response& res) {
  std::string path = "/";  // appended, not "/" + string: a false -Wrestrict in g++ 12
  path += p.get("rest");
  std::string location = http::encode_path(path);
  if (!req.query.empty()) location.append("?").append(req.query);
  moved(res, location);
}

}  // namespace jarida::site
