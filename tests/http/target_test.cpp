// Request targets (src/http/target.cpp): decoding and validating the path,
// splitting the query, encoding paths for Location headers, and query values
// (src/http/request.cpp's query_param).
#include "http/target.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "http/limits.hpp"
#include "http/request.hpp"

namespace jarida::http {
namespace {

using namespace std::string_literals;

// "/2019/05/الخبر/" in UTF-8.
const std::string kArabicPath = "/2019/05/\xD8\xA7\xD9\x84\xD8\xAE\xD8\xA8\xD8\xB1/";
const std::string kArabicLower = "/2019/05/%d8%a7%d9%84%d8%ae%d8%a8%d8%b1/";
const std::string kArabicUpper = "/2019/05/%D8%A7%D9%84%D8%AE%D8%A8%D8%B1/";

TargetError parse(std::string_view target, std::string* path_out = nullptr,
                  std::string_view* query_out = nullptr) {
  std::string path = "junk";
  std::string_view query = "junk";
  const TargetError e = parse_target(target, path, query);
  if (path_out) *path_out = path;
  if (query_out) *query_out = query;
  return e;
}

TEST(ParseTarget, DecodesArabicInLowerCaseHex) {
  std::string path;
  std::string_view query;
  ASSERT_EQ(parse(kArabicLower, &path, &query), TargetError::none);
  EXPECT_EQ(path, kArabicPath);
  EXPECT_EQ(path, "/2019/05/الخبر/");
  EXPECT_TRUE(query.empty());
}

TEST(ParseTarget, DecodesArabicInUpperCaseHexToTheSameBytes) {
  std::string lower, upper;
  ASSERT_EQ(parse(kArabicLower, &lower), TargetError::none);
  ASSERT_EQ(parse(kArabicUpper, &upper), TargetError::none);
  EXPECT_EQ(lower, upper);
  EXPECT_EQ(upper, kArabicPath);
}

TEST(ParseTarget, DecodesMixedCaseHex) {
  std::string path;
  ASSERT_EQ(parse("/%D8%a7%d8%A7", &path), TargetError::none);
  EXPECT_EQ(path, "/\xD8\xA7\xD8\xA7");
}

TEST(ParseTarget, AcceptsRawUtf8) {
  std::string path;
  ASSERT_EQ(parse(kArabicPath, &path), TargetError::none);
  EXPECT_EQ(path, kArabicPath);
}

TEST(ParseTarget, AcceptsRawAndEncodedUtf8Mixed) {
  std::string path;
  ASSERT_EQ(parse("/\xD8\xA7%D9%84/", &path), TargetError::none);
  EXPECT_EQ(path, "/\xD8\xA7\xD9\x84/");
}

TEST(ParseTarget, SplitsQueryAndLeavesItRaw) {
  std::string path;
  std::string_view query;
  ASSERT_EQ(parse("/search/?q=%D8%A7+b&page=2", &path, &query), TargetError::none);
  EXPECT_EQ(path, "/search/");
  EXPECT_EQ(query, "q=%D8%A7+b&page=2");
}

TEST(ParseTarget, QuerySplitsAtFirstQuestionMark) {
  std::string path;
  std::string_view query;
  ASSERT_EQ(parse("/a?b?c", &path, &query), TargetError::none);
  EXPECT_EQ(path, "/a");
  EXPECT_EQ(query, "b?c");
}

TEST(ParseTarget, EmptyQueryAfterQuestionMark) {
  std::string path;
  std::string_view query = "x";
  ASSERT_EQ(parse("/a/?", &path, &query), TargetError::none);
  EXPECT_EQ(path, "/a/");
  EXPECT_TRUE(query.empty());
}

TEST(ParseTarget, NoQueryGivesEmptyQuery) {
  std::string_view query;
  ASSERT_EQ(parse("/a/", nullptr, &query), TargetError::none);
  EXPECT_TRUE(query.empty());
}

TEST(ParseTarget, QueryIsNotValidatedAsPath) {
  // Escapes in the query are decoded per value, later; the path is fine.
  std::string path;
  std::string_view query;
  ASSERT_EQ(parse("/a?x=%zz&y=..", &path, &query), TargetError::none);
  EXPECT_EQ(path, "/a");
  EXPECT_EQ(query, "x=%zz&y=..");
}

TEST(ParseTarget, RootPath) {
  std::string path;
  ASSERT_EQ(parse("/", &path), TargetError::none);
  EXPECT_EQ(path, "/");
}

TEST(ParseTarget, TooLong) {
  const std::string at_limit = "/" + std::string(limits::kMaxTargetBytes - 1, 'a');
  ASSERT_EQ(at_limit.size(), limits::kMaxTargetBytes);
  EXPECT_EQ(parse(at_limit), TargetError::none);
  EXPECT_EQ(parse(at_limit + "a"), TargetError::too_long);
  // The limit counts the whole target, query included.
  const std::string with_query = "/?" + std::string(limits::kMaxTargetBytes - 1, 'q');
  EXPECT_EQ(parse(with_query), TargetError::too_long);
}

TEST(ParseTarget, NotOriginForm) {
  EXPECT_EQ(parse(""), TargetError::not_origin);
  EXPECT_EQ(parse("*"), TargetError::not_origin);
  EXPECT_EQ(parse("http://x/"), TargetError::not_origin);
  EXPECT_EQ(parse("a/b"), TargetError::not_origin);
  EXPECT_EQ(parse("?q=1"), TargetError::not_origin);
}

TEST(ParseTarget, BadEncoding) {
  EXPECT_EQ(parse("%"), TargetError::not_origin);  // not even a path
  EXPECT_EQ(parse("/%"), TargetError::bad_encoding);
  EXPECT_EQ(parse("/%4"), TargetError::bad_encoding);
  EXPECT_EQ(parse("/%zz"), TargetError::bad_encoding);
  EXPECT_EQ(parse("/%4g"), TargetError::bad_encoding);
  EXPECT_EQ(parse("/%g4"), TargetError::bad_encoding);
  EXPECT_EQ(parse("/abc%a"), TargetError::bad_encoding);
  EXPECT_EQ(parse("/abc/%a"), TargetError::bad_encoding);
  EXPECT_EQ(parse("/%a?x=1"), TargetError::bad_encoding);  // '%a' ends the path
  EXPECT_EQ(parse("/%%41"), TargetError::bad_encoding);
}

TEST(ParseTarget, EscapeAtVeryEndIsDecoded) {
  std::string path;
  ASSERT_EQ(parse("/a%41", &path), TargetError::none);
  EXPECT_EQ(path, "/aA");
  ASSERT_EQ(parse("/%41?x", &path), TargetError::none);
  EXPECT_EQ(path, "/A");
}

TEST(ParseTarget, InvalidUtf8) {
  EXPECT_EQ(parse("/%ff"), TargetError::invalid_utf8);
  EXPECT_EQ(parse("/%FF"), TargetError::invalid_utf8);
  EXPECT_EQ(parse("/%c0%af"), TargetError::invalid_utf8);        // overlong '/'
  EXPECT_EQ(parse("/%ed%a0%80"), TargetError::invalid_utf8);     // U+D800
  EXPECT_EQ(parse("/%d8"), TargetError::invalid_utf8);           // truncated
  EXPECT_EQ(parse("/%d8/"), TargetError::invalid_utf8);          // truncated mid-path
  EXPECT_EQ(parse("/\xD8"), TargetError::invalid_utf8);          // raw, truncated
  EXPECT_EQ(parse("/\xC0\xAF"), TargetError::invalid_utf8);      // raw overlong
  EXPECT_EQ(parse("/%f4%90%80%80"), TargetError::invalid_utf8);  // > U+10FFFF
}

TEST(ParseTarget, ControlCharacters) {
  EXPECT_EQ(parse("/%00"), TargetError::control_char);
  EXPECT_EQ(parse("/a%00b"), TargetError::control_char);
  EXPECT_EQ(parse("/%0a"), TargetError::control_char);
  EXPECT_EQ(parse("/%0D%0A"), TargetError::control_char);
  EXPECT_EQ(parse("/\x01"), TargetError::control_char);
  EXPECT_EQ(parse("/a\x1f"), TargetError::control_char);
  EXPECT_EQ(parse("/%7f"), TargetError::control_char);
  EXPECT_EQ(parse("/\x7f"), TargetError::control_char);
  EXPECT_EQ(parse("/\0"s), TargetError::control_char);
  EXPECT_EQ(parse("/%09"), TargetError::control_char);  // tab
}

TEST(ParseTarget, SpaceAndPrintableAsciiAreFine) {
  std::string path;
  ASSERT_EQ(parse("/a%20b/~x/", &path), TargetError::none);
  EXPECT_EQ(path, "/a b/~x/");
}

TEST(ParseTarget, DotSegments) {
  EXPECT_EQ(parse("/.."), TargetError::dot_segment);
  EXPECT_EQ(parse("/."), TargetError::dot_segment);
  EXPECT_EQ(parse("/../"), TargetError::dot_segment);
  EXPECT_EQ(parse("/a/../b"), TargetError::dot_segment);
  EXPECT_EQ(parse("/a/.."), TargetError::dot_segment);
  EXPECT_EQ(parse("/%2e%2e/"), TargetError::dot_segment);
  EXPECT_EQ(parse("/%2E%2E/"), TargetError::dot_segment);
  EXPECT_EQ(parse("/.%2e/"), TargetError::dot_segment);
  EXPECT_EQ(parse("/./"), TargetError::dot_segment);
  EXPECT_EQ(parse("/a/%2E/"), TargetError::dot_segment);
  EXPECT_EQ(parse("/a/./b/"), TargetError::dot_segment);
  EXPECT_EQ(parse("/a/..?x=1"), TargetError::dot_segment);
}

TEST(ParseTarget, DotsInsideSegmentsAreFine) {
  std::string path;
  ASSERT_EQ(parse("/a..b/", &path), TargetError::none);
  EXPECT_EQ(path, "/a..b/");
  EXPECT_EQ(parse("/.well-known/"), TargetError::none);
  EXPECT_EQ(parse("/.well-known/security.txt"), TargetError::none);
  EXPECT_EQ(parse("/.../"), TargetError::none);
  EXPECT_EQ(parse("/..a"), TargetError::none);
  EXPECT_EQ(parse("/static/app.css"), TargetError::none);
  EXPECT_EQ(parse("/a/b..?q=.."), TargetError::none);
}

TEST(ParseTarget, EmptySegmentsAreNotDotSegments) {
  // "//" is left to the router (it matches nothing), not refused here.
  std::string path;
  ASSERT_EQ(parse("//", &path), TargetError::none);
  EXPECT_EQ(path, "//");
}

TEST(EncodePath, ArabicUsesLowerCaseHexAndKeepsSlashes) {
  EXPECT_EQ(encode_path(kArabicPath), kArabicLower);
  EXPECT_EQ(encode_path("/"), "/");
  EXPECT_EQ(encode_path("/a/b/"), "/a/b/");
  EXPECT_EQ(encode_path("//"), "//");
}

TEST(EncodePath, KeepsUnreservedAsciiAndEncodesTheRest) {
  EXPECT_EQ(encode_path("/aZ09-._~/"), "/aZ09-._~/");
  EXPECT_EQ(encode_path("/a b"), "/a%20b");
  EXPECT_EQ(encode_path("/a?b#c"), "/a%3fb%23c");
  EXPECT_EQ(encode_path("/100%"), "/100%25");
}

TEST(EncodePath, NoUpperCaseHexDigits) {
  const std::string enc = encode_path("/\xD9\x8B\xEF\xBF\xBF\xF0\x9F\x93\xB0 \x7f");
  for (std::size_t i = 0; i < enc.size(); ++i) {
    if (enc[i] != '%') continue;
    ASSERT_LT(i + 2, enc.size());
    for (std::size_t j = i + 1; j <= i + 2; ++j)
      EXPECT_TRUE((enc[j] >= '0' && enc[j] <= '9') || (enc[j] >= 'a' && enc[j] <= 'f')) << enc;
  }
  EXPECT_EQ(enc, "/%d9%8b%ef%bf%bf%f0%9f%93%b0%20%7f");
}

TEST(EncodePath, RoundTripsThroughParseTarget) {
  const std::string paths[] = {
      "/",
      kArabicPath,
      "/category/\xD8\xB1\xD9\x8A\xD8\xA7\xD8\xB6\xD8\xA9/page/2/",
      "/a b/c+d/e%f/",
      "/tag/C++/",
      "/\xF0\x9F\x93\xB0/emoji",
      "/.well-known/x",
      "/a..b/",
      "/q?x#y/",
  };
  for (const std::string& p : paths) {
    const std::string enc = encode_path(p);
    std::string decoded;
    std::string_view query = "junk";
    ASSERT_EQ(parse_target(enc, decoded, query), TargetError::none) << p << " -> " << enc;
    EXPECT_EQ(decoded, p) << enc;
    EXPECT_TRUE(query.empty()) << enc;
    // Encoding is idempotent on what it produces only through decoding:
    // encoding an encoded path escapes the '%'.
    EXPECT_EQ(encode_path(decoded), enc);
  }
}

TEST(EncodeUri, EncodesRawUtf8AsEncodePathDoes) {
  EXPECT_EQ(encode_uri(kArabicPath), kArabicLower);
  EXPECT_EQ(encode_uri("https://example.com/\xD8\xB5.jpg"), "https://example.com/%d8%b5.jpg");
}

TEST(EncodeUri, KeepsUriSyntaxAndEscapesAlreadyThere) {
  EXPECT_EQ(encode_uri(kArabicLower), kArabicLower);
  EXPECT_EQ(encode_uri(kArabicUpper), kArabicUpper);
  EXPECT_EQ(encode_uri("/search?q=a&b=c+d#top"), "/search?q=a&b=c+d#top");
  EXPECT_EQ(encode_uri("https://user@host:8080/a;b=c/[x]!$'()*,~"),
            "https://user@host:8080/a;b=c/[x]!$'()*,~");
  // Half encoded, half raw: each part comes out encoded once.
  EXPECT_EQ(encode_uri("/%d8%a7\xD8\xA7/"), "/%d8%a7%d8%a7/");
}

TEST(EncodeUri, EncodesWhatAUriMayNotHold) {
  EXPECT_EQ(encode_uri("/a b\"c<d>e\\f^g`h{i|j}k"), "/a%20b%22c%3cd%3ee%5cf%5eg%60h%7bi%7cj%7dk");
  EXPECT_EQ(encode_uri("/100%"), "/100%25");
  EXPECT_EQ(encode_uri("/5%-off/%zz"), "/5%25-off/%25zz");
  EXPECT_EQ(encode_uri("/a\r\nLocation: x"), "/a%0d%0aLocation:%20x");
  EXPECT_EQ(encode_uri(std::string_view("/a\0b", 4)), "/a%00b");
}

TEST(DecodeQueryValue, PlusIsSpaceAndEscapesDecode) {
  std::string out;
  ASSERT_TRUE(decode_query_value("a+b%20c", out));
  EXPECT_EQ(out, "a b c");
  ASSERT_TRUE(decode_query_value("%D8%A7%d9%84", out));
  EXPECT_EQ(out, "\xD8\xA7\xD9\x84");
  ASSERT_TRUE(decode_query_value("%2B", out));
  EXPECT_EQ(out, "+");
  ASSERT_TRUE(decode_query_value("", out));
  EXPECT_EQ(out, "");
  ASSERT_TRUE(decode_query_value("\xD8\xA7", out));  // raw UTF-8 passes through
  EXPECT_EQ(out, "\xD8\xA7");
}

TEST(DecodeQueryValue, ClearsOutputFirst) {
  std::string out = "old";
  ASSERT_TRUE(decode_query_value("new", out));
  EXPECT_EQ(out, "new");
}

TEST(DecodeQueryValue, BadEscapesFail) {
  std::string out;
  EXPECT_FALSE(decode_query_value("%", out));
  EXPECT_FALSE(decode_query_value("%4", out));
  EXPECT_FALSE(decode_query_value("%zz", out));
  EXPECT_FALSE(decode_query_value("abc%a", out));
  EXPECT_FALSE(decode_query_value("%g0", out));
  EXPECT_TRUE(decode_query_value("abc%41", out));
  EXPECT_EQ(out, "abcA");
}

TEST(QueryParam, FindsAndDecodesValues) {
  const std::string_view q = "s=%D8%A7%D9%84+x&page=2&empty=&flag&dup=1&dup=2";
  EXPECT_EQ(query_param(q, "s"), "\xD8\xA7\xD9\x84 x");
  EXPECT_EQ(query_param(q, "page"), "2");
  EXPECT_EQ(query_param(q, "empty"), "");
  EXPECT_EQ(query_param(q, "flag"), "");
  EXPECT_EQ(query_param(q, "dup"), "1");  // first wins
  EXPECT_EQ(query_param(q, "missing"), "");
  EXPECT_EQ(query_param(q, "pag"), "");  // no prefix match
  EXPECT_EQ(query_param("", "s"), "");
}

TEST(QueryParam, BadEncodingYieldsEmpty) {
  EXPECT_EQ(query_param("s=%zz&t=ok", "s"), "");
  EXPECT_EQ(query_param("s=%zz&t=ok", "t"), "ok");
  EXPECT_EQ(query_param("s=ab%", "s"), "");
}

TEST(QueryParam, ValueMayContainEquals) {
  EXPECT_EQ(query_param("a=b=c", "a"), "b=c");
}

}  // namespace
}  // namespace jarida::http
