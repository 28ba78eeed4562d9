// `jarida redirect add|remove` arguments (src/app/redirect_command.cpp):
// what FROM and TO may be, and the form they are stored in. The command
// itself runs in tests/integration/legacy_links_test.py.
#include "app/redirect_command.hpp"

#include <gtest/gtest.h>

namespace jarida::app {
namespace {

std::optional<store::Redirect> parse(std::string_view from, std::string_view to, int status = 301) {
  std::string error;
  auto r = parse_redirect(from, to, status, error);
  EXPECT_EQ(r.has_value(), error.empty()) << error;
  return r;
}

std::string why(std::string_view from, std::string_view to, int status = 301) {
  std::string error;
  EXPECT_FALSE(parse_redirect(from, to, status, error));
  return error;
}

TEST(ParseRedirect, PathsAreStoredDecoded) {
  const auto r =
      parse("/%D8%AE%D8%A8%D8%B1-%d9%82%d8%af%d9%8a%d9%85/", "/2024/01/%d8%ae%d8%a8%d8%b1/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->from_path, "/خبر-قديم/");
  EXPECT_EQ(r->to_path, "/2024/01/خبر/");
  EXPECT_EQ(r->status, 301);
  EXPECT_EQ(parse("/old", "/خبر/")->to_path, "/خبر/");  // raw UTF-8 is fine too
}

TEST(ParseRedirect, ToKeepsItsQueryAndAbsoluteUrlsAsTyped) {
  EXPECT_EQ(parse("/old", "/search?q=%D8%A7&x=1")->to_path, "/search?q=%D8%A7&x=1");
  EXPECT_EQ(parse("/old", "https://other.example/a%20b?c=d#e", 308)->to_path,
            "https://other.example/a%20b?c=d#e");
  EXPECT_EQ(parse("/old", "HTTP://other.example")->to_path, "HTTP://other.example");
  // An encoded '?' in the path stays encoded (decoded it would start a query).
  EXPECT_EQ(parse("/old", "/what%3F/")->to_path, "/what%3F/");
}

TEST(ParseRedirect, StatusesAreThoseOfTheTable) {
  for (int s : {301, 302, 307, 308}) EXPECT_EQ(parse("/a", "/b", s)->status, s);
  for (int s : {200, 300, 303, 404, 0})
    EXPECT_NE(why("/a", "/b", s).find("--status"), std::string::npos);
}

TEST(ParseRedirect, BadFromOrToSaysWhy) {
  EXPECT_NE(why("old-page", "/new/").find("FROM must be a path"), std::string::npos);
  EXPECT_NE(why("https://old.example/x", "/new/").find("FROM must be a path"), std::string::npos);
  EXPECT_NE(why("/old?p=1", "/new/").find("path only"), std::string::npos);
  EXPECT_NE(why("/", "/new/").find("home page"), std::string::npos);
  EXPECT_NE(why("/a%zz", "/new/").find("hex digits"), std::string::npos);
  EXPECT_NE(why("/a/../b", "/new/").find("'..'"), std::string::npos);
  for (const char* to : {"new-page", "//evil.example/x", "javascript:alert(1)", "ftp://h/x",
                         "https://", "https:///x", "https://h/a b", ""})
    EXPECT_NE(why("/old", to).find("TO must be"), std::string::npos) << to;
  EXPECT_NE(why("/old", "/a%zz").find("TO has a '%'"), std::string::npos);
  EXPECT_NE(why("/old/", "/old/").find("loop"), std::string::npos);
  EXPECT_NE(why("/%d8%a7", "/ا").find("loop"), std::string::npos);
}

TEST(ParseRedirectFrom, RemoveFindsWhatAddStored) {
  std::string error;
  EXPECT_EQ(parse_redirect_from("/%d8%a7/", error), "/ا/");
  EXPECT_FALSE(parse_redirect_from("x", error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace jarida::app
