// WordPress post content to article HTML (src/importer/wp_content.cpp):
// block comments, wpautop, shortcodes and the whole pipeline. The block
// markup follows the structure of the stock WordPress 6.1 export in
// shared/fixtures; the Arabic text is written for these tests.
#include "importer/wp_content.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "render/html_sanitizer.hpp"

namespace jarida::importer {
namespace {

// An export with three attachments of post 10 (one a PDF) and id 5 missing.
class WpContent : public ::testing::Test {
 protected:
  WpContent() {
    attachments_[3] = {"https://old.example/wp-content/uploads/2026/03/souq.jpg",
                       800,
                       600,
                       "سوق الخضار",
                       "الباعة صباح الجمعة",
                       "image/jpeg"};
    attachments_[4] = {
        "https://old.example/wp-content/uploads/2026/03/port.png", 0, 0, "", "", "image/png"};
    attachments_[6] = {"https://old.example/wp-content/uploads/2026/03/report.pdf",
                       0,
                       0,
                       "",
                       "",
                       "application/pdf"};
    attachments_[7] = {
        "https://old.example/x.jpg", 10, 10, "\"<b>\" & 'x'", "<script>", "image/jpeg"};
    ctx_.post_id = 10;
    ctx_.attachment = [this](std::int64_t id) -> const AttachmentInfo* {
      const auto a = attachments_.find(id);
      return a == attachments_.end() ? nullptr : &a->second;
    };
    ctx_.attachments_of = [](std::int64_t post) {
      return post == 10 ? std::vector<std::int64_t>{4, 3, 6} : std::vector<std::int64_t>{};
    };
  }

  std::string expand(std::string_view html) { return expand_shortcodes(html, ctx_, report_); }
  std::string convert(std::string_view html) { return convert_post_content(html, ctx_, report_); }

