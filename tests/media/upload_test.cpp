// What store_upload (src/media/upload.cpp) accepts and refuses from the
// newsroom, and what it writes: WebP copies at 400, 800 and up to 1600 px,
// never enlarged, upright, without metadata; every refusal an Arabic
// sentence with nothing left on disk. Images are made with libvips, hostile
// files by hand (media/test_images.hpp).
#include "media/upload.hpp"

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

class UploadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_libvips();
    char tmpl[] = "/tmp/jarida-upload-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
  }
  void TearDown() override { fs::remove_all(root_); }

  // Everything under the media folder, folders included.
  std::vector<std::string> everything() {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root_))
      out.push_back(fs::relative(e.path(), root_).string());
    return out;
  }

  // The upload is refused for `problem` with exactly the sentence `arabic`
  // (when given), and the media folder stays empty.
  void expect_refused(std::string_view bytes, UploadProblem problem, std::string_view arabic = {}) {
    try {
      store_upload(bytes, root_, "2026/11", "upload.jpg");
      ADD_FAILURE() << "accepted";
    } catch (const UploadError& e) {
      EXPECT_EQ(e.problem, problem) << e.detail;
      EXPECT_EQ(std::string(e.what()), upload_problem_text(problem, e.mime));
      if (!arabic.empty()) {
        EXPECT_EQ(std::string(e.what()), arabic) << e.detail;
      }
      EXPECT_FALSE(e.detail.empty());
    }
    EXPECT_EQ(everything(), std::vector<std::string>{});
  }

  // A stored copy: a clean WebP of the stated size, named as stated.
  void expect_clean_webp(const StoredImage& s, std::string_view path, std::int64_t width) {
    EXPECT_EQ(s.path, path);
    EXPECT_EQ(s.width, width);
    EXPECT_EQ(s.mime, "image/webp");
    const std::string bytes = read_all(root_ / s.path);
    ASSERT_GE(bytes.size(), 12u) << s.path;
    EXPECT_EQ(bytes.substr(0, 4), "RIFF");
    EXPECT_EQ(bytes.substr(8, 4), "WEBP");
    EXPECT_EQ(sniff(bytes), "image/webp");
    for (const char* needle : {"Exif", "EXIF", "GPS", "XMP", "ICCP", "<?php", "<script"})
      EXPECT_EQ(bytes.find(needle), std::string::npos) << needle << " in " << s.path;
    const auto image = decode(root_ / s.path);
    ASSERT_TRUE(image);
    EXPECT_EQ(vips_image_get_width(image.get()), s.width);
    EXPECT_EQ(vips_image_get_height(image.get()), s.height);
  }

  std::vector<std::int64_t> widths_of(const UploadedImage& u) {
    std::vector<std::int64_t> out;
    for (const auto& v : u.variants) out.push_back(v.width);
    return out;
  }

  fs::path root_;
};

std::string png(int width, int height) {
  auto image = make_image(width, height, [](int x, int y) { return (x + 2 * y) % 256; });
  return encode(image.get(), ".png");
}

// ---------------------------------------------------------------- accepted

