// The article page's featured image (src/render/renderer.cpp,
// themes/default/templates/article.tpl): an upload's WebP copies become
// srcset and sizes for the article column; an imported image without
// copies is a plain src, as it always was.
#include "render/renderer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "render/images.hpp"

namespace jarida::render {
namespace {

namespace fs = std::filesystem;

class FeaturedImageTest : public ::testing::Test {
 protected:
  FeaturedImageTest() : renderer_(settings_, fs::path(JARIDA_SOURCE_DIR) / "themes" / "default") {}

  std::string page_with(const core::Media& image) {
    ArticleView v;
    v.article.id = 7;
    v.article.slug = "khabar";
    v.article.title = "عنوان";
    v.article.featured_image = image;
    return renderer_.article_page(v, Chrome{});
  }

  // The featured image's <img ...> tag.
  static std::string img_tag(const std::string& page) {
    const auto figure = page.find("<figure class=\"featured\">");
    if (figure == std::string::npos) return {};
    const auto start = page.find("<img", figure);
    return page.substr(start, page.find('>', start) - start + 1);
  }

  core::SiteSettings settings_;  // the defaults
  Renderer renderer_;
};

core::Media upload() {
  core::Media m;
  m.id = 3;
  m.url = "/media/2026/11/افتتاح.webp";
  m.mime = "image/webp";
  m.width = 1600;
  m.height = 1067;
  m.alt = "افتتاح الحديقة";
  m.variants = {{400, 267, "/media/2026/11/افتتاح-400.webp"},
                {800, 533, "/media/2026/11/افتتاح-800.webp"},
                {1600, 1067, "/media/2026/11/افتتاح.webp"}};
  return m;
}

TEST_F(FeaturedImageTest, AnUploadGetsSrcsetAndSizesForTheArticleColumn) {
  const std::string img = img_tag(page_with(upload()));
  const std::string a = "/media/2026/11/%d8%a7%d9%81%d8%aa%d8%aa%d8%a7%d8%ad";
  EXPECT_EQ(img, "<img src=\"" + a + ".webp\" srcset=\"" + a + "-400.webp 400w, " + a +
                     "-800.webp 800w, " + a +
                     ".webp 1600w\" sizes=\"(min-width: 1140px) 788px, (min-width: 900px) "
                     "calc(100vw - 352px), calc(100vw - 28px)\" alt=\"افتتاح الحديقة\" "
                     "width=\"1600\" height=\"1067\" loading=\"eager\" fetchpriority=\"high\" "
                     "decoding=\"async\">");
}

TEST_F(FeaturedImageTest, AnImportedImageIsAPlainSrcAsBefore) {
  core::Media m;
  m.id = 4;
  m.url = "https://old.example/wp-content/uploads/a.jpg";
  m.width = 1024;
  m.height = 768;
  m.alt = "قديمة";
  EXPECT_EQ(img_tag(page_with(m)),
            "<img src=\"https://old.example/wp-content/uploads/a.jpg\" alt=\"قديمة\" "
            "width=\"1024\" height=\"768\" loading=\"eager\" fetchpriority=\"high\" "
            "decoding=\"async\">");
  m.width = m.height = 0;  // size unknown
  EXPECT_EQ(img_tag(page_with(m)),
            "<img src=\"https://old.example/wp-content/uploads/a.jpg\" alt=\"قديمة\" "
            "loading=\"eager\" fetchpriority=\"high\" decoding=\"async\">");
}

TEST_F(FeaturedImageTest, AttributeTextCannotBreakOut) {
  core::Media m = upload();
  m.variants[0].url = "/media/a\"onerror=\"x.webp";
  m.alt = "\"><script>";
  const std::string img = img_tag(page_with(m));
  EXPECT_EQ(img.find("\"onerror"), std::string::npos) << img;
  EXPECT_EQ(img.find("<script"), std::string::npos) << img;
  EXPECT_NE(img.find("/media/a%22onerror=%22x.webp 400w"), std::string::npos) << img;
}

// ---- image_srcset and article_image_sizes

TEST(ImageSrcset, EveryUsableCopyNarrowestFirst) {
  core::Media m = upload();
  std::swap(m.variants[0], m.variants[2]);  // order as stored doesn't matter
  EXPECT_EQ(image_srcset(m),
            "/media/2026/11/%d8%a7%d9%81%d8%aa%d8%aa%d8%a7%d8%ad-400.webp 400w, "
            "/media/2026/11/%d8%a7%d9%81%d8%aa%d8%aa%d8%a7%d8%ad-800.webp 800w, "
            "/media/2026/11/%d8%a7%d9%81%d8%aa%d8%aa%d8%a7%d8%ad.webp 1600w");
}

TEST(ImageSrcset, TheImageItselfIsAddedWhenNoCopyNamesIt) {
  core::Media m;
  m.url = "/media/a.webp";
  m.width = 900;
  m.variants = {{400, 300, "/media/a-400.webp"}, {800, 600, "/media/a-800.webp"}};
  EXPECT_EQ(image_srcset(m), "/media/a-400.webp 400w, /media/a-800.webp 800w, /media/a.webp 900w");
}

TEST(ImageSrcset, NothingWithoutTwoUsableCandidates) {
  core::Media m;
  m.url = "/media/a.webp";
  m.width = 300;
  EXPECT_EQ(image_srcset(m), "");  // imported: no variants
  m.variants = {{300, 200, "/media/a.webp"}};
  EXPECT_EQ(image_srcset(m), "");  // an upload under 400 px: one copy
  m.width = 1600;
  m.variants = {{400, 300, "javascript:alert(1)"},
                {800, 600, "//evil.example/a.webp"},
                {0, 0, "/media/a-0.webp"},
                {1600, 1200, "/media/a.webp"}};
  EXPECT_EQ(image_srcset(m), "");  // the unusable ones are left out
  m.variants.push_back({800, 600, "/media/a,800.webp"});
  EXPECT_EQ(image_srcset(m), "/media/a%2C800.webp 800w, /media/a.webp 1600w");
}

TEST(ArticleImageSizes, TheColumnButNeverWiderThanTheImage) {
  core::Media m = upload();
  EXPECT_EQ(article_image_sizes(m),
            "(min-width: 1140px) 788px, (min-width: 900px) calc(100vw - 352px), "
            "calc(100vw - 28px)");
  m.width = 600;
  m.variants = {{400, 300, "/media/a-400.webp"}, {600, 450, "/media/a.webp"}};
  EXPECT_EQ(article_image_sizes(m),
            "(min-width: 1140px) 600px, (min-width: 900px) min(600px, 100vw - 352px), "
            "min(600px, 100vw - 28px)");
}

}  // namespace
}  // namespace jarida::render
