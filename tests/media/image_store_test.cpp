// What store_image (src/media/image_store.cpp) accepts and refuses, and what
// it writes: every accepted image comes out as a fresh, upright WebP without
// metadata, under a safe name that never replaces another file. The images
// are made with libvips, the hostile files by hand (media/test_images.hpp).
#include "media/image_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <vips/vips.h>

#include <string>
#include <vector>

#include "media/test_images.hpp"

namespace jarida::media {
namespace {

namespace fs = std::filesystem;
using namespace test_images;

class ImageStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_libvips();
    char tmpl[] = "/tmp/jarida-media-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    tmp_ = tmpl;
    root_ = tmp_ / "media";
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(tmp_); }

  fs::path source(const std::string& name, std::string_view bytes) {
    const fs::path p = tmp_ / name;
    write_all(p, bytes);
    return p;
  }

  // Asserts the stored file is a WebP of the stated size with no metadata.
  void expect_clean_webp(const StoredImage& s) {
    EXPECT_EQ(s.mime, "image/webp");
    const fs::path p = root_ / s.path;
    ASSERT_TRUE(fs::is_regular_file(p)) << p;
    const std::string bytes = read_all(p);
    EXPECT_EQ(sniff(bytes), "image/webp");
    EXPECT_EQ(bytes.find("EXIF"), std::string::npos);  // RIFF chunks of metadata
    EXPECT_EQ(bytes.find("XMP "), std::string::npos);
    EXPECT_EQ(bytes.find("ICCP"), std::string::npos);
    const auto image = decode(p);
    ASSERT_TRUE(image);
    EXPECT_STREQ(vips_foreign_find_load(p.c_str()), "VipsForeignLoadWebpFile");
    EXPECT_EQ(vips_image_get_width(image.get()), s.width);
    EXPECT_EQ(vips_image_get_height(image.get()), s.height);
    for (const char* field : {VIPS_META_EXIF_NAME, VIPS_META_XMP_NAME, VIPS_META_ICC_NAME,
                              "exif-ifd3-GPSLatitude", VIPS_META_ORIENTATION})
      EXPECT_EQ(vips_image_get_typeof(image.get(), field), 0u) << field;
  }

  void expect_refused(const fs::path& file, std::string_view reason_part) {
    try {
      store_image(file, root_, "2024/03", "x");
      ADD_FAILURE() << file << " was accepted";
    } catch (const ImageError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(file.string()), std::string::npos) << what;
      EXPECT_NE(what.find(reason_part), std::string::npos) << what;
    }
    EXPECT_FALSE(fs::exists(root_ / "2024/03/x.webp"));
  }

  std::vector<std::string> files_under_root() {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root_))
      if (!e.is_directory()) out.push_back(fs::relative(e.path(), root_).string());
    return out;
  }

  fs::path tmp_, root_;
};

// ---------------------------------------------------------------- accepted

TEST_F(ImageStoreTest, JpegIsTurnedUprightByExifAndLosesItsMetadata) {
  // 40 x 20, left half white; orientation 6 = "rotate 90° clockwise to view".
  auto image = make_image(40, 20, [](int x, int) { return x < 20 ? 255 : 0; });
  const std::string exif = exif_with_gps(6);
  vips_image_set_blob_copy(image.get(), VIPS_META_EXIF_NAME, exif.data(), exif.size());
  vips_image_set_int(image.get(), VIPS_META_ORIENTATION, 6);
  const std::string jpeg = encode(image.get(), ".jpg[Q=95]");
  const fs::path file = source("photo.jpg", jpeg);
  {  // the source really carries what must go
    const auto in = decode(file);
    ASSERT_TRUE(in);
    EXPECT_EQ(vips_image_get_orientation(in.get()), 6);
    EXPECT_NE(vips_image_get_typeof(in.get(), "exif-ifd3-GPSLatitude"), 0u);
  }

  const StoredImage s = store_image(file, root_, "2024/03", "park-opening");
  EXPECT_EQ(s.path, "2024/03/park-opening.webp");
  EXPECT_EQ(s.width, 20);  // upright: the sides swap
  EXPECT_EQ(s.height, 40);
  expect_clean_webp(s);
  // The white left half is now on top.
  const auto out = decode(root_ / s.path);
  EXPECT_GT(mean_of(out.get(), 0, 2, 20, 16), 200);
  EXPECT_LT(mean_of(out.get(), 0, 22, 20, 16), 55);
  // The GPS position is nowhere in the file.
  EXPECT_EQ(read_all(root_ / s.path).find("Exif"), std::string::npos);
}