TEST_F(UploadTest, APhotoGetsThreeUprightWidthsWithoutExifOrGps) {
  // 2000 x 1500 with orientation 6 ("turn 90° clockwise"): 1500 x 2000 upright.
  auto image = make_image(2000, 1500, [](int x, int) { return x < 1000 ? 230 : 20; });
  const std::string exif = exif_with_gps(6);
  vips_image_set_blob_copy(image.get(), VIPS_META_EXIF_NAME, exif.data(), exif.size());
  vips_image_set_int(image.get(), VIPS_META_ORIENTATION, 6);
  const std::string xmp =
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
      "22-rdf-syntax-ns#\"><rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" "
      "exif:GPSLatitude=\"30,2.0N\"/></rdf:RDF></x:xmpmeta>";
  vips_image_set_blob_copy(image.get(), VIPS_META_XMP_NAME, xmp.data(), xmp.size());
  const std::string jpeg = encode(image.get(), ".jpg[Q=90]");
  ASSERT_NE(jpeg.find("Exif"), std::string::npos);  // the source carries what must go
  ASSERT_NE(jpeg.find("GPS"), std::string::npos);

  const UploadedImage u = store_upload(jpeg, root_, "2026/11", "افتتاح الحديقة.JPG");
  ASSERT_EQ(widths_of(u), (std::vector<std::int64_t>{400, 800, 1500}));
  expect_clean_webp(u.variants[0], "2026/11/افتتاح-الحديقة-400.webp", 400);
  expect_clean_webp(u.variants[1], "2026/11/افتتاح-الحديقة-800.webp", 800);
  expect_clean_webp(u.variants[2], "2026/11/افتتاح-الحديقة.webp", 1500);
  EXPECT_EQ(u.variants[0].height, 533);
  EXPECT_EQ(u.variants[1].height, 1067);
  EXPECT_EQ(u.variants[2].height, 2000);
  EXPECT_EQ(u.largest.path, u.variants.back().path);
  EXPECT_EQ(u.largest.width, 1500);
  // Upright: the bright left half of the source is now the top half.
  const auto out = decode(root_ / u.variants[0].path);
  EXPECT_GT(mean_of(out.get(), 0, 10, 400, 200), 200);
  EXPECT_LT(mean_of(out.get(), 0, 320, 400, 200), 60);
  EXPECT_EQ(everything().size(), 5u);  // 2026, 2026/11 and the three files: no temporary files
}

TEST_F(UploadTest, ABigPhotoIsShrunkTo1600) {
  const UploadedImage u = store_upload(png(2400, 1200), root_, "", "wide");
  EXPECT_EQ(widths_of(u), (std::vector<std::int64_t>{400, 800, 1600}));
  expect_clean_webp(u.largest, "wide.webp", 1600);
  EXPECT_EQ(u.largest.height, 800);
  expect_clean_webp(u.variants[0], "wide-400.webp", 400);
  EXPECT_EQ(u.variants[0].height, 200);
}

TEST_F(UploadTest, ImagesAreNeverEnlarged) {
  const UploadedImage nine = store_upload(png(900, 600), root_, "", "nine");
  EXPECT_EQ(widths_of(nine), (std::vector<std::int64_t>{400, 800, 900}));
  expect_clean_webp(nine.variants[2], "nine.webp", 900);
  expect_clean_webp(nine.variants[1], "nine-800.webp", 800);

  const UploadedImage eight = store_upload(png(800, 100), root_, "", "eight");
  EXPECT_EQ(widths_of(eight), (std::vector<std::int64_t>{400, 800}));
  expect_clean_webp(eight.largest, "eight.webp", 800);

  const UploadedImage four = store_upload(png(400, 100), root_, "", "four");
  EXPECT_EQ(widths_of(four), (std::vector<std::int64_t>{400}));
  const UploadedImage small = store_upload(png(120, 90), root_, "", "small");
  ASSERT_EQ(widths_of(small), (std::vector<std::int64_t>{120}));
  expect_clean_webp(small.largest, "small.webp", 120);
  EXPECT_EQ(small.largest.height, 90);
  EXPECT_FALSE(fs::exists(root_ / "small-400.webp"));
}

TEST_F(UploadTest, GifAndWebpAreAccepted) {
  auto image = make_noise(64, 48, 3);
  expect_clean_webp(store_upload(encode(image.get(), ".gif"), root_, "", "a.gif").largest, "a.webp",
                    64);
  expect_clean_webp(store_upload(encode(image.get(), ".webp"), root_, "", "b.webp").largest,
                    "b.webp", 64);
}

// AVIF (AV1) and HEIC (HEVC, iPhones) through libheif, when it can write
// them to test with (Debian 12's libheif1 reads and writes both).
class HeifUploadTest : public UploadTest,
                       public ::testing::WithParamInterface<VipsForeignHeifCompression> {};

