#include "site/page_cache.hpp"

#include <stdexcept>

namespace jarida::site {

std::shared_ptr<const CachedPage> PageCache::get(const std::string& key, const Render& render,
                                                 SteadyClock::time_point now) {
  std::promise<std::shared_ptr<const CachedPage>> promise;
  std::uint64_t epoch;
  {
    std::unique_lock lock(mu_);
    auto it = map_.find(key);
    if (it != map_.end()) {
      Entry& e = it->second;
      if (e.page && e.page->expires > now) {
        lru_.splice(lru_.begin(), lru_, e.lru);
        return e.page;
      }
      if (e.pending.valid()) {
        auto waiting = e.pending;
        lock.unlock();
        return waiting.get();  // rendered by another thread right now
      }
      if (e.page) {  // expired
        bytes_ -= e.page->memory_bytes();
        e.page.reset();
      }
    } else {
      lru_.push_front(key);
      it = map_.emplace(key, Entry{}).first;
      it->second.lru = lru_.begin();
    }
    it->second.pending = promise.get_future().share();
    epoch = epoch_;
  }

  std::shared_ptr<const CachedPage> page;
  try {
    page = render();
  } catch (...) {
    std::lock_guard lock(mu_);
    if (auto it = map_.find(key); it != map_.end() && !it->second.page) {
      lru_.erase(it->second.lru);
      map_.erase(it);
    }
    promise.set_exception(std::current_exception());
    throw;
  }

  {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it != map_.end()) {
      it->second.pending = {};
      // A clear() during the render means the page may show old data: hand
      // it to the waiters but don't keep it.
      if (page && epoch == epoch_) {
        it->second.page = page;
        // Most recent from the moment it is stored, so a slow page is not
        // the first one evicted.
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        bytes_ += page->memory_bytes();
        evict_locked();
      } else if (!it->second.page) {
        lru_.erase(it->second.lru);
        map_.erase(it);
      }
    }
  }
  promise.set_value(page);
  return page;
}

void PageCache::evict_locked() {
  // Oldest first; skip (don't stop at) entries being rendered, or one slow
  // render would let the cache grow past its budget.
  auto pos = lru_.end();
  while (bytes_ > budget_ && pos != lru_.begin()) {
    --pos;
    auto it = map_.find(*pos);
    if (it->second.pending.valid()) continue;  // being rendered: leave it
    if (it->second.page) bytes_ -= it->second.page->memory_bytes();
    map_.erase(it);
    pos = lru_.erase(pos);
  }
}

void PageCache::invalidate(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = map_.find(key);
  if (it == map_.end()) return;
  if (it->second.page) bytes_ -= it->second.page->memory_bytes();
  if (it->second.pending.valid()) {
    // A render in flight may have read the old data: don't let it be stored.
    it->second.page.reset();
    ++epoch_;
    return;
  }
  lru_.erase(it->second.lru);
  map_.erase(it);
}

void PageCache::invalidate_prefix(std::string_view prefix) {
  std::lock_guard lock(mu_);
  for (auto it = map_.begin(); it != map_.end();) {
    if (!std::string_view(it->first).starts_with(prefix)) {
      ++it;
      continue;
    }
    if (it->second.page) bytes_ -= it->second.page->memory_bytes();
    if (it->second.pending.valid()) {
      it->second.page.reset();
      ++epoch_;
      ++it;
      continue;
    }
    lru_.erase(it->second.lru);
    it = map_.erase(it);
  }
}

void PageCache::clear() {
  std::lock_guard lock(mu_);
  ++epoch_;
  for (auto it = map_.begin(); it != map_.end();) {
    if (it->second.pending.valid()) {
      if (it->second.page) bytes_ -= it->second.page->memory_bytes();
      it->second.page.reset();
      ++it;
    } else {
      lru_.erase(it->second.lru);
      it = map_.erase(it);
    }
  }
  bytes_ = 0;
}

std::size_t PageCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

std::size_t PageCache::size() const {
  std::lock_guard lock(mu_);
  return map_.size();
}

void FragmentCache::define(const std::string& name, Render render, std::chrono::seconds ttl) {
  std::lock_guard lock(mu_);
  auto slot = std::make_unique<Slot>();
  slot->render = std::move(render);
  slot->ttl = ttl;
  slots_[name] = std::move(slot);
}

std::shared_ptr<const Fragment> FragmentCache::get(const std::string& name,
                                                   SteadyClock::time_point now) {
  Slot* slot;
  {
    std::lock_guard lock(mu_);
    auto it = slots_.find(name);
    if (it == slots_.end()) throw std::logic_error("unknown fragment: " + name);
    slot = it->second.get();
    if (slot->current && slot->current->expires > now) return slot->current;
  }
  std::lock_guard render_lock(slot->render_mu);
  std::uint64_t epoch;
  {
    std::lock_guard lock(mu_);
    if (slot->current && slot->current->expires > now) return slot->current;
    epoch = slot->epoch;
  }
  auto f = std::make_shared<Fragment>();
  f->chunk = http::Chunk::make(slot->render());
  f->version = ++version_;
  f->expires = now + slot->ttl;
  std::lock_guard lock(mu_);
  // Invalidated while rendering: serve it this once, render again next time.
  if (epoch == slot->epoch) slot->current = f;
  return f;
}

void FragmentCache::invalidate(const std::string& name) {
  std::lock_guard lock(mu_);
  if (auto it = slots_.find(name); it != slots_.end()) {
    it->second->current.reset();
    ++it->second->epoch;
  }
}

void FragmentCache::invalidate_all() {
  std::lock_guard lock(mu_);
  for (auto& [name, slot] : slots_) {
    slot->current.reset();
    ++slot->epoch;
  }
}

}  // namespace jarida::site
