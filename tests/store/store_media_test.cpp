// The Store conformance suite, continued: the media library (issue 6).
// Uploaded images with their WebP variants, read back exactly; the library
// newest first, searched by title, alt text and caption (wildcards taken
// literally), with its total; alt text and caption edits; and the featured
// image of readers' pages carrying its variants, while imported images
// carry none. Uploads alone don't change what readers see.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/newsroom.hpp"
#include "store/store.hpp"
#include "store/store_fixture.hpp"

namespace jarida_store_test {
namespace {

template <class Backend>
class MediaTest : public StoreTest<Backend> {
 protected:
  void SetUp() override {
    StoreTest<Backend>::SetUp();
    w_ = this->seed();
  }

  store::NewMedia upload(std::string name, TimePoint at) {
    store::NewMedia m;
    m.url = "/media/2026/11/" + name + ".webp";
    m.width = 1600;
    m.height = 1067;
    m.title = name + ".jpg";
    m.alt = "صورة " + name;
    m.created_at = at;
    m.uploaded_by = w_.amal;
    m.variants = {{400, 267, "/media/2026/11/" + name + "-400.webp"},
                  {800, 533, "/media/2026/11/" + name + "-800.webp"},
                  {1600, 1067, m.url}};
    return m;
  }

  std::vector<std::string> titles(const core::Paged<core::Media>& page) {
    std::vector<std::string> out;
    for (const auto& m : page.items) out.push_back(m.title);
    return out;
  }

  // A published article whose featured image is `media`.
  std::string publish_with(std::optional<Id> media, std::string slug) {
    store::ArticleDraft d;
    d.slug = slug;
    d.title = "عنوان";
    d.body_html = "<p>نص</p>";
    d.status = ArticleStatus::published;
    d.published_at = now() - 1h;
    d.author_id = w_.amal;
    d.category_id = w_.politics;
    d.featured_media_id = media;
    auto r = this->db().save_article(std::nullopt, d, w_.amal, false, now());
    if (!r) throw std::runtime_error("save_article found no article");
    return r->slug;
  }

  typename StoreTest<Backend>::World w_;
};
TYPED_TEST_SUITE(MediaTest, Backends);

void expect_same_variants(const std::vector<core::MediaVariant>& got,
                          const std::vector<core::MediaVariant>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].width, want[i].width) << i;
    EXPECT_EQ(got[i].height, want[i].height) << i;
    EXPECT_EQ(got[i].url, want[i].url) << i;
  }
}

TYPED_TEST(MediaTest, AnUploadReadsBackExactly) {
  const TimePoint at = now() - 5min;
  store::NewMedia m = this->upload("park", at);
  m.title = "افتتاح الحديقة.JPG";
  m.caption = "الحديقة بعد الافتتاح، صباح الأحد";
  // Arabic (raw UTF-8), spaces and odd characters in a URL come back as given.
  m.variants[0].url = "/media/2026/11/افتتاح الحديقة-400.webp";
  m.variants[1].url = "/media/2026/11/a%20b;c=d,e 800w-800.webp";
  const Id id = this->db().add_media(m);
  EXPECT_GT(id, 0);

  const auto got = this->db().media_by_id(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->url, m.url);
  EXPECT_EQ(got->mime, "image/webp");
  EXPECT_EQ(got->width, 1600);
  EXPECT_EQ(got->height, 1067);
  EXPECT_EQ(got->title, "افتتاح الحديقة.JPG");
  EXPECT_EQ(got->alt, "صورة park");
  EXPECT_EQ(got->caption, m.caption);
  EXPECT_EQ(got->created_at, at);
  EXPECT_EQ(got->uploaded_by, this->w_.amal);
  expect_same_variants(got->variants, m.variants);

  EXPECT_FALSE(this->db().media_by_id(id + 1));
}

TYPED_TEST(MediaTest, NoVariantsNoUploaderAndNoTimeAreFine) {
  store::NewMedia m;
  m.url = "/media/small.webp";
  m.width = 120;
  m.height = 90;
  const TimePoint before = now();
  const Id id = this->db().add_media(m);
  const auto got = this->db().media_by_id(id);
  ASSERT_TRUE(got);
  EXPECT_TRUE(got->variants.empty());
  EXPECT_EQ(got->uploaded_by, 0);
  EXPECT_GE(got->created_at, before);  // unset means now
  EXPECT_LE(got->created_at, now());
}

TYPED_TEST(MediaTest, BadRowsAreRefused) {
  store::NewMedia m = this->upload("x", now());
  m.uploaded_by = 999999;  // no such user
  EXPECT_THROW(this->db().add_media(m), store::Error);
  m = this->upload("y", now());
  m.variants[1].url = "/media/a\nb.webp";  // would break the variants list
  EXPECT_THROW(this->db().add_media(m), store::Error);
  EXPECT_EQ(this->db().media_library("", 0, 10).total, 0);
}

TYPED_TEST(MediaTest, TheLibraryIsNewestFirstWithItsTotal) {
  const TimePoint t = now() - 1h;
  for (const auto& [name, at] : {std::pair{"b", t + 2min}, std::pair{"a", t + 1min},
                                 std::pair{"d", t + 4min}, std::pair{"c", t + 2min}})
    this->db().add_media(this->upload(name, at));
  // c and b were uploaded in the same second: the later row first.
  const auto all = this->db().media_library("", 0, 10);
  EXPECT_EQ(all.total, 4);
  EXPECT_EQ(this->titles(all), (std::vector<std::string>{"d.jpg", "c.jpg", "b.jpg", "a.jpg"}));
  expect_same_variants(all.items[0].variants, this->upload("d", t).variants);

  const auto second = this->db().media_library("", 2, 2);
  EXPECT_EQ(second.total, 4);
  EXPECT_EQ(this->titles(second), (std::vector<std::string>{"b.jpg", "a.jpg"}));
  EXPECT_TRUE(this->db().media_library("", 4, 2).items.empty());
  const auto count_only = this->db().media_library("", 0, 0);
  EXPECT_TRUE(count_only.items.empty());
  EXPECT_EQ(count_only.total, 4);
}