TEST_P(HeifUploadTest, IsAcceptedWhenLibheifReadsIt) {
  auto image = make_noise(64, 48, 3);
  void* buf = nullptr;
  std::size_t len = 0;
  if (vips_heifsave_buffer(image.get(), &buf, &len, "compression", GetParam(), nullptr) != 0) {
    vips_error_clear();
    GTEST_SKIP() << "this libheif cannot write the format";
  }
  const std::string bytes(static_cast<const char*>(buf), len);
  g_free(buf);
  const UploadedImage u = store_upload(bytes, root_, "", "phone.HEIC");
  expect_clean_webp(u.largest, "phone.webp", 64);
  EXPECT_EQ(u.largest.height, 48);
}

INSTANTIATE_TEST_SUITE_P(AvifAndHeic, HeifUploadTest,
                         ::testing::Values(VIPS_FOREIGN_HEIF_COMPRESSION_AV1,
                                           VIPS_FOREIGN_HEIF_COMPRESSION_HEVC));

// The mean of each band of a stored copy.
std::vector<double> band_means(const fs::path& p) {
  const auto image = decode(p);
  std::vector<double> out;
  for (int b = 0; image && b < vips_image_get_bands(image.get()); ++b) {
    VipsImage* band = nullptr;
    double mean = -1;
    if (vips_extract_band(image.get(), &band, b, nullptr) == 0) {
      vips_avg(band, &mean, nullptr);
      g_object_unref(band);
    }
    out.push_back(mean);
  }
  return out;
}

TEST_F(UploadTest, ColoursAreKeptAndProfilesAreConvertedToSrgb) {
  const double scale[3] = {0, 0, 0}, red_levels[3] = {200, 30, 30};
  auto blank = make_image(300, 200, [](int, int) { return 0; });
  VipsImage* red_raw = nullptr;
  ASSERT_EQ(vips_linear(blank.get(), &red_raw, scale, red_levels, 3, "uchar", TRUE, nullptr), 0);
  const ImagePtr red(red_raw);
  // No profile: the pixels are sRGB already and stay as they are.
  const UploadedImage plain = store_upload(encode(red.get(), ".png"), root_, "", "plain");
  auto means = band_means(root_ / plain.largest.path);
  ASSERT_EQ(means.size(), 3u);
  EXPECT_NEAR(means[0], 200, 3);
  EXPECT_NEAR(means[1], 30, 3);
  EXPECT_NEAR(means[2], 30, 3);
  // Grey stays grey (no tint).
  auto grey = make_image(300, 200, [](int, int) { return 99; });
  const UploadedImage g = store_upload(encode(grey.get(), ".jpg[Q=95]"), root_, "", "grey");
  for (const double m : band_means(root_ / g.largest.path)) EXPECT_NEAR(m, 99, 2);
  // The same red in Display P3 (what phones write), its profile embedded:
  // other numbers in the file, the same colour once converted.
  VipsImage* lab_raw = nullptr;
  ASSERT_EQ(vips_icc_import(red.get(), &lab_raw, "input_profile", "srgb", nullptr), 0);
  const ImagePtr lab(lab_raw);
  VipsImage* p3_raw = nullptr;
  ASSERT_EQ(vips_icc_export(lab.get(), &p3_raw, "output_profile", "p3", nullptr), 0)
      << vips_error_buffer();
  const ImagePtr p3(p3_raw);
  const std::string p3_png = encode(p3.get(), ".png");
  ASSERT_NE(p3_png.find("iCCP"), std::string::npos);
  const UploadedImage converted = store_upload(p3_png, root_, "", "p3");
  means = band_means(root_ / converted.largest.path);
  ASSERT_EQ(means.size(), 3u);
  EXPECT_NEAR(means[0], 200, 4);
  EXPECT_NEAR(means[1], 30, 4);
  EXPECT_NEAR(means[2], 30, 4);
}

