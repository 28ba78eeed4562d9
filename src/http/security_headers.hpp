// Headers every response of the site and the newsroom carries
// (ARCHITECTURE.md "Security model").
#pragma once

namespace jarida::http {

// No inline scripts or styles anywhere; pages can't be framed.
inline constexpr const char* kSecurityHeaders =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: https:; font-src 'self'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; object-src 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: strict-origin-when-cross-origin\r\n"
    "X-Frame-Options: DENY\r\n"
    "Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\r\n";

}  // namespace jarida::http
