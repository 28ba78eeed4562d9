// Images for the media tests, made with libvips, and hostile bytes made by
// hand: shared by image_store_test.cpp and upload_test.cpp.
#pragma once

#include <gtest/gtest.h>
#include <magic.h>
#include <vips/vips.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace jarida::media::test_images {

namespace fs = std::filesystem;

struct ImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePtr = std::unique_ptr<VipsImage, ImageUnref>;

inline std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_all(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// An RGB image from a function of (x, y) -> grey level.
template <class F>
inline ImagePtr make_image(int width, int height, F level) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int b = 0; b < 3; ++b)
        pixels[(static_cast<std::size_t>(y) * width + x) * 3 + b] = level(x, y);
  VipsImage* image = vips_image_new_from_memory_copy(pixels.data(), pixels.size(), width, height, 3,
                                                     VIPS_FORMAT_UCHAR);
  EXPECT_NE(image, nullptr) << vips_error_buffer();
  return ImagePtr(image);
}

inline ImagePtr make_noise(int width, int height, unsigned seed) {
  std::mt19937 rng(seed);
  return make_image(width, height, [&](int, int) { return static_cast<unsigned char>(rng()); });
}

// Encodes with libvips by suffix (".jpg[Q=90]", ".png", ".gif", ".avif").
inline std::string encode(VipsImage* image, const char* suffix) {
  void* buf = nullptr;
  std::size_t len = 0;
  if (vips_image_write_to_buffer(image, suffix, &buf, &len, nullptr) != 0) {
    ADD_FAILURE() << "encoding " << suffix << ": " << vips_error_buffer();
    vips_error_clear();
    return {};
  }
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

inline ImagePtr decode(const fs::path& p) {
  VipsImage* image = vips_image_new_from_file(p.c_str(), nullptr);
  EXPECT_NE(image, nullptr) << p << ": " << vips_error_buffer();
  return ImagePtr(image);
}

inline std::string sniff(const std::string& bytes) {
  magic_t m = magic_open(MAGIC_MIME_TYPE);
  magic_load(m, nullptr);
  std::string mime = magic_buffer(m, bytes.data(), bytes.size());
  magic_close(m);
  return mime;
}

inline double mean_of(VipsImage* image, int left, int top, int width, int height) {
  VipsImage* area = nullptr;
  double mean = -1;
  if (vips_extract_area(image, &area, left, top, width, height, nullptr) == 0) {
    vips_avg(area, &mean, nullptr);
    g_object_unref(area);
  }
  return mean;
}

// A little-endian EXIF block: IFD0 with Orientation = `orientation` and a
// GPS IFD with GPSLatitudeRef "N" and GPSLatitude 30 2 0.
inline std::string exif_with_gps(int orientation) {
  std::string b("Exif\0\0", 6);
  auto u16 = [&](unsigned v) {
    b.push_back(static_cast<char>(v & 0xff));
    b.push_back(static_cast<char>(v >> 8));
  };
  auto u32 = [&](unsigned v) {
    u16(v & 0xffff);
    u16(v >> 16);
  };
  auto entry = [&](unsigned tag, unsigned type, unsigned count, unsigned value) {
    u16(tag);
    u16(type);
    u32(count);
    u32(value);
  };
  b.append("II*\0", 4);
  u32(8);  // IFD0 offset (TIFF offsets count from "II")
  u16(2);
  entry(0x0112, 3, 1, static_cast<unsigned>(orientation));  // Orientation, SHORT
  entry(0x8825, 4, 1, 38);                                  // GPS IFD pointer
  u32(0);
  u16(2);                    // GPS IFD at 38
  entry(0x0001, 2, 2, 'N');  // GPSLatitudeRef "N\0"
  entry(0x0002, 5, 3, 68);   // GPSLatitude, 3 RATIONALs at 68
  u32(0);
  for (unsigned v : {30u, 1u, 2u, 1u, 0u, 1u}) u32(v);
  return b;
}

inline std::uint32_t crc32_of(std::string_view data) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A PNG whose IHDR claims width x height RGB pixels, followed by one IDAT
// holding a single row's worth of zeros: what a decompression bomb looks
// like to a reader that stops after the header.
inline std::string png_header_only(std::uint32_t width, std::uint32_t height) {
  auto be32 = [](std::uint32_t v) {
    std::string s(4, '\0');
    for (int i = 0; i < 4; ++i) s[i] = static_cast<char>(v >> (24 - 8 * i));
    return s;
  };
  auto chunk = [&](std::string_view type, std::string_view data) {
    std::string body = std::string(type) + std::string(data);
    return be32(static_cast<std::uint32_t>(data.size())) + body + be32(crc32_of(body));
  };
  std::string ihdr = be32(width) + be32(height) + std::string("\x08\x02\x00\x00\x00", 5);
  // zlib: header, one final stored block of 64 zero bytes, Adler-32.
  const std::string zeros(64, '\0');
  std::string idat("\x78\x01\x01\x40\x00\xbf\xff", 7);
  idat += zeros;
  idat += be32((64u << 16) | 1u);  // Adler-32 of 64 zeros: b = 64, a = 1
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", idat) +
         chunk("IEND", "");
}

}  // namespace jarida::media::test_images
