#include "http/router.hpp"

#include <stdexcept>

namespace jarida::http {

std::int64_t Params::get_int(std::string_view name) const {
  std::int64_t v = 0;
  for (char c : get(name)) v = v * 10 + (c - '0');
  return v;
}

PathPattern::PathPattern(std::string_view pattern) : text_(pattern) {
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("route pattern must start with '/': " + text_);
  trailing_slash_ = pattern.size() > 1 && pattern.back() == '/';
  std::string_view body = pattern.substr(1);
  if (trailing_slash_) body.remove_suffix(1);
  while (!body.empty()) {
    const auto end = body.find('/');
    const std::string_view seg = body.substr(0, end);
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      std::string_view name = seg.substr(1, seg.size() - 2);
      Kind kind = Kind::param;
      if (name.ends_with(":int")) {
        kind = Kind::int_param;
        name.remove_suffix(4);
      } else if (name.ends_with("*")) {
        kind = Kind::rest;
        name.remove_suffix(1);
        if (end != std::string_view::npos)
          throw std::invalid_argument("{name*} must be last: " + text_);
      }
      segments_.push_back({kind, std::string(name)});
    } else {
      segments_.push_back({Kind::literal, std::string(seg)});
    }
    if (end == std::string_view::npos) break;
    body.remove_prefix(end + 1);
  }
}

bool PathPattern::match(std::string_view path, Params& params) const {
  if (path.empty() || path.front() != '/') return false;
  std::string_view rest = path.substr(1);
  for (const Segment& seg : segments_) {
    if (seg.kind == Kind::rest) {
      if (rest.empty() || params.size == Params::kMax) return false;
      params.items[params.size++] = {seg.text, rest};
      return true;
    }
    const auto end = rest.find('/');
    const std::string_view part = rest.substr(0, end);
    switch (seg.kind) {
      case Kind::literal:
        if (part != seg.text) return false;
        break;
      case Kind::int_param:
        if (part.empty() || part.size() > 9) return false;
        for (char c : part)
          if (c < '0' || c > '9') return false;
        [[fallthrough]];
      case Kind::param:
        if (part.empty() || params.size == Params::kMax) return false;
        params.items[params.size++] = {seg.text, part};
        break;
      case Kind::rest:
        break;
    }
    if (end == std::string_view::npos) {
      rest = {};
      // Path ended without a trailing slash.
      return &seg == &segments_.back() && !trailing_slash_;
    }
    rest.remove_prefix(end + 1);
  }
  // All segments consumed; what is left must be nothing, and a trailing
  // slash is required exactly when the pattern has one.
  if (segments_.empty()) return rest.empty() && path == "/";
  return rest.empty() && trailing_slash_;
}

}  // namespace jarida::http
