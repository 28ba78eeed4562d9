#include "admin/article_form.hpp"

#include <charconv>

#include "admin/form_text.hpp"
#include "render/html_sanitizer.hpp"
#include "text/local_time.hpp"
#include "text/slug.hpp"
#include "text/utf8.hpp"

namespace jarida::admin {
namespace {

std::string field(const ArticleFormInput& in, std::string_view name) {
  for (const auto& [k, v] : in.fields)
    if (k == name) return v;
  return {};
}

// "سياسة، اقتصاد, Smart City" -> {"سياسة", "اقتصاد", "Smart City"}: the
// Arabic comma separates too.
std::vector<std::string> split_tags(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    auto t = one_line(cur);
    if (!t.empty()) {
      bool seen = false;
      for (const auto& o : out) seen = seen || o == t;
      if (!seen) out.push_back(text::cut_utf8(t, 200));
    }
    cur.clear();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') {
      flush();
    } else if (s.substr(i, 2) == "\xD8\x8C") {  // U+060C ARABIC COMMA
      flush();
      ++i;
    } else {
      cur.push_back(s[i]);
    }
  }
  flush();
  return out;
}

}  // namespace

ArticleFormResult read_article_form(const ArticleFormInput& in) {
  ArticleFormResult r;
  auto& d = r.draft;
  d.title = one_line(field(in, "title"));
  d.kicker = one_line(field(in, "kicker"));
  d.excerpt = trim(field(in, "excerpt"));
  d.body_html = render::sanitize_html(field(in, "body_html"));
  if (d.title.empty()) {
    if (!in.autosave) r.errors.push_back("اكتب عنوانًا للمقال.");
    d.title = "مسودة بلا عنوان";
  }
  if (d.title.size() > kMaxTitleBytes) r.errors.push_back("العنوان طويل جدًا: اختصره.");
  if (d.kicker.size() > kMaxKickerBytes)
    r.errors.push_back("العنوان التمهيدي (مثل «انفراد» أو «عاجل») كلمة أو كلمتان فقط.");
  if (d.excerpt.size() > kMaxExcerptBytes) r.errors.push_back("الملخص طويل جدًا: اختصره.");

  // The slug: as typed (made URL-safe) or from the title; Arabic kept.
  std::string slug = text::slugify(field(in, "slug"));
  if (slug.empty()) slug = text::slugify(d.title);
  if (slug.empty()) slug = "مقال";
  d.slug = text::cut_utf8(slug, kMaxSlugBytes);
  while (d.slug.ends_with('-')) d.slug.pop_back();

  if (auto c = parse_id(field(in, "category_id")))
    d.category_id = *c;
  else
    r.errors.push_back("اختر قسمًا للمقال.");

  d.author_id = in.user_id;
  if (in.user_is_editor)
    if (auto a = parse_id(field(in, "author_id"))) d.author_id = *a;

  d.tag_names = split_tags(field(in, "tags"));
  if (d.tag_names.size() > kMaxTags) r.errors.push_back("الوسوم كثيرة: 30 وسمًا على الأكثر.");
  if (auto m = parse_id(field(in, "featured_media_id"))) d.featured_media_id = *m;
  d.sticky = field(in, "sticky") == "1";
  d.comments_open = field(in, "comments_open") == "1";

  // Status: the "publish" button publishes; otherwise the select decides.
  const std::string action = field(in, "action");
  auto status =
      core::article_status_from_string(field(in, "status")).value_or(core::ArticleStatus::draft);
  if (action == "publish") status = core::ArticleStatus::published;
  if (action == "submit") status = core::ArticleStatus::pending;
  if (status == core::ArticleStatus::trash) status = core::ArticleStatus::draft;  // its own button

  const std::string when = trim(field(in, "publish_at"));
  std::optional<core::TimePoint> at;
  if (!when.empty()) {
    at = text::from_local_input(when, in.time_zone);
    if (!at) r.errors.push_back("موعد النشر غير صالح.");
  }
  if (status == core::ArticleStatus::published && at && *at > in.now)
    status = core::ArticleStatus::scheduled;  // "publish" with a future time schedules it
  if (status == core::ArticleStatus::scheduled) {
    if (!at)
      r.errors.push_back("اختر موعد النشر للمقال المجدول.");
    else if (*at <= in.now)
      status = core::ArticleStatus::published;  // its time has come
  }
  if ((status == core::ArticleStatus::published || status == core::ArticleStatus::scheduled) &&
      !in.may_publish) {
    status = core::ArticleStatus::pending;  // an author's "publish" asks an editor
  }
  d.status = status;
  d.published_at = at.value_or(in.now);
  switch (status) {
    case core::ArticleStatus::published:
      r.notice = "published";
      break;
    case core::ArticleStatus::scheduled:
      r.notice = "scheduled";
      break;
    case core::ArticleStatus::pending:
      r.notice = "submitted";
      break;
    default:
      r.notice = "saved";
  }
  return r;
}

}  // namespace jarida::admin
