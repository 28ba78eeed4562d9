// The WXR stream reader: records in file order, fields as exported, and a
// line-numbered error for every kind of bad file (nothing fetched, nothing
// expanded).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "importer/wxr.hpp"

namespace {

using namespace jarida::importer;

class WxrReaderTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& body) {
    const auto path =
        std::filesystem::temp_directory_path() / ("wxr_reader_test_" + std::to_string(::getpid()) +
                                                  "_" + std::to_string(counter_++) + ".xml");
    std::ofstream(path, std::ios::binary) << body;
    files_.push_back(path);
    return path;
  }
  ~WxrReaderTest() override {
    for (const auto& f : files_) std::filesystem::remove(f);
  }

  static std::string wxr(const std::string& channel) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
           "<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n"
           " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
           " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
           " xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n"
           "<title>موقع التجربة</title>\n<link>http://old.example</link>\n"
           "<wp:wxr_version>1.2</wp:wxr_version>\n"
           "<wp:base_site_url>http://old.example</wp:base_site_url>\n" +
           channel + "</channel>\n</rss>\n";
  }

  struct Collected {
    WxrSite site;
    std::vector<WxrAuthor> authors;
    std::vector<WxrTerm> terms;
    std::vector<WxrItem> items;
  };

  Collected read(const std::filesystem::path& file) {
    Collected c;
    WxrHandler h;
    h.site = [&](const WxrSite& s) { c.site = s; };
    h.author = [&](const WxrAuthor& a) { c.authors.push_back(a); };
    h.term = [&](const WxrTerm& t) { c.terms.push_back(t); };
    h.item = [&](const WxrItem& i) { c.items.push_back(i); };
    read_wxr(file, h);
    return c;
  }

  // The ImportError read_wxr throws for `body`.
  ImportError error_for(const std::string& body) {
    try {
      read(write(body));
    } catch (const ImportError& e) {
      return e;
    }
    ADD_FAILURE() << "no ImportError";
    return ImportError(0, "");
  }

 private:
  int counter_ = 0;
  std::vector<std::filesystem::path> files_;
};

constexpr const char* kItem = R"(<item>
<title><![CDATA[عنوان الخبر & التفاصيل]]></title>
<link>http://old.example/2023/01/%d8%ae%d8%a8%d8%b1/</link>
<dc:creator><![CDATA[editor_one]]></dc:creator>
<content:encoded><![CDATA[<p>نص الخبر</p>]]></content:encoded>
<excerpt:encoded><![CDATA[مقتطف]]></excerpt:encoded>
<wp:post_id>42</wp:post_id>
<wp:post_date><![CDATA[2023-01-28 05:52:20]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2023-01-28 02:52:20]]></wp:post_date_gmt>
<wp:comment_status><![CDATA[open]]></wp:comment_status>
<wp:post_name><![CDATA[%d8%ae%d8%a8%d8%b1]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type><![CDATA[post]]></wp:post_type>
<wp:post_password><![CDATA[]]></wp:post_password>
<wp:is_sticky>1</wp:is_sticky>
<category domain="category" nicename="%d8%b1%d9%8a%d8%a7%d8%b6%d8%a9"><![CDATA[رياضة]]></category>
<category domain="post_tag" nicename="tag-a"><![CDATA[وسم]]></category>
<wp:postmeta><wp:meta_key><![CDATA[views]]></wp:meta_key><wp:meta_value><![CDATA[1234]]></wp:meta_value></wp:postmeta>
<wp:comment>
<wp:comment_id>7</wp:comment_id>
<wp:comment_author><![CDATA[قارئ]]></wp:comment_author>
<wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP>
<wp:comment_date_gmt><![CDATA[2023-01-28 05:22:11]]></wp:comment_date_gmt>
<wp:comment_content><![CDATA[تعليق]]></wp:comment_content>
<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
<wp:comment_type><![CDATA[comment]]></wp:comment_type>
<wp:comment_parent>3</wp:comment_parent>
<wp:commentmeta><wp:meta_key><![CDATA[rating]]></wp:meta_key><wp:meta_value><![CDATA[5]]></wp:meta_value></wp:commentmeta>
</wp:comment>
</item>
)";

