// The newsroom's page frame (header, menu with counts, notices) and its
// ways of answering: HTML pages, JSON, redirects. Every answer is private
// and never cached: it shows one person's work.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "admin/context.hpp"
#include "http/request_checks.hpp"
#include "http/security_headers.hpp"

namespace jarida::admin {
namespace {

// The site's security headers, and: private, never cached, never indexed.
const std::string kAdminHeaders = std::string(http::kSecurityHeaders) +
                                  "Cache-Control: no-store\r\nX-Robots-Tag: noindex, nofollow\r\n";

void answer(http::Response& res, int status, const char* content_type, std::string body) {
  res.status = status;
  res.headers.clear();
  res.parts.clear();
  res.add_header("Content-Type", content_type);
  res.headers.append(kAdminHeaders);
  res.body = std::move(body);
}

}  // namespace

std::string Newsroom::page_start(const Ctx& ctx, std::string_view title,
                                 std::string_view nav_current, bool editor_script) {
  const auto& settings = renderer().settings();
  std::string h;
  h.reserve(8192);
  h += "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<meta name=\"robots\" content=\"noindex, nofollow\"><title>";
  h += esc(title) + " — غرفة الأخبار · " + esc(settings.site_name) + "</title>";
  h += "<link rel=\"stylesheet\" href=\"/admin/static/admin.css\">";
  if (ctx.user) h += "<meta name=\"csrf-token\" content=\"" + esc(ctx.csrf) + "\">";
  h += "<script src=\"/admin/static/admin.js\" defer></script>";
  if (editor_script) h += "<script src=\"/admin/static/editor.js\" defer></script>";
  h += "</head><body class=\"admin\">";
  if (!ctx.user) return h + "<main class=\"admin-main\">";

  const auto& me = ctx.user->account.author;
  h += "<header class=\"admin-bar\"><a class=\"admin-brand\" href=\"/admin/\">" +
       esc(settings.site_name) + "</a>";
  h += "<button type=\"button\" class=\"admin-menu-toggle\" aria-controls=\"admin-nav\" "
       "aria-expanded=\"false\">القائمة</button>";
  h += "<span class=\"admin-user\">" + esc(me.display_name) + " · " +
       std::string(role_name(me.role)) + "</span>";
  h += "<form method=\"post\" action=\"/admin/signout\" class=\"admin-signout\">" +
       csrf_field(ctx) + "<button type=\"submit\">خروج</button></form></header>";

  struct Item {
    const char* key;
    const char* href;
    const char* label;
    bool show;
  };
  const bool editor = ctx.is_editor();
  const bool admin = me.role == core::Role::admin;
  const Item items[] = {
      {"dashboard", "/admin/", "الرئيسية", true},
      {"articles", "/admin/articles", "المقالات", true},
      {"new_article", "/admin/articles/new", "مقال جديد", true},
      {"media", "/admin/media", "الوسائط", true},
      {"comments", "/admin/comments", "التعليقات", editor},
      {"pages", "/admin/pages", "الصفحات", editor},
      {"categories", "/admin/categories", "الأقسام", editor},
      {"tags", "/admin/tags", "الوسوم", editor},
      {"users", "/admin/users", "المستخدمون", admin},
      {"settings", "/admin/settings", "الإعدادات", admin},
      {"account", "/admin/account", "حسابي", true},
  };
  h += "<nav id=\"admin-nav\" class=\"admin-nav\">";
  for (const auto& it : items) {
    if (!it.show) continue;
    h += "<a href=\"";
    h += it.href;
    h += "\"";
    if (nav_current == it.key) h += " aria-current=\"page\"";
    h += ">";
    h += it.label;
    if (std::string_view(it.key) == "comments") {
      const auto pending = store_.count_comments(core::CommentStatus::pending);
      if (pending > 0)
        h += " <span class=\"badge\" title=\"بانتظار المراجعة\">" + std::to_string(pending) +
             "</span>";
    }
    h += "</a>";
  }
  h += "<a href=\"/\" target=\"_blank\" rel=\"noopener\">عرض الموقع</a></nav>";
  h += "<main class=\"admin-main\">";
  h += notice_html(ctx);
  return h;
}

std::string Newsroom::page_end() {
  return "</main></body></html>";
}

std::string Newsroom::csrf_field(const Ctx& ctx) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(ctx.csrf) + "\">";
}

std::string Newsroom::notice_html(const Ctx& ctx) {
  // Notices travel in the redirect's query as a short code, never as text a
  // link could forge into the page.
  static const std::pair<std::string_view, std::string_view> kNotices[] = {
      {"saved", "حُفظ المقال."},
      {"published", "نُشر المقال. صار يظهر للقراء الآن."},
      {"scheduled", "جُدول المقال، وسيُنشر وحده في موعده."},
      {"submitted", "أُرسل المقال إلى المحررين للمراجعة."},
      {"trashed", "نُقل المقال إلى سلة المحذوفات."},
      {"restored", "استُعيد المقال مسودةً."},
      {"revision_restored", "استُعيدت النسخة. راجعها ثم احفظ."},
      {"password_changed", "غُيّرت كلمة المرور، وأُنهيت جلساتك الأخرى."},
      {"session_ended", "أُنهيت الجلسة."},
      {"sessions_ended", "أُنهيت جلساتك الأخرى."},
      {"moderated", "حُدّثت التعليقات."},
      {"replied", "نُشر ردك."},
      {"user_added", "أُضيف المستخدم."},
      {"user_updated", "حُدّث المستخدم."},
      {"media_updated", "حُفظ وصف الصورة."},
      {"settings_saved", "حُفظت الإعدادات، وهي تسري الآن."},
      {"page_saved", "حُفظت الصفحة."},
      {"page_published", "نُشرت الصفحة. صارت تظهر للقراء الآن."},
      {"category_saved", "حُفظ القسم."},
      {"category_renamed", "حُفظ القسم، ورابطه القديم يحوّل القراء إلى الجديد."},
      {"category_deleted", "حُذف القسم، وصارت أقسامه الفرعية تحت القسم الأعلى منه."},
      {"tag_saved", "حُفظ الوسم."},
      {"tag_renamed", "حُفظ الوسم، ورابطه القديم يحوّل القراء إلى الجديد."},
      {"tag_deleted", "حُذف الوسم وأُزيل من مقالاته."},
  };
  const std::string code = ctx.query("notice");
  for (const auto& [k, text] : kNotices)
    if (k == code)
      return "<div class=\"notice notice-ok\" role=\"status\">" + std::string(text) + "</div>";
  return {};
}

void Newsroom::send_page(Ctx& ctx, int status, std::string html) {
  answer(ctx.res, status, "text/html; charset=utf-8", std::move(html));
}

void Newsroom::send_json(Ctx& ctx, int status, std::string json) {
  answer(ctx.res, status, "application/json; charset=utf-8", std::move(json));
}

void Newsroom::json_error(Ctx& ctx, int status, std::string_view message) {
  boost::json::object o;
  o["error"] = message;
  send_json(ctx, status, boost::json::serialize(o));
}

void Newsroom::redirect(Ctx& ctx, std::string_view location) {
  auto& res = ctx.res;
  res.status = 303;
  res.headers.clear();
  res.parts.clear();
  res.body.clear();
  res.headers.append(kAdminHeaders);
  res.add_header("Location", location);
}

void Newsroom::flash_redirect(Ctx& ctx, std::string_view location, std::string_view notice) {
  std::string to(location);
  to += to.find('?') == std::string::npos ? "?notice=" : "&notice=";
  to += notice;
  redirect(ctx, to);
}

}  // namespace jarida::admin
