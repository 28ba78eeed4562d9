// Featured images in pages, share metadata and feeds (src/render/images.cpp):
// which stored URLs may become an <img src>, how they are encoded, made
// absolute and typed.
#include "render/images.hpp"

#include <gtest/gtest.h>

namespace jarida::render {
namespace {

core::Media media(std::string url, std::string mime = "") {
  core::Media m;
  m.url = std::move(url);
  m.mime = std::move(mime);
  return m;
}

core::SiteSettings site() {
  core::SiteSettings s;
  s.base_url = "https://jarida.example";
  return s;
}

TEST(ImageSrc, SitePathsAndHttpUrlsAreKeptEncoded) {
  EXPECT_EQ(image_src(media("/media/2024/01/a.jpg")), "/media/2024/01/a.jpg");
  EXPECT_EQ(image_src(media("https://old.example/wp-content/uploads/صورة.jpg")),
            "https://old.example/wp-content/uploads/%d8%b5%d9%88%d8%b1%d8%a9.jpg");
  EXPECT_EQ(image_src(media("HTTP://old.example/a%20b.png")), "HTTP://old.example/a%20b.png");
  EXPECT_EQ(image_src(media("/a b\".jpg")), "/a%20b%22.jpg");  // can't leave the attribute
}

TEST(ImageSrc, OtherSchemesAndHostRelativeUrlsAreNoImage) {
  for (const char* url :
       {"javascript:alert(1)", "data:image/png;base64,AAAA", "//evil.example/a.jpg",
        "ftp://host/a.jpg", "a.jpg", "", " https://x/a.jpg"})
    EXPECT_EQ(image_src(media(url)), "") << url;
}

TEST(ImageUrl, SitePathsGetTheBaseUrl) {
  EXPECT_EQ(image_url(media("/media/a.jpg"), site()), "https://jarida.example/media/a.jpg");
  EXPECT_EQ(image_url(media("http://cdn.example/a.jpg"), site()), "http://cdn.example/a.jpg");
  EXPECT_EQ(image_url(media("javascript:x"), site()), "");
}

TEST(ImageType, StoredTypeElseByExtension) {
  EXPECT_EQ(image_type(media("/a.png", "image/webp")), "image/webp");
  EXPECT_EQ(image_type(media("/a.JPG")), "image/jpeg");
  EXPECT_EQ(image_type(media("/a.jpeg?w=300#x")), "image/jpeg");
  EXPECT_EQ(image_type(media("https://h/x/b.webp")), "image/webp");
  EXPECT_EQ(image_type(media("/a.avif")), "image/avif");
  EXPECT_EQ(image_type(media("/a.gif")), "image/gif");
  EXPECT_EQ(image_type(media("/a.svg")), "image/svg+xml");
  EXPECT_EQ(image_type(media("/dir.v2/image")), "application/octet-stream");
  EXPECT_EQ(image_type(media("/a.bmp")), "application/octet-stream");
}

}  // namespace
}  // namespace jarida::render
