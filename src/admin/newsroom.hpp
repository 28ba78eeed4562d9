// The newsroom: everything under /admin/ (issue 6), in Arabic, right to
// left. One route table (STYLE.md 3) names for every route the role it
// needs and whether it takes a CSRF token; Newsroom::handle enforces both
// in one place before any handler runs, and tests/admin/route_table_test.cpp
// walks the table to prove it. Handlers are split by subject:
// sign_in.cpp, account.cpp, articles.cpp, editor.cpp, comments.cpp,
// users.cpp, media_library.cpp, dashboard.cpp; layout.cpp draws the pages.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "admin/session_tokens.hpp"
#include "admin/sign_in_throttle.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "render/live_renderer.hpp"
#include "store/store.hpp"

namespace jarida::admin {

// Who may use a route. Roles are ordered: an admin may do what an editor
// may, an editor what an author may.
enum class Need { anyone, author, editor, admin };

struct NewsroomOptions {
  Key key{};                        // signs CSRF tokens (DATA_DIR/secret.key)
  std::filesystem::path media_dir;  // DATA_DIR/media: uploads are written here
  std::int64_t per_page = 20;
  std::chrono::hours session_lifetime{24 * 14};  // since the last request
  // After a write readers can see: where the changed articles were and are
  // now (the site drops exactly those cached pages), and content_version()
  // around the write. Unset: nothing to tell (tests).
  std::function<void(const std::vector<store::ArticlePlace>&, std::uint64_t, std::uint64_t)>
      on_articles_changed;
  // After any other change readers see (comments, accounts): the site
  // drops its cached pages.
  std::function<void()> on_content_changed;
  // Saves and applies the settings page's TOML text (same sections and keys
  // as jarida.toml); returns "" when applied, else the reason. Unset: the
  // settings page can't save (tests).
  std::function<std::string(const std::string&)> apply_settings;
};

class Newsroom {
 public:
  Newsroom(store::Store& store, const render::LiveRenderer& renderer, NewsroomOptions options);
  ~Newsroom();

  static bool owns(std::string_view path) {
    return path == "/admin" || path.starts_with("/admin/");
  }

  void handle(const http::Request& req, http::Response& res);
  // The body limit of the route a request is for (uploads: 20 MiB).
  std::size_t body_limit(http::Method method, std::string_view target) const;
  // Once a second: publishes scheduled articles whose time has come.
  void tick();

  // The route table as data, for tests and `jarida routes`.
  struct RouteInfo {
    http::Method method;
    std::string pattern;
    std::string name;
    Need need;
    bool csrf;
    bool json;  // answers JSON (a signed-out request gets 401, not a redirect)
  };
  std::vector<RouteInfo> route_table() const;

  struct Ctx;
  struct Route;

 private:
  using Handler = void (Newsroom::*)(Ctx&);

  bool authorize(const Route& route, Ctx& ctx);
  void deny(Ctx& ctx, int status, const std::string& message);

  // sign_in.cpp
  void sign_in_form(Ctx& ctx);
  void sign_in(Ctx& ctx);
  void sign_out(Ctx& ctx);
  void render_sign_in(Ctx& ctx, int status, const std::string& error, std::string_view login);
  // account.cpp
  void account_page(Ctx& ctx);
  void change_password(Ctx& ctx);
  void end_session(Ctx& ctx);
  void end_other_sessions(Ctx& ctx);
  // dashboard.cpp
  void dashboard(Ctx& ctx);
  // articles.cpp
  void article_list(Ctx& ctx);
  void trash_article(Ctx& ctx);
  void restore_article(Ctx& ctx);
  // editor.cpp
  void new_article_form(Ctx& ctx);
  void edit_article_form(Ctx& ctx);
  void update_article(Ctx& ctx);  // also creates (no {id} in the route)
  void autosave(Ctx& ctx);        // also of a new article
  void preview(Ctx& ctx);
  void revisions_page(Ctx& ctx);
  void restore_revision(Ctx& ctx);
  // comments.cpp
  void comment_queue(Ctx& ctx);
  void moderate_comments(Ctx& ctx);
  void reply_to_comment(Ctx& ctx);
  // users.cpp
  void user_list(Ctx& ctx);
  void add_user(Ctx& ctx);
  void update_user(Ctx& ctx);
  void render_users(Ctx& ctx, std::string_view new_password);
  // pages.cpp: the site's pages (About, Contact...) with the same editor
  void page_list(Ctx& ctx);
  void new_page_form(Ctx& ctx);
  void edit_page_form(Ctx& ctx);
  void update_page(Ctx& ctx);  // also creates (no {id} in the route)
  // taxonomy.cpp: categories (nested) and tags
  void category_list(Ctx& ctx);
  void save_category(Ctx& ctx);
  void delete_category(Ctx& ctx);
  void tag_list(Ctx& ctx);
  void save_tag(Ctx& ctx);
  void delete_tag(Ctx& ctx);
  // settings.cpp
  void settings_page(Ctx& ctx);
  void save_settings(Ctx& ctx);
  void send_test_mail(Ctx& ctx);
  void render_settings(Ctx& ctx, const std::vector<std::string>& errors,
                       std::string_view mail_result);
  // media_library.cpp
  void media_page(Ctx& ctx);
  void media_json(Ctx& ctx);
  void upload_media(Ctx& ctx);
  void update_media(Ctx& ctx);

  // layout.cpp
  std::string page_start(const Ctx& ctx, std::string_view title, std::string_view nav_current,
                         bool editor_script = false);
  std::string page_end();
  void send_page(Ctx& ctx, int status, std::string html);
  void send_json(Ctx& ctx, int status, std::string json);
  void json_error(Ctx& ctx, int status, std::string_view message);
  void redirect(Ctx& ctx, std::string_view location);  // 303 See Other
  void flash_redirect(Ctx& ctx, std::string_view location, std::string_view notice);
  std::string notice_html(const Ctx& ctx);  // the ?notice= message of a redirect
  std::string csrf_field(const Ctx& ctx);

  // Shared rules (editor.cpp)
  bool may_edit(const Ctx& ctx, const store::EditableArticle& a) const;
  bool may_publish(const Ctx& ctx) const;
  void announce(const std::optional<store::SaveResult>& r);

  store::Store& store_;
  const render::Renderer& renderer() const { return live_.current(); }
  const render::LiveRenderer& live_;
  NewsroomOptions options_;
  SignInThrottle throttle_;
  std::vector<Route> routes_;
  std::chrono::steady_clock::time_point next_purge_{};  // tick() only
};

}  // namespace jarida::admin
