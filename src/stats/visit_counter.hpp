// The visit counter (ARCHITECTURE.md "Performance design"): counts in
// memory with one atomic add on the hot path, flushes every pending
// increment to the store in one transaction (every second and on shutdown),
// and keeps the live total that pages show even when they come from the
// page cache. No increment is lost: a failed flush puts them back.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/model.hpp"
#include "store/store.hpp"

namespace jarida::stats {

class VisitCounter {
 public:
  // One per article; the address is stable for the counter's lifetime so
  // cached pages may keep a pointer to it.
  struct Cell {
    core::Id article_id = 0;
    std::atomic<std::int64_t> total{0};    // stored + not yet flushed
    std::atomic<std::int64_t> pending{0};  // not yet flushed
  };

  explicit VisitCounter(store::Store& store);

  // The cell of an article, created on first use with the total the store
  // had when the caller read the article (`stored_total`).
  Cell& cell(core::Id article_id, std::int64_t stored_total);

  // Hot path: one visit (the caller already applied the counting rules).
  static void add(Cell& c) {
    c.pending.fetch_add(1, std::memory_order_relaxed);
    c.total.fetch_add(1, std::memory_order_relaxed);
  }

  // Live total of an article if it has a cell (else nullopt).
  std::optional<std::int64_t> live_total(core::Id article_id) const;

  // Writes every pending increment to the store in one transaction, for
  // `day`. Returns how many visits were written. Throws store::Error after
  // putting the increments back.
  std::int64_t flush(std::chrono::sys_days day);

 private:
  store::Store& store_;
  mutable std::mutex mutex_;  // guards the map only, never the hot path
  std::unordered_map<core::Id, std::unique_ptr<Cell>> cells_;
};

}  // namespace jarida::stats
