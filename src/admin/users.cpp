// Accounts, for admins: the list, adding one (with a generated password
// shown once), changing a role, disabling (which also signs them out).
#include "admin/context.hpp"
#include "admin/passwords.hpp"
#include "text/slug.hpp"

namespace jarida::admin {

void Newsroom::user_list(Ctx& ctx) {
  render_users(ctx, "");
}

// `new_password`: the generated password of an account just added, shown
// in this one answer only (never in a URL, log or the database).
void Newsroom::render_users(Ctx& ctx, std::string_view new_password) {
  std::string h = page_start(ctx, "المستخدمون", "users");
  h += "<h1>المستخدمون</h1>";
  const std::string error = ctx.query("error");
  if (error == "login")
    h += "<div class=\"notice notice-error\" role=\"alert\">اسم الدخول مستخدم، أو غير صالح "
         "(1–64 حرفًا بلا مسافات ولا شرطات مائلة).</div>";
  if (error == "self")
    h += "<div class=\"notice notice-error\" role=\"alert\">لا يمكنك تعطيل حسابك أو تغيير "
         "دورك.</div>";
  const std::string shown(new_password);
  if (!shown.empty())
    h += "<div class=\"notice notice-ok\" role=\"status\">كلمة مرور الحساب الجديد (تظهر مرة "
         "واحدة، أرسلها إليه بطريقة آمنة): <code dir=\"ltr\">" +
         esc(shown) + "</code></div>";
  h += "<div class=\"table-wrap\"><table class=\"admin-table\"><thead><tr><th>الاسم</th>"
       "<th>اسم الدخول</th><th>الدور</th><th>الحالة</th><th></th></tr></thead><tbody>";
  for (const auto& a : store_.accounts()) {
    const auto& u = a.author;
    h += "<tr><td>" + esc(u.display_name) + "</td><td dir=\"ltr\">" + esc(u.login) + "</td>";
    h += "<td colspan=\"3\"><form class=\"inline-form\" method=\"post\" action=\"/admin/users/" +
         std::to_string(u.id) + "\">" + csrf_field(ctx) + "<select name=\"role\"";
    attr(h, "aria-label", "دور " + u.display_name);
    h += ">";
    for (auto r : {core::Role::author, core::Role::editor, core::Role::admin})
      option(h, core::to_string(r), role_name(r), u.role == r);
    h += "</select> <label class=\"check\"><input type=\"checkbox\" name=\"disabled\" "
         "value=\"1\"";
    if (a.disabled) h += " checked";
    h += "> معطّل</label> <button class=\"btn\" type=\"submit\">احفظ</button></form></td></tr>";
  }
  h += "</tbody></table></div>";
  h += "<section><h2>إضافة مستخدم</h2><form class=\"admin-form\" method=\"post\" "
       "action=\"/admin/users\">" +
       csrf_field(ctx);
  h += "<div class=\"field-row\"><div class=\"field\"><label for=\"name\">الاسم الظاهر</label>"
       "<input id=\"name\" name=\"name\" dir=\"auto\" required maxlength=\"100\"></div>";
  h += "<div class=\"field\"><label for=\"login\">اسم الدخول</label><input id=\"login\" "
       "name=\"login\" dir=\"ltr\" required maxlength=\"64\" autocomplete=\"off\"></div></div>";
  h += "<div class=\"field-row\"><div class=\"field\"><label for=\"email\">البريد (اختياري)"
       "</label><input id=\"email\" name=\"email\" type=\"email\" dir=\"ltr\"></div>";
  h += "<div class=\"field\"><label for=\"role\">الدور</label><select id=\"role\" name=\"role\">";
  for (auto r : {core::Role::author, core::Role::editor, core::Role::admin})
    option(h, core::to_string(r), role_name(r), r == core::Role::author);
  h += "</select></div></div><div class=\"actions\"><button class=\"btn btn-primary\" "
       "type=\"submit\">أضف</button></div></form></section>";
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::add_user(Ctx& ctx) {
  const std::string login = ctx.field("login");
  std::string name = ctx.field("name");
  const auto role = core::role_from_string(ctx.field("role")).value_or(core::Role::author);
  if (login.empty() || login.size() > 64 ||
      login.find_first_of(" \t\r\n/\\") != std::string::npos || store_.account_by_login(login))
    return redirect(ctx, "/admin/users?error=login");
  if (name.empty()) name = login;
  store::NewUser u;
  u.login = login;
  u.display_name = name.substr(0, 300);
  u.role = role;
  // A public slug from the name, never the login (old /?author= links and
  // author pages must not reveal what to type at sign-in).
  std::string slug = text::slugify(name);
  if (slug.empty() || slug == text::slugify(login)) slug = "كاتب";
  const std::string password = generate_password();
  ctx.res.offload = [this, u, slug, password, email = ctx.field("email"), req = &ctx.req,
                     user = ctx.user, csrf = ctx.csrf](http::Response& res) mutable {
    http::Params none;
    Ctx c{*req, none, res, user, {}, csrf, {}};
    u.password_hash = hash_password(password);
    for (int n = 1; n < 100; ++n) {
      u.slug = n == 1 ? slug : slug + "-" + std::to_string(n);
      try {
        store_.add_account(u, email);
        if (options_.on_content_changed) options_.on_content_changed();
        return render_users(c, password);
      } catch (const store::Error&) {
        if (store_.account_by_login(u.login)) return redirect(c, "/admin/users?error=login");
      }
    }
    redirect(c, "/admin/users?error=login");
  };
}

void Newsroom::update_user(Ctx& ctx) {
  const auto id = ctx.params.get_int("id");
  auto account = store_.account_by_id(id);
  if (!account) return deny(ctx, 404, "لا يوجد هذا المستخدم.");
  const auto role = core::role_from_string(ctx.field("role")).value_or(account->author.role);
  const bool disabled = ctx.field("disabled") == "1";
  if (id == ctx.user_id() && (disabled || role != account->author.role))
    return redirect(ctx, "/admin/users?error=self");
  if (role != account->author.role) store_.set_account_role(id, role);
  if (disabled != account->disabled) store_.set_account_disabled(id, disabled);
  if (options_.on_content_changed) options_.on_content_changed();
  flash_redirect(ctx, "/admin/users", "user_updated");
}

}  // namespace jarida::admin
