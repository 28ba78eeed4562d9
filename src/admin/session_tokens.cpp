#include "admin/session_tokens.hpp"

#include <sodium.h>

#include <stdexcept>

namespace jarida::admin {
namespace {

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
}

std::string base64url(const unsigned char* data, std::size_t n) {
  std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

constexpr std::size_t kTokenBytes = 32;

}  // namespace

std::string new_session_token() {
  ensure_sodium();
  unsigned char raw[kTokenBytes];
  randombytes_buf(raw, sizeof raw);
  return base64url(raw, sizeof raw);
}

std::optional<store::TokenHash> hash_session_token(std::string_view token) {
  unsigned char raw[kTokenBytes];
  std::size_t len = 0;
  if (token.size() != 43 ||
      sodium_base642bin(raw, sizeof raw, token.data(), token.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      len != kTokenBytes)
    return std::nullopt;
  store::TokenHash h{};
  crypto_generichash(h.data(), h.size(), raw, sizeof raw, nullptr, 0);
  return h;
}

std::string csrf_token(const Key& key, std::string_view purpose, std::string_view secret) {
  ensure_sodium();
  std::string message(purpose);
  message.push_back('\n');
  message.append(secret);
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              key.data());
  return base64url(mac, 24);  // 192 bits is plenty for a token that is never stored
}

bool check_csrf_token(const Key& key, std::string_view purpose, std::string_view secret,
                      std::string_view token) {
  if (secret.empty() || token.empty()) return false;
  const std::string expected = csrf_token(key, purpose, secret);
  return token.size() == expected.size() &&
         sodium_memcmp(token.data(), expected.data(), expected.size()) == 0;
}

std::string to_hex(const store::TokenHash& h) {
  std::string out(h.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), h.data(), h.size());
  out.pop_back();
  return out;
}

std::optional<store::TokenHash> from_hex(std::string_view hex) {
  store::TokenHash h{};
  std::size_t len = 0;
  if (hex.size() != h.size() * 2 ||
      sodium_hex2bin(h.data(), h.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len != h.size())
    return std::nullopt;
  return h;
}

}  // namespace jarida::admin
