// RSS and Atom (src/render/feeds.cpp): a featured image becomes an RSS
// <enclosure> (length "0": unknown) and an Atom rel="enclosure" link; an
// unsafe URL becomes none. tests/integration/feeds_test.py parses real feeds.
#include "render/feeds.hpp"

#include <gtest/gtest.h>

namespace jarida::render {
namespace {

// An image as the media table gives it (Media has more fields than these
// tests need, and g++ 12 warns about an aggregate left half-initialized).
core::Media image_of(core::Id id, std::string url, std::int64_t width, std::int64_t height) {
  core::Media m;
  m.id = id;
  m.url = std::move(url);
  m.width = width;
  m.height = height;
  return m;
}

core::SiteSettings site() {
  core::SiteSettings s;
  s.base_url = "https://jarida.example";
  return s;
}

std::vector<FeedItem> items(std::optional<core::Media> image) {
  FeedItem i{"عنوان", "/2024/01/خبر/", core::TimePoint{std::chrono::seconds{1700000000}},
             "أمل",   "سياسة",         "ملخص",
             "",      std::move(image)};
  return {i};
}

const FeedChannel kChannel{"جريدة", "/", "/feed/", ""};

TEST(FeedEnclosure, RssAndAtomCarryTheFeaturedImage) {
  const core::Media m = image_of(1, "/media/a&b.jpg", 800, 600);
  const std::string rss_text = rss(kChannel, items(m), site());
  EXPECT_NE(rss_text.find("<enclosure url=\"https://jarida.example/media/a&amp;b.jpg\" "
                          "length=\"0\" type=\"image/jpeg\"/>"),
            std::string::npos)
      << rss_text;
  const std::string atom_text = atom(kChannel, items(m), site());
  EXPECT_NE(atom_text.find("<link rel=\"enclosure\" type=\"image/jpeg\" "
                           "href=\"https://jarida.example/media/a&amp;b.jpg\"/>"),
            std::string::npos)
      << atom_text;
}

TEST(FeedEnclosure, NoImageOrAnUnsafeOneGivesNone) {
  for (const auto& image :
       {std::optional<core::Media>(), std::optional(image_of(1, "javascript:x", 0, 0))}) {
    EXPECT_EQ(rss(kChannel, items(image), site()).find("enclosure"), std::string::npos);
    EXPECT_EQ(atom(kChannel, items(image), site()).find("enclosure"), std::string::npos);
  }
}

}  // namespace
}  // namespace jarida::render
