#include "admin/form_text.hpp"

#include <gtest/gtest.h>

namespace {

namespace admin = jarida::admin;

TEST(FormText, TrimAndOneLine) {
  EXPECT_EQ(admin::trim(" \t\r\n عنوان  \n"), "عنوان");
  EXPECT_EQ(admin::trim(" \n "), "");
  EXPECT_EQ(admin::one_line("سطر\nثان\tو\rثالث "), "سطر ثان و ثالث");
}

TEST(FormText, OneLineCutsAtALetterBoundary) {
  const std::string cut = admin::one_line("مرحبا", 5);  // 2-byte letters: 4 bytes fit
  EXPECT_EQ(cut, "مر");
  EXPECT_EQ(admin::one_line("abc", 10), "abc");
}

TEST(FormText, IdsAreStrict) {
  EXPECT_EQ(admin::parse_id("42"), 42);
  for (const char* bad : {"", "0", "-3", "+3", "4x", " 4", "99999999999999999999"})
    EXPECT_FALSE(admin::parse_id(bad)) << bad;
}

}  // namespace