TEST_F(UploadTest, CmykAndSixteenBitImagesComeOutAsEightBitSrgb) {
  // A red picture as a press agency's CMYK JPEG, without its profile.
  auto red = make_image(600, 400, [](int, int) { return 0; });
  {
    VipsImage* rgb = nullptr;
    const double scale[3] = {0, 0, 0}, offset[3] = {200, 30, 30};
    ASSERT_EQ(vips_linear(red.get(), &rgb, scale, offset, 3, "uchar", TRUE, nullptr), 0);
    red.reset(rgb);
  }
  VipsImage* cmyk_raw = nullptr;
  ASSERT_EQ(vips_icc_export(red.get(), &cmyk_raw, "output_profile", "cmyk", nullptr), 0)
      << vips_error_buffer();
  const ImagePtr cmyk(cmyk_raw);
  ASSERT_EQ(vips_image_get_bands(cmyk.get()), 4);
  const UploadedImage c = store_upload(encode(cmyk.get(), ".jpg[strip]"), root_, "", "cmyk");
  expect_clean_webp(c.largest, "cmyk.webp", 600);
  const auto means = band_means(root_ / c.largest.path);
  ASSERT_EQ(means.size(), 3u);
  EXPECT_NEAR(means[0], 200, 12);
  EXPECT_NEAR(means[1], 30, 15);
  EXPECT_NEAR(means[2], 30, 15);

  // A 16-bit PNG (scanners, some editors).
  VipsImage* wide_raw = nullptr;
  ASSERT_EQ(vips_linear1(red.get(), &wide_raw, 257.0, 0.0, nullptr), 0);
  ImagePtr wide(wide_raw);
  VipsImage* ushort_raw = nullptr;
  ASSERT_EQ(vips_cast(wide.get(), &ushort_raw, VIPS_FORMAT_USHORT, nullptr), 0);
  wide.reset(ushort_raw);
  VipsImage* rgb16_raw = nullptr;
  ASSERT_EQ(vips_copy(wide.get(), &rgb16_raw, "interpretation", VIPS_INTERPRETATION_RGB16, nullptr),
            0);
  wide.reset(rgb16_raw);
  const UploadedImage d = store_upload(encode(wide.get(), ".png"), root_, "", "deep");
  expect_clean_webp(d.variants[0], "deep-400.webp", 400);
  const auto deep = band_means(root_ / d.largest.path);
  ASSERT_EQ(deep.size(), 3u);
  EXPECT_NEAR(deep[0], 200, 3);
  EXPECT_NEAR(deep[1], 30, 3);
}

TEST_F(UploadTest, AGifJavascriptPolyglotThatDecodesComesOutAsACleanWebp) {
  // 10799 px wide: the width's bytes are "/*", so the file opens a JS
  // comment that the appended "*/" closes: GIF89a/*...*/=alert(1);
  auto image = make_image(10799, 20, [](int x, int) { return x % 256; });
  std::string polyglot = encode(image.get(), ".gif");
  ASSERT_EQ(polyglot.substr(0, 8), "GIF89a/*");
  polyglot += "*/=alert(document.cookie);<script>alert(1)</script>";
  ASSERT_EQ(sniff(polyglot), "image/gif");
  const UploadedImage u = store_upload(polyglot, root_, "", "poly.gif");
  EXPECT_EQ(widths_of(u), (std::vector<std::int64_t>{400, 800, 1600}));
  for (const auto& v : u.variants) {
    expect_clean_webp(v, v.path, v.width);
    EXPECT_EQ(read_all(root_ / v.path).find("alert"), std::string::npos);
  }
}

TEST_F(UploadTest, AJpegCarryingPhpInAMarkerComesOutWithoutIt) {
  auto image = make_noise(64, 64, 4);
  std::string jpeg = encode(image.get(), ".jpg");
  const std::string php = "<?php system($_GET['c']); ?>";
  // A COM marker (FF FE, big-endian length) right after SOI.
  std::string com("\xFF\xFE", 2);
  com += static_cast<char>((php.size() + 2) >> 8);
  com += static_cast<char>((php.size() + 2) & 0xff);
  jpeg.insert(2, com + php);
  ASSERT_EQ(sniff(jpeg), "image/jpeg");
  expect_clean_webp(store_upload(jpeg, root_, "", "shell.php.jpg").largest, "shell-php.webp", 64);
}

TEST_F(UploadTest, ExactlyTwentyMebibytesIsAccepted) {
  auto image = make_noise(64, 64, 5);
  std::string jpeg = encode(image.get(), ".jpg");
  jpeg.resize(kMaxUploadBytes, '\0');  // libjpeg stops at the end-of-image marker
  EXPECT_EQ(store_upload(jpeg, root_, "", "big").largest.width, 64);
}

