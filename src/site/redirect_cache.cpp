#include "site/redirect_cache.hpp"

namespace jarida::site {

std::optional<store::Redirect> RedirectCache::get(const std::string& path, const Lookup& lookup) {
  std::uint64_t epoch = 0;
  {
    std::lock_guard lock(mu_);
    if (const auto it = entries_.find(path); it != entries_.end()) return it->second;
    epoch = epoch_;
  }
  // Outside the lock: readers of other paths don't wait for this query.
  std::optional<store::Redirect> found = lookup(path);
  std::lock_guard lock(mu_);
  if (epoch == epoch_) {
    if (entries_.size() >= max_entries_) entries_.clear();  // cheaper than tracking use
    entries_.emplace(path, found);
  }
  return found;
}

void RedirectCache::clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
  ++epoch_;
}

std::size_t RedirectCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace jarida::site
