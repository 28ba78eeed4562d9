// The fast path must never change what html_to_text would give.
#include "importer/plain_text.hpp"

#include <gtest/gtest.h>

#include "render/html_sanitizer.hpp"

namespace {

using jarida::importer::is_plain_text;
using jarida::importer::plain_text;
using jarida::render::html_to_text;

TEST(PlainText, AgreesWithHtmlToTextOnEveryShape) {
  const char* samples[] = {
      "",
      "قارئ",
      "تغطية ممتازة كالعادة.",
      "سطر أول\nسطر ثان",
      "فقرة\n\nفقرة ثانية",
      "ثلاثة\n\n\nأسطر",
      " مسافة في البداية",
      "مسافة في النهاية ",
      "مسافتان  هنا",
      "سطر \nبمسافة",
      "سطر\n بمسافة",
      "علامة <b>عريضة</b>",
      "سعاد &amp; سامي",
      "أسعار &#8217;اليوم&#8217;",
      "a\tb",
      "a\rb",
      "no\xc2\xa0"
      "break",
      "c1 \xc2\x85 control",
      "bad \xff utf8",
      "\n",
      "x",
      "plain ascii, with punctuation: yes!",
  };
  for (const char* s : samples) {
    EXPECT_EQ(plain_text(s), html_to_text(s)) << "[" << s << "]";
    if (is_plain_text(s)) {
      EXPECT_EQ(html_to_text(s), s) << "fast path taken for [" << s << "]";
    }
  }
}

TEST(PlainText, TheFastPathIsTakenForOrdinaryText) {
  EXPECT_TRUE(is_plain_text("تغطية ممتازة كالعادة."));
  EXPECT_TRUE(is_plain_text("سطر أول\nسطر ثان"));
  EXPECT_TRUE(is_plain_text("فقرة\n\nفقرة ثانية"));
  EXPECT_FALSE(is_plain_text("سعاد &amp; سامي"));
  EXPECT_FALSE(is_plain_text("ثلاثة\n\n\nأسطر"));
  EXPECT_FALSE(is_plain_text("a  b"));
}

}  // namespace
