// Reader-typed addresses and names (issue 4, "send to a friend"): one plain
// address or nothing; header injection in every form is refused.
#include "mail/address.hpp"

#include <gtest/gtest.h>

#include <string>

#include "text/utf8.hpp"

namespace jarida::mail {
namespace {

TEST(ValidEmailTest, AcceptsPlainAddresses) {
  for (const char* a :
       {"a@b.co", "reader@example.com", "First.Last@news.example.org", "x+tag@sub.domain.eg",
        "o'brien@example.ie", "a!#$%&'*+/=?^_`{|}~-b@x.io", "user@xn--mgbh0fb.xn--wgbh1c",
        "user@my-host.example.com", "123@456.example.museum"}) {
    EXPECT_TRUE(valid_email(a)) << a;
  }
}

TEST(ValidEmailTest, RefusesMalformed) {
  for (const char* a : {"",
                        "@",
                        "a@",
                        "@b.com",
                        "a@b",
                        "a@localhost",
                        "a@b.c",
                        "a@b.c1",
                        "a@b.123",
                        "a@@b.com",
                        "a@b@c.com",
                        ".a@b.com",
                        "a.@b.com",
                        "a..b@c.com",
                        "a@.b.com",
                        "a@b..com",
                        "a@b.com.",
                        "a@-b.com",
                        "a@b-.com",
                        "a@b_c.com",
                        "a b@c.com",
                        "a@b .com",
                        "\"a\"@b.com",
                        "a@[127.0.0.1]",
                        "A <a@b.com>",
                        "<a@b.com>",
                        "a(comment)@b.com",
                        "a\\b@c.com",
                        "a@b.com;",
                        "a@xn--.com"}) {
    EXPECT_FALSE(valid_email(a)) << a;
  }
}

TEST(ValidEmailTest, RefusesHeaderInjection) {
  for (const std::string& a :
       {std::string("a@b.c\r\nBcc: x@y.z"), std::string("a@b.com\r\nBcc: x@y.zz"),
        std::string("a@b.com\nBcc: x@y.zz"), std::string("a@b.com\rBcc: x@y.zz"),
        std::string("a@b.com%0d%0aBcc:x@y.zz"), std::string("a@b.com%0D%0ABcc: x@y.zz"),
        std::string("a@b.com\\r\\nBcc: x@y.zz"), std::string("a@b.com&#13;&#10;Bcc:x@y.zz"),
        std::string("a@b.com\0x@y.zz", 14), std::string("a@b.com\t"), std::string(" a@b.com"),
        std::string("a@b.com,x@y.zz"), std::string("a@b.com, x@y.zz"),
        std::string("a@b.com;x@y.zz"), std::string("a@b.com x@y.zz"),
        std::string("a@b.com\xC2\x85x@y.zz"), std::string("a@b.com\xE2\x80\xA8")}) {
    EXPECT_FALSE(valid_email(a)) << a;
  }
}

TEST(ValidEmailTest, RefusesNonAsciiAndInvalidUtf8) {
  EXPECT_FALSE(valid_email("قارئ@example.com"));
  EXPECT_FALSE(valid_email("reader@مثال.مصر"));
  EXPECT_FALSE(valid_email("a\xff@b.com"));
  EXPECT_FALSE(valid_email("a@b.com\xc3"));
  EXPECT_FALSE(valid_email("a@b.co\xc0\xaf"));
}

TEST(ValidEmailTest, Lengths) {
  const std::string local64(64, 'a');
  EXPECT_TRUE(valid_email(local64 + "@b.com"));
  EXPECT_FALSE(valid_email(local64 + "a@b.com"));
  const std::string label63(63, 'd');
  EXPECT_TRUE(valid_email("a@" + label63 + ".com"));
  EXPECT_FALSE(valid_email("a@" + label63 + "d.com"));
  // 254 bytes in all is the limit.
  std::string domain;
  while (domain.size() < 240) domain += std::string(9, 'x') + ".";
  domain += "com";  // 243 bytes
  std::string a = std::string(254 - 1 - domain.size(), 'u') + "@" + domain;
  ASSERT_EQ(a.size(), 254u);
  EXPECT_TRUE(valid_email(a));
  EXPECT_FALSE(valid_email("u" + a));
  EXPECT_FALSE(valid_email(std::string(10 * 1024, 'a') + "@b.com"));
  EXPECT_FALSE(valid_email("a@" + std::string(10 * 1024, 'b') + ".com"));
}

TEST(NormalizeEmailTest, LowerCases) {
  EXPECT_EQ(normalize_email("Reader.Name@Example.COM"), "reader.name@example.com");
  EXPECT_EQ(normalize_email("a@b.com"), "a@b.com");
}

// ---------------------------------------------------------------- names

TEST(CleanSenderNameTest, KeepsArabicNames) {
  EXPECT_EQ(clean_sender_name("أحمد محمود"), "أحمد محمود");
  EXPECT_EQ(clean_sender_name("  سارة   عبد الله \t"), "سارة عبد الله");
  EXPECT_EQ(clean_sender_name("د.أحمد"), "د.أحمد");
  EXPECT_EQ(clean_sender_name("J.R. Smith"), "J.R. Smith");
  EXPECT_EQ(clean_sender_name("O'Brien-Ali"), "O'Brien-Ali");
}

TEST(CleanSenderNameTest, RemovesLineBreaksAndControls) {
  EXPECT_EQ(clean_sender_name("أحمد\r\nBcc: x@y.zz"), "أحمد Bcc: x");
  EXPECT_EQ(clean_sender_name("a\nb\rc\td"), "a b c d");
  EXPECT_EQ(clean_sender_name(std::string("a\0b\x01\x1b[31mc\x7f", 11)), "ab[31mc");
  EXPECT_EQ(clean_sender_name("a\xC2\x85"
                              "b"),
            "ab");  // NEL
  EXPECT_EQ(clean_sender_name("a\xE2\x80\xA8"
                              "b"),
            "a b");  // LINE SEPARATOR
  EXPECT_EQ(clean_sender_name("\xE2\x80\xAE"
                              "cba\xE2\x80\xAC"),
            "cba");  // RLO ... PDF
  EXPECT_EQ(clean_sender_name("\xE2\x81\xA7"
                              "x\xE2\x81\xA9"),
            "x");  // RLI ... PDI
}

TEST(CleanSenderNameTest, RemovesAddressCharacters) {
  EXPECT_EQ(clean_sender_name("\"Ali\" <ali>"), "Ali ali");
  EXPECT_EQ(clean_sender_name("Ali@Home"), "Ali Home");
  EXPECT_EQ(clean_sender_name("ali@example.com"), "ali");
  EXPECT_EQ(clean_sender_name("علي <spam@evil.com>"), "علي spam");
}

TEST(CleanSenderNameTest, RemovesUrlsAndDomains) {
  EXPECT_EQ(clean_sender_name("Win http://spam.example/x now"), "Win now");
  EXPECT_EQ(clean_sender_name("اربح HTTPS://evil.test/?a=1 الآن"), "اربح الآن");
  EXPECT_EQ(clean_sender_name("visit www.spam"), "visit");
  EXPECT_EQ(clean_sender_name("زوروا example.com اليوم"), "زوروا اليوم");
  EXPECT_EQ(clean_sender_name("bit.ly/abc"), "");
  EXPECT_EQ(clean_sender_name("(cheap-pills.net)"), "");
  EXPECT_EQ(clean_sender_name("موقعexample.com"), "");
  EXPECT_EQ(clean_sender_name("x xn--mgbh0fb.xn--wgbh1c"), "x");
  EXPECT_EQ(clean_sender_name("ftp://a mailto:x"), "");
  EXPECT_EQ(clean_sender_name("v2.0 1.5"), "v2.0 1.5");
}

TEST(CleanSenderNameTest, CutsAtSixtyCodePoints) {
  std::string arabic;
  for (int i = 0; i < 100; ++i) arabic += "ب";
  const std::string cut = clean_sender_name(arabic);
  EXPECT_EQ(text::count_code_points(cut), 60u);
  EXPECT_TRUE(text::is_valid_utf8(cut));
  EXPECT_EQ(cut.size(), 120u);
  // A space at the cut is trimmed.
  const std::string spaced = std::string(59, 'a') + " " + "bbbb";
  EXPECT_EQ(clean_sender_name(spaced), std::string(59, 'a'));
  // Four-byte characters are never split.
  std::string emoji;
  for (int i = 0; i < 70; ++i) emoji += "\xF0\x9F\x93\xB0";  // U+1F4F0 NEWSPAPER
  const std::string e = clean_sender_name(emoji);
  EXPECT_EQ(e.size(), 240u);
  EXPECT_TRUE(text::is_valid_utf8(e));
}

TEST(CleanSenderNameTest, HugeAndInvalidInput) {
  const std::string huge(10 * 1024, 'x');
  EXPECT_EQ(clean_sender_name(huge), std::string(60, 'x'));
  std::string words;
  for (int i = 0; i < 2000; ++i) words += "كلمة ";
  const std::string w = clean_sender_name(words);
  EXPECT_LE(text::count_code_points(w), 60u);
  EXPECT_TRUE(text::is_valid_utf8(w));
  EXPECT_EQ(clean_sender_name("\xff\xfe"
                              "علي\xc3\x28"
                              "\xed\xa0\x80"
                              "x\xc0\xaf"),
            "علي(x");
  EXPECT_EQ(clean_sender_name("\xe2\x82"), "");
  EXPECT_EQ(clean_sender_name(""), "");
  EXPECT_EQ(clean_sender_name(" \r\n\t "), "");
}

}  // namespace
}  // namespace jarida::mail
