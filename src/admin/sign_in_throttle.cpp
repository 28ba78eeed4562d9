#include "admin/sign_in_throttle.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace jarida::admin {
namespace {

std::string login_key(std::string_view login) {
  std::string k = "l:";
  for (char c : login) k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return k;
}

std::string ip_key(std::string_view ip) {
  return "i:" + std::string(ip);
}

}  // namespace

std::chrono::seconds SignInThrottle::wait_of(const std::string& key, int free,
                                             Clock::time_point now) const {
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.failures < free) return std::chrono::seconds{0};
  if (now - it->second.last > kForgetAfter) return std::chrono::seconds{0};
  const int over = std::min(it->second.failures - free, 20);
  const auto delay = std::min<std::chrono::seconds>(kFirstDelay * (1LL << over), kMaxDelay);
  const auto until = it->second.last + delay;
  if (until <= now) return std::chrono::seconds{0};
  return std::chrono::ceil<std::chrono::seconds>(until - now);
}

std::chrono::seconds SignInThrottle::wait(std::string_view login, std::string_view ip,
                                          Clock::time_point now) {
  std::lock_guard lock(mu_);
  return std::max(wait_of(login_key(login), kFreePerLogin, now),
                  wait_of(ip_key(ip), kFreePerIp, now));
}

void SignInThrottle::bump(const std::string& key, Clock::time_point now) {
  auto& e = entries_[key];
  if (e.failures > 0 && now - e.last > kForgetAfter) e.failures = 0;
  ++e.failures;
  e.last = now;
}

void SignInThrottle::failed(std::string_view login, std::string_view ip, Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxKeys) {
    // Forget the stale keys, or, during a flood, the oldest half.
    std::erase_if(entries_, [&](const auto& kv) { return now - kv.second.last > kForgetAfter; });
    if (entries_.size() >= kMaxKeys) {
      std::vector<Clock::time_point> times;
      times.reserve(entries_.size());
      for (const auto& kv : entries_) times.push_back(kv.second.last);
      auto mid = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
      std::nth_element(times.begin(), mid, times.end());
      const auto cutoff = *mid;
      std::erase_if(entries_, [&](const auto& kv) { return kv.second.last < cutoff; });
    }
  }
  bump(login_key(login), now);
  bump(ip_key(ip), now);
}

void SignInThrottle::succeeded(std::string_view login, std::string_view ip) {
  std::lock_guard lock(mu_);
  entries_.erase(login_key(login));
  auto it = entries_.find(ip_key(ip));
  if (it != entries_.end() && --it->second.failures <= 0) entries_.erase(it);
}

}  // namespace jarida::admin
