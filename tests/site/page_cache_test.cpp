// Page and fragment caches (src/site/page_cache.cpp): hits, single flight,
// exceptions, expiry, invalidation (also while a render is in flight) and
// the byte budget with least-recently-used eviction.
#include "site/page_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace jarida::site {
namespace {

using namespace std::chrono_literals;

const SteadyClock::time_point kNow = SteadyClock::time_point{} + 1000h;

std::shared_ptr<CachedPage> make_page(std::size_t text_bytes, char fill = 'x') {
  auto p = std::make_shared<CachedPage>();
  p->body.add_text(std::string(text_bytes, fill));
  return p;
}

// A render that must not be called.
PageCache::Render no_render() {
  return []() -> std::shared_ptr<CachedPage> {
    ADD_FAILURE() << "render called for what should be a cache hit";
    return nullptr;
  };
}

// A render that counts its calls and returns `page`.
PageCache::Render counting(std::atomic<int>& calls, std::shared_ptr<CachedPage> page) {
  return [&calls, page] {
    ++calls;
    return page;
  };
}

TEST(PageCache, HitReturnsSamePointerWithoutRendering) {
  PageCache cache(1 << 20);
  std::atomic<int> calls{0};
  const auto page = make_page(100);
  const auto first = cache.get("/a/", counting(calls, page), kNow);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(first.get(), page.get());
  const auto second = cache.get("/a/", no_render(), kNow + 1s);
  EXPECT_EQ(second.get(), page.get());
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), page->memory_bytes());
}

TEST(PageCache, KeysAreSeparate) {
  PageCache cache(1 << 20);
  std::atomic<int> calls{0};
  const auto a = make_page(10, 'a');
  const auto b = make_page(10, 'b');
  EXPECT_EQ(cache.get("/a/", counting(calls, a), kNow).get(), a.get());
  EXPECT_EQ(cache.get("/b/", counting(calls, b), kNow).get(), b.get());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(cache.get("/a/", no_render(), kNow).get(), a.get());
  EXPECT_EQ(cache.get("/b/", no_render(), kNow).get(), b.get());
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.bytes(), a->memory_bytes() + b->memory_bytes());
}

TEST(PageCache, SingleFlight) {
  PageCache cache(1 << 20);
  std::atomic<int> calls{0};
  std::atomic<int> entered{0};
  const auto page = make_page(1000);
  const PageCache::Render slow = [&] {
    ++calls;
    // Let every thread reach get() before finishing.
    while (entered.load() < 8) std::this_thread::yield();
    std::this_thread::sleep_for(100ms);
    return page;
  };
  std::vector<std::shared_ptr<const CachedPage>> got(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      ++entered;
      got[i] = cache.get("/same/", slow, kNow);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(calls, 1);
  for (const auto& g : got) EXPECT_EQ(g.get(), page.get());
  EXPECT_EQ(cache.size(), 1u);
}

TEST(PageCache, ExceptionReachesEveryWaiterAndNothingIsCached) {
  PageCache cache(1 << 20);
  std::atomic<int> calls{0};
  std::atomic<int> entered{0};
  const PageCache::Render failing = [&]() -> std::shared_ptr<CachedPage> {
    ++calls;
    while (entered.load() < 8) std::this_thread::yield();
    std::this_thread::sleep_for(100ms);
    throw std::runtime_error("store down");
  };
  std::atomic<int> caught{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      ++entered;
      try {
        cache.get("/broken/", failing, kNow);
      } catch (const std::runtime_error& e) {
        if (std::string(e.what()) == "store down") ++caught;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(caught, 8);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);

  // The next request renders again, and this time it is kept.
  std::atomic<int> ok_calls{0};
  const auto page = make_page(10);
  EXPECT_EQ(cache.get("/broken/", counting(ok_calls, page), kNow).get(), page.get());
  EXPECT_EQ(ok_calls, 1);
  EXPECT_EQ(cache.get("/broken/", no_render(), kNow).get(), page.get());
}

TEST(PageCache, ExceptionOnSingleCallerPropagates) {
  PageCache cache(1 << 20);
  EXPECT_THROW(
      cache.get(
          "/x/", []() -> std::shared_ptr<CachedPage> { throw std::logic_error("bug"); }, kNow),
      std::logic_error);
  EXPECT_EQ(cache.size(), 0u);
  std::atomic<int> calls{0};
  cache.get("/x/", counting(calls, make_page(1)), kNow);
  EXPECT_EQ(calls, 1);
}

TEST(PageCache, NullResultIsNotCached) {
  PageCache cache(1 << 20);
  std::atomic<int> calls{0};
  EXPECT_EQ(cache.get("/gone/", counting(calls, nullptr), kNow), nullptr);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  EXPECT_EQ(cache.get("/gone/", counting(calls, nullptr), kNow), nullptr);
  EXPECT_EQ(calls, 2);
}

TEST(PageCache, ExpiresIsHonored) {
  PageCache cache(1 << 20);
  std::atomic<int> calls{0};
  auto first = make_page(100, 'a');
  first->expires = kNow + 10s;
  auto second = make_page(100, 'b');
  EXPECT_EQ(cache.get("/k/", counting(calls, first), kNow).get(), first.get());
  EXPECT_EQ(cache.get("/k/", no_render(), kNow + 9s).get(), first.get());
  // At the expiry instant the page is stale.
  EXPECT_EQ(cache.get("/k/", counting(calls, second), kNow + 10s).get(), second.get());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), second->memory_bytes());  // the stale page's bytes were released
  EXPECT_EQ(cache.get("/k/", no_render(), kNow + 1000h).get(), second.get());  // never expires
}

