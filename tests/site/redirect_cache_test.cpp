// The redirects lookup cache (src/site/redirect_cache.cpp): answers, "none"
// included, are kept until clear(); it stays within its bound; a lookup
// that raced a clear() is not kept.
#include "site/redirect_cache.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace jarida::site {
namespace {

TEST(RedirectCache, KeepsAnswersAndNonesUntilCleared) {
  RedirectCache cache(100);
  int lookups = 0;
  auto lookup = [&](const std::string& path) -> std::optional<store::Redirect> {
    ++lookups;
    if (path == "/old/") return store::Redirect{path, "/new/", 301};
    return std::nullopt;
  };
  EXPECT_EQ(cache.get("/old/", lookup)->to_path, "/new/");
  EXPECT_FALSE(cache.get("/missing", lookup));
  EXPECT_EQ(cache.get("/old/", lookup)->to_path, "/new/");
  EXPECT_FALSE(cache.get("/missing", lookup));
  EXPECT_EQ(lookups, 2);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  cache.get("/old/", lookup);
  EXPECT_EQ(lookups, 3);
}

TEST(RedirectCache, StaysWithinItsBound) {
  RedirectCache cache(10);
  auto none = [](const std::string&) { return std::optional<store::Redirect>(); };
  for (int i = 0; i < 1000; ++i) {
    std::string path = "/scan/";
    path += std::to_string(i);
    cache.get(path, none);
    EXPECT_LE(cache.size(), 10u);
  }
}

TEST(RedirectCache, AnAnswerReadBeforeAClearIsNotKept) {
  RedirectCache cache(10);
  int lookups = 0;
  auto racing = [&](const std::string& path) -> std::optional<store::Redirect> {
    ++lookups;
    if (lookups == 1) cache.clear();  // the table changed while this was read
    return store::Redirect{path, "/stale/", 301};
  };
  EXPECT_EQ(cache.get("/x", racing)->to_path, "/stale/");  // answered, not kept
  cache.get("/x", racing);
  EXPECT_EQ(lookups, 2);
}

TEST(RedirectCache, AFailedLookupKeepsNothing) {
  RedirectCache cache(10);
  EXPECT_THROW(cache.get("/x",
                         [](const std::string&) -> std::optional<store::Redirect> {
                           throw std::runtime_error("disk");
                         }),
               std::runtime_error);
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace jarida::site
