// The repeat rule of SEED-PAGE.md part 3: one reader reloading an article
// is one visit per window. A reader is (client IP, User-Agent); we keep only
// a keyed 64-bit hash of that and the article, never the IP itself.
//
// Table: capacity/kWays sets of kWays slots (16 bytes each, so the default
// 2^18 entries take 4 MiB whatever the traffic). A fingerprint lives only in
// the set its low bits name. Sets are guarded by kShards mutexes (set index
// mod kShards), so threads rarely wait on each other.
//
// Refresh policy: a repeat does NOT refresh the entry's time. The window
// runs from the visit that was counted, so a reader who keeps the page open
// and reloads it every few minutes is counted again once per window, not
// never. Pinned by tests/stats/repeat_filter_test.cpp.
#include "stats/repeat_filter.hpp"

#include <sodium.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>

namespace jarida::stats {
namespace {

std::int64_t to_seconds(RepeatFilter::Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

void put_u64(std::string& buf, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) buf.push_back(static_cast<char>(v >> (8 * i)));  // little-endian
}

// A field as (length, bytes): no choice of IP and User-Agent can make two
// different pairs hash the same input.
void put_field(std::string& buf, std::string_view s) {
  put_u64(buf, s.size());
  buf.append(s);
}

}  // namespace

RepeatFilter::RepeatFilter(std::size_t capacity, std::chrono::seconds window) : window_(window) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  // The key is random and never leaves the process: nobody can precompute
  // which (IP, User-Agent) pairs collide or evict each other.
  randombytes_buf(key_.data(), key_.size());
  static_assert(std::has_single_bit(kWays));
  std::size_t total = std::bit_ceil(std::max(capacity, kWays));
  slots_.resize(total);
  set_mask_ = total / kWays - 1;
}

bool RepeatFilter::first_visit(std::string_view client_ip, std::string_view user_agent,
                               core::Id article, Clock::time_point now) {
  // SipHash-2-4 (libsodium's crypto_shorthash): a keyed hash made for
  // hash-table keys, several times cheaper than BLAKE2b on short inputs, and
  // this runs on every article view.
  thread_local std::string input;
  input.clear();
  put_field(input, client_ip);
  put_field(input, user_agent);
  put_u64(input, static_cast<std::uint64_t>(article));
  unsigned char digest[crypto_shorthash_BYTES];
  crypto_shorthash(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                   key_.data());
  std::uint64_t fp;
  std::memcpy(&fp, digest, sizeof fp);
  if (fp == 0) fp = 1;  // 0 marks an empty slot

  const std::size_t set = fp & set_mask_;
  const std::int64_t now_s = to_seconds(now);
  Slot* ways = slots_.data() + set * kWays;

  std::lock_guard lock(shard_locks_[set % kShards]);
  Slot* victim = nullptr;
  for (std::size_t i = 0; i < kWays; ++i) {
    Slot& s = ways[i];
    if (s.fingerprint == fp) {
      // A slightly earlier `now` from a racing thread counts as inside.
      if (now_s - s.seen_at < window_.count()) return false;  // repeat: no refresh
      victim = &s;                                            // expired: count again
      break;
    }
    // Prefer an empty slot; else the oldest (which is expired if any is).
    if (victim == nullptr ||
        (victim->fingerprint != 0 && (s.fingerprint == 0 || s.seen_at < victim->seen_at))) {
      victim = &s;
    }
  }
  victim->fingerprint = fp;
  victim->seen_at = now_s;
  return true;
}

}  // namespace jarida::stats
