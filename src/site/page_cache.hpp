// Rendered pages in memory (ARCHITECTURE.md principle 6): keyed by decoded
// path, bounded by a byte budget (least recently used out first), rendered
// once for many concurrent first requests (single flight), and invalidated
// by key or all at once. Shared fragments (latest comments, most read) are
// cached apart and spliced into pages per request, so a change to one of
// them re-renders one fragment, not every page.
#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/spliced_body.hpp"
#include "stats/visit_counter.hpp"

namespace jarida::site {

using SteadyClock = std::chrono::steady_clock;

struct CachedPage {
  int status = 200;         // 200, 301 (redirect_to), 404 (body unused)
  std::string redirect_to;  // encoded Location for 301
  http::SplicedBody body;
  std::vector<const std::atomic<std::int64_t>*> numbers;  // live values, one per number slot
  std::vector<std::string> fragments;                     // one name per fragment slot
  std::vector<std::string> texts;                         // one name per per-request text slot
  core::Id article_id = 0;                                // article pages only
  stats::VisitCounter::Cell* counts_visits_of = nullptr;  // article pages only
  std::uint64_t generation = 0;                           // unique per render, for ETags
  const char* content_type = nullptr;                     // nullptr: HTML
  SteadyClock::time_point expires = SteadyClock::time_point::max();

  std::size_t memory_bytes() const { return body.memory_bytes() + redirect_to.size() + 256; }
};

class PageCache {
 public:
  using Render = std::function<std::shared_ptr<CachedPage>()>;
  explicit PageCache(std::size_t byte_budget) : budget_(byte_budget) {}

  // The cached page for key, or the one `render` makes (shared by every
  // request waiting for the same key). Exceptions from render propagate to
  // every waiter and nothing is cached.
  std::shared_ptr<const CachedPage> get(const std::string& key, const Render& render,
                                        SteadyClock::time_point now);
  void invalidate(const std::string& key);
  // Every page whose key (path) starts with `prefix` ("/category/x/").
  // Walks the whole cache: fine for an editor's save, not per request.
  void invalidate_prefix(std::string_view prefix);
  void clear();

  std::size_t bytes() const;
  std::size_t size() const;
  std::uint64_t next_generation() { return ++generation_; }

 private:
  struct Entry {
    std::shared_ptr<const CachedPage> page;
    std::shared_future<std::shared_ptr<const CachedPage>> pending;
    std::list<std::string>::iterator lru;
    std::uint64_t epoch = 0;  // clear() bumps the epoch; stale renders are not stored
  };
  void evict_locked();

  std::size_t budget_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> map_;
  std::list<std::string> lru_;  // front = most recent
  std::size_t bytes_ = 0;
  std::uint64_t epoch_ = 0;
  std::atomic<std::uint64_t> generation_{0};
};

// A fragment: one chunk of HTML shared by many pages, with a version for ETags.
struct Fragment {
  http::Chunk chunk;
  std::uint64_t version = 0;
  SteadyClock::time_point expires = SteadyClock::time_point::max();
};

class FragmentCache {
 public:
  using Render = std::function<std::string()>;
  // `ttl` bounds staleness of time-dependent text ("منذ ساعتين").
  void define(const std::string& name, Render render, std::chrono::seconds ttl);
  std::shared_ptr<const Fragment> get(const std::string& name, SteadyClock::time_point now);
  void invalidate(const std::string& name);
  void invalidate_all();

 private:
  struct Slot {
    Render render;
    std::chrono::seconds ttl;
    std::shared_ptr<const Fragment> current;
    std::uint64_t epoch = 0;  // bumped by invalidate
    std::mutex render_mu;     // single flight per fragment
  };
  std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Slot>> slots_;
  std::atomic<std::uint64_t> version_{0};
};

}  // namespace jarida::site
