// Path patterns and route lookup (src/http/router.cpp): literals, {x},
// {x:int}, {x*}, trailing-slash semantics, and first-match-wins tables.
#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace jarida::http {
namespace {

bool matches(std::string_view pattern, std::string_view path) {
  Params params;
  return PathPattern(pattern).match(path, params);
}

TEST(PathPattern, LiteralMatchesExactly) {
  EXPECT_TRUE(matches("/about/", "/about/"));
  EXPECT_TRUE(matches("/a/b/c/", "/a/b/c/"));
  EXPECT_FALSE(matches("/about/", "/abou/"));
  EXPECT_FALSE(matches("/about/", "/aboutx/"));
  EXPECT_FALSE(matches("/about/", "/About/"));
  EXPECT_FALSE(matches("/a/b/", "/a/"));
  EXPECT_FALSE(matches("/a/", "/a/b/"));
  EXPECT_FALSE(matches("/a/b/", "/a/b/c/"));
  EXPECT_FALSE(matches("/feed", "/feed/x"));
  EXPECT_FALSE(matches("/about/", ""));
  EXPECT_FALSE(matches("/about/", "about/"));
}

TEST(PathPattern, KeepsItsText) {
  EXPECT_EQ(PathPattern("/{yyyy:int}/{slug}/").text(), "/{yyyy:int}/{slug}/");
}

TEST(PathPattern, TrailingSlashMustAgree) {
  EXPECT_TRUE(matches("/a/", "/a/"));
  EXPECT_FALSE(matches("/a/", "/a"));
  EXPECT_TRUE(matches("/a", "/a"));
  EXPECT_FALSE(matches("/a", "/a/"));
  EXPECT_FALSE(matches("/a/b/", "/a/b"));
  EXPECT_FALSE(matches("/a/b", "/a/b/"));
  EXPECT_FALSE(matches("/{x}/", "/v"));
  EXPECT_FALSE(matches("/{x}", "/v/"));
  EXPECT_TRUE(matches("/{x}/", "/v/"));
  EXPECT_TRUE(matches("/{x}", "/v"));
}

TEST(PathPattern, RootOnlyMatchesRoot) {
  EXPECT_TRUE(matches("/", "/"));
  EXPECT_FALSE(matches("/", ""));
  EXPECT_FALSE(matches("/", "//"));
  EXPECT_FALSE(matches("/", "/a"));
  EXPECT_FALSE(matches("/", "/a/"));
}

TEST(PathPattern, EmptySegmentsDoNotMatch) {
  EXPECT_FALSE(matches("/a/", "//"));
  EXPECT_FALSE(matches("/a/", "/a//"));
  EXPECT_FALSE(matches("/a/", "//a/"));
  EXPECT_FALSE(matches("/a/b/", "/a//b/"));
  EXPECT_FALSE(matches("/{x}/", "//"));
  EXPECT_FALSE(matches("/{x}/", "/v//"));
  EXPECT_FALSE(matches("/a/{x}/", "/a//"));
  EXPECT_FALSE(matches("/a/{n:int}/", "/a//"));
}

TEST(PathPattern, ParamCapturesOneSegment) {
  PathPattern p("/category/{slug}/");
  Params params;
  ASSERT_TRUE(p.match("/category/sport/", params));
  EXPECT_EQ(params.size, 1u);
  EXPECT_EQ(params.get("slug"), "sport");
  EXPECT_EQ(params.get("other"), "");

  Params none;
  EXPECT_FALSE(p.match("/category/a/b/", none));
  EXPECT_FALSE(p.match("/category//", none));
  EXPECT_FALSE(p.match("/category/", none));
}

TEST(PathPattern, ArabicSegments) {
  const std::string slug = "\xD8\xA7\xD9\x84\xD8\xAE\xD8\xA8\xD8\xB1";      // الخبر
  const std::string category = "\xD8\xB1\xD9\x8A\xD8\xA7\xD8\xB6\xD8\xA9";  // رياضة
  Params params;
  PathPattern p("/{yyyy:int}/{mm:int}/{slug}/");
  // Params are views into the path, so it must outlive them.
  const std::string path = "/2019/05/" + slug + "/";
  ASSERT_TRUE(p.match(path, params));
  EXPECT_EQ(params.get("slug"), slug);
  EXPECT_EQ(params.get_int("yyyy"), 2019);
  EXPECT_EQ(params.get_int("mm"), 5);

  // An Arabic literal segment.
  PathPattern lit("/" + category + "/{slug}/");
  Params p2;
  const std::string in_category = "/" + category + "/" + slug + "/";
  ASSERT_TRUE(lit.match(in_category, p2));
  EXPECT_EQ(p2.get("slug"), slug);
  Params p3;
  EXPECT_FALSE(lit.match("/" + slug + "/" + slug + "/", p3));
}

TEST(PathPattern, IntParamDigitsOnlyAtMostNine) {
  PathPattern p("/page/{n:int}/");
  Params params;
  ASSERT_TRUE(p.match("/page/7/", params));
  EXPECT_EQ(params.get("n"), "7");
  EXPECT_EQ(params.get_int("n"), 7);

  params = {};
  ASSERT_TRUE(p.match("/page/999999999/", params));  // 9 digits
  EXPECT_EQ(params.get_int("n"), 999999999);

  params = {};
  ASSERT_TRUE(p.match("/page/007/", params));
  EXPECT_EQ(params.get_int("n"), 7);

  params = {};
  ASSERT_TRUE(p.match("/page/0/", params));
  EXPECT_EQ(params.get_int("n"), 0);

  for (const char* bad : {"/page/1000000000/", "/page/-1/", "/page/+1/", "/page/1a/", "/page/a1/",
                          "/page/1.5/", "/page/ 1/", "/page//",
                          // Arabic-Indic digits are not ASCII digits.
                          "/page/\xD9\xA1/"}) {
    Params none;
    EXPECT_FALSE(p.match(bad, none)) << bad;
  }
}

TEST(PathPattern, IntParamAtEndWithoutSlash) {
  PathPattern p("/p/{n:int}");
  Params params;
  ASSERT_TRUE(p.match("/p/42", params));
  EXPECT_EQ(params.get_int("n"), 42);
  Params none;
  EXPECT_FALSE(p.match("/p/42/", none));
  EXPECT_FALSE(p.match("/p/x", none));
}

TEST(PathPattern, RestCapturesTheRestIncludingSlashes) {
  PathPattern p("/static/{file*}");
  Params params;
  ASSERT_TRUE(p.match("/static/css/site.css", params));
  EXPECT_EQ(params.get("file"), "css/site.css");

  params = {};
  ASSERT_TRUE(p.match("/static/a", params));
  EXPECT_EQ(params.get("file"), "a");

  params = {};
  ASSERT_TRUE(p.match("/static/fonts/", params));
  EXPECT_EQ(params.get("file"), "fonts/");

  Params none;
  EXPECT_FALSE(p.match("/static/", none));  // rest must be non-empty
  EXPECT_FALSE(p.match("/static", none));
  EXPECT_FALSE(p.match("/statics/a", none));
}

TEST(PathPattern, RestMustBeLast) {
  EXPECT_THROW(PathPattern("/static/{file*}/x"), std::invalid_argument);
}

TEST(PathPattern, PatternMustStartWithSlash) {
  EXPECT_THROW(PathPattern("about/"), std::invalid_argument);
  EXPECT_THROW(PathPattern(""), std::invalid_argument);
  EXPECT_THROW(PathPattern("{slug}/"), std::invalid_argument);
  EXPECT_NO_THROW(PathPattern("/"));
}

TEST(Params, GetIntOfAbsentIsZero) {
  Params params;
  EXPECT_EQ(params.get_int("n"), 0);
  EXPECT_EQ(params.get("n"), "");
}

TEST(Params, AllSixSlotsUsable) {
  PathPattern p("/{a}/{b}/{c}/{d}/{e}/{f:int}/");
  Params params;
  ASSERT_TRUE(p.match("/1/2/3/4/5/6/", params));
  EXPECT_EQ(params.size, 6u);
  EXPECT_EQ(params.get("a"), "1");
  EXPECT_EQ(params.get("e"), "5");
  EXPECT_EQ(params.get_int("f"), 6);
}

struct Route {
  Method method;
  PathPattern pattern;
  int id;
};

std::vector<Route> table() {
  std::vector<Route> t;
  t.push_back({Method::get, PathPattern("/"), 1});
  t.push_back({Method::get, PathPattern("/feed/"), 2});
  t.push_back({Method::get, PathPattern("/{slug}/"), 3});  // after /feed/: /feed/ wins
  t.push_back({Method::get, PathPattern("/{yyyy:int}/{mm:int}/{slug}/"), 4});
  t.push_back({Method::get, PathPattern("/{yyyy:int}/{mm:int}/{slug}/"), 5});  // shadowed
  t.push_back({Method::post, PathPattern("/{yyyy:int}/{mm:int}/{slug}/comment"), 6});
  t.push_back({Method::get, PathPattern("/static/{file*}"), 7});
  t.push_back({Method::post, PathPattern("/search/"), 8});
  return t;
}

int find_id(const std::vector<Route>& t, Method m, std::string_view path) {
  Params params;
  const Route* r = find_route(t, m, path, params);
  return r ? r->id : 0;
}

TEST(FindRoute, FirstMatchInTableOrderWins) {
  const auto t = table();
  EXPECT_EQ(find_id(t, Method::get, "/"), 1);
  EXPECT_EQ(find_id(t, Method::get, "/feed/"), 2);
  EXPECT_EQ(find_id(t, Method::get, "/about/"), 3);
  EXPECT_EQ(find_id(t, Method::get, "/2019/05/x/"), 4);
  EXPECT_EQ(find_id(t, Method::get, "/static/a/b.css"), 7);
  EXPECT_EQ(find_id(t, Method::get, "/nothing/here/at/all/"), 0);
  EXPECT_EQ(find_id(t, Method::get, "/about"), 0);
}

TEST(FindRoute, ParamsComeFromTheMatchingRouteOnly) {
  const auto t = table();
  Params params;
  // "/2019/05/x/" is tried against "/{slug}/" first (fails after capturing
  // nothing useful); the result must carry only route 4's params.
  const Route* r = find_route(t, Method::get, "/2019/05/x/", params);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->id, 4);
  EXPECT_EQ(params.size, 3u);
  EXPECT_EQ(params.get_int("yyyy"), 2019);
  EXPECT_EQ(params.get_int("mm"), 5);
  EXPECT_EQ(params.get("slug"), "x");
}

