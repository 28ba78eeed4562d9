// UTF-8 helpers (src/text/utf8.cpp): strict validation, code point counts,
// whole-word excerpt cuts and HTML to text for excerpts.
#include "text/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jarida::text {
namespace {

using namespace std::string_literals;

TEST(Utf8Valid, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("نص عربي مع تشكيل: كَتَبَ"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x93\xB0"));  // U+1F4F0, 4 bytes
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last
  EXPECT_TRUE(is_valid_utf8("a\0b"s));             // NUL is a code point
}

TEST(Utf8Valid, RejectsOverlongForms) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));  // '/' in 2 bytes
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // '/' in 3 bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // '/' in 4 bytes
  EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // U+07FF in 3 bytes
}

TEST(Utf8Valid, RejectsSurrogates) {
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // U+D800
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));  // U+DFFF
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));   // U+D7FF, just below
}

TEST(Utf8Valid, RejectsBeyondU10FFFF) {
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Utf8Valid, RejectsTruncatedAndStraySequences) {
  EXPECT_FALSE(is_valid_utf8("\xD8"));         // lead byte of an Arabic letter alone
  EXPECT_FALSE(is_valid_utf8("abc\xE2\x80"));  // "…" cut short
  EXPECT_FALSE(
      is_valid_utf8("\x80"
                    "abc"));  // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xD8\xD8\xB3"));
}

TEST(Utf8Count, CountsCodePointsNotBytes) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("abc"), 3u);
  EXPECT_EQ(count_code_points("سلام"), 4u);
  EXPECT_EQ(count_code_points("a\xF0\x9F\x93\xB0ب"), 3u);
  EXPECT_EQ(count_code_points("كَتَبَ"), 6u);  // harakat are code points too
}

// "الطقس حار جدا اليوم": 5 + 1 + 3 + 1 + 3 + 1 + 5 = 19 code points.
const std::string kWeather = "الطقس حار جدا اليوم";

TEST(Utf8Cut, ShortTextIsUnchanged) {
  EXPECT_EQ(cut_at_word(kWeather, 19), kWeather);
  EXPECT_EQ(cut_at_word(kWeather, 100), kWeather);
  EXPECT_EQ(cut_at_word("", 0), "");
}

TEST(Utf8Cut, CutsAtLastSpaceBeforeLimit) {
  EXPECT_EQ(cut_at_word(kWeather, 12), "الطقس حار…");  // window ends inside جدا
  EXPECT_EQ(cut_at_word(kWeather, 18), "الطقس حار جدا…");
}

TEST(Utf8Cut, WindowEndingOnAWordKeepsThatWord) {
  EXPECT_EQ(cut_at_word(kWeather, 13), "الطقس حار جدا…");  // next is a space
  EXPECT_EQ(cut_at_word(kWeather, 14), "الطقس حار جدا…");  // trailing space dropped
}

TEST(Utf8Cut, OneLongWordIsCutAtTheLimit) {
  EXPECT_EQ(cut_at_word(kWeather, 3), "الط…");
  EXPECT_EQ(cut_at_word("abcdefgh", 5), "abcde…");
  EXPECT_EQ(cut_at_word("abc", 0), "…");
}

TEST(Utf8Cut, NeverSplitsACodePointAndNeverExceedsLimit) {
  const std::string text = "كَتَبَ المراسل\u3000تقريرًا\tطويلًا 📰 عن الانتخابات";
  const std::size_t total = count_code_points(text);
  for (std::size_t max = 0; max <= total + 2; ++max) {
    const std::string cut = cut_at_word(text, max);
    SCOPED_TRACE("max=" + std::to_string(max));
    ASSERT_TRUE(is_valid_utf8(cut));
    if (max >= total) {
      EXPECT_EQ(cut, text);
    } else {
      ASSERT_GE(cut.size(), 3u);
      EXPECT_EQ(cut.substr(cut.size() - 3), "…");
      EXPECT_LE(count_code_points(cut) - 1, max);
      EXPECT_EQ(text.compare(0, cut.size() - 3, cut, 0, cut.size() - 3), 0);  // a prefix
    }
  }
}