TEST_F(ImageStoreTest, PngIsShrunkToMaxWidthKeepingItsAspect) {
  auto image = make_image(3000, 1000, [](int x, int y) { return (x + y) % 256; });
  const StoredImage s =
      store_image(source("wide.png", encode(image.get(), ".png")), root_, "2024/03", "wide");
  EXPECT_EQ(s.width, 1600);
  EXPECT_NEAR(s.height, 533, 1);
  expect_clean_webp(s);

  const StoredImage narrow = store_image(root_ / s.path, root_, "2024/03", "narrow", 300);
  EXPECT_EQ(narrow.width, 300);
  EXPECT_NEAR(narrow.height, 100, 1);
}

TEST_F(ImageStoreTest, SmallImagesAreNeverEnlarged) {
  auto image = make_image(40, 30, [](int x, int) { return x * 6; });
  const StoredImage s =
      store_image(source("small.png", encode(image.get(), ".png")), root_, "", "small");
  EXPECT_EQ(s.path, "small.webp");
  EXPECT_EQ(s.width, 40);
  EXPECT_EQ(s.height, 30);
  expect_clean_webp(s);
}

TEST_F(ImageStoreTest, GifAndWebpAreAccepted) {
  auto image = make_image(64, 48, [](int x, int y) { return (x * y) % 256; });
  const StoredImage gif =
      store_image(source("a.gif", encode(image.get(), ".gif")), root_, "g", "animated");
  EXPECT_EQ(gif.width, 64);
  EXPECT_EQ(gif.height, 48);
  expect_clean_webp(gif);
  const StoredImage webp =
      store_image(source("b.webp", encode(image.get(), ".webp")), root_, "g", "b");
  EXPECT_EQ(webp.width, 64);
  expect_clean_webp(webp);
}

TEST_F(ImageStoreTest, AvifIsAcceptedWhenLibvipsCanEncodeAndDecodeIt) {
  auto image = make_noise(64, 48, 3);
  void* buf = nullptr;
  std::size_t len = 0;
  if (vips_heifsave_buffer(image.get(), &buf, &len, "compression",
                           VIPS_FOREIGN_HEIF_COMPRESSION_AV1, nullptr) != 0) {
    vips_error_clear();
    GTEST_SKIP() << "this libheif has no AV1 encoder";
  }
  const std::string avif(static_cast<const char*>(buf), len);
  g_free(buf);
  ASSERT_EQ(sniff(avif), "image/avif");
  const StoredImage s = store_image(source("c.avif", avif), root_, "", "c");
  EXPECT_EQ(s.width, 64);
  EXPECT_EQ(s.height, 48);
  expect_clean_webp(s);
}

TEST_F(ImageStoreTest, TheTypeComesFromTheContentNotTheName) {
  auto image = make_noise(32, 32, 1);
  const StoredImage s =
      store_image(source("really-a-jpeg.png", encode(image.get(), ".jpg")), root_, "", "x");
  expect_clean_webp(s);
}

TEST_F(ImageStoreTest, AValidGifWithAScriptAppendedComesOutWithoutIt) {
  auto image = make_image(16, 16, [](int x, int) { return x * 16; });
  const std::string polyglot = encode(image.get(), ".gif") + "<script>alert(1)</script>";
  const StoredImage s = store_image(source("poly.gif", polyglot), root_, "", "poly");
  expect_clean_webp(s);
  EXPECT_EQ(read_all(root_ / s.path).find("<script>"), std::string::npos);
}