TEST(FindRoute, HeadMatchesGetRoutes) {
  const auto t = table();
  EXPECT_EQ(find_id(t, Method::head, "/"), 1);
  EXPECT_EQ(find_id(t, Method::head, "/about/"), 3);
  EXPECT_EQ(find_id(t, Method::head, "/static/x"), 7);
  EXPECT_EQ(find_id(t, Method::head, "/2019/05/x/comment"), 0);  // POST-only
  EXPECT_EQ(find_id(t, Method::head, "/search/"), 3);            // the GET route, not POST /search/
}

TEST(FindRoute, PostDoesNotMatchGetRoutes) {
  const auto t = table();
  EXPECT_EQ(find_id(t, Method::post, "/"), 0);
  EXPECT_EQ(find_id(t, Method::post, "/about/"), 0);
  EXPECT_EQ(find_id(t, Method::post, "/search/"), 8);
  EXPECT_EQ(find_id(t, Method::post, "/2019/05/x/comment"), 6);
  EXPECT_EQ(find_id(t, Method::get, "/2019/05/x/comment"), 0);
  EXPECT_EQ(find_id(t, Method::get, "/search/"), 3);  // GET falls to /{slug}/
  EXPECT_EQ(find_id(t, Method::other, "/"), 0);
}

}  // namespace
}  // namespace jarida::http