// ---------------------------------------------------------------- refused

TEST_F(UploadTest, APhpFileNamedJpgIsRefused) {
  const std::string php = "<?php\nsystem($_GET['cmd']);\n?>\n";
  ASSERT_EQ(sniff(php), "text/x-php");
  expect_refused(php, UploadProblem::not_an_image,
                 "الملف ليس صورة مقبولة (PHP). الصيغ المقبولة: JPEG وPNG وWebP وGIF وAVIF وHEIC.");
}

TEST_F(UploadTest, AGifHeaderFollowedByScriptIsRefused) {
  const std::string text = "GIF89a<script>alert(document.cookie)</script>";
  ASSERT_EQ(sniff(text), "image/gif");  // libmagic is fooled; the decoder is not
  expect_refused(text, UploadProblem::not_what_it_claims,
                 "الملف يبدو صورة GIF لكن محتواه ليس صورة. الصيغ المقبولة: JPEG وPNG وWebP وGIF "
                 "وAVIF وHEIC.");
}

TEST_F(UploadTest, SvgIsRefused) {
  expect_refused(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
      "<script>alert(1)</script><rect width=\"10\" height=\"10\"/></svg>",
      UploadProblem::svg,
      "صور SVG غير مقبولة لأنها قد تحمل شيفرة تعمل في المتصفح. صدّرها بصيغة PNG وأعد "
      "رفعها.");
}

TEST_F(UploadTest, HtmlPdfAndTextAreRefused) {
  expect_refused("<!DOCTYPE html><html><body><script>x()</script></body></html>",
                 UploadProblem::not_an_image,
                 "الملف ليس صورة مقبولة (HTML). الصيغ المقبولة: JPEG وPNG وWebP وGIF وAVIF وHEIC.");
  expect_refused("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
                 UploadProblem::not_an_image);
  expect_refused("مرحبا، هذا نص وليس صورة\n", UploadProblem::not_an_image,
                 "الملف ليس صورة مقبولة (نص). الصيغ المقبولة: JPEG وPNG وWebP وGIF وAVIF وHEIC.");
}

TEST_F(UploadTest, ATruncatedJpegIsRefused) {
  auto image = make_noise(400, 300, 6);
  const std::string jpeg = encode(image.get(), ".jpg[Q=90]");
  expect_refused(jpeg.substr(0, jpeg.size() / 2), UploadProblem::damaged,
                 "الصورة تالفة أو مقطوعة.");
}

TEST_F(UploadTest, ADecompressionBombIsRefusedFromItsHeader) {
  // 100000 x 100000 = 10^10 pixels (30 GB of RGB) in a file of 140 bytes.
  const std::string bomb = png_header_only(100000, 100000);
  ASSERT_LT(bomb.size(), 200u);
  expect_refused(bomb, UploadProblem::too_many_pixels, "الصورة أكبر من 50 مليون بكسل.");
  expect_refused(png_header_only(8000, 7000), UploadProblem::too_many_pixels);
}

TEST_F(UploadTest, AnImageTooTallForWebpIsRefusedBeforeDecoding) {
  // 1000 x 20000 is 20 MP (allowed), but WebP stops at 16383 px.
  expect_refused(png_header_only(1000, 20000), UploadProblem::too_long);
}

TEST_F(UploadTest, MoreThanTwentyMebibytesIsRefusedUnread) {
  std::string big("\xFF\xD8\xFF\xE0", 4);
  big.resize(kMaxUploadBytes + 1, '\0');
  expect_refused(big, UploadProblem::too_large,
                 "الملف أكبر من 20 ميغابايت. صغّر الصورة أو احفظها بجودة أقل وأعد رفعها.");
}

TEST_F(UploadTest, EmptyInputIsRefused) {
  expect_refused("", UploadProblem::empty, "الملف فارغ. اختر صورة وأعد رفعها.");
}