TEST(PageCache, InvalidateForcesRerenderOfThatKeyOnly) {
  PageCache cache(1 << 20);
  std::atomic<int> calls{0};
  const auto a1 = make_page(10);
  const auto a2 = make_page(10);
  const auto b = make_page(20);
  cache.get("/a/", counting(calls, a1), kNow);
  cache.get("/b/", counting(calls, b), kNow);
  cache.invalidate("/a/");
  cache.invalidate("/never-cached/");  // no-op
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), b->memory_bytes());
  EXPECT_EQ(cache.get("/a/", counting(calls, a2), kNow).get(), a2.get());
  EXPECT_EQ(cache.get("/b/", no_render(), kNow).get(), b.get());
  EXPECT_EQ(calls, 3);
}

TEST(PageCache, ClearForcesRerender) {
  PageCache cache(1 << 20);
  std::atomic<int> calls{0};
  const auto a = make_page(10);
  const auto b = make_page(10);
  cache.get("/a/", counting(calls, a), kNow);
  cache.get("/b/", counting(calls, b), kNow);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  const auto a2 = make_page(10);
  EXPECT_EQ(cache.get("/a/", counting(calls, a2), kNow).get(), a2.get());
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(cache.bytes(), a2->memory_bytes());
}

// Runs a render for `key` on another thread that blocks until released.
class BlockedRender {
 public:
  BlockedRender(PageCache& cache, std::string key, std::shared_ptr<CachedPage> page)
      : page_(std::move(page)) {
    auto release = release_.get_future().share();
    thread_ = std::thread([this, &cache, key = std::move(key), release] {
      result_ = cache.get(
          key,
          [&] {
            started_.set_value();
            release.wait();
            return page_;
          },
          kNow);
    });
    started_.get_future().wait();
  }
  ~BlockedRender() {
    if (thread_.joinable()) finish();
  }
  std::shared_ptr<const CachedPage> finish() {
    release_.set_value();
    thread_.join();
    return result_;
  }

 private:
  std::shared_ptr<CachedPage> page_;
  std::promise<void> started_;
  std::promise<void> release_;
  std::shared_ptr<const CachedPage> result_;
  std::thread thread_;
};

TEST(PageCache, ClearDuringRenderServesButDoesNotStore) {
  PageCache cache(1 << 20);
  const auto old_page = make_page(10, 'o');
  BlockedRender render(cache, "/live/", old_page);
  cache.clear();
  EXPECT_EQ(render.finish().get(), old_page.get());  // the renderer gets its page
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  std::atomic<int> calls{0};
  const auto fresh = make_page(10, 'f');
  EXPECT_EQ(cache.get("/live/", counting(calls, fresh), kNow).get(), fresh.get());
  EXPECT_EQ(calls, 1);
}

TEST(PageCache, InvalidateDuringRenderServesButDoesNotStore) {
  PageCache cache(1 << 20);
  const auto old_page = make_page(10, 'o');
  BlockedRender render(cache, "/live/", old_page);
  cache.invalidate("/live/");
  EXPECT_EQ(render.finish().get(), old_page.get());
  EXPECT_EQ(cache.size(), 0u);
  std::atomic<int> calls{0};
  const auto fresh = make_page(10, 'f');
  EXPECT_EQ(cache.get("/live/", counting(calls, fresh), kNow).get(), fresh.get());
  EXPECT_EQ(calls, 1);
}

