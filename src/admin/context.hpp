// What a newsroom handler is given: the request, its route parameters and
// parsed form, the signed-in user (when the route needs one) and the
// response to fill. Internal to admin/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "admin/form_text.hpp"
#include "admin/html.hpp"
#include "admin/newsroom.hpp"

namespace jarida::admin {

struct Newsroom::Ctx {
  const http::Request& req;
  const http::Params& params;
  http::Response& res;
  std::optional<store::SignedInUser> user;
  std::string session_token;                              // the raw cookie value, when signed in
  std::string csrf;                                       // this session's CSRF token
  std::vector<std::pair<std::string, std::string>> form;  // urlencoded POST body

  // The first value of a form field, or "".
  std::string field(std::string_view name) const {
    for (const auto& [k, v] : form)
      if (k == name) return v;
    return {};
  }
  std::vector<std::string> fields(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : form)
      if (k == name) out.push_back(v);
    return out;
  }
  std::string query(std::string_view name) const { return http::query_param(req.query, name); }
  core::Id user_id() const { return user ? user->account.author.id : 0; }
  core::Role role() const { return user ? user->account.author.role : core::Role::author; }
  bool is_editor() const { return user && role() != core::Role::author; }
};

// One row of the route table.
struct Newsroom::Route {
  http::Method method;
  http::PathPattern pattern;
  const char* name;
  Handler handler;
  Need need;
  bool csrf;                   // POST needs this session's CSRF token (and same origin)
  bool json = false;           // answers JSON
  std::size_t body_limit = 0;  // 0: http::limits::kMaxBodyBytes
};

// The count of `status` in a store's status counts (0 when absent).
inline std::int64_t count_of(const std::vector<store::StatusCount>& counts,
                             std::string_view status) {
  for (const auto& c : counts)
    if (c.status == status) return c.count;
  return 0;
}

// Arabic names shown in the newsroom.
std::string_view role_name(core::Role r);
std::string_view status_name(core::ArticleStatus s);
std::string_view comment_status_name(core::CommentStatus s);

}  // namespace jarida::admin
