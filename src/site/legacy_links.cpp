// Old WordPress links keep working (issue 7, "Old links keep working"):
// the query-string forms WordPress answers on "/" (?s= ?feed= ?tag= ?p=
// ?page_id= ?cat= ?author=), dated permalinks with the day
// (/2023/01/15/slug/) and /index.php/... paths get a 301 to the Jarida URL;
// a WordPress id that is not here (or not public) is the usual 404. Any
// other path that finds nothing is looked up in the redirects table (filled
// by the import and by `jarida redirect add`).
#include "http/security_headers.hpp"
#include "http/target.hpp"
#include "site/site.hpp"
#include "text/digits.hpp"

namespace jarida::site {

namespace {

void moved(http::Response& res, const std::string& location, int status = 301) {
  res.status = status;
  res.headers.append(http::kSecurityHeaders);
  res.add_header("Location", location);
}

// "/x" for "/x/" and "/x/" for "/x": an old link is found whichever way
// the redirect or the link was written.
std::string other_slash_form(const std::string& path) {
  if (path.size() > 1 && path.ends_with('/')) return path.substr(0, path.size() - 1);
  return path + "/";
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
  // WordPress ids: the first of these parameters present decides; an id
  // that is malformed, unknown or not public gets the same 404.
  std::optional<std::string> target;
  if (const std::string p = http::query_param(req.query, "p"); !p.empty()) {
    const auto id = text::parse_positive_int(p);
    if (const auto a = id ? store_.published_article_by_legacy_id(*id) : std::nullopt)
      target = core::article_path(*a);
  } else if (const std::string page_id = http::query_param(req.query, "page_id");
             !page_id.empty()) {
    const auto id = text::parse_positive_int(page_id);
    if (const auto pg = id ? store_.page_by_legacy_id(*id) : std::nullopt)
      target = "/" + pg->slug + "/";
  } else if (const std::string cat = http::query_param(req.query, "cat"); !cat.empty()) {
    const auto id = text::parse_positive_int(cat);
    if (const auto c = id ? store_.category_by_legacy_id(*id) : std::nullopt)
      target = "/category/" + c->slug + "/";
  } else if (const std::string author = http::query_param(req.query, "author"); !author.empty()) {
    // The public slug, never the login (store: only authors readers see).
    const auto id = text::parse_positive_int(author);
    if (const auto u = id ? store_.author_by_legacy_id(*id) : std::nullopt)
      target = "/author/" + u->slug + "/";
  } else {
    return false;  // other parameters: the home page, as before
  }
  if (!target) {
    error(404, &req, res);
    return true;
  }
  moved(res, http::encode_path(*target));
  return true;
}

void Site::dated_permalink(const http::Request& req, const http::Params& p, http::Response& res) {
  // /2023/01/15/slug/ -> /2023/01/slug/ (a wrong month is put right there).
  const auto yyyy = p.get("yyyy"), mm = p.get("mm"), dd = p.get("dd");
  if (yyyy.size() != 4 || mm.size() != 2 || dd.size() != 2) return not_found(req, res);
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

// The path as asked, else its other slash form; a redirect back to the
// path asked for would loop, so it counts as none.
std::optional<store::Redirect> Site::find_redirect(const std::string& path) {
  auto r = store_.redirect_for(path);
  if (!r) r = store_.redirect_for(other_slash_form(path));
  if (r && r->to_path == path) return std::nullopt;
  return r;
}

void Site::not_found(const http::Request& req, http::Response& res) {
  if (req.method != http::Method::get && req.method != http::Method::head)
    return error(404, &req, res);
  const auto r =
      redirects_.get(req.path, [this](const std::string& path) { return find_redirect(path); });
  if (!r) return error(404, &req, res);
  // Stored decoded (or as typed): encoded here. The reader's query string
  // comes along (campaign tags), unless the target has its own.
  std::string location = http::encode_uri(r->to_path);
  if (!req.query.empty() && location.find('?') == std::string::npos) {
    std::string query = "?";  // appended, not "?" + string: a false -Wrestrict in g++ 12
    query.append(req.query);
    const auto hash = location.find('#');
    location.insert(hash == std::string::npos ? location.size() : hash, query);
  }
  moved(res, location, r->status);
}

}  // namespace jarida::site
