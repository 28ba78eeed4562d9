// Sign-in and sign-out (issue 6, "Accounts and security"). One Arabic
// error for every failure, whether or not the login exists; an unknown
// login is checked against a dummy hash so it takes as long as a known
// one. The argon2id check runs on the server's slow-work pool
// (Response::offload, two threads), so a burst of sign-ins waits there and
// never takes the threads that serve readers.
#include "admin/context.hpp"
#include "admin/passwords.hpp"
#include "http/request_checks.hpp"

namespace jarida::admin {
namespace {

constexpr std::string_view kBadCredentials = "اسم الدخول أو كلمة المرور غير صحيحة.";

// Where to go after signing in: only a newsroom path of this site.
std::string safe_next(std::string_view next) {
  if (!next.starts_with("/admin/") || next.find("//") != std::string_view::npos ||
      next.find('\\') != std::string_view::npos || next.starts_with("/admin/signin"))
    return "/admin/";
  return std::string(next);
}

std::string cookie_flags(std::string_view base_url) {
  std::string flags = "; Path=/admin/; HttpOnly; SameSite=Lax";
  if (base_url.starts_with("https://")) flags += "; Secure";
  return flags;
}

std::string wait_message(std::chrono::seconds wait) {
  const auto s = wait.count();
  if (s < 60)
    return "محاولات دخول كثيرة خاطئة. انتظر " + std::to_string(s) + " ثانية ثم حاول مرة أخرى.";
  return "محاولات دخول كثيرة خاطئة. انتظر " + std::to_string((s + 59) / 60) +
         " دقيقة ثم حاول مرة أخرى.";
}

}  // namespace

void Newsroom::render_sign_in(Ctx& ctx, int status, const std::string& error,
                              std::string_view login) {
  // The form is bound to a random pre-session cookie (login CSRF).
  std::string pre = http::cookie_value(ctx.req.header("Cookie"), kSignInCookie);
  if (pre.size() != 43) pre = new_session_token();
  const auto& settings = renderer().settings();
  std::string h = page_start(ctx, "تسجيل الدخول", "");
  h = h.substr(0, h.rfind("<body class=\"admin\">")) +
      "<body class=\"admin admin-signin\"><main class=\"signin-box\">";
  h += "<h1>غرفة الأخبار · " + esc(settings.site_name) + "</h1>";
  if (!error.empty())
    h += "<div class=\"notice notice-error\" role=\"alert\">" + esc(error) + "</div>";
  h += "<form class=\"admin-form\" method=\"post\" action=\"/admin/signin\">";
  h += "<input type=\"hidden\" name=\"csrf\" value=\"" +
       esc(csrf_token(options_.key, "signin", pre)) + "\">";
  std::string next = ctx.query("next");
  if (next.empty()) next = ctx.field("next");
  h += "<input type=\"hidden\" name=\"next\" value=\"" + esc(safe_next(next)) + "\">";
  h += "<div class=\"field\"><label for=\"login\">اسم الدخول</label>"
       "<input id=\"login\" name=\"login\" autocomplete=\"username\" dir=\"auto\" required "
       "autofocus value=\"" +
       esc(login) + "\"></div>";
  h += "<div class=\"field\"><label for=\"password\">كلمة المرور</label>"
       "<input id=\"password\" name=\"password\" type=\"password\" "
       "autocomplete=\"current-password\" required></div>";
  h += "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">دخول</button>"
       "</div></form>";
  h += "<p class=\"muted\">نسيت كلمة المرور؟ يستطيع مدير الموقع تعيين كلمة جديدة لك.</p>";
  h += page_end();
  send_page(ctx, status, std::move(h));
  ctx.res.add_header("Set-Cookie", std::string(kSignInCookie) + "=" + pre +
                                       cookie_flags(settings.base_url) + "; Max-Age=3600");
}

void Newsroom::sign_in_form(Ctx& ctx) {
  if (ctx.user) return redirect(ctx, safe_next(ctx.query("next")));
  render_sign_in(ctx, 200, "", "");
}

void Newsroom::sign_in(Ctx& ctx) {
  const std::string pre = http::cookie_value(ctx.req.header("Cookie"), kSignInCookie);
  if (!check_csrf_token(options_.key, "signin", pre, ctx.field("csrf")) ||
      !http::same_origin(ctx.req, renderer().settings().base_url))
    return deny(ctx, 403,
                "انتهت صلاحية صفحة الدخول أو أُرسلت من موقع آخر. أعد تحميلها ثم حاول مرة أخرى.");
  const std::string login = ctx.field("login");
  const std::string password = ctx.field("password");
  const std::string ip(ctx.req.remote_ip);
  const auto now = SignInThrottle::Clock::now();
  if (const auto wait = throttle_.wait(login, ip, now); wait.count() > 0) {
    render_sign_in(ctx, 429, wait_message(wait), login);
    ctx.res.add_header("Retry-After", std::to_string(wait.count()));
    return;
  }
  throttle_.failed(login, ip, now);  // until the hash says otherwise
  if (login.empty() || password.empty() || login.size() > 200 || password.size() > 1024)
    return render_sign_in(ctx, 401, std::string(kBadCredentials), login);

  // The hash check (and what follows) runs on the slow-work pool; the
  // request and this Ctx's strings stay alive until the response is sent.
  ctx.res.offload = [this, login, password, ip, next = safe_next(ctx.field("next")),
                     user_agent = std::string(ctx.req.header("User-Agent")), req = &ctx.req,
                     form = ctx.form](http::Response& res) {
    http::Params none;
    Ctx c{*req, none, res, std::nullopt, {}, {}, form};
    const auto account = store_.account_by_login(login);
    const bool usable = account && !account->disabled && !account->password_hash.empty();
    const bool ok =
        verify_password(usable ? account->password_hash : kDummyPasswordHash, password) && usable;
    if (!ok) return render_sign_in(c, 401, std::string(kBadCredentials), login);
    throttle_.succeeded(login, ip);
    const std::string token = new_session_token();
    const auto now = core::now_seconds();
    store::NewSession s;
    s.token_hash = *hash_session_token(token);
    s.user_id = account->author.id;
    s.created_at = now;
    s.expires_at = now + options_.session_lifetime;
    s.user_agent = user_agent;
    s.ip = ip;
    store_.create_session(s);
    redirect(c, next);
    const auto flags = cookie_flags(renderer().settings().base_url);
    res.add_header("Set-Cookie", std::string(kSessionCookie) + "=" + token + flags);
    res.add_header("Set-Cookie", std::string(kSignInCookie) + "=" + flags + "; Max-Age=0");
  };
}

void Newsroom::sign_out(Ctx& ctx) {
  if (auto hash = hash_session_token(ctx.session_token)) store_.end_session(ctx.user_id(), *hash);
  redirect(ctx, "/admin/signin");
  ctx.res.add_header("Set-Cookie", std::string(kSessionCookie) + "=" +
                                       cookie_flags(renderer().settings().base_url) +
                                       "; Max-Age=0");
}

}  // namespace jarida::admin
