// Signed values for anonymous readers, who have no session: the comment
// and send-to-friend forms carry a token "<unix time>.<MAC>" bound to the
// article, spliced into each (cached) page per request. It proves the post
// comes from a page we served (a CSRF defence that needs no cookie) and when
// the form was rendered (a bot that posts within seconds is refused).
// The MAC is libsodium's crypto_auth (HMAC-SHA-512-256) under a per-site key
// kept in DATA_DIR/secret.key. Tested in tests/site/signed_token_test.cpp.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace jarida::site {

using SiteKey = std::array<unsigned char, 32>;

enum class TokenCheck { ok, invalid, too_fast, expired };

std::string make_form_token(const SiteKey& key, std::string_view purpose, core::Id article,
                            core::TimePoint now);
TokenCheck check_form_token(const SiteKey& key, std::string_view purpose, core::Id article,
                            std::string_view token, core::TimePoint now,
                            std::chrono::seconds min_age, std::chrono::seconds max_age);

// "value.MAC" for cookies (the commenter key). Returns "" when forged.
std::string sign_value(const SiteKey& key, std::string_view value);
std::string verify_signed_value(const SiteKey& key, std::string_view signed_value);

// 16 random bytes, base64url.
std::string random_token();

}  // namespace jarida::site