// ---------------------------------------------------------------- refused

TEST_F(ImageStoreTest, GifHeaderFollowedByScriptIsRefused) {
  // libmagic says image/gif; no GIF decoder can read it.
  const std::string text = "GIF89a<script>alert(document.cookie)</script>";
  ASSERT_EQ(sniff(text), "image/gif");
  expect_refused(source("evil.gif", text), "not a readable image/gif");
}

TEST_F(ImageStoreTest, SvgHtmlPdfAndTextAreRefused) {
  expect_refused(source("logo.svg",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                        "<script>alert(1)</script><rect width=\"10\" height=\"10\"/></svg>"),
                 "image/svg+xml");
  expect_refused(
      source("page.jpg", "<!DOCTYPE html><html><body><script>x()</script></body></html>"),
      "text/html");
  expect_refused(source("doc.png", "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
                 "application/pdf");
  expect_refused(source("notes.gif", "مرحبا، هذا نص وليس صورة\n"), "text/plain");
  expect_refused(source("empty.jpg", ""), "empty");
  EXPECT_TRUE(files_under_root().empty());
}

TEST_F(ImageStoreTest, HeicIsAcceptedWhenLibheifCanEncodeAndDecodeIt) {
  auto image = make_noise(32, 32, 2);
  void* buf = nullptr;
  std::size_t len = 0;
  if (vips_heifsave_buffer(image.get(), &buf, &len, "compression",
                           VIPS_FOREIGN_HEIF_COMPRESSION_HEVC, nullptr) != 0) {
    vips_error_clear();
    GTEST_SKIP() << "this libheif has no HEVC encoder";
  }
  const std::string heic(static_cast<const char*>(buf), len);
  g_free(buf);
  ASSERT_EQ(sniff(heic), "image/heic");
  const StoredImage s = store_image(source("phone.heic", heic), root_, "", "phone.HEIC");
  EXPECT_EQ(s.path, "phone.webp");
  EXPECT_EQ(s.width, 32);
  expect_clean_webp(s);
}

TEST_F(ImageStoreTest, TruncatedJpegIsRefused) {
  auto image = make_noise(400, 300, 4);
  const std::string jpeg = encode(image.get(), ".jpg[Q=90]");
  expect_refused(source("cut.jpg", jpeg.substr(0, jpeg.size() * 6 / 10)), "cannot decode");
  EXPECT_TRUE(files_under_root().empty());
}

TEST_F(ImageStoreTest, DecompressionBombIsRefusedFromItsHeader) {
  expect_refused(source("bomb.png", png_header_only(100000, 100000)), "megapixels");
  expect_refused(source("big.png", png_header_only(8000, 7000)), "8000x7000 is over 50 megapixels");
}

TEST_F(ImageStoreTest, FilesOver30MbAreRefusedUnread) {
  const fs::path file = source("huge.png", std::string("\x89PNG\r\n\x1a\n", 8));
  fs::resize_file(file, kMaxSourceBytes + 1);
  expect_refused(file, "over 30 MB");
}

TEST_F(ImageStoreTest, MissingFilesAndFoldersAreRefused) {
  expect_refused(tmp_ / "nothing.jpg", "no such file");
  expect_refused(tmp_, "not a regular file");
}

// ---------------------------------------------------------------- names

TEST_F(ImageStoreTest, ArabicNamesAreKeptAndMadeSafe) {
  auto image = make_noise(20, 20, 5);
  const fs::path file = source("in.png", encode(image.get(), ".png"));
  EXPECT_EQ(store_image(file, root_, "2024/03", "افتتاح الحديقة.JPG").path,
            "2024/03/افتتاح-الحديقة.webp");
  EXPECT_EQ(store_image(file, root_, "../../etc", "../passwd").path, "etc/passwd.webp");
  EXPECT_EQ(store_image(file, root_, "/a//b/", "...").path, "a/b/image.webp");
  EXPECT_FALSE(fs::exists(tmp_ / "etc"));
  EXPECT_FALSE(fs::exists("/etc/passwd.webp"));

  EXPECT_EQ(safe_image_name("صورة.الوزير/../.hidden"), "صورة-الوزير-hidden");
  EXPECT_EQ(safe_image_name("my_photo.final.webp"), "my-photo-final");
  EXPECT_EQ(safe_image_name("مَدْرَسَةٌ"), "مدرسة");
  EXPECT_EQ(safe_image_name(""), "image");
  EXPECT_EQ(safe_image_name(".png"), "image");
  const std::string long_name = safe_image_name(std::string(300, 'x') + " " + "عربي");
  EXPECT_LE(long_name.size(), 200u);
  const std::string long_arabic = safe_image_name(std::string(150, ' ') + [] {
    std::string s;
    for (int i = 0; i < 150; ++i) s += "ب";
    return s;
  }());
  EXPECT_EQ(long_arabic.size(), 200u);  // 100 letters, never half of one
}

TEST_F(ImageStoreTest, NamesCollideSafely) {
  auto one = make_noise(20, 20, 6);
  auto two = make_noise(20, 20, 7);
  const fs::path a = source("a.png", encode(one.get(), ".png"));
  const fs::path b = source("b.png", encode(two.get(), ".png"));

  const StoredImage first = store_image(a, root_, "2024/03", "خبر");
  EXPECT_EQ(first.path, "2024/03/خبر.webp");
  const std::string first_bytes = read_all(root_ / first.path);
  // Another image, same name: a new file; the first is untouched.
  const StoredImage second = store_image(b, root_, "2024/03", "خبر");
  EXPECT_EQ(second.path, "2024/03/خبر-2.webp");
  EXPECT_EQ(read_all(root_ / first.path), first_bytes);
  // The same source again: the same file, nothing new written.
  EXPECT_EQ(store_image(a, root_, "2024/03", "خبر").path, first.path);
  EXPECT_EQ(store_image(b, root_, "2024/03", "خبر").path, second.path);
  // Something else already at the name (a folder, a foreign file).
  fs::create_directories(root_ / "2024/03/خبر-3.webp");
  write_all(root_ / "2024/03/خبر-4.webp", "not ours");
  auto three = make_noise(20, 20, 8);
  EXPECT_EQ(store_image(source("c.png", encode(three.get(), ".png")), root_, "2024/03", "خبر").path,
            "2024/03/خبر-5.webp");
  EXPECT_EQ(read_all(root_ / "2024/03/خبر-4.webp"), "not ours");
  // No temporary files left behind.
  for (const auto& name : files_under_root()) EXPECT_EQ(name.find(".tmp-"), std::string::npos);
  EXPECT_EQ(files_under_root().size(), 4u);  // خبر, خبر-2, the foreign خبر-4, خبر-5
}

TEST_F(ImageStoreTest, ASymlinkOutOfTheMediaFolderIsNotFollowed) {
  fs::create_directories(tmp_ / "outside");
  fs::create_directory_symlink(tmp_ / "outside", root_ / "evil");
  auto image = make_noise(20, 20, 9);
  try {
    store_image(source("in.png", encode(image.get(), ".png")), root_, "evil", "x");
    ADD_FAILURE() << "wrote through a symlink";
  } catch (const ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("not inside the media folder"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(fs::is_empty(tmp_ / "outside"));
}

TEST_F(ImageStoreTest, BadMaxWidthIsRefused) {
  auto image = make_noise(20, 20, 10);
  EXPECT_THROW(store_image(source("in.png", encode(image.get(), ".png")), root_, "", "x", 0),
               ImageError);
}

}  // namespace
}  // namespace jarida::media
