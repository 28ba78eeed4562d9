// Checks on a request that every form handler needs, whatever it serves:
// who sent it (same origin) and what cookies it carries. Tested in
// tests/http/request_checks_test.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace jarida::http {

// A foreign page must not post in a user's name (CSRF): Sec-Fetch-Site
// and Origin (or Referer), when the browser sends them, must name this
// site: the base URL's origin, or this request's Host under its scheme.
bool same_origin(const Request& req, std::string_view base_url);

// The value of cookie `name` in a Cookie header, or "".
std::string cookie_value(std::string_view cookies, std::string_view name);

// An application/x-www-form-urlencoded body (or query) as decoded pairs,
// in order; a name may repeat ("ids=1&ids=2"). Malformed pairs are skipped.
std::vector<std::pair<std::string, std::string>> form_fields(std::string_view body);

}  // namespace jarida::http
