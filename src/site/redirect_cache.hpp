// The redirects table as the site asks it: only for a path that found
// nothing else, so most answers are "none", and those are kept too (a flood
// of one bad link costs no SQL). Bounded by entries: a scan of random paths
// empties it rather than growing it, and never pushes pages out of the page
// cache. Emptied whenever content changes (the redirects table bumps
// content_version like every table readers see). Thread-safe. Tested in
// tests/site/redirect_cache_test.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/store.hpp"

namespace jarida::site {

class RedirectCache {
 public:
  using Lookup = std::function<std::optional<store::Redirect>(const std::string& path)>;

  explicit RedirectCache(std::size_t max_entries) : max_entries_(max_entries) {}

  // The cached answer for `path`, or lookup's (kept unless clear() ran
  // meanwhile: it may have read the table before the change). Exceptions
  // from lookup propagate and nothing is kept.
  std::optional<store::Redirect> get(const std::string& path, const Lookup& lookup);
  void clear();
  std::size_t size() const;

 private:
  const std::size_t max_entries_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::optional<store::Redirect>> entries_;  // guarded by mu_
  std::uint64_t epoch_ = 0;                                                  // guarded by mu_
};

}  // namespace jarida::site
