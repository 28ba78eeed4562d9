// The site's settings from the newsroom (issue 6, "Settings"): name, about
// text, base URL, time zone, dates, Hijri line, labels, comment moderation,
// send-to-friend limits and SMTP with a test mail. Saved as a TOML text
// with jarida.toml's own sections and keys (so one set of checks serves
// both, app/config.cpp), stored in the database and applied at once by
// the app (options_.apply_settings), without a restart. Every value is
// checked here first, with an Arabic reason an admin can act on.
#include <charconv>

#include "admin/context.hpp"
#include "mail/smtp_sender.hpp"
#include "text/dates.hpp"

namespace jarida::admin {
namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", u);
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  return out + "\"";
}

// "\r\n" from browsers' textareas becomes "\n".
std::string unix_lines(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '\r') out.push_back(c);
  return out;
}

struct Form {
  const Newsroom::Ctx& ctx;
  std::string toml;
  std::vector<std::string> errors;
  std::string section;

  void open(const char* name) {
    section = name;
    toml += std::string(toml.empty() ? "" : "\n") + "[" + name + "]\n";
  }
  void put(std::string_view key, const std::string& literal) {
    toml.append(key).append(" = ").append(literal).push_back('\n');
  }
  std::string text(std::string_view field, std::size_t max, const char* label) {
    std::string v = trim(unix_lines(ctx.field(field)));
    if (v.size() > max) errors.push_back(std::string(label) + ": النص أطول من اللازم.");
    return v;
  }
  void integer(std::string_view key, std::string_view field, long lo, long hi, const char* label) {
    const std::string v = trim(ctx.field(field));
    long n = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc{} || p != v.data() + v.size() || n < lo || n > hi) {
      errors.push_back(std::string(label) + ": اكتب عددًا من " + std::to_string(lo) + " إلى " +
                       std::to_string(hi) + ".");
      return;
    }
    put(key, std::to_string(n));
  }
  void boolean(std::string_view key, std::string_view field) {
    put(key, ctx.field(field) == "1" ? "true" : "false");
  }
  void choice(std::string_view key, std::string_view field,
              std::initializer_list<std::string_view> allowed, const char* label) {
    const std::string v = ctx.field(field);
    for (auto a : allowed)
      if (a == v) return put(key, toml_string(v));
    errors.push_back(std::string(label) + ": اختر أحد الخيارات.");
  }
};

void field_text(std::string& h, std::string_view name, std::string_view label,
                std::string_view value, std::string_view hint = {}, std::string_view type = "text",
                std::string_view dir = "auto") {
  h += "<div class=\"field\"><label for=\"";
  h += esc(name);
  h += "\">" + esc(label) + "</label><input id=\"" + esc(name) + "\" name=\"" + esc(name) + "\"";
  attr(h, "type", type);
  attr(h, "dir", dir);
  attr(h, "value", value);
  h += ">";
  if (!hint.empty()) h += "<p class=\"hint\">" + esc(hint) + "</p>";
  h += "</div>";
}

void field_check(std::string& h, std::string_view name, std::string_view label, bool on) {
  h += "<label class=\"check\"><input type=\"checkbox\" value=\"1\"";
  attr(h, "name", name);
  if (on) h += " checked";
  h += "> " + esc(label) + "</label>";
}

void field_select(std::string& h, std::string_view name, std::string_view label,
                  std::initializer_list<std::pair<std::string_view, std::string_view>> options,
                  std::string_view current) {
  h += "<div class=\"field\"><label for=\"" + esc(name) + "\">" + esc(label) +
       "</label><select id=\"" + esc(name) + "\" name=\"" + esc(name) + "\">";
  for (const auto& [value, text] : options) option(h, value, text, value == current);
  h += "</select></div>";
}

std::string join_lines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

}  // namespace

void Newsroom::settings_page(Ctx& ctx) {
  render_settings(ctx, {}, "");
}

