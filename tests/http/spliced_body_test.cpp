// Spliced bodies (src/http/spliced_body.cpp): a body built from
// precompressed texts, live numbers and shared fragments. The identity
// output must be the plain concatenation; the gzip output must be one valid
// gzip member that zlib's inflate decodes to exactly the identity body,
// trailer (CRC-32 and length) included.
#include "http/spliced_body.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/response.hpp"

namespace jarida::http {
namespace {

std::string concat(const Response& r) {
  std::string s;
  for (const Buffer& b : r.parts) s.append(b.data, b.size);
  return s;
}

struct Inflated {
  int rc = Z_OK;              // last inflate() result
  bool all_consumed = false;  // every input byte was read
  std::string out;
  std::string msg;
};

// Inflates a gzip member. step == 0: all input and a large output buffer in
// one inflate() call. Otherwise `step` input bytes and `step` output bytes
// at a time.
Inflated gunzip(const std::string& in, std::size_t step, std::size_t expected_size) {
  Inflated r;
  z_stream zs{};
  if (inflateInit2(&zs, 16 + 15) != Z_OK) {
    r.rc = Z_STREAM_ERROR;
    return r;
  }
  std::size_t in_pos = 0;
  if (step == 0) {
    r.out.resize(expected_size + 64);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(r.out.data());
    zs.avail_out = static_cast<uInt>(r.out.size());
    r.rc = inflate(&zs, Z_FINISH);
    r.out.resize(r.out.size() - zs.avail_out);
    in_pos = in.size() - zs.avail_in;
  } else {
    std::vector<char> buf(step);
    for (;;) {
      if (zs.avail_in == 0 && in_pos < in.size()) {
        const std::size_t n = std::min(step, in.size() - in_pos);
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + in_pos));
        zs.avail_in = static_cast<uInt>(n);
        in_pos += n;
      }
      zs.next_out = reinterpret_cast<Bytef*>(buf.data());
      zs.avail_out = static_cast<uInt>(step);
      r.rc = inflate(&zs, Z_NO_FLUSH);
      r.out.append(buf.data(), step - zs.avail_out);
      if (r.rc == Z_STREAM_END) break;
      if (r.rc == Z_BUF_ERROR && zs.avail_in == 0 && in_pos == in.size()) break;  // truncated
      if (r.rc != Z_OK && r.rc != Z_BUF_ERROR) break;
    }
    in_pos -= zs.avail_in;
  }
  r.all_consumed = in_pos == in.size();
  if (zs.msg) r.msg = zs.msg;
  inflateEnd(&zs);
  return r;
}

// Checks both gzip and identity output of `body` for the given slot values,
// and returns the identity output.
std::string check_roundtrip(const SplicedBody& body, std::span<const std::int64_t> numbers,
                            std::span<const Chunk* const> fragments, bool arabic_digits = false) {
  Response plain;
  body.write(false, arabic_digits, numbers, fragments, plain);
  const std::string identity = concat(plain);
  EXPECT_EQ(plain.body_size(), identity.size());

  Response zipped;
  body.write(true, arabic_digits, numbers, fragments, zipped);
  const std::string gz = concat(zipped);
  EXPECT_GE(gz.size(), 10u + 2u + 8u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);

  // The trailer as written, independent of zlib's own check.
  auto le32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(gz[at + i]);
    return v;
  };
  const auto want_crc = static_cast<std::uint32_t>(crc32(
      0, reinterpret_cast<const Bytef*>(identity.data()), static_cast<uInt>(identity.size())));
  EXPECT_EQ(le32(gz.size() - 8), want_crc);
  EXPECT_EQ(le32(gz.size() - 4), static_cast<std::uint32_t>(identity.size()));

  for (std::size_t step : {std::size_t{0}, std::size_t{1}, std::size_t{4096}}) {
    const Inflated r = gunzip(gz, step, identity.size());
    EXPECT_EQ(r.rc, Z_STREAM_END) << "step " << step << ": " << r.msg;
    EXPECT_TRUE(r.all_consumed) << "step " << step;
    EXPECT_TRUE(r.out == identity)
        << "step " << step << ": got " << r.out.size() << " bytes, want " << identity.size();
  }
  return identity;
}

