#include "site/signed_token.hpp"

#include <sodium.h>

#include <charconv>

namespace jarida::site {
namespace {

std::string b64(const unsigned char* data, std::size_t n) {
  std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string mac_of(const SiteKey& key, std::string_view message) {
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              key.data());
  return b64(mac, sizeof mac);
}

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;  // constant time
}

std::string form_message(std::string_view purpose, core::Id article, std::string_view ts) {
  std::string m(purpose);
  m += '|';
  m += std::to_string(article);
  m += '|';
  m += ts;
  return m;
}

}  // namespace

std::string make_form_token(const SiteKey& key, std::string_view purpose, core::Id article,
                            core::TimePoint now) {
  const std::string ts = std::to_string(now.time_since_epoch().count());
  return ts + "." + mac_of(key, form_message(purpose, article, ts));
}

TokenCheck check_form_token(const SiteKey& key, std::string_view purpose, core::Id article,
                            std::string_view token, core::TimePoint now,
                            std::chrono::seconds min_age, std::chrono::seconds max_age) {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 12) return TokenCheck::invalid;
  const std::string_view ts = token.substr(0, dot);
  std::int64_t t = 0;
  const auto [end, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), t);
  if (ec != std::errc{} || end != ts.data() + ts.size()) return TokenCheck::invalid;
  if (!same(token.substr(dot + 1), mac_of(key, form_message(purpose, article, ts))))
    return TokenCheck::invalid;
  const auto age = now.time_since_epoch().count() - t;
  if (age < min_age.count()) return TokenCheck::too_fast;
  if (age > max_age.count()) return TokenCheck::expired;
  return TokenCheck::ok;
}

std::string sign_value(const SiteKey& key, std::string_view value) {
  return std::string(value) + "." + mac_of(key, std::string("cookie|") + std::string(value));
}

std::string verify_signed_value(const SiteKey& key, std::string_view signed_value) {
  const auto dot = signed_value.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  const auto value = signed_value.substr(0, dot);
  if (!same(signed_value.substr(dot + 1), mac_of(key, std::string("cookie|") + std::string(value))))
    return {};
  return std::string(value);
}

std::string random_token() {
  if (sodium_init() < 0) return {};
  unsigned char buf[16];
  randombytes_buf(buf, sizeof buf);
  return b64(buf, sizeof buf);
}

}  // namespace jarida::site