void Newsroom::render_settings(Ctx& ctx, const std::vector<std::string>& errors,
                               std::string_view mail_result) {
  const auto& s = renderer().settings();
  std::string h = page_start(ctx, "الإعدادات", "settings");
  h += "<h1>الإعدادات</h1>";
  if (!errors.empty()) {
    h += "<div class=\"notice notice-error\" role=\"alert\"><ul>";
    for (const auto& e : errors) h += "<li>" + esc(e) + "</li>";
    h += "</ul></div>";
  }
  if (!mail_result.empty()) h += std::string(mail_result);
  h += "<p class=\"muted\">تُحفظ في قاعدة البيانات وتسري فورًا دون إعادة تشغيل، وتعلو على ما في "
       "jarida.toml. عنوان الاستماع وعدد الخيوط والقالب تبقى في jarida.toml.</p>";
  h += "<form class=\"admin-form\" method=\"post\" action=\"/admin/settings\">" + csrf_field(ctx);

  h += "<fieldset><legend>الموقع</legend>";
  field_text(h, "site_name", "اسم الموقع", s.site_name);
  field_text(h, "base_url", "عنوان الموقع", s.base_url, "مثل https://example.com", "url", "ltr");
  h += "<div class=\"field\"><label for=\"about\">عن الموقع</label><textarea id=\"about\" "
       "name=\"about\" rows=\"5\" dir=\"auto\">" +
       esc(s.about_text) + "</textarea><p class=\"hint\">نص عادي؛ سطر فارغ يبدأ فقرة.</p></div>";
  h += "</fieldset>";

  h += "<fieldset><legend>التاريخ والوقت</legend><div class=\"field-row\">";
  field_select(h, "date_style", "أسماء الشهور",
               {{"ar-EG", "مصرية: يناير، فبراير…"},
                {"ar-SY", "شامية: كانون الثاني، شباط…"},
                {"ar-LB", "لبنانية: كانون الثاني، شباط…"},
                {"ar-MA", "مغاربية: يناير، ماي، يوليوز…"}},
               s.dates.locale);
  field_select(h, "digits", "الأرقام", {{"latn", "0123456789"}, {"arab", "٠١٢٣٤٥٦٧٨٩"}},
               s.dates.digits == core::Digits::latin ? "latn" : "arab");
  h += "</div><div class=\"field-row\">";
  field_text(h, "time_zone", "المنطقة الزمنية", s.dates.time_zone,
             "مثل Africa/Cairo أو Asia/Riyadh", "text", "ltr");
  field_text(
      h, "hijri_adjust", "تعديل التاريخ الهجري (بالأيام)", std::to_string(s.dates.hijri_adjust),
      "من ‎-2 إلى 2، للمواقع التي تتبع رؤية الهلال المحلية",
      "number", "ltr");
  h += "</div>";
  field_check(h, "hijri", "أظهر التاريخ الهجري تحت التاريخ", s.dates.hijri);
  h += "</fieldset>";

  h += "<fieldset><legend>التعليقات</legend>";
  field_check(h, "comments_enabled", "التعليقات مفعّلة", s.comments.enabled);
  const char* policy = s.comments.policy == core::ModerationPolicy::hold_all    ? "hold_all"
                       : s.comments.policy == core::ModerationPolicy::hold_none ? "hold_none"
                                                                                : "first_comment";
  field_select(h, "policy", "سياسة المراجعة",
               {{"first_comment", "أول تعليق لكل معلّق ينتظر المراجعة"},
                {"hold_all", "كل تعليق ينتظر المراجعة"},
                {"hold_none", "تظهر التعليقات فورًا"}},
               policy);
  h += "<div class=\"field\"><label for=\"blocklist\">كلمات تحجز التعليق للمراجعة</label>"
       "<textarea id=\"blocklist\" name=\"blocklist\" rows=\"4\" dir=\"auto\">" +
       esc(join_lines(s.comments.blocklist)) +
       "</textarea><p class=\"hint\">كلمة أو عبارة في كل "
       "سطر.</p></div><div class=\"field-row\">";
  field_text(h, "max_links", "أقصى عدد للروابط", std::to_string(s.comments.max_links), {}, "number",
             "ltr");
  field_text(h, "min_seconds", "أقل زمن لملء النموذج (ثوانٍ)",
             std::to_string(s.comments.min_seconds), {}, "number", "ltr");
  h += "</div><div class=\"field-row\">";
  field_text(h, "rate_limit", "تعليقات من عنوان واحد", std::to_string(s.comments.rate_limit), {},
             "number", "ltr");
  field_text(h, "rate_window_minutes", "خلال (دقائق)",
             std::to_string(s.comments.rate_window_minutes), {}, "number", "ltr");
  h += "</div></fieldset>";

  h += "<fieldset><legend>أرسل إلى صديق</legend><div class=\"field-row\">";
  field_text(h, "per_ip_per_hour", "رسائل من قارئ في الساعة",
             std::to_string(s.send_to_friend.per_ip_per_hour), {}, "number", "ltr");
  field_text(h, "per_recipient_per_day", "رسائل إلى عنوان في اليوم",
             std::to_string(s.send_to_friend.per_recipient_per_day), {}, "number", "ltr");
  field_text(h, "site_per_hour", "رسائل الموقع كله في الساعة",
             std::to_string(s.send_to_friend.site_per_hour), {}, "number", "ltr");
  h += "</div></fieldset>";

  h += "<fieldset><legend>البريد (SMTP)</legend><div class=\"field-row\">";
  field_text(h, "smtp_host", "الخادم", s.smtp.host, "فارغ: البريد معطّل ويختفي زر «أرسل إلى صديق»",
             "text", "ltr");
  field_text(h, "smtp_port", "المنفذ", std::to_string(s.smtp.port), {}, "number", "ltr");
  h += "</div>";
  field_select(
      h, "smtp_security", "الأمان",
      {{"starttls", "STARTTLS (587)"}, {"tls", "TLS (465)"}, {"none", "بلا تشفير (خادم محلي فقط)"}},
      s.smtp.security);
  h += "<div class=\"field-row\">";
  field_text(h, "smtp_username", "اسم المستخدم", s.smtp.username, {}, "text", "ltr");
  field_text(h, "smtp_password", "كلمة المرور", "",
             s.smtp.password.empty() ? "" : "محفوظة؛ اتركها فارغة لإبقائها", "password", "ltr");
  h += "</div><div class=\"field-row\">";
  field_text(h, "smtp_from_address", "عنوان المرسل", s.smtp.from_address, {}, "email", "ltr");
  field_text(h, "smtp_from_name", "اسم المرسل", s.smtp.from_name);
  h += "</div></fieldset>";

  h += "<fieldset><legend>غرفة الأخبار</legend>";
  field_check(h, "authors_can_publish", "يستطيع الكتّاب نشر مقالاتهم دون مراجعة",
              s.newsroom.authors_can_publish);
  h += "</fieldset>";

  h += "<details><summary>نصوص الواجهة (" + std::to_string(s.labels.size()) +
       ")</summary><fieldset><legend>نصوص يراها القراء</legend>";
  for (const auto& [key, value] : s.labels)
    field_text(h, "label_" + key, key, value, {}, "text", "auto");
  h += "</fieldset></details>";
  h += "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">احفظ "
       "الإعدادات</button></div></form>";

  h += "<section><h2>رسالة تجريبية</h2><form class=\"admin-form\" method=\"post\" "
       "action=\"/admin/settings/test-mail\">" +
       csrf_field(ctx);
  field_text(h, "to", "إلى",
             ctx.user->account.email.empty() ? s.smtp.from_address : ctx.user->account.email,
             "يُرسل بإعدادات البريد المحفوظة", "email", "ltr");
  h += "<div class=\"actions\"><button class=\"btn\" type=\"submit\">أرسل رسالة "
       "تجريبية</button></div></form></section>";
  h += page_end();
  send_page(ctx, errors.empty() ? 200 : 422, std::move(h));
}