TEST(PageCache, RenderWithoutClearIsStored) {
  PageCache cache(1 << 20);
  const auto page = make_page(10);
  BlockedRender render(cache, "/k/", page);
  EXPECT_EQ(render.finish().get(), page.get());
  EXPECT_EQ(cache.get("/k/", no_render(), kNow).get(), page.get());
}

TEST(PageCache, ByteBudgetEvictsLeastRecentlyUsed) {
  const std::size_t s = make_page(1000)->memory_bytes();
  PageCache cache(3 * s + s / 2);  // room for three pages
  std::atomic<int> calls{0};
  const auto a = make_page(1000, 'a');
  const auto b = make_page(1000, 'b');
  const auto c = make_page(1000, 'c');
  const auto d = make_page(1000, 'd');
  ASSERT_EQ(a->memory_bytes(), s);
  cache.get("/a/", counting(calls, a), kNow);
  cache.get("/b/", counting(calls, b), kNow);
  cache.get("/c/", counting(calls, c), kNow);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.bytes(), 3 * s);

  cache.get("/a/", no_render(), kNow);  // a is now the most recent; b the least
  cache.get("/d/", counting(calls, d), kNow);
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.bytes(), 3 * s);

  EXPECT_EQ(cache.get("/a/", no_render(), kNow).get(), a.get());
  EXPECT_EQ(cache.get("/c/", no_render(), kNow).get(), c.get());
  EXPECT_EQ(cache.get("/d/", no_render(), kNow).get(), d.get());
  // b was evicted: asking again renders it (and evicts the now-oldest, a).
  const auto b2 = make_page(1000, 'B');
  EXPECT_EQ(cache.get("/b/", counting(calls, b2), kNow).get(), b2.get());
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(cache.bytes(), 3 * s);
  EXPECT_EQ(cache.get("/c/", no_render(), kNow).get(), c.get());
  EXPECT_EQ(cache.get("/d/", no_render(), kNow).get(), d.get());
  const auto a2 = make_page(1000, 'A');
  EXPECT_EQ(cache.get("/a/", counting(calls, a2), kNow).get(), a2.get());
  EXPECT_EQ(calls, 6);
}

TEST(PageCache, LargePageEvictsSeveralSmallOnes) {
  const std::size_t small = make_page(100)->memory_bytes();
  const auto big = make_page(5000, 'z');
  const std::size_t budget = big->memory_bytes() + small + small / 2;
  PageCache cache(budget);
  std::atomic<int> calls{0};
  for (int i = 0; i < 5; ++i)
    cache.get("/s" + std::to_string(i) + "/", counting(calls, make_page(100)), kNow);
  cache.get("/s0/", no_render(), kNow);  // s0 survives
  cache.get("/big/", counting(calls, big), kNow);
  EXPECT_LE(cache.bytes(), budget);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.bytes(), big->memory_bytes() + small);
  cache.get("/s0/", no_render(), kNow);
  cache.get("/big/", no_render(), kNow);
}

TEST(PageCache, PageLargerThanBudgetIsServedButNotKept) {
  const auto big = make_page(5000, 'z');
  PageCache cache(big->memory_bytes() - 1);
  std::atomic<int> calls{0};
  EXPECT_EQ(cache.get("/big/", counting(calls, big), kNow).get(), big.get());
  EXPECT_EQ(cache.bytes(), 0u);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.get("/big/", counting(calls, big), kNow).get(), big.get());
  EXPECT_EQ(calls, 2);
}

TEST(PageCache, BudgetHoldsWhileARenderIsInFlight) {
  // A slow render must not stop eviction of the other pages.
  const std::size_t s = make_page(1000)->memory_bytes();
  const std::size_t budget = 3 * s + s / 2;
  PageCache cache(budget);
  std::atomic<int> calls{0};
  cache.get("/old/", counting(calls, make_page(1000)), kNow);
  const auto slow_page = make_page(1000, 's');
  BlockedRender slow(cache, "/slow/", slow_page);
  for (int i = 0; i < 10; ++i) {
    cache.get("/p" + std::to_string(i) + "/", counting(calls, make_page(1000)), kNow);
    EXPECT_LE(cache.bytes(), budget) << "after page " << i;
  }
  EXPECT_EQ(slow.finish().get(), slow_page.get());
  EXPECT_LE(cache.bytes(), budget);
}

