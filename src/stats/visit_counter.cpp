// Batched visit counting (ARCHITECTURE.md "Performance design"). Every visit
// lands in exactly one place: a cell's `pending`, or one flush's batch, or
// (after a failed write) back in `pending`. exchange(pending, 0) is what
// makes that true without locking the hot path: an add that races with a
// flush goes either into this batch or stays for the next one, never both
// and never neither. Pinned by tests/stats/visit_counter_test.cpp.
#include "stats/visit_counter.hpp"

#include <utility>
#include <vector>

namespace jarida::stats {

VisitCounter::VisitCounter(store::Store& store) : store_(store) {}

VisitCounter::Cell& VisitCounter::cell(core::Id article_id, std::int64_t stored_total) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = cells_.try_emplace(article_id);
  if (inserted) {
    it->second = std::make_unique<Cell>();
    it->second->article_id = article_id;
    it->second->total.store(stored_total, std::memory_order_relaxed);
  }
  return *it->second;  // cells are never erased: the address stays valid
}

std::optional<std::int64_t> VisitCounter::live_total(core::Id article_id) const {
  std::lock_guard lock(mutex_);
  auto it = cells_.find(article_id);
  if (it == cells_.end()) return std::nullopt;
  return it->second->total.load(std::memory_order_relaxed);
}

std::int64_t VisitCounter::flush(std::chrono::sys_days day) {
  std::vector<store::VisitIncrement> increments;
  std::vector<Cell*> taken_from;  // parallel to `increments`, to put them back
  {
    std::lock_guard lock(mutex_);
    // Allocate before taking anything, so nothing can throw while counts
    // are held only in these vectors.
    increments.reserve(cells_.size());
    taken_from.reserve(cells_.size());
    for (auto& [id, c] : cells_) {
      std::int64_t n = c->pending.exchange(0, std::memory_order_relaxed);
      if (n == 0) continue;
      increments.push_back({id, n});
      taken_from.push_back(c.get());
    }
  }
  // The store write runs without the map lock, so a slow transaction never
  // delays cell() for a page being rendered. Concurrent flushes are safe:
  // each one owns the increments it exchanged out.
  if (increments.empty()) return 0;  // idle site: no empty transaction
  try {
    store_.add_visits(increments, day);
  } catch (...) {
    // All or nothing in the store, so all back here; `total` never changed.
    for (std::size_t i = 0; i < increments.size(); ++i) {
      taken_from[i]->pending.fetch_add(increments[i].count, std::memory_order_relaxed);
    }
    throw;
  }
  std::int64_t written = 0;
  for (const auto& inc : increments) written += inc.count;
  return written;
}

}  // namespace jarida::stats
