// The signed-in person's own account: password change and the list of
// their sessions (where they are signed in), each of which can be ended.
#include "admin/context.hpp"
#include "admin/passwords.hpp"
#include "text/dates.hpp"

namespace jarida::admin {
namespace {

// Long enough that guessing through the throttle is hopeless; no other
// rules (NIST SP 800-63B: length, not character classes).
constexpr std::size_t kMinPassword = 10;

std::string when(core::TimePoint t) {
  return text::iso8601(t).substr(0, 16);
}

}  // namespace

void Newsroom::account_page(Ctx& ctx) {
  const auto& me = ctx.user->account;
  std::string h = page_start(ctx, "حسابي", "account");
  h += "<h1>حسابي</h1>";
  h += "<p>" + esc(me.author.display_name) + " · <span dir=\"ltr\">" + esc(me.author.login) +
       "</span> · " + std::string(role_name(me.author.role)) + "</p>";
  const std::string error = ctx.query("error");
  if (error == "password")
    h += "<div class=\"notice notice-error\" role=\"alert\">كلمة المرور الحالية غير صحيحة.</div>";
  else if (error == "short")
    h += "<div class=\"notice notice-error\" role=\"alert\">كلمة المرور الجديدة قصيرة: 10 أحرف "
         "على الأقل.</div>";
  else if (error == "mismatch")
    h += "<div class=\"notice notice-error\" role=\"alert\">كلمتا المرور الجديدتان غير "
         "متطابقتين.</div>";
  h += "<section><h2>تغيير كلمة المرور</h2>";
  h += "<form class=\"admin-form\" method=\"post\" action=\"/admin/account/password\">" +
       csrf_field(ctx);
  h += "<div class=\"field\"><label for=\"current\">كلمة المرور الحالية</label><input "
       "id=\"current\" name=\"current\" type=\"password\" autocomplete=\"current-password\" "
       "required></div>";
  h += "<div class=\"field-row\"><div class=\"field\"><label for=\"new\">كلمة المرور "
       "الجديدة</label><input id=\"new\" name=\"new\" type=\"password\" "
       "autocomplete=\"new-password\" minlength=\"10\" required><p class=\"hint\">10 أحرف على "
       "الأقل.</p></div>";
  h += "<div class=\"field\"><label for=\"again\">أعد كتابتها</label><input id=\"again\" "
       "name=\"again\" type=\"password\" autocomplete=\"new-password\" minlength=\"10\" "
       "required></div></div>";
  h += "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">غيّر كلمة "
       "المرور</button></div></form></section>";

  h += "<section><h2>الجلسات المفتوحة</h2><div class=\"table-wrap\"><table "
       "class=\"admin-table\"><thead><tr><th>المتصفح</th><th>العنوان</th><th>بدأت</th><th>آخر "
       "نشاط</th><th></th></tr></thead><tbody>";
  const auto mine = hash_session_token(ctx.session_token);
  for (const auto& s : store_.sessions_of(me.author.id, core::now_seconds())) {
    const bool current = mine && *mine == s.token_hash;
    h += "<tr><td dir=\"auto\">" + esc(s.user_agent.empty() ? "—" : s.user_agent) +
         "</td><td dir=\"ltr\">" + esc(s.ip) + "</td><td dir=\"ltr\">" + when(s.created_at) +
         "</td><td dir=\"ltr\">" + when(s.last_seen_at) + "</td><td>";
    if (current) {
      h += "<span class=\"muted\">هذه الجلسة</span>";
    } else {
      h += "<form class=\"inline-form\" method=\"post\" action=\"/admin/account/sessions/end\">" +
           csrf_field(ctx) + "<input type=\"hidden\" name=\"session\" value=\"" +
           to_hex(s.token_hash) +
           "\"><button class=\"btn btn-danger\" type=\"submit\">أنهِ "
           "الجلسة</button></form>";
    }
    h += "</td></tr>";
  }
  h += "</tbody></table></div>";
  h +=
      "<form class=\"inline-form\" method=\"post\" action=\"/admin/account/sessions/end-others\">" +
      csrf_field(ctx) +
      "<button class=\"btn\" type=\"submit\">أنهِ كل الجلسات الأخرى</button>"
      "</form></section>";
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::change_password(Ctx& ctx) {
  const std::string current = ctx.field("current");
  const std::string fresh = ctx.field("new");
  if (fresh != ctx.field("again")) return redirect(ctx, "/admin/account?error=mismatch");
  if (fresh.size() < kMinPassword || fresh.size() > 1024)
    return redirect(ctx, "/admin/account?error=short");
  // Two argon2id computations: off the serving threads.
  ctx.res.offload = [this, current, fresh, id = ctx.user_id(), token = ctx.session_token,
                     req = &ctx.req](http::Response& res) {
    http::Params none;
    Ctx c{*req, none, res, std::nullopt, {}, {}, {}};
    const auto account = store_.account_by_id(id);
    if (!account || !verify_password(account->password_hash, current))
      return redirect(c, "/admin/account?error=password");
    store_.set_account_password(id, hash_password(fresh));
    store_.end_sessions_of(id, hash_session_token(token));
    flash_redirect(c, "/admin/account", "password_changed");
  };
}

void Newsroom::end_session(Ctx& ctx) {
  if (auto h = from_hex(ctx.field("session"))) store_.end_session(ctx.user_id(), *h);
  flash_redirect(ctx, "/admin/account", "session_ended");
}

void Newsroom::end_other_sessions(Ctx& ctx) {
  store_.end_sessions_of(ctx.user_id(), hash_session_token(ctx.session_token));
  flash_redirect(ctx, "/admin/account", "sessions_ended");
}

}  // namespace jarida::admin
