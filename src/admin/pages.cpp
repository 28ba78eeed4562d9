// The site's pages (About, Contact...), for editors: the list of every
// status, and a form that edits one with the article editor's own browser
// editor (web/editor/, TipTap; the same #article-form structure, minus
// autosave, which is for articles). A page lives at /{slug}/, so its slug
// must be free among pages and must not be a first path segment the site
// answers itself. The body goes through the same HTML allowlist as
// articles. Every save drops the site's cached pages: readers see it at
// the next request. Tested in tests/admin/pages_taxonomy_test.cpp.
#include <algorithm>

#include "admin/article_form.hpp"
#include "admin/context.hpp"
#include "http/target.hpp"
#include "render/html_sanitizer.hpp"
#include "text/dates.hpp"
#include "text/slug.hpp"
#include "text/utf8.hpp"

namespace jarida::admin {
namespace {

// First path segments the site itself answers (the route table of
// site/site.cpp, and the WordPress paths bots and old links ask for): a
// page there would never be seen, or would hide the site's own answer.
// Slugs never hold a '.', so "robots.txt", "index.php" and the sitemaps
// can't be asked for; they are listed so the list reads as the site's.
constexpr std::string_view kReservedSlugs[] = {
    "admin",      "api",  "author",   "category",   "comments",    "feed",       "index.php",
    "media",      "page", "search",   "sitemaps",   "sitemap.xml", "robots.txt", "news-sitemap.xml",
    "static",     "tag",  "wp-admin", "wp-content", "wp-includes", "wp-json",    "wp-login.php",
    "xmlrpc.php",
};

// Statuses a page can have (pages.status, 0005), in the form's order.
constexpr core::ArticleStatus kPageStatuses[] = {
    core::ArticleStatus::draft, core::ArticleStatus::pending, core::ArticleStatus::published,
    core::ArticleStatus::private_, core::ArticleStatus::trash};

std::string_view page_status_name(core::ArticleStatus s) {
  switch (s) {
    case core::ArticleStatus::draft:
      return "مسودة";
    case core::ArticleStatus::pending:
      return "بانتظار المراجعة";
    case core::ArticleStatus::published:
      return "منشورة";
    case core::ArticleStatus::private_:
      return "خاصة";
    case core::ArticleStatus::trash:
      return "في سلة المحذوفات";
    case core::ArticleStatus::scheduled:
      break;
  }
  return "";
}

bool reserved(std::string_view slug) {
  return std::find(std::begin(kReservedSlugs), std::end(kReservedSlugs), slug) !=
         std::end(kReservedSlugs);
}

std::string page_path(std::string_view slug) {
  std::string p = "/";
  p += slug;
  p += "/";
  return p;
}

// What the form shows: a stored page, or what was just posted and refused.
struct PageForm {
  std::optional<core::Id> id;
  store::PageDraft draft;
  core::ArticleStatus stored_status = core::ArticleStatus::draft;
  bool slug_follows_title = true;
};

struct PageInput {
  store::PageDraft draft;
  std::vector<std::string> errors;
};

PageInput read_page_form(const Newsroom::Ctx& ctx) {
  PageInput in;
  auto& d = in.draft;
  d.title = one_line(ctx.field("title"));
  if (d.title.empty()) in.errors.push_back("اكتب عنوانًا للصفحة.");
  if (d.title.size() > kMaxTitleBytes) in.errors.push_back("العنوان طويل جدًا: اختصره.");
  std::string slug = text::slugify(ctx.field("slug"));
  if (slug.empty()) slug = text::slugify(d.title);
  if (slug.empty()) slug = "صفحة";
  d.slug = text::cut_utf8(slug, kMaxSlugBytes);
  while (d.slug.ends_with('-')) d.slug.pop_back();
  if (reserved(d.slug))
    in.errors.push_back("الرابط «" + d.slug +
                        "» محجوز لأقسام الموقع نفسه (مثل /category/ و/feed/): اختر رابطًا آخر.");
  const auto status = core::article_status_from_string(ctx.field("status"));
  d.status =
      status && *status != core::ArticleStatus::scheduled ? *status : core::ArticleStatus::draft;
  if (ctx.field("action") == "publish") d.status = core::ArticleStatus::published;
  d.body_html = render::sanitize_html(ctx.field("body_html"));
  return in;
}

std::string page_form_html(const PageForm& f, const std::vector<std::string>& errors,
                           const std::string& csrf_field) {
  const auto& d = f.draft;
  std::string h;
  h += "<h1>" + std::string(f.id ? "تحرير صفحة" : "صفحة جديدة") + "</h1>";
  if (!errors.empty()) {
    h += "<div class=\"notice notice-error\" role=\"alert\"><ul>";
    for (const auto& e : errors) h += "<li>" + esc(e) + "</li>";
    h += "</ul></div>";
  }
  // The article editor's structure, so /admin/static/editor.js mounts on
  // it; no data-autosave-url: pages are saved by their buttons only.
  h += "<form id=\"article-form\" class=\"editor-layout\" method=\"post\"";
  attr(h, "action", f.id ? "/admin/pages/" + std::to_string(*f.id) + "/edit" : "/admin/pages/new");
  h += ">" + csrf_field;
  h += "<div class=\"editor-main\">";
  h += "<label class=\"visually-hidden\" for=\"title\">العنوان</label>"
       "<input id=\"title\" name=\"title\" class=\"title-input\" dir=\"auto\" required "
       "placeholder=\"عنوان الصفحة\"";
  attr(h, "value", d.title);
  h += ">";
  h += "<div id=\"editor\" class=\"editor-body\" data-media-url=\"/admin/media.json\" "
       "data-upload-url=\"/admin/media/upload\"></div>";
  h += "<label class=\"visually-hidden\" for=\"body_html\">نص الصفحة</label>"
       "<textarea name=\"body_html\" id=\"body_html\" class=\"body-fallback\" dir=\"auto\" "
       "rows=\"16\">" +
       esc(d.body_html) + "</textarea></div>";

  h += "<aside class=\"editor-side\"><fieldset><legend>النشر</legend>";
  h += "<div class=\"field\"><label for=\"status\">الحالة</label><select id=\"status\" "
       "name=\"status\">";
  for (auto s : kPageStatuses) {
    // Pending is what a WordPress import may bring; the newsroom doesn't offer it.
    if (s == core::ArticleStatus::pending && d.status != s && f.stored_status != s) continue;
    option(h, core::to_string(s), page_status_name(s), d.status == s);
  }
  h += "</select><p class=\"hint\">لا يرى القراء إلا الصفحة المنشورة.</p></div>";
  h += "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\" name=\"action\" "
       "value=\"publish\">انشر</button><button class=\"btn\" type=\"submit\" name=\"action\" "
       "value=\"save\">احفظ</button>";
  if (f.id && f.stored_status == core::ArticleStatus::published) {
    h += "<a class=\"btn\" target=\"_blank\" rel=\"noopener\"";
    attr(h, "href", http::encode_path(page_path(d.slug)));
    h += ">اعرضها</a>";
  }
  h += "</div></fieldset>";
  h += "<fieldset><legend>الرابط</legend><div class=\"field\"><label for=\"slug\">الرابط "
       "المختصر</label><input id=\"slug\" name=\"slug\" dir=\"auto\"";
  attr(h, "value", d.slug);
  if (f.slug_follows_title) h += " data-auto=\"1\"";
  h += "><p class=\"hint\">تظهر الصفحة على /الرابط/. يُصنع من العنوان بحروفه العربية، ويمكنك "
       "تعديله.</p></div></fieldset></aside></form>";
  return h;
}

PageForm form_of(const store::EditablePage& p) {
  PageForm f;
  f.id = p.page.id;
  f.draft.slug = p.page.slug;
  f.draft.title = p.page.title;
  f.draft.body_html = p.page.body_html;
  f.draft.status = p.status;
  f.stored_status = p.status;
  f.slug_follows_title = false;
  return f;
}

}  // namespace

void Newsroom::page_list(Ctx& ctx) {
  const auto pages = store_.newsroom_pages();
  text::DateFormatter dates(renderer().settings().dates);
  std::string h = page_start(ctx, "الصفحات", "pages");
  h += "<h1>الصفحات <a class=\"btn btn-primary\" href=\"/admin/pages/new\">صفحة جديدة</a></h1>";
  h += "<p class=\"muted\">صفحات ثابتة مثل «من نحن» و«اتصل بنا»، كل منها على /الرابط/.</p>";
  h += "<div class=\"table-wrap\"><table class=\"admin-table\"><thead><tr><th>العنوان</th>"
       "<th>الرابط</th><th>الحالة</th><th>آخر تعديل</th></tr></thead><tbody>";
  for (const auto& p : pages) {
    const std::string edit = "/admin/pages/" + std::to_string(p.page.id) + "/edit";
    h += "<tr><td dir=\"auto\"><a href=\"" + edit + "\">" + esc(p.page.title) + "</a>";
    if (p.status == core::ArticleStatus::published)
      h += " <a class=\"muted\" target=\"_blank\" rel=\"noopener\" href=\"" +
           esc(http::encode_path(page_path(p.page.slug))) + "\">عرض</a>";
    h += "</td><td dir=\"ltr\">/" + esc(p.page.slug) + "/</td>";  // an address: slashes in place
    h += "<td><span class=\"status status-" + std::string(core::to_string(p.status)) + "\">" +
         std::string(page_status_name(p.status)) + "</span></td>";
    h += "<td>" + esc(dates.date(p.page.updated_at)) + "</td></tr>";
  }
  if (pages.empty())
    h += "<tr><td colspan=\"4\" class=\"empty\">لا صفحات بعد. أضف «من نحن» مثلًا.</td></tr>";
  h += "</tbody></table></div>";
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::new_page_form(Ctx& ctx) {
  std::string h = page_start(ctx, "صفحة جديدة", "pages", true);
  h += page_form_html(PageForm{}, {}, csrf_field(ctx));
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::edit_page_form(Ctx& ctx) {
  auto p = store_.page_for_edit(ctx.params.get_int("id"));
  if (!p) return deny(ctx, 404, "لا توجد صفحة بهذا الرقم.");
  std::string h = page_start(ctx, "تحرير: " + p->page.title, "pages", true);
  h += page_form_html(form_of(*p), {}, csrf_field(ctx));
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

// Saves the posted form, new (no id) or existing; a refused form comes back
// (422) with everything as typed and the reasons.
void Newsroom::update_page(Ctx& ctx) {
  std::optional<core::Id> id;
  std::optional<store::EditablePage> existing;
  if (ctx.params.size > 0) {
    id = ctx.params.get_int("id");
    existing = store_.page_for_edit(*id);
    if (!existing) return deny(ctx, 404, "لا توجد صفحة بهذا الرقم.");
  }
  auto in = read_page_form(ctx);
  if (in.errors.empty()) {
    const auto r = store_.save_page(id, in.draft, core::now_seconds());
    switch (r.outcome) {
      case store::EditOutcome::done: {
        // A published page that moved keeps its old address working.
        const bool moved = r.was_published && !r.old_slug.empty() && r.old_slug != in.draft.slug &&
                           in.draft.status == core::ArticleStatus::published;
        if (moved) store_.move_address(page_path(r.old_slug), page_path(in.draft.slug));
        if (options_.on_content_changed) options_.on_content_changed();
        return flash_redirect(
            ctx, "/admin/pages/" + std::to_string(r.id) + "/edit",
            in.draft.status == core::ArticleStatus::published ? "page_published" : "page_saved");
      }
      case store::EditOutcome::not_found:
        return deny(ctx, 404, "لا توجد صفحة بهذا الرقم.");
      case store::EditOutcome::slug_taken:
        in.errors.push_back("الرابط «" + in.draft.slug + "» لصفحة أخرى: اختر رابطًا غيره.");
        break;
      default:
        in.errors.push_back("تعذّر حفظ الصفحة. أعد المحاولة.");
    }
  }
  PageForm f;
  f.id = id;
  f.draft = in.draft;
  f.draft.slug = ctx.field("slug").empty() ? in.draft.slug : ctx.field("slug");
  f.slug_follows_title = false;
  if (existing) f.stored_status = existing->status;
  std::string h = page_start(ctx, id ? "تحرير صفحة" : "صفحة جديدة", "pages", true);
  h += page_form_html(f, in.errors, csrf_field(ctx));
  h += page_end();
  send_page(ctx, 422, std::move(h));
}

}  // namespace jarida::admin
