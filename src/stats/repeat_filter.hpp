// Remembers which (client, article) pairs were counted recently so a reader
// who reloads the page is counted once per window (30 minutes). Memory is
// bounded: a fixed set-associative table of fingerprints; when full, the
// oldest entry of a set is forgotten (that reader may then be counted again,
// which is the honest direction to err in). Thread-safe, sharded locks.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace jarida::stats {

class RepeatFilter {
 public:
  using Clock = std::chrono::steady_clock;
  // `capacity` entries in all (rounded up to a power of two), 16 bytes each.
  explicit RepeatFilter(std::size_t capacity = 1 << 18,
                        std::chrono::seconds window = std::chrono::minutes(30));

  // True if this client has not been counted for this article within the
  // window (and remembers it now); false for a repeat.
  bool first_visit(std::string_view client_ip, std::string_view user_agent, core::Id article,
                   Clock::time_point now);

  std::size_t capacity() const { return slots_.size(); }

 private:
  struct Slot {
    std::uint64_t fingerprint = 0;  // 0 = empty
    std::int64_t seen_at = 0;       // seconds on Clock
  };
  static constexpr std::size_t kWays = 8;
  static constexpr std::size_t kShards = 64;

  std::vector<Slot> slots_;
  std::size_t set_mask_;
  std::chrono::seconds window_;
  std::array<std::mutex, kShards> shard_locks_;
  std::array<std::uint8_t, 16>
      key_;  // crypto_shorthash_KEYBYTES  // random per process: fingerprints can't be precomputed
};

}  // namespace jarida::stats