TEST_F(UploadTest, EveryProblemHasAnArabicSentence) {
  for (auto p :
       {UploadProblem::empty, UploadProblem::too_large, UploadProblem::not_an_image,
        UploadProblem::svg, UploadProblem::not_what_it_claims, UploadProblem::damaged,
        UploadProblem::too_many_pixels, UploadProblem::too_long, UploadProblem::not_saved}) {
    const std::string text = upload_problem_text(p, "image/png");
    EXPECT_NE(text.find("\xD8"), std::string::npos) << text;  // Arabic letters (U+0600..)
    EXPECT_TRUE(text.ends_with(".")) << text;
  }
  EXPECT_EQ(upload_problem_text(UploadProblem::damaged, "image/heic"),
            "تعذّرت قراءة صورة HEIC: قد تكون تالفة، أو لا يقرأ الخادم هذا النوع منها. صدّرها بصيغة "
            "JPEG وأعد رفعها.");
  EXPECT_EQ(upload_problem_text(UploadProblem::not_an_image, "application/x-foo"),
            "الملف ليس صورة مقبولة (application/x-foo). الصيغ المقبولة: JPEG وPNG وWebP وGIF وAVIF "
            "وHEIC.");
}

// ---------------------------------------------------------------- names

TEST_F(UploadTest, ASetOfNamesMovesAsAWholeAndNeverReplacesAFile) {
  const std::string one = png(900, 300);
  const std::string two = encode(make_noise(900, 300, 7).get(), ".png");
  const UploadedImage a = store_upload(one, root_, "2026/11", "خبر");
  EXPECT_EQ(a.largest.path, "2026/11/خبر.webp");
  const std::string a_bytes = read_all(root_ / a.largest.path);
  // Another image with the same name: the whole set takes "-2".
  const UploadedImage b = store_upload(two, root_, "2026/11", "خبر");
  EXPECT_EQ(b.variants[0].path, "2026/11/خبر-2-400.webp");
  EXPECT_EQ(b.variants[1].path, "2026/11/خبر-2-800.webp");
  EXPECT_EQ(b.largest.path, "2026/11/خبر-2.webp");
  EXPECT_EQ(read_all(root_ / a.largest.path), a_bytes);
  // The same image again: the same files.
  const UploadedImage again = store_upload(one, root_, "2026/11", "خبر");
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(again.variants[i].path, a.variants[i].path);
  // A foreign file where one copy would go: the set moves on, the file stays.
  write_all(root_ / "2026/11/صورة-800.webp", "not ours");
  const UploadedImage c = store_upload(one, root_, "2026/11", "صورة");
  EXPECT_EQ(c.largest.path, "2026/11/صورة-2.webp");
  EXPECT_EQ(read_all(root_ / "2026/11/صورة-800.webp"), "not ours");
  EXPECT_FALSE(fs::exists(root_ / "2026/11/صورة.webp"));
  EXPECT_FALSE(fs::exists(root_ / "2026/11/صورة-400.webp"));
  for (const auto& name : everything()) EXPECT_EQ(name.find(".tmp-"), std::string::npos) << name;
  // 2026, 2026/11, خبر x3, خبر-2 x3, the foreign file, صورة-2 x3.
  EXPECT_EQ(everything().size(), 12u);
}

TEST_F(UploadTest, FoldersAreMadeSafeAndSymlinksAreNotFollowed) {
  const std::string image = png(50, 50);
  EXPECT_EQ(store_upload(image, root_, "../../etc", "../passwd").largest.path, "etc/passwd.webp");
  fs::create_directories(root_.parent_path() / (root_.filename().string() + "-outside"));
  const fs::path outside = root_.parent_path() / (root_.filename().string() + "-outside");
  fs::create_directory_symlink(outside, root_ / "evil");
  try {
    store_upload(image, root_, "evil", "x");
    ADD_FAILURE() << "wrote through a symlink";
  } catch (const UploadError& e) {
    EXPECT_EQ(e.problem, UploadProblem::not_saved);
    EXPECT_NE(e.detail.find("not inside the media folder"), std::string::npos) << e.detail;
  }
  EXPECT_TRUE(fs::is_empty(outside));
  fs::remove_all(outside);
}

}  // namespace
}  // namespace jarida::media