TEST_F(WxrReaderTest, ReadsSiteAuthorsTermsAndItemsInFileOrder) {
  const auto c = read(
      write(wxr("<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[editor_one]]>"
                "</wp:author_login><wp:author_display_name><![CDATA[سلمى &amp; منى]]>"
                "</wp:author_display_name></wp:author>\n"
                "<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename><![CDATA[child]]>"
                "</wp:category_nicename><wp:category_parent><![CDATA[parent]]></wp:category_parent>"
                "<wp:cat_name><![CDATA[فرع]]></wp:cat_name></wp:category>\n"
                "<wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy><![CDATA[nav_menu]]>"
                "</wp:term_taxonomy><wp:term_slug><![CDATA[main]]></wp:term_slug></wp:term>\n" +
                std::string(kItem))));
  EXPECT_EQ(c.site.title, "موقع التجربة");
  EXPECT_EQ(c.site.wxr_version, "1.2");
  ASSERT_EQ(c.authors.size(), 1u);
  EXPECT_EQ(c.authors[0].id, 2);
  EXPECT_EQ(c.authors[0].login, "editor_one");
  EXPECT_EQ(c.authors[0].display_name, "سلمى &amp; منى");  // as stored; the importer decodes once
  ASSERT_EQ(c.terms.size(), 2u);
  EXPECT_EQ(c.terms[0].taxonomy, "category");
  EXPECT_EQ(c.terms[0].parent_slug, "parent");
  EXPECT_EQ(c.terms[1].taxonomy, "nav_menu");
  ASSERT_EQ(c.items.size(), 1u);
  const WxrItem& it = c.items[0];
  EXPECT_EQ(it.title, "عنوان الخبر & التفاصيل");
  EXPECT_EQ(it.post_id, 42);
  EXPECT_EQ(it.post_name, "%d8%ae%d8%a8%d8%b1");
  EXPECT_EQ(it.post_date_gmt, "2023-01-28 02:52:20");
  EXPECT_TRUE(it.is_sticky);
  EXPECT_EQ(it.content, "<p>نص الخبر</p>");
  ASSERT_EQ(it.terms.size(), 2u);
  EXPECT_EQ(it.terms[0].domain, "category");
  EXPECT_EQ(it.terms[0].name, "رياضة");
  EXPECT_EQ(it.meta_value("views"), "1234");
  ASSERT_EQ(it.comments.size(), 1u);
  EXPECT_EQ(it.comments[0].id, 7);
  EXPECT_EQ(it.comments[0].parent, 3);
  EXPECT_EQ(it.comments[0].author_ip, "192.0.2.1");
  EXPECT_EQ(it.comments[0].content, "تعليق");  // commentmeta did not overwrite it
  EXPECT_GT(it.line, 5);
}

TEST_F(WxrReaderTest, TruncatedFileNamesTheLineWhereItEnds) {
  std::string body = wxr(kItem);
  body.resize(body.find("<wp:comment>"));
  const auto e = error_for(body);
  EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  EXPECT_GT(e.line, 20);
}

TEST_F(WxrReaderTest, OtherXmlIsNotAnExport) {
  const auto e = error_for(
      "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title>"
      "</feed>\n");
  EXPECT_NE(std::string(e.what()).find("not a WordPress export"), std::string::npos) << e.what();
  EXPECT_EQ(e.line, 2);
  const auto rss = error_for(
      "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>t</title>\n"
      "<item><title>a</title></item></channel></rss>\n");
  EXPECT_NE(std::string(rss.what()).find("wxr_version"), std::string::npos) << rss.what();
}

TEST_F(WxrReaderTest, ADoctypeIsRefusedSoEntitiesAreNeverFetchedOrExpanded) {
  const auto xxe = error_for(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
      "<rss><channel><title>&x;</title></channel></rss>\n");
  EXPECT_NE(std::string(xxe.what()).find("DOCTYPE"), std::string::npos) << xxe.what();
  EXPECT_EQ(xxe.line, 2);
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"aaaaaaaaaa\">\n";
  for (char c = 'b'; c <= 'j'; ++c) {  // each expands the previous one ten times
    std::string refs;
    for (int i = 0; i < 10; ++i) refs += std::string("&") + static_cast<char>(c - 1) + ";";
    bomb += std::string("<!ENTITY ") + c + " \"" + refs + "\">\n";
  }
  bomb += "]>\n<rss><channel><title>&j;</title></channel></rss>\n";
  EXPECT_NE(std::string(error_for(bomb).what()).find("DOCTYPE"), std::string::npos);
}

TEST_F(WxrReaderTest, UnsupportedEncodingAndInvalidUtf8AreRefusedWithTheirLine) {
  const auto enc = error_for(
      "<?xml version=\"1.0\" encoding=\"windows-1256\"?>\n<rss><channel></channel></rss>\n");
  EXPECT_NE(std::string(enc.what()).find("UTF-8"), std::string::npos) << enc.what();
  std::string bad = wxr(kItem);
  bad.replace(bad.find("نص الخبر"), 2, "\xff\xfe");
  const auto utf = error_for(bad);
  EXPECT_NE(std::string(utf.what()).find("not UTF-8"), std::string::npos) << utf.what();
  EXPECT_GT(utf.line, 5);
}

TEST_F(WxrReaderTest, AnItemOverTheSizeLimitIsRefusedWithItsStartLine) {
  std::string big = kItem;
  big.replace(big.find("<p>نص الخبر</p>"), 0, std::string(kMaxItemBytes + 10, 'x'));
  const auto e = error_for(wxr(big));
  EXPECT_NE(std::string(e.what()).find("larger than"), std::string::npos) << e.what();
  EXPECT_EQ(e.line, 11);  // the <item> line: 10 lines of header and channel before it
}

TEST_F(WxrReaderTest, AHandlerErrorStopsTheParseAndPropagates) {
  WxrHandler h;
  h.item = [](const WxrItem&) { throw std::runtime_error("store failed"); };
  EXPECT_THROW(read_wxr(write(wxr(kItem)), h), std::runtime_error);
}

TEST_F(WxrReaderTest, AMissingFileIsAnImportError) {
  EXPECT_THROW(read_wxr("/nonexistent/export.xml", {}), ImportError);
}

}  // namespace
