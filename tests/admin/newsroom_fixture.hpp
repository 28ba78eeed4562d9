// A newsroom on a temporary SQLite database, with one account per role,
// each signed in, and requests built in memory (no sockets): what the
// route-table and handler tests share.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "admin/newsroom.hpp"
#include "admin/passwords.hpp"
#include "admin/session_tokens.hpp"
#include "http/target.hpp"
#include "render/live_renderer.hpp"
#include "store/store.hpp"
#include "store/store_fixture.hpp"

namespace jarida_admin_test {

namespace fs = std::filesystem;
namespace admin = jarida::admin;
namespace core = jarida::core;
namespace http = jarida::http;
namespace store = jarida::store;
namespace render = jarida::render;

using jarida_store_test::TempDir;  // a fresh directory, removed at the end

// A request as the server would hand it over, with its own storage.
struct FakeRequest {
  std::string method_text = "GET";
  std::string target;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  http::Request req;

  static std::string_view lookup(const void* fields, std::string_view name) {
    const auto& h = *static_cast<const std::map<std::string, std::string>*>(fields);
    std::string key;
    for (char c : name)
      key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    auto it = h.find(key);
    return it == h.end() ? std::string_view{} : std::string_view(it->second);
  }

  const http::Request& build() {
    req = http::Request{};
    req.method = method_text == "GET"    ? http::Method::get
                 : method_text == "POST" ? http::Method::post
                                         : http::Method::other;
    req.method_text = method_text;
    req.target = target;
    std::string path;
    std::string_view query;
    http::parse_target(req.target, path, query);
    req.path = path;
    req.query = query;
    req.body = body;
    req.remote_ip = "127.0.0.9";
    req.fields_ = &headers;
    req.lookup_ = &lookup;
    return req;
  }
};

struct Answer {
  int status = 0;
  std::string headers;
  std::string body;
  std::string header(std::string_view name) const {
    const std::string key = std::string(name) + ": ";
    auto pos = headers.find(key);
    if (pos == std::string::npos) return {};
    pos += key.size();
    return headers.substr(pos, headers.find("\r\n", pos) - pos);
  }
};

class NewsroomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite_store(dir_.path() / "jarida.db");
    store_->migrate();
    core::SiteSettings settings;
    settings.base_url = "http://127.0.0.1:8080";
    renderer_ = std::make_unique<render::LiveRenderer>(std::make_unique<render::Renderer>(
        settings, fs::path(JARIDA_BINARY_DIR) / "themes" / "default"));
    admin::NewsroomOptions options;
    options.key.fill(7);
    options.media_dir = dir_.path() / "media";
    options.on_articles_changed = [this](const std::vector<store::ArticlePlace>& places,
                                         std::uint64_t, std::uint64_t) {
      for (const auto& p : places) announced_.push_back(p);
    };
    options.on_content_changed = [this] { ++content_changes_; };
    newsroom_ = std::make_unique<admin::Newsroom>(*store_, *renderer_, options);
    key_ = options.key;
    auto batch = store_->begin_write();
    category_ = batch->upsert_category({"local", "محليات", "", std::nullopt});
    batch->commit();
    for (auto role : {core::Role::admin, core::Role::editor, core::Role::author}) {
      const std::string login(core::to_string(role));
      store::NewUser u;
      u.login = login;
      u.slug = "writer-" + login;
      u.display_name = "حساب " + login;
      u.role = role;
      u.password_hash = "";
      ids_[role] = store_->add_account(u, "");
      tokens_[role] = sign_in_directly(ids_[role]);
    }
  }

  std::string sign_in_directly(core::Id user) {
    const std::string token = admin::new_session_token();
    store::NewSession s;
    s.token_hash = *admin::hash_session_token(token);
    s.user_id = user;
    s.created_at = core::now_seconds();
    s.expires_at = s.created_at + std::chrono::hours(1);
    store_->create_session(s);
    return token;
  }

  std::string csrf_of(core::Role role) { return admin::csrf_token(key_, "session", tokens_[role]); }

  // Sends a request; `role` signs it in (nullopt: signed out). Offloaded
  // work runs here, in line.
  Answer send(const std::string& method, const std::string& target, std::optional<core::Role> role,
              std::string body = {}, std::map<std::string, std::string> headers = {}) {
    FakeRequest f;
    f.method_text = method;
    f.target = target;
    f.body = std::move(body);
    f.headers = std::move(headers);
    if (role) f.headers["cookie"] = std::string(admin::kSessionCookie) + "=" + tokens_[*role];
    if (method == "POST" && !f.headers.count("content-type"))
      f.headers["content-type"] = "application/x-www-form-urlencoded";
    http::Response res;
    newsroom_->handle(f.build(), res);
    if (res.offload) {
      auto work = std::move(res.offload);
      res.offload = nullptr;
      work(res);
    }
    return Answer{res.status, res.headers, res.body};
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<render::LiveRenderer> renderer_;
  std::unique_ptr<admin::Newsroom> newsroom_;
  admin::Key key_{};
  core::Id category_ = 0;
  std::map<core::Role, core::Id> ids_;
  std::map<core::Role, std::string> tokens_;
  std::vector<store::ArticlePlace> announced_;  // what the site was told to drop
  int content_changes_ = 0;                     // times the site was told to drop every page
};

// "a=1&b=x y": a form body, values percent-encoded.
inline std::string form(std::initializer_list<std::pair<std::string, std::string>> kv) {
  std::string out;
  for (const auto& [k, v] : kv) {
    if (!out.empty()) out += '&';
    out += k + '=';
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (unsigned char c : v) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
        out.push_back(static_cast<char>(c));
      } else {
        out.push_back('%');
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      }
    }
  }
  return out;
}

}  // namespace jarida_admin_test
