// The secrets of a newsroom session (ARCHITECTURE.md "Security model"):
// a 32-byte random token in an HttpOnly cookie, of which the store keeps
// only a BLAKE2b hash; a CSRF token derived from it under the site key, so
// it needs no storage and changes with every session. Before sign-in, the
// sign-in form is bound the same way to a random pre-session cookie.
// Tested in tests/admin/session_tokens_test.cpp.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "store/newsroom.hpp"

namespace jarida::admin {

using Key = std::array<unsigned char, 32>;  // the site key (DATA_DIR/secret.key)

inline constexpr const char* kSessionCookie = "jarida_session";
inline constexpr const char* kSignInCookie = "jarida_signin";

// 32 random bytes, base64url without padding (43 characters).
std::string new_session_token();
// The stored form of a token; nullopt when `token` is not one we could
// have issued (wrong length or alphabet), so junk cookies cost no lookup.
std::optional<store::TokenHash> hash_session_token(std::string_view token);

// The CSRF token of a session (or of a sign-in form's pre-session cookie).
std::string csrf_token(const Key& key, std::string_view purpose, std::string_view secret);
bool check_csrf_token(const Key& key, std::string_view purpose, std::string_view secret,
                      std::string_view token);

// Hex, for naming a session in a form without revealing its token.
std::string to_hex(const store::TokenHash& h);
std::optional<store::TokenHash> from_hex(std::string_view hex);

}  // namespace jarida::admin
