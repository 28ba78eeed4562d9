// What the readers' form handlers (comments, send to a friend) share: who
// may post (same origin), how answers are shaped (JSON for scripts, an
// Arabic page otherwise), and how addresses are kept (hashed, never raw).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/request_checks.hpp"
#include "http/response.hpp"
#include "render/renderer.hpp"
#include "site/signed_token.hpp"

namespace jarida::site {

// Forms stay valid this long; revalidated pages may keep an older token.
inline constexpr std::chrono::hours kFormTokenMaxAge{48};

bool wants_json(const http::Request& req);
using http::cookie_value;  // http/request_checks.hpp
using http::same_origin;
// Keyed hash (hex) of an IP or an email address for rate limits.
std::string hash_ip(const SiteKey& key, std::string_view value);
// One exit for refused form posts.
void refuse_form(const render::Renderer& renderer, bool json, int status,
                 const std::vector<std::string>& messages, http::Response& res);

}  // namespace jarida::site
