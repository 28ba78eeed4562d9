// Share metadata (src/render/share_metadata.cpp) with and without a
// featured image: OpenGraph image tags, the Twitter card size, and the
// NewsArticle's image and publisher logo. The integration test
// (tests/integration/share_metadata_test.py) reads them off real pages.
#include "render/share_metadata.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>

namespace jarida::render {
namespace {

// An image as the media table gives it (Media has more fields than these
// tests need, and g++ 12 warns about an aggregate left half-initialized).
core::Media image_of(core::Id id, std::string url, std::string mime, std::int64_t width,
                     std::int64_t height, std::string alt = "", std::string caption = "") {
  core::Media m;
  m.id = id;
  m.url = std::move(url);
  m.mime = std::move(mime);
  m.width = width;
  m.height = height;
  m.alt = std::move(alt);
  m.caption = std::move(caption);
  return m;
}

core::Article article() {
  core::Article a;
  a.id = 1;
  a.slug = "خبر";
  a.title = "عنوان الخبر";
  a.published_at = core::TimePoint{std::chrono::seconds{1700000000}};
  a.author.display_name = "أمل";
  a.author.slug = "amal";
  return a;
}

core::SiteSettings site() {
  core::SiteSettings s;
  s.base_url = "https://jarida.example";
  s.site_name = "جريدة";
  return s;
}

std::string meta(const std::string& head, const std::string& key) {
  const std::regex re("<meta (?:property|name)=\"" + key + "\" content=\"([^\"]*)\">");
  std::smatch m;
  return std::regex_search(head, m, re) ? m[1].str() : std::string("(none)");
}

boost::json::object news_article(const std::string& head) {
  const auto open = head.find("<script type=\"application/ld+json\">");
  const auto start = head.find('>', open) + 1;
  const auto end = head.find("</script>", start);
  return boost::json::parse(head.substr(start, end - start)).as_object();
}

TEST(ArticleShareHead, FeaturedImageWithSizeAndAlt) {
  auto a = article();
  a.featured_image =
      image_of(5, "/media/2024/photo.jpg", "image/jpeg", 1200, 675, "وصف \"الصورة\"", "تعليق");
  const std::string head = article_share_head(
      a, site(), PublisherLogo{"https://jarida.example/static/logo.png", 256, 256});
  EXPECT_EQ(meta(head, "og:image"), "https://jarida.example/media/2024/photo.jpg");
  EXPECT_EQ(meta(head, "og:image:type"), "image/jpeg");
  EXPECT_EQ(meta(head, "og:image:width"), "1200");
  EXPECT_EQ(meta(head, "og:image:height"), "675");
  EXPECT_EQ(meta(head, "og:image:alt"), "وصف &quot;الصورة&quot;");
  EXPECT_EQ(meta(head, "twitter:card"), "summary_large_image");
  EXPECT_EQ(meta(head, "twitter:image"), "https://jarida.example/media/2024/photo.jpg");
  // og:image comes before its properties (OpenGraph structured properties).
  EXPECT_LT(head.find("\"og:image\""), head.find("og:image:width"));

  const auto ld = news_article(head);
  const auto& image = ld.at("image").as_object();
  EXPECT_EQ(image.at("@type"), "ImageObject");
  EXPECT_EQ(image.at("url"), "https://jarida.example/media/2024/photo.jpg");
  EXPECT_EQ(image.at("width"), 1200);
  EXPECT_EQ(image.at("height"), 675);
  const auto& logo = ld.at("publisher").at("logo").as_object();
  EXPECT_EQ(logo.at("@type"), "ImageObject");
  EXPECT_EQ(logo.at("url"), "https://jarida.example/static/logo.png");
  EXPECT_EQ(logo.at("width"), 256);
}

TEST(ArticleShareHead, RemoteImageOfUnknownSize) {
  auto a = article();
  a.featured_image = image_of(5, "https://old.example/صورة.png", "", 0, 0);
  const std::string head = article_share_head(a, site());
  EXPECT_EQ(meta(head, "og:image"), "https://old.example/%d8%b5%d9%88%d8%b1%d8%a9.png");
  EXPECT_EQ(meta(head, "og:image:width"), "(none)");
  EXPECT_EQ(meta(head, "og:image:alt"), "(none)");
  const auto ld = news_article(head);
  EXPECT_FALSE(ld.at("image").as_object().contains("width"));
  EXPECT_FALSE(ld.at("publisher").as_object().contains("logo"));  // none given
}

TEST(ArticleShareHead, NoImageOrAnUnsafeOneIsASmallCard) {
  auto a = article();
  for (const char* url : {"", "javascript:alert(1)"}) {
    if (*url) a.featured_image = image_of(5, url, "", 10, 10, "x");
    const std::string head = article_share_head(a, site());
    EXPECT_EQ(meta(head, "og:image"), "(none)") << url;
    EXPECT_EQ(meta(head, "twitter:card"), "summary") << url;
    EXPECT_FALSE(news_article(head).contains("image")) << url;
  }
}

}  // namespace
}  // namespace jarida::render