// Deterministic pseudo-random text: Arabic and Latin words, digits,
// punctuation and newlines, about `bytes` long.
std::string random_text(std::size_t bytes, std::uint32_t seed) {
  static const char* const words[] = {
      "\xD8\xA7\xD9\x84\xD8\xAE\xD8\xA8\xD8\xB1",  // الخبر
      "\xD8\xB1\xD9\x8A\xD8\xA7\xD8\xB6\xD8\xA9",  // رياضة
      "\xD9\x85\xD8\xAF\xD9\x8A\xD9\x86\xD8\xA9",  // مدينة
      "\xD8\xB9\xD8\xA7\xD8\xAC\xD9\x84",          // عاجل
      "<p>",
      "</p>",
      "<a href=\"/2019/05/x/\">",
      "</a>",
      "news",
      "Jarida",
      "\n",
      "&amp;",
  };
  std::uint32_t x = seed;
  std::string s;
  s.reserve(bytes + 32);
  while (s.size() < bytes) {
    x = x * 1664525u + 1013904223u;
    const std::uint32_t r = x >> 8;
    if (r % 5 == 0) {
      s += std::to_string(r % 100000);
    } else {
      s += words[r % (sizeof words / sizeof words[0])];
    }
    s += (r & 0x100) ? ' ' : ',';
  }
  return s;
}

// Incompressible bytes: deflate falls back to stored blocks.
std::string random_bytes(std::size_t n, std::uint32_t seed) {
  std::uint32_t x = seed;
  std::string s(n, '\0');
  for (auto& c : s) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x & 0xff);
  }
  return s;
}