TEST(Utf8Cut, UnicodeWhitespaceBreaksButNoBreakSpaceDoesNot) {
  EXPECT_EQ(cut_at_word("خبر\u2003عاجل جدا", 6), "خبر…");  // em space breaks
  EXPECT_EQ(cut_at_word("سطر\nثان", 5), "سطر…");
  // "10 كم" is glued with U+00A0: the cut goes before "10", not inside.
  EXPECT_EQ(cut_at_word("مسافة 10\u00A0كم", 10), "مسافة…");
}

TEST(Utf8Cut, OnlyTrailingBlanksCutNeedNoEllipsis) {
  EXPECT_EQ(cut_at_word("خبر   ", 3), "خبر");
}

TEST(Utf8Cut, LeadingBlanksFallBackToTheLimit) {
  EXPECT_EQ(cut_at_word("  abcdef", 5), "  abc…");
}

TEST(HtmlToText, DropsTagsAndSeparatesBlocks) {
  EXPECT_EQ(html_to_text("<p>خبر <b>عاجل</b></p><p>التفاصيل لاحقا</p>"), "خبر عاجل التفاصيل لاحقا");
  EXPECT_EQ(html_to_text("سطر<br>سطر<br/>سطر"), "سطر سطر سطر");
  EXPECT_EQ(html_to_text("<ul><li>أ</li><li>ب</li></ul>"), "أ ب");
}

TEST(HtmlToText, InlineTagsDoNotSplitWords) {
  EXPECT_EQ(html_to_text("<b>كل</b><i>مة</i>"), "كلمة");
}

TEST(HtmlToText, DecodesListedEntities) {
  EXPECT_EQ(html_to_text("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;"), "<b> & \"x\" 'y'");
}

TEST(HtmlToText, DecodesNumericEntities) {
  EXPECT_EQ(html_to_text("&#1587;&#x644;&#X627;&#1605;"), "سلام");
  EXPECT_EQ(html_to_text("&#xD800;"), "&#xD800;");  // a surrogate is no character
  EXPECT_EQ(html_to_text("&#99999999999;"), "&#99999999999;");
}

TEST(HtmlToText, NbspBecomesACollapsibleSpace) {
  EXPECT_EQ(html_to_text("أ&nbsp;&nbsp; ب&nbsp;"), "أ ب");
}

TEST(HtmlToText, CollapsesAndTrimsWhitespace) {
  EXPECT_EQ(html_to_text("  \n\t نص   \r\n  آخر \u3000"), "نص آخر");
  EXPECT_EQ(html_to_text(""), "");
  EXPECT_EQ(html_to_text("<p> </p>"), "");
}

TEST(HtmlToText, QuotedGreaterThanStaysInsideTheTag) {
  EXPECT_EQ(html_to_text("<a href=\"/x\" title=\"a>b\">رابط</a>"), "رابط");
  EXPECT_EQ(html_to_text("<img alt='1 > 0'>صورة"), "صورة");
}

TEST(HtmlToText, DropsScriptStyleAndComments) {
  EXPECT_EQ(html_to_text("<script>var s = '<p>نص</p>';</script>نص"), "نص");
  EXPECT_EQ(html_to_text("<STYLE>p { color: red }</STYLE>نص"), "نص");
  EXPECT_EQ(html_to_text("قبل<!-- <p>مخفي</p> -->بعد"), "قبلبعد");
}

TEST(HtmlToText, KeepsLiteralLessThanAndAmpersand) {
  EXPECT_EQ(html_to_text("3 < 5 و Q&A و &unknown;"), "3 < 5 و Q&A و &unknown;");
}

TEST(HtmlToText, OutputIsValidUtf8) {
  const std::string out = html_to_text("<p>خبر\xFF عاجل</p>");
  EXPECT_TRUE(is_valid_utf8(out));
  EXPECT_EQ(out, "خبر عاجل");
}

}  // namespace
}  // namespace jarida::text

namespace jarida::text {
namespace {

TEST(HtmlEscape, EscapesTheFiveCharactersAndKeepsArabic) {
  EXPECT_EQ(html_escape("<a href=\"x\">'ب' & ج</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;ب&#39; &amp; ج&lt;/a&gt;");
  EXPECT_EQ(html_escape("نص عادي"), "نص عادي");
  EXPECT_EQ(html_escape(""), "");
}

}  // namespace
}  // namespace jarida::text
