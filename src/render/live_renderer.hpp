// The renderer in use, replaceable while the server runs: settings saved in
// the newsroom (site name, dates, labels...) take effect at the next
// request, without a restart. Readers take a reference per use; a replaced
// renderer is kept alive until the process ends, because a request on
// another thread may still be using it. Settings are saved a handful of
// times in a site's life, so what is kept is a few renderers, not a leak
// that grows with traffic.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "render/renderer.hpp"

namespace jarida::render {

class LiveRenderer {
 public:
  explicit LiveRenderer(std::unique_ptr<Renderer> first) { replace(std::move(first)); }
  LiveRenderer(const LiveRenderer&) = delete;
  LiveRenderer& operator=(const LiveRenderer&) = delete;

  const Renderer& current() const { return *current_.load(std::memory_order_acquire); }
  // Counts replacements, so caches built from an older renderer can tell.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  void replace(std::unique_ptr<Renderer> next) {
    std::lock_guard lock(mu_);
    all_.push_back(std::move(next));
    current_.store(all_.back().get(), std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_acq_rel);
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<Renderer>> all_;  // guarded by mu_; never shrinks
  std::atomic<const Renderer*> current_{nullptr};
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace jarida::render