TEST(FormatNumber, LatinDigits) {
  char buf[64];
  auto f = [&](std::int64_t n) { return std::string(buf, format_number(n, false, buf)); };
  EXPECT_EQ(f(0), "0");
  EXPECT_EQ(f(7), "7");
  EXPECT_EQ(f(1234567890123), "1234567890123");
  EXPECT_EQ(f(-42), "-42");
  EXPECT_EQ(f(std::numeric_limits<std::int64_t>::max()), "9223372036854775807");
  EXPECT_EQ(f(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
}

TEST(FormatNumber, ArabicIndicDigits) {
  char buf[64];
  auto f = [&](std::int64_t n) { return std::string(buf, format_number(n, true, buf)); };
  EXPECT_EQ(f(0), "٠");
  EXPECT_EQ(f(7), "٧");
  EXPECT_EQ(f(1234567890), "١٢٣٤٥٦٧٨٩٠");
  EXPECT_EQ(f(-42), "-٤٢");
  EXPECT_EQ(f(std::numeric_limits<std::int64_t>::min()), "-٩٢٢٣٣٧٢٠٣٦٨٥٤٧٧٥٨٠٨");
  // Each digit is U+0660..U+0669: D9 A0..D9 A9.
  const std::string all = f(9876543210);
  ASSERT_EQ(all.size(), 20u);
  for (std::size_t i = 0; i < all.size(); i += 2) {
    EXPECT_EQ(static_cast<unsigned char>(all[i]), 0xD9);
    EXPECT_GE(static_cast<unsigned char>(all[i + 1]), 0xA0);
    EXPECT_LE(static_cast<unsigned char>(all[i + 1]), 0xA9);
  }
}

TEST(SplicedBody, TextsOnly) {
  SplicedBody body;
  body.add_text("<html dir=\"rtl\">");
  body.add_text(
      "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 "
      "\xD8\xA8\xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD9\x84\xD9\x85");
  body.add_text("</html>\n");
  EXPECT_EQ(body.number_slots(), 0u);
  EXPECT_EQ(body.fragment_slots(), 0u);
  const std::string id = check_roundtrip(body, {}, {});
  EXPECT_EQ(id, "<html dir=\"rtl\">مرحبا بالعالم</html>\n");
}

TEST(SplicedBody, NoItemsAtAll) {
  SplicedBody body;
  EXPECT_EQ(check_roundtrip(body, {}, {}), "");
}

TEST(SplicedBody, EmptyTexts) {
  SplicedBody body;
  body.add_text("");
  body.add_text("a");
  body.add_text("");
  body.add_number_slot();
  body.add_text("");
  const std::int64_t nums[] = {5};
  EXPECT_EQ(check_roundtrip(body, nums, {}), "a5");

  SplicedBody only_empty;
  only_empty.add_text("");
  EXPECT_EQ(check_roundtrip(only_empty, {}, {}), "");
}

TEST(SplicedBody, NumbersLatin) {
  SplicedBody body;
  body.add_text("views: ");
  body.add_number_slot();
  body.add_text(" / ");
  body.add_number_slot();
  body.add_text(" / ");
  body.add_number_slot();
  body.add_text(" / ");
  body.add_number_slot();
  body.add_text(".");
  EXPECT_EQ(body.number_slots(), 4u);
  const std::int64_t nums[] = {0, 7, 1234567890123, -17};
  EXPECT_EQ(check_roundtrip(body, nums, {}), "views: 0 / 7 / 1234567890123 / -17.");
}

TEST(SplicedBody, NumbersArabicDigits) {
  SplicedBody body;
  body.add_text("\xD8\xA7\xD9\x84\xD9\x82\xD8\xB1\xD8\xA7\xD8\xA1\xD8\xA7\xD8\xAA: ");  // القراءات:
  body.add_number_slot();
  body.add_text(" \xE2\x80\x94 ");
  body.add_number_slot();
  body.add_number_slot();
  const std::int64_t nums[] = {1234567890123, 0, -305};
  EXPECT_EQ(check_roundtrip(body, nums, {}, /*arabic_digits=*/true),
            "القراءات: ١٢٣٤٥٦٧٨٩٠١٢٣ — ٠-٣٠٥");
}

TEST(SplicedBody, ExtremeNumbers) {
  SplicedBody body;
  body.add_number_slot();
  body.add_text("|");
  body.add_number_slot();
  const std::int64_t nums[] = {std::numeric_limits<std::int64_t>::min(),
                               std::numeric_limits<std::int64_t>::max()};
  EXPECT_EQ(check_roundtrip(body, nums, {}), "-9223372036854775808|9223372036854775807");
  EXPECT_EQ(check_roundtrip(body, nums, {}, true), "-٩٢٢٣٣٧٢٠٣٦٨٥٤٧٧٥٨٠٨|٩٢٢٣٣٧٢٠٣٦٨٥٤٧٧٥٨٠٧");
}

TEST(SplicedBody, FragmentsAndNumbersInterleaved) {
  const Chunk latest = Chunk::make("<ul><li>\xD8\xAA\xD8\xB9\xD9\x84\xD9\x8A\xD9\x82</li></ul>");
  const Chunk most_read = Chunk::make(random_text(3000, 7));
  SplicedBody body;
  body.add_text("<main>");
  body.add_fragment_slot();
  body.add_text("<span>");
  body.add_number_slot();
  body.add_text("</span>");
  body.add_fragment_slot();
  body.add_text("</main>");
  EXPECT_EQ(body.fragment_slots(), 2u);
  const std::int64_t nums[] = {99};
  const Chunk* frags[] = {&latest, &most_read};
  const std::string id = check_roundtrip(body, nums, frags);
  EXPECT_EQ(id, "<main>" + latest.identity + "<span>99</span>" + most_read.identity + "</main>");

  // Fragments can be swapped per request without rebuilding the body.
  const Chunk* swapped[] = {&most_read, &latest};
  EXPECT_EQ(check_roundtrip(body, nums, swapped),
            "<main>" + most_read.identity + "<span>99</span>" + latest.identity + "</main>");
}

TEST(SplicedBody, SameFragmentTwiceAndRepeatedText) {
  // Pieces are independent deflate runs, so repeating one (which a single
  // deflate stream would encode as a back-reference) stays valid.
  const std::string text = random_text(5000, 3);
  const Chunk frag = Chunk::make(text);
  SplicedBody body;
  body.add_text(text);
  body.add_fragment_slot();
  body.add_fragment_slot();
  body.add_text(text);
  const Chunk* frags[] = {&frag, &frag};
  EXPECT_EQ(check_roundtrip(body, {}, frags), text + text + text + text);
}

TEST(SplicedBody, StartsAndEndsWithSlots) {
  const Chunk frag = Chunk::make("<aside>\xD8\xA3\xD8\xAE\xD8\xA8\xD8\xA7\xD8\xB1</aside>");
  {
    SplicedBody body;
    body.add_number_slot();
    body.add_text(" middle ");
    body.add_fragment_slot();
    const std::int64_t nums[] = {12};
    const Chunk* frags[] = {&frag};
    EXPECT_EQ(check_roundtrip(body, nums, frags), "12 middle " + frag.identity);
  }
  {
    SplicedBody body;
    body.add_fragment_slot();
    body.add_text(" middle ");
    body.add_number_slot();
    const std::int64_t nums[] = {-3};
    const Chunk* frags[] = {&frag};
    EXPECT_EQ(check_roundtrip(body, nums, frags), frag.identity + " middle -3");
    EXPECT_EQ(check_roundtrip(body, nums, frags, true), frag.identity + " middle -٣");
  }
  {
    SplicedBody body;  // nothing but one number
    body.add_number_slot();
    const std::int64_t nums[] = {0};
    EXPECT_EQ(check_roundtrip(body, nums, {}), "0");
  }
  {
    SplicedBody body;  // nothing but one fragment
    body.add_fragment_slot();
    const Chunk* frags[] = {&frag};
    EXPECT_EQ(check_roundtrip(body, {}, frags), frag.identity);
  }
}

TEST(SplicedBody, LargeTexts) {
  const std::string big = random_text(100 * 1024, 42);
  const std::string noise = random_bytes(100 * 1024, 1);
  ASSERT_GE(big.size(), 100u * 1024);
  SplicedBody body;
  body.add_text(big);
  body.add_number_slot();
  body.add_text(noise);
  body.add_number_slot();
  body.add_text(big.substr(0, 70000));
  const std::int64_t nums[] = {1234567890123, 8};
  const std::string id = check_roundtrip(body, nums, {});
  EXPECT_TRUE(id == big + "1234567890123" + noise + "8" + big.substr(0, 70000));

  Response zipped;
  body.write(true, false, nums, {}, zipped);
  EXPECT_LT(zipped.body_size(), id.size());  // the text part did compress
}

TEST(SplicedBody, ManySlots) {
  std::vector<Chunk> frags;
  for (int i = 0; i < 50; ++i)
    frags.push_back(Chunk::make("<f" + std::to_string(i) + ">" + random_text(100 + i * 37, i)));
  std::vector<const Chunk*> frag_ptrs;
  for (const Chunk& c : frags) frag_ptrs.push_back(&c);
  std::vector<std::int64_t> nums;
  for (int i = 0; i < 50; ++i) nums.push_back(static_cast<std::int64_t>(i) * 1000003 - 7);

  SplicedBody body;
  std::string want, want_arabic;
  char buf[64];
  for (int i = 0; i < 50; ++i) {
    const std::string t = "<li class=\"n" + std::to_string(i) + "\">";
    body.add_text(t);
    body.add_number_slot();
    body.add_fragment_slot();
    want += t + std::to_string(nums[i]) + frags[i].identity;
    want_arabic += t + std::string(buf, format_number(nums[i], true, buf)) + frags[i].identity;
  }
  EXPECT_EQ(body.number_slots(), 50u);
  EXPECT_EQ(body.fragment_slots(), 50u);
  EXPECT_TRUE(check_roundtrip(body, nums, frag_ptrs) == want);
  EXPECT_TRUE(check_roundtrip(body, nums, frag_ptrs, true) == want_arabic);
}

TEST(SplicedBody, ManyAdjacentNumberSlots) {
  SplicedBody body;
  std::vector<std::int64_t> nums;
  std::string want;
  for (int i = 0; i < 50; ++i) {
    body.add_number_slot();
    nums.push_back(i % 2 ? -i : i * 123456789LL);
    want += std::to_string(nums.back());
  }
  EXPECT_EQ(check_roundtrip(body, nums, {}), want);
}

TEST(SplicedBody, ReusedResponseIsOverwritten) {
  SplicedBody body;
  body.add_text("a");
  body.add_number_slot();
  body.add_text("b");
  Response r;
  r.scratch = "leftover from the last request";
  r.parts.push_back({"junk", 4});
  const std::int64_t one[] = {1};
  body.write(true, false, one, {}, r);
  const std::int64_t two[] = {22};
  body.write(false, false, two, {}, r);
  EXPECT_EQ(concat(r), "a22b");
  body.write(true, false, two, {}, r);
  const std::string gz = concat(r);
  const Inflated out = gunzip(gz, 0, 16);
  EXPECT_EQ(out.rc, Z_STREAM_END) << out.msg;
  EXPECT_EQ(out.out, "a22b");
}

TEST(SplicedBody, SlotCountMismatchThrows) {
  const Chunk frag = Chunk::make("f");
  SplicedBody body;
  body.add_text("x");
  body.add_number_slot();
  body.add_fragment_slot();
  const std::int64_t none_n[] = {0};
  const std::int64_t two_n[] = {1, 2};
  const Chunk* one_f[] = {&frag};
  const Chunk* two_f[] = {&frag, &frag};
  for (bool gzip : {false, true}) {
    Response r;
    EXPECT_THROW(body.write(gzip, false, {}, one_f, r), std::logic_error);
    EXPECT_THROW(body.write(gzip, false, two_n, one_f, r), std::logic_error);
    EXPECT_THROW(body.write(gzip, false, none_n, {}, r), std::logic_error);
    EXPECT_THROW(body.write(gzip, false, none_n, two_f, r), std::logic_error);
    EXPECT_NO_THROW(body.write(gzip, false, none_n, one_f, r));
  }
  SplicedBody texts_only;
  texts_only.add_text("x");
  Response r;
  EXPECT_THROW(texts_only.write(false, false, none_n, {}, r), std::logic_error);
  EXPECT_THROW(texts_only.write(true, false, {}, one_f, r), std::logic_error);
}

TEST(SplicedBody, MemoryBytesGrowsWithTexts) {
  SplicedBody body;
  const std::size_t empty = body.memory_bytes();
  body.add_text(std::string(1000, 'a'));
  const std::size_t one = body.memory_bytes();
  EXPECT_GE(one, empty + 1000);  // identity bytes at least
  body.add_text(random_bytes(5000, 9));
  EXPECT_GE(body.memory_bytes(), one + 2 * 5000);  // incompressible: both copies
}

TEST(Chunk, MakeKeepsIdentityAndCrc) {
  const std::string text = random_text(2000, 11);
  const Chunk c = Chunk::make(text);
  EXPECT_EQ(c.identity, text);
  EXPECT_EQ(c.crc, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(text.data()),
                                                    static_cast<uInt>(text.size()))));
  EXPECT_LT(c.deflated.size(), text.size());
  // Full flush ends on a byte boundary with an empty stored block.
  ASSERT_GE(c.deflated.size(), 4u);
  EXPECT_EQ(c.deflated.substr(c.deflated.size() - 4), std::string("\x00\x00\xff\xff", 4));
}

}  // namespace
}  // namespace jarida::http