TEST(PageCache, CachedPageMemoryBytes) {
  auto p = make_page(1000);
  const std::size_t without = p->memory_bytes();
  EXPECT_EQ(without, p->body.memory_bytes() + 256);
  p->redirect_to = "/2019/05/%d8%a7/";
  EXPECT_EQ(p->memory_bytes(), without + p->redirect_to.size());
}

TEST(PageCache, GenerationsAreUnique) {
  PageCache cache(1);
  const auto g1 = cache.next_generation();
  const auto g2 = cache.next_generation();
  EXPECT_NE(g1, g2);
  EXPECT_GT(g2, g1);
}

TEST(FragmentCache, DefineAndGet) {
  FragmentCache frags;
  std::atomic<int> calls{0};
  frags.define(
      "latest",
      [&] {
        ++calls;
        return std::string("<ul><li>\xD8\xAA\xD8\xB9\xD9\x84\xD9\x8A\xD9\x82</li></ul>");
      },
      60s);
  const auto f1 = frags.get("latest", kNow);
  ASSERT_NE(f1, nullptr);
  EXPECT_EQ(f1->chunk.identity, "<ul><li>تعليق</li></ul>");
  EXPECT_FALSE(f1->chunk.deflated.empty());
  EXPECT_EQ(f1->expires, kNow + 60s);
  const auto f2 = frags.get("latest", kNow + 59s);
  EXPECT_EQ(f2.get(), f1.get());
  EXPECT_EQ(calls, 1);
}

TEST(FragmentCache, TtlExpires) {
  FragmentCache frags;
  int n = 0;
  frags.define(
      "most-read", [&] { return std::string("v").append(std::to_string(++n)); }, 60s);
  const auto f1 = frags.get("most-read", kNow);
  EXPECT_EQ(f1->chunk.identity, "v1");
  const auto f2 = frags.get("most-read", kNow + 60s);  // stale at the instant
  EXPECT_EQ(f2->chunk.identity, "v2");
  EXPECT_NE(f2->version, f1->version);
  EXPECT_EQ(frags.get("most-read", kNow + 61s).get(), f2.get());
  EXPECT_EQ(n, 2);
}

TEST(FragmentCache, InvalidateOneAndAll) {
  FragmentCache frags;
  int a = 0, b = 0;
  frags.define(
      "a", [&] { return std::string("a").append(std::to_string(++a)); }, 3600s);
  frags.define(
      "b", [&] { return std::string("b").append(std::to_string(++b)); }, 3600s);
  const auto a1 = frags.get("a", kNow);
  const auto b1 = frags.get("b", kNow);
  frags.invalidate("a");
  frags.invalidate("unknown");  // no-op
  const auto a2 = frags.get("a", kNow);
  EXPECT_EQ(a2->chunk.identity, "a2");
  EXPECT_GT(a2->version, a1->version);
  EXPECT_EQ(frags.get("b", kNow).get(), b1.get());
  frags.invalidate_all();
  EXPECT_EQ(frags.get("a", kNow)->chunk.identity, "a3");
  EXPECT_EQ(frags.get("b", kNow)->chunk.identity, "b2");
  EXPECT_EQ(a, 3);
  EXPECT_EQ(b, 2);
}

TEST(FragmentCache, InvalidateDuringRenderServesButDoesNotStore) {
  FragmentCache frags;
  std::promise<void> started;
  std::promise<void> release;
  auto release_f = release.get_future().share();
  std::atomic<int> calls{0};
  frags.define(
      "live",
      [&] {
        if (++calls == 1) {
          started.set_value();
          release_f.wait();
          return std::string("old");
        }
        return std::string("new");
      },
      3600s);
  std::shared_ptr<const Fragment> first;
  std::thread t([&] { first = frags.get("live", kNow); });
  started.get_future().wait();
  frags.invalidate("live");
  release.set_value();
  t.join();
  EXPECT_EQ(first->chunk.identity, "old");
  EXPECT_EQ(frags.get("live", kNow)->chunk.identity, "new");
  EXPECT_EQ(calls, 2);
}

TEST(FragmentCache, UnknownNameThrows) {
  FragmentCache frags;
  EXPECT_THROW(frags.get("nope", kNow), std::logic_error);
  frags.define(
      "yes", [] { return std::string("y"); }, 1s);
  EXPECT_THROW(frags.get("Yes", kNow), std::logic_error);
  EXPECT_NO_THROW(frags.get("yes", kNow));
}

}  // namespace
}  // namespace jarida::site
