// Highlighting (src/search/highlight.cpp): matched words marked in the text
// as the writer wrote it, HTML-escaped, and snippets around the matches.
#include "search/highlight.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace jarida::search {
namespace {

// The query-side stem of a word, as the service puts it in a StemSet.
std::string stem(std::string_view word) {
  return text::search_stem(text::normalize_for_matching(word));
}

std::size_t count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// `n` filler words that match nothing, separated (and preceded when
// `leading`) by spaces.
std::string filler(std::size_t n, bool leading = true) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (leading || i > 0) out += ' ';
    out += "نص";
  }
  return out;
}

TEST(HighlightHtml, MarksTheMatchedWordAsWrittenWithItsHarakat) {
  EXPECT_EQ(highlight_html("افتُتحت المَدرسةُ", {stem("مدرسه")}), "افتُتحت <mark>المَدرسةُ</mark>");
}

TEST(HighlightHtml, MarksEveryOccurrenceAndOnlyMatches) {
  EXPECT_EQ(highlight_html("المدرسة والمدرسة مدارس وسوق", {stem("مدرسة")}),
            "<mark>المدرسة</mark> <mark>والمدرسة</mark> مدارس وسوق");
}

TEST(HighlightHtml, MarksSeveralQueryWords) {
  EXPECT_EQ(highlight_html("قطار جديد يعبر الجسر", {stem("القطار"), stem("جسر")}),
            "<mark>قطار</mark> جديد يعبر <mark>الجسر</mark>");
}

TEST(HighlightHtml, TatweelInsideAWordIsPartOfTheMark) {
  EXPECT_EQ(highlight_html("المـدرسة", {stem("مدرسة")}), "<mark>المـدرسة</mark>");
}

TEST(HighlightHtml, MarksAWordFoundByItsParticleLessIndexForm) {
  EXPECT_EQ(highlight_html("زرنا بمدرسة الحي", {stem("مدرسة")}), "زرنا <mark>بمدرسة</mark> الحي");
}

TEST(HighlightHtml, EscapesTheTextAroundAndInsideMarks) {
  EXPECT_EQ(highlight_html("سوق & <b>\"مدرسة\"</b> 'حي'", {stem("مدرسة")}),
            "سوق &amp; &lt;b&gt;&quot;<mark>مدرسة</mark>&quot;&lt;/b&gt; &#39;حي&#39;");
}

TEST(HighlightHtml, WithoutMatchesIsTheEscapedText) {
  EXPECT_EQ(highlight_html("سوق <الخضار>", {stem("مدرسة")}), "سوق &lt;الخضار&gt;");
  EXPECT_EQ(highlight_html("سوق & جسر", {}), "سوق &amp; جسر");
  EXPECT_EQ(highlight_html("", {stem("مدرسة")}), "");
}

TEST(SnippetHtml, EmptyTextGivesEmptySnippet) {
  EXPECT_EQ(snippet_html("", {stem("مدرسة")}), "");
}

TEST(SnippetHtml, AShortTextIsShownWholeWithMarksAndNoEllipsis) {
  EXPECT_EQ(snippet_html("افتُتحت المَدرسةُ في الحي.", {stem("مدرسة")}),
            "افتُتحت <mark>المَدرسةُ</mark> في الحي.");
}

TEST(SnippetHtml, WithoutMatchesItIsTheStartOfTheTextWithNoMarks) {
  const std::string text = filler(40, false);
  const std::string snippet = snippet_html(text, {stem("مدرسة")}, 32);
  EXPECT_EQ(snippet, filler(32, false) + " …");
  EXPECT_EQ(snippet.find("<mark>"), std::string::npos);
}

TEST(SnippetHtml, PicksTheWindowWithTheMostDistinctMatchedWords) {
  // قطار alone at the start; قطار and جسر together later.
  const std::string text = "قطار" + filler(12) + " قطار جسر" + filler(12);
  const std::string snippet = snippet_html(text, {stem("قطار"), stem("جسر")}, 6);
  EXPECT_EQ(snippet, "… " + filler(4, false) + " <mark>قطار</mark> <mark>جسر</mark> …");
}

TEST(SnippetHtml, AmongEquallyVariedWindowsPicksTheOneWithMoreMatches) {
  const std::string text = "قطار جسر" + filler(12) + " قطار جسر قطار جسر" + filler(12);
  const std::string snippet = snippet_html(text, {stem("قطار"), stem("جسر")}, 10);
  EXPECT_EQ(snippet, "… " + filler(4, false) +
                         " <mark>قطار</mark> <mark>جسر</mark> <mark>قطار</mark> <mark>جسر</mark>" +
                         filler(2) + " …");
}

TEST(SnippetHtml, AmongEqualWindowsTheEarliestWins) {
  const std::string text = "قطار جسر" + filler(12) + " قطار جسر" + filler(12);
  const std::string snippet = snippet_html(text, {stem("قطار"), stem("جسر")}, 6);
  EXPECT_EQ(snippet, "<mark>قطار</mark> <mark>جسر</mark>" + filler(4) + " …");
}

TEST(SnippetHtml, ShowsAFewWordsBeforeTheFirstMatchForContext) {
  const std::string text = filler(10, false) + " مدرسة" + filler(10);
  const std::string snippet = snippet_html(text, {stem("مدرسة")}, 8);
  EXPECT_EQ(snippet, "… " + filler(4, false) + " <mark>مدرسة</mark>" + filler(3) + " …");
}

TEST(SnippetHtml, NoLeadingEllipsisWhenTheMatchIsNearTheStart) {
  const std::string text = "نص مدرسة" + filler(20);
  const std::string snippet = snippet_html(text, {stem("مدرسة")}, 5);
  EXPECT_EQ(snippet, "نص <mark>مدرسة</mark>" + filler(3) + " …");
}

TEST(SnippetHtml, NoTrailingEllipsisWhenTheWindowReachesTheEnd) {
  const std::string text = filler(20, false) + " مدرسة.";
  const std::string snippet = snippet_html(text, {stem("مدرسة")}, 8);
  EXPECT_EQ(snippet, "… " + filler(4, false) + " <mark>مدرسة</mark>.");
}

TEST(SnippetHtml, ShowsEveryMatchOfTheChosenWindow) {
  // The window chosen is قطار (word 11) .. جسر (word 16); both should show.
  const std::string text = "قطار" + filler(10) + " قطار" + filler(4) + " جسر" + filler(10);
  const std::string snippet = snippet_html(text, {stem("قطار"), stem("جسر")}, 6);
  EXPECT_NE(snippet.find("<mark>قطار</mark>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("<mark>جسر</mark>"), std::string::npos) << snippet;
  EXPECT_EQ(count(snippet, "<mark>"), 2u) << snippet;
}

TEST(SnippetHtml, EscapesTheText) {
  EXPECT_EQ(snippet_html("سوق & <مدرسة> \"حي\"", {stem("مدرسة")}),
            "سوق &amp; &lt;<mark>مدرسة</mark>&gt; &quot;حي&quot;");
}

TEST(SnippetHtml, AZeroWordCountStillShowsOneWord) {
  EXPECT_EQ(snippet_html("مدرسة" + filler(3), {stem("مدرسة")}, 0), "<mark>مدرسة</mark> …");
}

}  // namespace
}  // namespace jarida::search