namespace jarida::http {
namespace {

std::string gunzip_parts(const Response& r) {
  std::string in;
  for (const auto& p : r.parts) in.append(p.data, p.size);
  z_stream zs{};
  inflateInit2(&zs, 16 + 15);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&zs, Z_FINISH);
  EXPECT_EQ(rc, Z_STREAM_END);
  EXPECT_EQ(zs.avail_in, 0u);
  out.resize(out.size() - zs.avail_out);
  inflateEnd(&zs);
  return out;
}

std::string joined(const Response& r) {
  std::string s;
  for (const auto& p : r.parts) s.append(p.data, p.size);
  return s;
}

TEST(SplicedBodyTextSlots, PerRequestTextInBothEncodings) {
  SplicedBody b;
  b.add_text("<form><input name=\"t\" value=\"");
  b.add_text_slot();
  b.add_text("\">عدد ");
  b.add_number_slot();
  b.add_text_slot();
  b.add_text("</form>");
  const std::int64_t n[] = {42};
  std::string token = "1700000000.abcDEF-_";
  std::string notice = "<p>تعليقك بانتظار المراجعة</p>";
  const std::string_view texts[] = {token, notice};
  Response id, gz;
  b.write(false, false, n, {}, id, texts);
  b.write(true, false, n, {}, gz, texts);
  token.assign(token.size(), 'x');  // the response must not point at the caller's text
  const std::string expected =
      "<form><input name=\"t\" value=\"1700000000.abcDEF-_\">عدد 42"
      "<p>تعليقك بانتظار المراجعة</p></form>";
  EXPECT_EQ(joined(id), expected);
  EXPECT_EQ(gunzip_parts(gz), expected);
  const std::string_view empty[] = {"", ""};
  Response e;
  b.write(true, false, n, {}, e, empty);
  EXPECT_EQ(gunzip_parts(e), "<form><input name=\"t\" value=\"\">عدد 42</form>");
  EXPECT_THROW(b.write(false, false, n, {}, e), std::logic_error);
}

}  // namespace
}  // namespace jarida::http
