// Path matching for a route table (STYLE.md 3: routes are data). The table
// itself, with each route's policies, lives with the handlers (site/); this
// is only the matcher. Patterns are written as paths:
//   "/{yyyy:int}/{mm:int}/{slug}/"   "/category/{slug}/page/{n:int}/"
//   "/static/{file*}"  (the rest of the path, may contain '/')
// A segment pattern {name} matches one non-empty decoded segment; {name:int}
// only ASCII digits (at most 9). Tested in tests/http/router_test.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace jarida::http {

struct Params {
  static constexpr std::size_t kMax = 6;
  std::array<std::pair<std::string_view, std::string_view>, kMax> items{};
  std::size_t size = 0;

  std::string_view get(std::string_view name) const {
    for (std::size_t i = 0; i < size; ++i)
      if (items[i].first == name) return items[i].second;
    return {};
  }
  // For {x:int} params; 0 if absent.
  std::int64_t get_int(std::string_view name) const;
};

// A compiled pattern.
class PathPattern {
 public:
  explicit PathPattern(std::string_view pattern);  // throws std::invalid_argument
  bool match(std::string_view path, Params& params) const;
  const std::string& text() const { return text_; }

 private:
  enum class Kind : std::uint8_t { literal, param, int_param, rest };
  struct Segment {
    Kind kind;
    std::string text;  // literal text or param name
  };
  std::string text_;
  std::vector<Segment> segments_;
  bool trailing_slash_ = false;
};

// Finds the first route (in table order) whose method and pattern match.
// Route needs members `http::Method method` and `PathPattern pattern`.
template <class Route>
const Route* find_route(const std::vector<Route>& table, Method method, std::string_view path,
                        Params& params) {
  const Method as = method == Method::head ? Method::get : method;  // HEAD is GET without body
  for (const Route& r : table) {
    params.size = 0;
    if (r.method == as && r.pattern.match(path, params)) return &r;
  }
  return nullptr;
}

}  // namespace jarida::http