TYPED_TEST(MediaTest, SearchLooksInTitleAltAndCaptionLiterally) {
  const TimePoint t = now() - 1h;
  auto m = this->upload("match-title", t);
  m.title = "Minister_Visit.JPG";
  const Id by_title = this->db().add_media(m);
  m = this->upload("match-alt", t + 1s);
  m.alt = "وزير الصحة يزور المستشفى";
  const Id by_alt = this->db().add_media(m);
  m = this->upload("match-caption", t + 2s);
  m.caption = "تخفيض 50% على الأدوية";
  const Id by_caption = this->db().add_media(m);
  this->db().add_media(this->upload("other", t + 3s));

  auto ids = [&](std::string_view q) {
    const auto page = this->db().media_library(q, 0, 10);
    std::vector<Id> out;
    for (const auto& item : page.items) out.push_back(item.id);
    EXPECT_EQ(page.total, static_cast<std::int64_t>(out.size())) << q;
    return out;
  };
  EXPECT_EQ(ids("minister"), std::vector<Id>{by_title});  // Latin letters: any case
  EXPECT_EQ(ids("الصحة"), std::vector<Id>{by_alt});
  EXPECT_EQ(ids("50%"), std::vector<Id>{by_caption});
  EXPECT_EQ(ids(" وزير "), std::vector<Id>{by_alt});  // spaces around are not part of it
  // LIKE's wildcards are plain characters here.
  EXPECT_EQ(ids("_"), std::vector<Id>{by_title});
  EXPECT_EQ(ids("%"), std::vector<Id>{by_caption});
  EXPECT_EQ(ids("\\"), std::vector<Id>{});
  EXPECT_EQ(ids("r_V"), std::vector<Id>{by_title});
  EXPECT_EQ(ids("rXV"), std::vector<Id>{});
  EXPECT_EQ(ids("لا شيء"), std::vector<Id>{});
  EXPECT_EQ(ids("  ").size(), 4u);  // blank: everything
}

TYPED_TEST(MediaTest, AltTextAndCaptionAreEdited) {
  const Id id = this->db().add_media(this->upload("p", now()));
  EXPECT_TRUE(this->db().update_media_text(id, "نص بديل جديد", "تعليق جديد"));
  const auto got = this->db().media_by_id(id);
  EXPECT_EQ(got->alt, "نص بديل جديد");
  EXPECT_EQ(got->caption, "تعليق جديد");
  expect_same_variants(got->variants, this->upload("p", now()).variants);  // untouched
  EXPECT_EQ(got->title, "p.jpg");
  EXPECT_FALSE(this->db().update_media_text(id + 1, "x", "y"));
}

TYPED_TEST(MediaTest, UploadsDontChangeWhatReadersSeeButEditsMay) {
  const auto v0 = this->db().content_version();
  const Id id = this->db().add_media(this->upload("p", now()));
  EXPECT_EQ(this->db().content_version(), v0);                  // nobody shows it yet
  EXPECT_TRUE(this->db().update_media_text(id, "صورة p", ""));  // unchanged
  EXPECT_EQ(this->db().content_version(), v0);
  EXPECT_TRUE(this->db().update_media_text(id, "وصف أدق", ""));  // a featured image may show it
  EXPECT_GT(this->db().content_version(), v0);
}

TYPED_TEST(MediaTest, ReadersPagesGetTheFeaturedImageWithItsVariants) {
  const store::NewMedia m = this->upload("cover", now() - 2h);
  const Id id = this->db().add_media(m);
  const std::string slug = this->publish_with(id, "khabar");
  const auto article = this->db().published_article_by_slug(slug);
  ASSERT_TRUE(article);
  ASSERT_TRUE(article->featured_image);
  EXPECT_EQ(article->featured_image->id, id);
  EXPECT_EQ(article->featured_image->url, m.url);
  EXPECT_EQ(article->featured_image->alt, m.alt);
  expect_same_variants(article->featured_image->variants, m.variants);

  const auto list = this->db().published_articles({}, 0, 10);
  ASSERT_EQ(list.items.size(), 1u);
  ASSERT_TRUE(list.items[0].featured_image);
  expect_same_variants(list.items[0].featured_image->variants, m.variants);
  EXPECT_EQ(list.items[0].excerpt, "");  // the columns after the image still line up
  EXPECT_EQ(list.items[0].sticky, false);
}

TYPED_TEST(MediaTest, ImportedImagesAreInTheLibraryWithoutVariants) {
  {
    auto b = this->db().begin_import();
    store::ImportedMedia m;
    m.legacy_id = 77;
    m.url = "https://old.example/wp-content/uploads/2020/01/a.jpg";
    m.mime = "image/jpeg";
    m.width = 1024;
    m.height = 768;
    m.title = "a";
    m.alt = "قديمة";
    m.created_at = now() - 24h * 400;
    b->upsert_media(m);
    b->finish();
    b->commit();
  }
  const Id id = this->db().add_media(this->upload("new", now()));
  const auto page = this->db().media_library("", 0, 10);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].id, id);
  EXPECT_EQ(page.items[1].url, "https://old.example/wp-content/uploads/2020/01/a.jpg");
  EXPECT_TRUE(page.items[1].variants.empty());
  EXPECT_EQ(page.items[1].uploaded_by, 0);
  EXPECT_EQ(this->db().media_library("قديمة", 0, 10).total, 1);
}

}  // namespace
}  // namespace jarida_store_test
