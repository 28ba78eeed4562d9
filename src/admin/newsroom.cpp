#include "admin/newsroom.hpp"

#include <charconv>
#include <iostream>

#include "admin/context.hpp"
#include "http/limits.hpp"
#include "http/request_checks.hpp"

namespace jarida::admin {
namespace {

// An upload's body: the 20 MiB image limit of media/ plus room for nothing
// else (the bytes come raw, not as multipart).
constexpr std::size_t kUploadBodyBytes = 20u << 20;
// The editor posts whole articles; a long investigation with tables is
// well under 2 MiB of HTML.
constexpr std::size_t kArticleBodyBytes = 4u << 20;

// Sessions are touched at most this often, so browsing costs no writes.
constexpr std::chrono::minutes kTouchEvery{5};

int rank(core::Role r) {
  switch (r) {
    case core::Role::admin:
      return 3;
    case core::Role::editor:
      return 2;
    case core::Role::author:
      return 1;
  }
  return 0;
}

int rank(Need n) {
  return static_cast<int>(n);
}

}  // namespace

std::string_view role_name(core::Role r) {
  switch (r) {
    case core::Role::admin:
      return "مدير";
    case core::Role::editor:
      return "محرر";
    case core::Role::author:
      return "كاتب";
  }
  return "";
}

std::string_view status_name(core::ArticleStatus s) {
  switch (s) {
    case core::ArticleStatus::draft:
      return "مسودة";
    case core::ArticleStatus::pending:
      return "بانتظار المراجعة";
    case core::ArticleStatus::scheduled:
      return "مجدول";
    case core::ArticleStatus::published:
      return "منشور";
    case core::ArticleStatus::private_:
      return "خاص";
    case core::ArticleStatus::trash:
      return "في سلة المحذوفات";
  }
  return "";
}

std::string_view comment_status_name(core::CommentStatus s) {
  switch (s) {
    case core::CommentStatus::pending:
      return "بانتظار المراجعة";
    case core::CommentStatus::approved:
      return "منشور";
    case core::CommentStatus::spam:
      return "مزعج";
    case core::CommentStatus::trash:
      return "محذوف";
  }
  return "";
}

Newsroom::Newsroom(store::Store& store, const render::LiveRenderer& renderer,
                   NewsroomOptions options)
    : store_(store), live_(renderer), options_(std::move(options)) {
  using M = http::Method;
  auto r = [](M m, const char* pattern, const char* name, Handler h, Need need, bool csrf,
              bool json = false, std::size_t body_limit = 0) {
    return Route{m, http::PathPattern(pattern), name, h, need, csrf, json, body_limit};
  };
  const bool csrf = true, no_csrf = false, json = true;
  // Method, path, name, handler, who, CSRF, JSON, body limit: the whole
  // newsroom's access rules on one screen.
  routes_ = {
      r(M::get, "/admin/signin", "sign_in_form", &Newsroom::sign_in_form, Need::anyone, no_csrf),
      r(M::post, "/admin/signin", "sign_in", &Newsroom::sign_in, Need::anyone, csrf),
      r(M::post, "/admin/signout", "sign_out", &Newsroom::sign_out, Need::author, csrf),
      r(M::get, "/admin/", "dashboard", &Newsroom::dashboard, Need::author, no_csrf),
      r(M::get, "/admin/account", "account", &Newsroom::account_page, Need::author, no_csrf),
      r(M::post, "/admin/account/password", "change_password", &Newsroom::change_password,
        Need::author, csrf),
      r(M::post, "/admin/account/sessions/end", "end_session", &Newsroom::end_session, Need::author,
        csrf),
      r(M::post, "/admin/account/sessions/end-others", "end_other_sessions",
        &Newsroom::end_other_sessions, Need::author, csrf),
      r(M::get, "/admin/articles", "articles", &Newsroom::article_list, Need::author, no_csrf),
      r(M::get, "/admin/articles/new", "new_article", &Newsroom::new_article_form, Need::author,
        no_csrf),
      r(M::post, "/admin/articles/new", "create_article", &Newsroom::update_article, Need::author,
        csrf, false, kArticleBodyBytes),
      r(M::post, "/admin/articles/new/autosave", "autosave_new", &Newsroom::autosave, Need::author,
        csrf, json, kArticleBodyBytes),
      r(M::get, "/admin/articles/{id:int}/edit", "edit_article", &Newsroom::edit_article_form,
        Need::author, no_csrf),
      r(M::post, "/admin/articles/{id:int}/edit", "update_article", &Newsroom::update_article,
        Need::author, csrf, false, kArticleBodyBytes),
      r(M::post, "/admin/articles/{id:int}/autosave", "autosave", &Newsroom::autosave, Need::author,
        csrf, json, kArticleBodyBytes),
      r(M::get, "/admin/articles/{id:int}/preview", "preview", &Newsroom::preview, Need::author,
        no_csrf),
      r(M::get, "/admin/articles/{id:int}/revisions", "revisions", &Newsroom::revisions_page,
        Need::author, no_csrf),
      r(M::post, "/admin/articles/{id:int}/revisions/{rev:int}/restore", "restore_revision",
        &Newsroom::restore_revision, Need::author, csrf),
      r(M::post, "/admin/articles/{id:int}/trash", "trash_article", &Newsroom::trash_article,
        Need::author, csrf),
      r(M::post, "/admin/articles/{id:int}/restore", "restore_article", &Newsroom::restore_article,
        Need::author, csrf),
      r(M::get, "/admin/comments", "comments", &Newsroom::comment_queue, Need::editor, no_csrf),
      r(M::post, "/admin/comments", "moderate_comments", &Newsroom::moderate_comments, Need::editor,
        csrf),
      r(M::post, "/admin/comments/{id:int}/reply", "reply_to_comment", &Newsroom::reply_to_comment,
        Need::editor, csrf),
      r(M::get, "/admin/pages", "pages", &Newsroom::page_list, Need::editor, no_csrf),
      r(M::get, "/admin/pages/new", "new_page", &Newsroom::new_page_form, Need::editor, no_csrf),
      r(M::post, "/admin/pages/new", "create_page", &Newsroom::update_page, Need::editor, csrf,
        false, kArticleBodyBytes),
      r(M::get, "/admin/pages/{id:int}/edit", "edit_page", &Newsroom::edit_page_form, Need::editor,
        no_csrf),
      r(M::post, "/admin/pages/{id:int}/edit", "update_page", &Newsroom::update_page, Need::editor,
        csrf, false, kArticleBodyBytes),
      r(M::get, "/admin/categories", "categories", &Newsroom::category_list, Need::editor, no_csrf),
      r(M::post, "/admin/categories", "save_category", &Newsroom::save_category, Need::editor,
        csrf),
      r(M::post, "/admin/categories/{id:int}/delete", "delete_category", &Newsroom::delete_category,
        Need::editor, csrf),
      r(M::get, "/admin/tags", "tags", &Newsroom::tag_list, Need::editor, no_csrf),
      r(M::post, "/admin/tags", "save_tag", &Newsroom::save_tag, Need::editor, csrf),
      r(M::post, "/admin/tags/{id:int}/delete", "delete_tag", &Newsroom::delete_tag, Need::editor,
        csrf),
      r(M::get, "/admin/settings", "settings", &Newsroom::settings_page, Need::admin, no_csrf),
      r(M::post, "/admin/settings", "save_settings", &Newsroom::save_settings, Need::admin, csrf),
      r(M::post, "/admin/settings/test-mail", "send_test_mail", &Newsroom::send_test_mail,
        Need::admin, csrf),
      r(M::get, "/admin/users", "users", &Newsroom::user_list, Need::admin, no_csrf),
      r(M::post, "/admin/users", "add_user", &Newsroom::add_user, Need::admin, csrf),
      r(M::post, "/admin/users/{id:int}", "update_user", &Newsroom::update_user, Need::admin, csrf),
      r(M::get, "/admin/media", "media", &Newsroom::media_page, Need::author, no_csrf),
      r(M::get, "/admin/media.json", "media_json", &Newsroom::media_json, Need::author, no_csrf,
        json),
      r(M::post, "/admin/media/upload", "upload_media", &Newsroom::upload_media, Need::author, csrf,
        json, kUploadBodyBytes),
      r(M::post, "/admin/media/{id:int}", "update_media", &Newsroom::update_media, Need::author,
        csrf),
  };
}

Newsroom::~Newsroom() = default;

std::vector<Newsroom::RouteInfo> Newsroom::route_table() const {
  std::vector<RouteInfo> out;
  for (const auto& r : routes_)
    out.push_back({r.method, r.pattern.text(), r.name, r.need, r.csrf, r.json});
  return out;
}

std::size_t Newsroom::body_limit(http::Method method, std::string_view target) const {
  std::string_view path = target.substr(0, target.find('?'));
  http::Params params;
  const Route* route = http::find_route(routes_, method, std::string(path), params);
  return route && route->body_limit ? route->body_limit : http::limits::kMaxBodyBytes;
}

void Newsroom::handle(const http::Request& req, http::Response& res) {
  if (req.path == "/admin") {
    res.status = 301;
    res.add_header("Location", "/admin/");
    return;
  }
  http::Params params;
  Ctx ctx{req, params, res, std::nullopt, {}, {}, {}};
  const Route* route = http::find_route(routes_, req.method, req.path, params);
  if (!route) {
    const bool other_method = http::find_route(routes_, http::Method::get, req.path, params) ||
                              http::find_route(routes_, http::Method::post, req.path, params);
    return deny(ctx, other_method ? 405 : 404,
                other_method ? "هذه الطريقة غير مسموحة على هذا الرابط."
                             : "لا توجد صفحة بهذا العنوان في غرفة الأخبار.");
  }
  if (req.method == http::Method::post &&
      req.header("Content-Type").starts_with("application/x-www-form-urlencoded"))
    ctx.form = http::form_fields(req.body);
  if (!authorize(*route, ctx)) return;
  (this->*route->handler)(ctx);
}

// The one place where access is decided: session, role, CSRF.
bool Newsroom::authorize(const Route& route, Ctx& ctx) {
  const auto& req = ctx.req;
  const auto now = core::now_seconds();
  ctx.session_token = http::cookie_value(req.header("Cookie"), kSessionCookie);
  if (!ctx.session_token.empty()) {
    if (auto hash = hash_session_token(ctx.session_token)) {
      ctx.user = store_.session_user(*hash, now);
      if (ctx.user) {
        ctx.csrf = csrf_token(options_.key, "session", ctx.session_token);
        if (now - ctx.user->session.last_seen_at >= kTouchEvery)
          store_.touch_session(*hash, now, now + options_.session_lifetime);
      }
    }
  }
  if (route.need == Need::anyone) return true;  // sign-in checks its own form token
  if (!ctx.user) {
    if (route.json) {
      json_error(ctx, 401, "انتهت جلستك. سجّل الدخول من جديد ثم أعد المحاولة.");
      return false;
    }
    std::string next;
    if (req.method == http::Method::get) next = std::string(req.target);
    redirect(ctx, "/admin/signin" + query_string({{"next", next}}));
    return false;
  }
  if (rank(ctx.user->account.author.role) < rank(route.need)) {
    deny(ctx, 403, "ليست لديك صلاحية لهذه الصفحة.");
    return false;
  }
  if (route.csrf && req.method == http::Method::post) {
    std::string token = ctx.field("csrf");
    if (token.empty()) token = std::string(req.header("X-CSRF-Token"));
    const auto& base_url = renderer().settings().base_url;
    if (!check_csrf_token(options_.key, "session", ctx.session_token, token) ||
        !http::same_origin(req, base_url)) {
      deny(ctx, 403,
           "انتهت صلاحية النموذج أو أُرسل من صفحة أخرى. أعد تحميل الصفحة ثم حاول مرة أخرى.");
      return false;
    }
  }
  return true;
}

void Newsroom::deny(Ctx& ctx, int status, const std::string& message) {
  const Route* route = nullptr;
  http::Params p;
  route = http::find_route(routes_, ctx.req.method, ctx.req.path, p);
  if (route && route->json) return json_error(ctx, status, message);
  std::string html = page_start(ctx, status == 404 ? "غير موجود" : "تعذّر الطلب", "");
  html += "<h1>" + esc(status == 404 ? "غير موجود" : "تعذّر الطلب") + "</h1>";
  html += "<div class=\"notice notice-error\" role=\"alert\">" + esc(message) + "</div>";
  html += "<p><a href=\"/admin/\">العودة إلى الرئيسية</a></p>";
  html += page_end();
  send_page(ctx, status, std::move(html));
}

void Newsroom::tick() {
  // Expired sessions are refused anyway; this only keeps the table small.
  const auto now = std::chrono::steady_clock::now();
  if (now >= next_purge_) {
    next_purge_ = now + std::chrono::hours(1);
    try {
      store_.purge_expired_sessions(core::now_seconds());
    } catch (const std::exception& e) {
      std::cerr << "jarida: purging expired sessions failed: " << e.what() << "\n";
    }
  }
  try {
    const auto before = store_.content_version();
    auto places = store_.publish_due(core::now_seconds());
    if (!places.empty()) {
      std::cout << "jarida: published " << places.size() << " scheduled article(s)" << std::endl;
      if (options_.on_articles_changed)
        options_.on_articles_changed(places, before, store_.content_version());
    }
  } catch (const std::exception& e) {
    std::cerr << "jarida: publishing scheduled articles failed (will retry): " << e.what() << "\n";
  }
}

}  // namespace jarida::admin