  std::map<std::int64_t, AttachmentInfo> attachments_;
  ContentContext ctx_;
  ContentReport report_;
};

// ---- strip_block_comments -------------------------------------------------------

TEST(StripBlockComments, RemovesDelimitersWithAttributesAndVoidForms) {
  EXPECT_EQ(strip_block_comments("<!-- wp:paragraph -->\n<p>فقرة</p>\n<!-- /wp:paragraph -->"),
            "<p>فقرة</p>\n");
  EXPECT_EQ(strip_block_comments("<!-- wp:heading {\"level\":3} -->\n<h3>عنوان</h3>\n"
                                 "<!-- /wp:heading -->\n\n<!-- wp:latest-comments /-->"),
            "<h3>عنوان</h3>\n\n");
  EXPECT_EQ(strip_block_comments(
                "<!-- wp:group {\"layout\":{\"type\":\"constrained\"}} -->\n<div>"
                "<!-- wp:pattern {\"slug\":\"twentytwentythree/footer-default\"} /--></div>\n"
                "<!-- /wp:group -->"),
            "<div></div>\n");
  EXPECT_EQ(strip_block_comments("<!-- wp:jetpack/slideshow {\"ids\":[1,2]} -->x"
                                 "<!-- /wp:jetpack/slideshow -->"),
            "x");
}

TEST(StripBlockComments, KeepsOtherComments) {
  EXPECT_EQ(strip_block_comments("a<!--more-->b<!-- wp -->c<!-- wp:Bad -->d<!--wp:x -->e"),
            "a<!--more-->b<!-- wp -->c<!-- wp:Bad -->d<!--wp:x -->e");
  EXPECT_EQ(strip_block_comments("<!-- wp:x {\"a\":1}-->y"), "<!-- wp:x {\"a\":1}-->y");
  EXPECT_EQ(strip_block_comments("<!-- wp:x"), "<!-- wp:x");
  EXPECT_EQ(strip_block_comments(""), "");
}

// ---- wpautop ----------------------------------------------------------------------

TEST(Wpautop, MakesParagraphsOfClassicArabicText) {
  EXPECT_EQ(wpautop("قال المتحدث إن الأسعار ستنخفض.\n\nوأضاف أن الخطة تبدأ غداً.\n\n\n\n"
                    "وختم بالشكر."),
            "<p>قال المتحدث إن الأسعار ستنخفض.</p>\n<p>وأضاف أن الخطة تبدأ غداً.</p>\n"
            "<p>وختم بالشكر.</p>\n");
  EXPECT_EQ(wpautop("سطر أول\nسطر ثانٍ  \nسطر ثالث"), "<p>سطر أول<br>\nسطر ثانٍ<br>\nسطر ثالث</p>\n");
  EXPECT_EQ(wpautop("\r\nأ\r\n\r\nب\r"), "<p>أ</p>\n<p>ب</p>\n");
  EXPECT_EQ(wpautop("أ\n \t\nب"), "<p>أ</p>\n<p>ب</p>\n");
  EXPECT_EQ(wpautop(""), "");
  EXPECT_EQ(wpautop(" \n\n "), "");
}

TEST(Wpautop, LeavesBlocksAndWrapsTheTextAroundThem) {
  EXPECT_EQ(wpautop("مقدمة\n<h2>عنوان</h2>\nنص بعده\n<ul>\n<li>أ</li>\n<li>ب</li>\n</ul>\nخاتمة"),
            "<p>مقدمة</p>\n<h2>عنوان</h2>\n<p>نص بعده</p>\n<ul>\n<li>أ</li>\n<li>ب</li>\n</ul>\n"
            "<p>خاتمة</p>\n");
  EXPECT_EQ(wpautop("<table>\n<tr>\n<td>خلية</td>\n</tr>\n</table>"),
            "<table>\n<tr>\n<td>خلية</td>\n</tr>\n</table>");
  EXPECT_EQ(wpautop("<p>فقرة جاهزة</p>\n<p>وأخرى</p>"), "<p>فقرة جاهزة</p>\n<p>وأخرى</p>");
}

TEST(Wpautop, NeverTouchesPre) {
  EXPECT_EQ(wpautop("قبل\n\n<pre>\nint a;\n\nint b;\n</pre>\n\nبعد"),
            "<p>قبل</p>\n<pre>\nint a;\n\nint b;\n</pre>\n<p>بعد</p>\n");
  EXPECT_EQ(wpautop("<pre><code>x\n\ny</code></pre>"), "<pre><code>x\n\ny</code></pre>");
}

TEST(Wpautop, BlockquoteGetsParagraphsDivOnlyWhereBlankLinesSplit) {
  EXPECT_EQ(wpautop("<blockquote>قول مأثور\n\nفقرة ثانية</blockquote>"),
            "<blockquote><p>قول مأثور</p>\n<p>فقرة ثانية</p>\n</blockquote>");
  EXPECT_EQ(wpautop("<div>سطر\nسطر</div>"), "<div>سطر<br>\nسطر</div>");
  EXPECT_EQ(wpautop("<div>\n\nأ\n\nب\n\n</div>"), "<div><p>أ</p>\n<p>ب</p>\n</div>");
  EXPECT_EQ(wpautop("<ul><li>بند\nبسطرين</li></ul>"), "<ul><li>بند<br>\nبسطرين</li></ul>");
}

TEST(Wpautop, KeepsInlineMarkupScriptsAndComments) {
  EXPECT_EQ(wpautop("نص <strong>عريض</strong> و<a href=\"/x\"\ntitle=\"t\">رابط</a>\n\n"
                    "<img src=\"/a.jpg\" alt=\"\" />"),
            "<p>نص <strong>عريض</strong> و<a href=\"/x\"\ntitle=\"t\">رابط</a></p>\n"
            "<p><img src=\"/a.jpg\" alt=\"\" /></p>\n");
  EXPECT_EQ(wpautop("أ\n\n<!--more-->\n\nب"), "<p>أ</p>\n<!--more-->\n<p>ب</p>\n");
  EXPECT_EQ(wpautop("<script>\nvar a;\n\nvar b;\n</script>"),
            "<p><script>\nvar a;\n\nvar b;\n</script></p>\n");
}

TEST(Wpautop, TwoBreaksMakeAParagraphAndOneBreakStaysOne) {
  EXPECT_EQ(wpautop("أ<br />\n<br />\nب"), "<p>أ</p>\n<p>ب</p>\n");
  EXPECT_EQ(wpautop("أ<br />\nب"), "<p>أ<br />\nب</p>\n");
}

TEST(Wpautop, WithoutLineBreaksOnlyMakesParagraphs) {
  EXPECT_EQ(wpautop("أ\nب\n\nج", false), "<p>أ\nب</p>\n<p>ج</p>\n");
}

// ---- shortcodes ----------------------------------------------------------------------

TEST_F(WpContent, CaptionWithTheTextAfterTheImage) {
  EXPECT_EQ(expand("[caption id=\"attachment_3\" align=\"alignright\" width=\"300\"]"
                   "<img src=\"/souq.jpg\" alt=\"سوق\" width=\"300\" height=\"225\" "
                   "class=\"size-medium wp-image-3\" /> الباعة <em>صباحاً</em>[/caption]"),
            "<figure class=\"wp-caption alignright\"><img src=\"/souq.jpg\" alt=\"سوق\" "
            "width=\"300\" height=\"225\" class=\"size-medium wp-image-3\" /><figcaption>الباعة "
            "<em>صباحاً</em></figcaption></figure>");
}

TEST_F(WpContent, CaptionAroundALinkedImage) {
  EXPECT_EQ(expand("[caption align=\"aligncenter\"]<a href=\"/big.jpg\"> <img src=\"/a.jpg\" /> "
                   "</a> الميناء[/caption]"),
            "<figure class=\"wp-caption aligncenter\"><a href=\"/big.jpg\"> <img src=\"/a.jpg\" "
            "/> </a><figcaption>الميناء</figcaption></figure>");
}

TEST_F(WpContent, CaptionFromTheAttributeIsText) {
  EXPECT_EQ(expand("[caption id=\"attachment_5\" align=\"alignnone\" width=\"640\" "
                   "caption=\"قال &quot;المدير&quot; <b>هنا</b>\"]<img src=\"/a.jpg\" />"
                   "[/caption]"),
            "<figure class=\"wp-caption\"><img src=\"/a.jpg\" /><figcaption>قال &quot;المدير&quot; "
            "هنا</figcaption></figure>");
  EXPECT_EQ(expand("[caption caption='<script>alert(1)</script>']<img src=\"/a.jpg\" />"
                   "[/caption]"),
            "<img src=\"/a.jpg\" />");
  EXPECT_EQ(expand("[wp_caption caption=تعليق align=alignleft]<img src=\"/a.jpg\">[/wp_caption]"),
            "<figure class=\"wp-caption alignleft\"><img src=\"/a.jpg\"><figcaption>تعليق"
            "</figcaption></figure>");
}

TEST_F(WpContent, CaptionNeverInjectsMarkup) {
  EXPECT_EQ(expand("[caption align='\" onmouseover=\"alert(1)' caption=\"a\"]<img src=x>"
                   "[/caption]"),
            "<figure class=\"wp-caption\"><img src=x><figcaption>a</figcaption></figure>");
  EXPECT_EQ(convert("[caption caption=\"&lt;img src=x onerror=alert(1)&gt;\"]<img src=\"/a.jpg\">"
                    "[/caption]"),
            "<figure class=\"wp-caption\"><img src=\"/a.jpg\" loading=\"lazy\"><figcaption>"
            "&lt;img src=x onerror=alert(1)&gt;</figcaption></figure>");
}

TEST_F(WpContent, GalleryWithIdsSkipsAndCountsMissingImages) {
  EXPECT_EQ(expand("[gallery ids=\"3, 4,5,6\" columns=\"3\" link=\"file\"]"),
            "<figure class=\"gallery\"><figure class=\"gallery-item\"><img "
            "src=\"https://old.example/wp-content/uploads/2026/03/souq.jpg\" alt=\"سوق الخضار\" "
            "width=\"800\" height=\"600\"><figcaption>الباعة صباح الجمعة</figcaption></figure>"
            "<figure class=\"gallery-item\"><img "
            "src=\"https://old.example/wp-content/uploads/2026/03/port.png\" alt=\"\"></figure>"
            "</figure>");
  EXPECT_EQ(report_.missing_attachments, 1);
}

TEST_F(WpContent, GalleryWithoutIdsShowsThePostsImages) {
  EXPECT_EQ(expand("[gallery]"),
            "<figure class=\"gallery\"><figure class=\"gallery-item\"><img "
            "src=\"https://old.example/wp-content/uploads/2026/03/port.png\" alt=\"\"></figure>"
            "<figure class=\"gallery-item\"><img "
            "src=\"https://old.example/wp-content/uploads/2026/03/souq.jpg\" alt=\"سوق الخضار\" "
            "width=\"800\" height=\"600\"><figcaption>الباعة صباح الجمعة</figcaption></figure>"
            "</figure>");
  EXPECT_EQ(expand("[gallery exclude=\"4\"]"),
            "<figure class=\"gallery\"><figure class=\"gallery-item\"><img "
            "src=\"https://old.example/wp-content/uploads/2026/03/souq.jpg\" alt=\"سوق الخضار\" "
            "width=\"800\" height=\"600\"><figcaption>الباعة صباح الجمعة</figcaption></figure>"
            "</figure>");
  EXPECT_EQ(expand("[gallery id=\"99\"]"), "");
  EXPECT_EQ(expand("[gallery ids=\"5\"]"), "");
  EXPECT_EQ(report_.missing_attachments, 1);
}

TEST_F(WpContent, GalleryEscapesWhatTheExportSays) {
  EXPECT_EQ(expand("[gallery ids=\"7\"]"),
            "<figure class=\"gallery\"><figure class=\"gallery-item\"><img "
            "src=\"https://old.example/x.jpg\" alt=\"&quot;&lt;b&gt;&quot; &amp; &#39;x&#39;\" "
            "width=\"10\" height=\"10\"><figcaption>&lt;script&gt;</figcaption></figure>"
            "</figure>");
}

TEST_F(WpContent, GalleryWithoutAnExport) {
  ContentContext empty;
  ContentReport report;
  EXPECT_EQ(expand_shortcodes("[gallery ids=\"3\"][gallery]", empty, report), "");
  EXPECT_EQ(report.missing_attachments, 1);
}

TEST_F(WpContent, EmbedsAndBareUrlsBecomeLinks) {
  EXPECT_EQ(expand("[embed width=\"500\"]https://www.youtube.com/watch?v=a1&amp;t=5[/embed]"),
            "<a href=\"https://www.youtube.com/watch?v=a1&amp;t=5\">"
            "https://www.youtube.com/watch?v=a1&amp;t=5</a>");
  EXPECT_EQ(expand("[embed]not a url[/embed][embed]"), "not a url");
  EXPECT_EQ(expand("قبل\n  https://example.com/news?id=1  \nبعد"),
            "قبل\n  <a href=\"https://example.com/news?id=1\">https://example.com/news?id=1</a>  "
            "\nبعد");
  EXPECT_EQ(expand("https://example.com/a"),
            "<a href=\"https://example.com/a\">https://example.com/a</a>");
  EXPECT_EQ(expand("<p>https://example.com/a</p>"),
            "<p><a href=\"https://example.com/a\">https://example.com/a</a></p>");
}

TEST_F(WpContent, LeavesUrlsInsideTextLinksAndPre) {
  for (const std::string html :
       {"انظر https://example.com/a للمزيد", "<b>https://example.com/a</b>",
        "<a href=\"https://example.com/a\">\nhttps://example.com/a\n</a>",
        "<pre>\nhttps://example.com/a\n</pre>", "<p>نص\nhttps://e.com/x y</p>",
        "ftp://example.com/a", "<img src=\"https://example.com/a.jpg\">"})
    EXPECT_EQ(expand(html), html);
}

TEST_F(WpContent, AudioAndVideoGetControls) {
  EXPECT_EQ(expand("[audio src=\"https://old.example/a.mp3\"]"),
            "<audio src=\"https://old.example/a.mp3\" controls><a "
            "href=\"https://old.example/a.mp3\">https://old.example/a.mp3</a></audio>");
  EXPECT_EQ(expand("[video width=\"640\" height=\"360\" mp4='/v.mp4'][/video]"),
            "<video src=\"/v.mp4\" controls><a href=\"/v.mp4\">/v.mp4</a></video>");
  EXPECT_EQ(expand("[audio][video poster=\"/p.jpg\"]"), "");
  EXPECT_EQ(expand("[audio src=/a.mp3?x=\"y\"]"),
            "<audio src=\"/a.mp3?x=\" controls><a href=\"/a.mp3?x=\">/a.mp3?x=</a></audio>");
}

TEST_F(WpContent, UnknownShortcodesStayAndAreReportedOnce) {
  const std::string html =
      "[contact-form-7 id=\"1\" title=\"اتصل بنا\"] [poll id=2][/poll] [contact-form-7 id=\"3\"]";
  EXPECT_EQ(expand(html), html);
  EXPECT_EQ(report_.unknown_shortcodes, (std::vector<std::string>{"contact-form-7", "poll"}));
}

TEST_F(WpContent, BracketsThatAreNoShortcodesAreNotReported) {
  const std::string html = "[1] [تحديث] [...] [/poll] [ caption] [ملاحظة: نص]";
  EXPECT_EQ(expand(html), html);
  EXPECT_TRUE(report_.unknown_shortcodes.empty());
}

TEST_F(WpContent, EscapedShortcodesStayLiteral) {
  EXPECT_EQ(expand("اكتب [[caption]] للتعليق"), "اكتب [caption] للتعليق");
  EXPECT_EQ(expand("[[gallery ids=\"3\"]]"), "[gallery ids=\"3\"]");
  EXPECT_EQ(expand("[[caption]x[/caption]]"), "[caption]x[/caption]");
  // As in WordPress, an escaped opening tag still encloses up to its end tag.
  EXPECT_EQ(expand("[[caption]] ثم [caption]x[/caption]]"), "[caption]] ثم [caption]x[/caption]");
  EXPECT_EQ(expand("[[gallery ids=\"4\"]"),
            "[<figure class=\"gallery\"><figure class=\"gallery-item\"><img "
            "src=\"https://old.example/wp-content/uploads/2026/03/port.png\" alt=\"\"></figure>"
            "</figure>");
  EXPECT_EQ(expand("[[contact-form-7 id=\"1\"]]"), "[[contact-form-7 id=\"1\"]]");
  EXPECT_TRUE(report_.unknown_shortcodes.empty());
}

TEST_F(WpContent, ShortcodesInsideTagsAndCommentsStayAsWritten) {
  const std::string html = "<a href=\"[gallery]\" title='[embed]x[/embed]'>x</a><!-- [gallery] -->";
  EXPECT_EQ(expand(html), html);
}

TEST_F(WpContent, AttributeForms) {
  EXPECT_EQ(expand("[caption CAPTION='مفرد' align=alignleft]<img src=a>[/caption]"),
            "<figure class=\"wp-caption alignleft\"><img src=a><figcaption>مفرد</figcaption>"
            "</figure>");
  EXPECT_EQ(expand("[gallery ids = \"4\"]"),
            "<figure class=\"gallery\"><figure class=\"gallery-item\"><img "
            "src=\"https://old.example/wp-content/uploads/2026/03/port.png\" alt=\"\"></figure>"
            "</figure>");
  EXPECT_EQ(expand("[gallery\u00a0ids=\"4\" /]"), expand("[gallery ids=\"4\"]"));
}

TEST_F(WpContent, UnclosedShortcodesInALongText) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "[caption align=alignleft] [embed] ";
  EXPECT_EQ(expand(html).size(), 20000u * 2);  // each gives nothing but its space
}

// ---- the pipeline ---------------------------------------------------------------------

TEST_F(WpContent, ConvertsBlockEditorContent) {
  const std::string content =
      "<!-- wp:paragraph -->\n<p>افتتحت الوزارة اليوم المعرض السنوي للكتاب.</p>\n"
      "<!-- /wp:paragraph -->\n\n<!-- wp:heading {\"level\":3} -->\n<h3>تفاصيل</h3>\n"
      "<!-- /wp:heading -->\n\n<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">"
      "<p>القراءة غذاء العقل.</p><cite>مدير المعرض</cite></blockquote>\n<!-- /wp:quote -->\n\n"
      "<!-- wp:image {\"id\":3,\"sizeSlug\":\"large\"} -->\n<figure class=\"wp-block-image "
      "size-large\"><img src=\"/souq.jpg\" alt=\"\" class=\"wp-image-3\"/><figcaption>زوار"
      "</figcaption></figure>\n<!-- /wp:image -->\n\n"
      "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=abc\",\"type\":\"video\"} -->\n"
      "<figure class=\"wp-block-embed is-type-video\"><div class=\"wp-block-embed__wrapper\">\n"
      "https://www.youtube.com/watch?v=abc\n</div></figure>\n<!-- /wp:embed -->\n\n"
      "<!-- wp:shortcode -->\n[gallery ids=\"4\"]\n<!-- /wp:shortcode -->\n\n"
      "<!-- wp:latest-comments /-->\n\n"
      "<!-- wp:pattern {\"slug\":\"twentytwentythree/footer-default\"} /-->";
  EXPECT_EQ(
      convert(content),
      "<p>افتتحت الوزارة اليوم المعرض السنوي للكتاب.</p>\n\n<h3>تفاصيل</h3>\n\n"
      "<blockquote><p>القراءة غذاء العقل.</p><cite>مدير المعرض</cite></blockquote>\n\n"
      "<figure><img src=\"/souq.jpg\" alt=\"\" loading=\"lazy\"><figcaption>زوار"
      "</figcaption></figure>\n\n<figure><div>\n<a href=\"https://www.youtube.com/watch?v=abc\" "
      "rel=\"noopener\">https://www.youtube.com/watch?v=abc</a>\n</div></figure>\n\n"
      "<figure class=\"gallery\"><figure class=\"gallery-item\"><img "
      "src=\"https://old.example/wp-content/uploads/2026/03/port.png\" alt=\"\" "
      "loading=\"lazy\"></figure></figure>");
}

TEST_F(WpContent, ConvertsTheFixturesColumnsLayout) {
  // The structure of the template part in the stock export (group, columns,
  // a self-closing dynamic block, a heading with attributes).
  const std::string content =
      "<!-- wp:group {\"layout\":{\"type\":\"constrained\"}} -->\n<div class=\"wp-block-group\">"
      "<!-- wp:columns -->\n<div class=\"wp-block-columns\"><!-- wp:column -->\n"
      "<div class=\"wp-block-column\"><!-- wp:heading {\"level\":3} -->\n<h3>آخر الأخبار</h3>\n"
      "<!-- /wp:heading -->\n\n<!-- wp:latest-posts /--></div>\n<!-- /wp:column --></div>\n"
      "<!-- /wp:columns --></div>\n<!-- /wp:group -->";
  EXPECT_EQ(convert(content), "<div><div><div><h3>آخر الأخبار</h3>\n\n</div>\n</div>\n</div>");
}

TEST_F(WpContent, ConvertsClassicContent) {
  const std::string content =
      "[caption id=\"attachment_3\" align=\"alignleft\" width=\"300\"]<img src=\"/souq.jpg\" "
      "alt=\"\" width=\"300\" height=\"225\" /> سوق الخضار[/caption]\n\n"
      "ارتفعت أسعار الخضار هذا الأسبوع.\nوقال أحد الباعة إن السبب هو الطقس.\n\n"
      "<blockquote>الموسم صعب هذا العام</blockquote>\n\n"
      "<ul>\n<li>الطماطم</li>\n<li>البطاطس</li>\n</ul>\n\n"
      "<pre>\nالسعر  |  الصنف\n\n10     |  طماطم\n</pre>\n\n"
      "https://example.com/prices\n\n"
      "[contact-form-7 id=\"9\"]";
  EXPECT_EQ(convert(content),
            "<figure class=\"wp-caption alignleft\"><img src=\"/souq.jpg\" alt=\"\" width=\"300\" "
            "height=\"225\" loading=\"lazy\"><figcaption>سوق الخضار</figcaption></figure>\n"
            "<p>ارتفعت أسعار الخضار هذا الأسبوع.<br>\nوقال أحد الباعة إن السبب هو الطقس.</p>\n"
            "<blockquote><p>الموسم صعب هذا العام</p>\n</blockquote>\n"
            "<ul>\n<li>الطماطم</li>\n<li>البطاطس</li>\n</ul>\n"
            "<pre>السعر  |  الصنف\n\n10     |  طماطم\n</pre>\n"  // the parser eats a \\n
            "<p><a href=\"https://example.com/prices\" rel=\"noopener\">https://example.com/prices"
            "</a></p>\n<p>[contact-form-7 id=\"9\"]</p>");
  EXPECT_EQ(report_.unknown_shortcodes, std::vector<std::string>{"contact-form-7"});
}

TEST_F(WpContent, ContentThatStartsWithABlockGetsParagraphsButNoBreaks) {
  EXPECT_EQ(convert("<h2>عنوان فرعي</h2>\n\nفقرة أولى.\n\nفقرة ثانية\nفي سطرين."),
            "<h2>عنوان فرعي</h2>\n<p>فقرة أولى.</p>\n<p>فقرة ثانية\nفي سطرين.</p>");
  EXPECT_EQ(convert("<p>فقرة\nمكسورة في المصدر</p>\n<p>أخرى</p>"),
            "<p>فقرة\nمكسورة في المصدر</p>\n<p>أخرى</p>");
}

TEST_F(WpContent, BlockContentGetsNoAutop) {
  EXPECT_EQ(convert("<!-- wp:paragraph -->\n<p>أ\nب</p>\n<!-- /wp:paragraph -->\n\nنص حر"),
            "<p>أ\nب</p>\n\nنص حر");
}

TEST_F(WpContent, ConvertsToSafeHtml) {
  EXPECT_EQ(convert("<script>alert(1)</script>نص <a href=\"javascript:alert(1)\" "
                    "onclick=\"x\">رابط</a>\n\n<iframe src=\"https://e.com\"></iframe>"),
            "<p>نص <a>رابط</a></p>");
  EXPECT_EQ(convert(""), "");
  EXPECT_EQ(convert("   \n\n  "), "");
}

TEST_F(WpContent, ConvertedHtmlIsFinal) {
  // Sanitizing again changes nothing, even where an emptied paragraph went.
  for (const std::string content :
       {"<pre><p><iframe src=\"https://e.com\"></iframe></p>\nكود</pre>",
        "<p><iframe src=\"https://e.com\"></iframe></p>\n\nنص", "<h2>\n<p></p>\n</h2>",
        "[caption]<img src=a>\n<pre>\n\nx</pre>[/caption]", "<ul>\n[gallery]\n</ul>"}) {
    const std::string html = convert(content);
    EXPECT_EQ(render::sanitize_html(html), html) << content;
    EXPECT_EQ(html.find("<p></p>"), std::string::npos) << content;
  }
}

}  // namespace
}  // namespace jarida::importer