void Newsroom::save_settings(Ctx& ctx) {
  const auto& current = renderer().settings();
  Form f{ctx, {}, {}, {}};
  f.open("site");
  const std::string name = f.text("site_name", 200, "اسم الموقع");
  if (name.empty()) f.errors.push_back("اسم الموقع: لا يكون فارغًا.");
  f.put("name", toml_string(name));
  const std::string base = f.text("base_url", 500, "عنوان الموقع");
  if (!base.starts_with("http://") && !base.starts_with("https://"))
    f.errors.push_back("عنوان الموقع: يبدأ بـ http:// أو https://");
  f.put("base_url", toml_string(base));
  f.put("about", toml_string(f.text("about", 20000, "عن الموقع")));

  f.open("dates");
  f.choice("style", "date_style", {"ar-EG", "ar-SY", "ar-LB", "ar-MA"}, "أسماء الشهور");
  f.choice("digits", "digits", {"latn", "arab"}, "الأرقام");
  const std::string zone = trim(ctx.field("time_zone"));
  if (zone.empty() || !text::DateFormatter::is_known_time_zone(zone))
    f.errors.push_back("المنطقة الزمنية: اسم غير معروف، مثل Africa/Cairo.");
  f.put("time_zone", toml_string(zone));
  f.boolean("hijri", "hijri");
  f.integer("hijri_adjust", "hijri_adjust", -2, 2, "تعديل التاريخ الهجري");

  f.open("labels");
  for (const auto& [key, value] : current.labels) {
    std::string v = f.text("label_" + key, 500, "نص الواجهة");
    if (v.empty()) v = value;  // an emptied label keeps its text rather than vanishing
    f.put(key, toml_string(v));
  }

  f.open("comments");
  f.boolean("enabled", "comments_enabled");
  f.choice("policy", "policy", {"first_comment", "hold_all", "hold_none"}, "سياسة المراجعة");
  f.integer("max_links", "max_links", 0, 100, "أقصى عدد للروابط");
  std::string list = "[";
  const std::string words = unix_lines(ctx.field("blocklist"));
  std::size_t pos = 0;
  while (pos <= words.size()) {
    auto nl = words.find('\n', pos);
    if (nl == std::string::npos) nl = words.size();
    const std::string w = trim(words.substr(pos, nl - pos));
    if (!w.empty()) list += (list.size() > 1 ? ", " : "") + toml_string(w);
    pos = nl + 1;
  }
  f.put("blocklist", list + "]");
  f.integer("rate_limit", "rate_limit", 1, 1000, "تعليقات من عنوان واحد");
  f.integer("rate_window_minutes", "rate_window_minutes", 1, 1440, "خلال (دقائق)");
  f.integer("min_seconds", "min_seconds", 0, 600, "أقل زمن لملء النموذج");

  f.open("send_to_friend");
  f.integer("per_ip_per_hour", "per_ip_per_hour", 1, 1000, "رسائل من قارئ في الساعة");
  f.integer("per_recipient_per_day", "per_recipient_per_day", 1, 1000, "رسائل إلى عنوان في اليوم");
  f.integer("site_per_hour", "site_per_hour", 1, 100000, "رسائل الموقع كله في الساعة");

  f.open("smtp");
  const std::string host = f.text("smtp_host", 255, "خادم البريد");
  f.put("host", toml_string(host));
  f.integer("port", "smtp_port", 1, 65535, "منفذ البريد");
  f.choice("security", "smtp_security", {"starttls", "tls", "none"}, "أمان البريد");
  f.put("username", toml_string(f.text("smtp_username", 255, "اسم مستخدم البريد")));
  std::string password = ctx.field("smtp_password");
  if (password.empty()) password = current.smtp.password;  // blank keeps the saved one
  f.put("password", toml_string(password));
  const std::string from = f.text("smtp_from_address", 255, "عنوان المرسل");
  if (!host.empty() && from.find('@') == std::string::npos)
    f.errors.push_back("عنوان المرسل: مطلوب حين يُحدَّد خادم البريد، مثل news@example.com.");
  f.put("from_address", toml_string(from));
  f.put("from_name", toml_string(f.text("smtp_from_name", 200, "اسم المرسل")));

  f.open("newsroom");
  f.boolean("authors_can_publish", "authors_can_publish");

  if (f.errors.empty()) {
    if (!options_.apply_settings) {
      f.errors.push_back("لا يمكن حفظ الإعدادات في هذا التشغيل.");
    } else if (auto why = options_.apply_settings(f.toml); !why.empty()) {
      f.errors.push_back("تعذّر حفظ الإعدادات: " + why);
    } else {
      return flash_redirect(ctx, "/admin/settings", "settings_saved");
    }
  }
  render_settings(ctx, f.errors, "");
}

