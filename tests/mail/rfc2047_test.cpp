// RFC 2047 header encoding: Arabic subjects and names decode back exactly,
// every encoded word is at most 75 characters, no word splits a character.
#include "mail/rfc2047.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "text/utf8.hpp"

namespace jarida::mail {
namespace {

std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned bits = 0;
  int nbits = 0;
  for (char c : in) {
    if (c == '=') break;
    const int v = value(c);
    if (v < 0) ADD_FAILURE() << "bad base64 character " << int(c);
    bits = (bits << 6) | static_cast<unsigned>(v);
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out += static_cast<char>((bits >> nbits) & 0xFF);
    }
  }
  return out;
}

// The encoded words of a header value (folded with "\r\n ").
std::vector<std::string> words_of(const std::string& encoded) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (true) {
    const auto fold = encoded.find("\r\n ", start);
    words.push_back(encoded.substr(start, fold - start));
    if (fold == std::string::npos) break;
    start = fold + 3;
  }
  return words;
}

// Decodes a value made only of encoded words, checking each one (header
// text words keep RFC 2047's 75-character limit; a display name is one word).
std::string decode(const std::string& encoded, bool limit_length = true) {
  std::string out;
  for (const auto& w : words_of(encoded)) {
    if (limit_length) EXPECT_LE(w.size(), kMaxEncodedWordChars) << w;
    EXPECT_EQ(w.rfind("=?UTF-8?B?", 0), 0u) << w;
    EXPECT_EQ(w.substr(w.size() - 2), "?=") << w;
    const std::string bytes = base64_decode(w.substr(10, w.size() - 12));
    EXPECT_TRUE(text::is_valid_utf8(bytes)) << "a word splits a character: " << w;
    out += bytes;
  }
  return out;
}

TEST(EncodeHeaderWordTest, PlainAsciiStaysAsIs) {
  EXPECT_EQ(encode_header_word(""), "");
  EXPECT_EQ(encode_header_word("Hello world"), "Hello world");
  EXPECT_EQ(encode_header_word("Jarida News-2024 #1"), "Jarida News-2024 #1");
}

TEST(EncodeHeaderWordTest, SpecialsAndLongAsciiAreEncoded) {
  for (const std::string& s :
       {std::string("Ali, Omar"), std::string("A <b>"), std::string("x\"y"), std::string("a: b"),
        std::string("=?UTF-8?B?QQ==?="), std::string(" lead"), std::string("two  spaces"),
        std::string(100, 'a')}) {
    const std::string e = encode_header_word(s);
    EXPECT_EQ(e.rfind("=?UTF-8?B?", 0), 0u) << s;
    EXPECT_EQ(decode(e), s);
  }
}

TEST(EncodeHeaderWordTest, ArabicRoundTrips) {
  const std::string subject = "أحمد يرسل إليك: الحكومة تعلن خطة جديدة للنقل العام";
  const std::string e = encode_header_word(subject);
  EXPECT_EQ(decode(e), subject);
  EXPECT_NE(e.find("\r\n "), std::string::npos);  // long enough to fold
  for (const auto& w : words_of(e)) EXPECT_LE(w.size() + 9, 76u) << "Subject: line too long";
}

TEST(EncodeHeaderWordTest, LongArabicTitlesSplitOnCharacters) {
  // Mixed 1-, 2-, 3- and 4-byte characters, at every offset.
  const std::string unit = "ب a ١ 📰 ";
  for (int n = 1; n < 60; ++n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += unit;
    s += "نهاية";
    const std::string e = encode_header_word(s);
    EXPECT_EQ(decode(e), s) << n;
    for (const auto& w : words_of(e)) EXPECT_LE(w.size(), kMaxEncodedWordChars);
  }
  std::string title;
  for (int i = 0; i < 50; ++i) title += "عنوان طويل جداً ";
  EXPECT_EQ(decode(encode_header_word(title)), title);
}

TEST(EncodeHeaderWordTest, NeverCarriesLineBreaks) {
  const std::string e = encode_header_word("أحمد\r\nBcc: x@y.zz");
  std::string unfolded = e;
  for (std::size_t p; (p = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(p, 3);
  EXPECT_EQ(unfolded.find_first_of("\r\n"), std::string::npos);
  EXPECT_EQ(decode(e), "أحمد  Bcc: x@y.zz");
  EXPECT_EQ(decode(encode_header_word("a\nb")), "a b");
}

TEST(EncodeHeaderWordTest, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(decode(encode_header_word("a\xff"
                                      "b")),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(decode(encode_header_word("\xe2\x82")), "\xEF\xBF\xBD");
}

TEST(FormatMailboxTest, NameAndAddress) {
  EXPECT_EQ(format_mailbox("", "news@example.com"), "news@example.com");
  EXPECT_EQ(format_mailbox("Jarida", "news@example.com"), "Jarida <news@example.com>");
  const std::string m = format_mailbox("جريدة الواحة", "news@example.com");
  const auto lt = m.rfind(" <");
  ASSERT_NE(lt, std::string::npos);
  EXPECT_EQ(m.substr(lt), " <news@example.com>");
  EXPECT_EQ(decode(m.substr(0, lt), false), "جريدة الواحة");
  // Long names: ONE encoded word (splitting a display name changes it in
  // some decoders), folded before the address, every line far below SMTP's
  // 998-byte limit; the word decodes to the exact name.
  for (const std::string& name :
       {std::string("الجريدة اليومية المستقلة للأخبار والتحليلات السياسية"),
        std::string("جريدة الأخبار اليومية المستقلة")}) {
    const std::string address = "newsroom.desk@news.example.com";
    const std::string f = format_mailbox(name, address);
    std::size_t start = 0, line_no = 0;
    while (true) {
      const auto end = f.find("\r\n", start);
      const std::size_t len = (end == std::string::npos ? f.size() : end) - start;
      EXPECT_LE(len + (line_no == 0 ? 6 : 0), 998u) << f;
      if (end == std::string::npos) break;
      start = end + 2;
      ++line_no;
    }
    const auto lt = f.rfind('<');
    ASSERT_NE(lt, std::string::npos);
    EXPECT_EQ(f.substr(lt), "<" + address + ">");
    std::string words = f.substr(0, lt - 1);
    if (words.size() >= 2 && words.substr(words.size() - 2) == "\r\n")
      words.resize(words.size() - 2);
    EXPECT_EQ(words.find("?= =?"), std::string::npos) << "split display name: " << f;
    EXPECT_EQ(words.find("?=\r\n"), std::string::npos) << "split display name: " << f;
    EXPECT_EQ(decode(words, false), name) << f;
  }
  EXPECT_THROW(format_mailbox("x", "a@b.com\r\nBcc: c@d.ee"), std::invalid_argument);
  EXPECT_THROW(format_mailbox("x", "a@b.com, c@d.ee"), std::invalid_argument);
}

}  // namespace
}  // namespace jarida::mail
