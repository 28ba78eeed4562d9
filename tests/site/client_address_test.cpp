#include "site/client_address.hpp"

#include <gtest/gtest.h>

namespace jarida::site {
namespace {

const std::vector<std::string> kProxies = {"127.0.0.1", "10.0.0.5"};

TEST(ClientAddress, DirectConnectionIgnoresForwardedFor) {
  EXPECT_EQ(client_address("203.0.113.7", "198.51.100.1", kProxies), "203.0.113.7");
  EXPECT_EQ(client_address("203.0.113.7", "198.51.100.1", {}), "203.0.113.7");
}

TEST(ClientAddress, TrustedProxyGivesTheReaderAddress) {
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1", kProxies), "198.51.100.1");
  EXPECT_EQ(client_address("127.0.0.1", " 198.51.100.1 ", kProxies), "198.51.100.1");
}

TEST(ClientAddress, SpoofedEntriesOnTheLeftAreNotBelieved) {
  // The reader sent "X-Forwarded-For: 1.2.3.4"; nginx appended the real one.
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 198.51.100.1", kProxies), "198.51.100.1");
}

TEST(ClientAddress, ChainsOfTrustedProxiesAreSkipped) {
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1, 10.0.0.5", kProxies), "198.51.100.1");
}

TEST(ClientAddress, MissingOrOnlyProxyEntriesFallBackToTheConnection) {
  EXPECT_EQ(client_address("127.0.0.1", "", kProxies), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "10.0.0.5, ,", kProxies), "127.0.0.1");
}

}  // namespace
}  // namespace jarida::site