void Newsroom::send_test_mail(Ctx& ctx) {
  const std::string to = trim(ctx.field("to"));
  if (to.find('@') == std::string::npos || to.size() > 254 ||
      to.find_first_of(" \r\n<>,;\"") != std::string::npos)
    return render_settings(ctx, {"اكتب عنوان بريد صحيحًا لإرسال الرسالة التجريبية."}, "");
  const auto smtp = renderer().settings().smtp;
  if (!smtp.configured())
    return render_settings(ctx, {"حدّد خادم البريد وعنوان المرسل واحفظ الإعدادات أولًا."}, "");
  // Talking to the mail server can take seconds: off the serving threads.
  ctx.res.offload = [this, to, smtp, req = &ctx.req, user = ctx.user,
                     csrf = ctx.csrf](http::Response& res) {
    http::Params none;
    Ctx c{*req, none, res, user, {}, csrf, {}};
    store::NewMail mail;
    mail.to_addr = to;
    mail.subject = "رسالة تجريبية من " + renderer().settings().site_name;
    mail.body_text = "وصلت هذه الرسالة من غرفة أخبار " + renderer().settings().site_name +
                     "، فإعدادات البريد تعمل.";
    mail.body_html = "<p dir=\"rtl\">" + esc(mail.body_text) + "</p>";
    const auto failed = mail::SmtpSender(smtp).send(mail);
    if (failed) return render_settings(c, {"لم تُرسل الرسالة: " + *failed}, "");
    render_settings(c, {},
                    "<div class=\"notice notice-ok\" role=\"status\">أُرسلت رسالة تجريبية إلى " +
                        esc(to) + ".</div>");
  };
}

}  // namespace jarida::admin
