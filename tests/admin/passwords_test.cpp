#include "admin/passwords.hpp"

#include <gtest/gtest.h>

namespace {

namespace admin = jarida::admin;

// "$argon2id$v=19$m=65536,t=2,p=1$": everything up to the salt.
std::string parameters(const std::string& hash) {
  return hash.substr(0, hash.find('$', hash.find("p=")));
}

TEST(Passwords, HashesVerifyAndDiffer) {
  const auto a = admin::hash_password("كلمة سر طويلة 1");
  EXPECT_TRUE(admin::verify_password(a, "كلمة سر طويلة 1"));
  EXPECT_FALSE(admin::verify_password(a, "كلمة سر طويلة 2"));
  EXPECT_NE(a, admin::hash_password("كلمة سر طويلة 1"));  // salted
}

// An unknown login costs what a real one does only while the dummy hash
// has the parameters real hashes get.
TEST(Passwords, TheDummyHashCostsWhatARealOneDoes) {
  EXPECT_EQ(parameters(admin::kDummyPasswordHash), parameters(admin::hash_password("x")));
  EXPECT_FALSE(admin::verify_password(admin::kDummyPasswordHash, ""));
  EXPECT_FALSE(admin::verify_password(admin::kDummyPasswordHash, "password"));
}

TEST(Passwords, GeneratedPasswordsAreLongAndUnambiguous) {
  const auto p = admin::generate_password();
  EXPECT_EQ(p.size(), 20u);
  EXPECT_EQ(p.find_first_of("0O1lI"), std::string::npos);
}

}  // namespace
