// The article editor: the form (new and existing articles), saving,
// autosave, preview as readers will see it. Revisions are in revisions.cpp.
// The rich-text editing itself happens in the browser (web/editor/, TipTap
// bundled by esbuild into /admin/static/editor.js); without JavaScript the
// body is a plain HTML textarea. Whatever arrives is sanitized here.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "admin/article_form.hpp"
#include "admin/category_order.hpp"
#include "admin/context.hpp"
#include "render/images.hpp"
#include "render/slots.hpp"
#include "text/dates.hpp"
#include "text/local_time.hpp"

namespace jarida::admin {
namespace {

std::string tag_list(const std::vector<core::Tag>& tags) {
  std::string s;
  for (const auto& t : tags) {
    if (!s.empty()) s += "، ";
    s += t.name;
  }
  return s;
}

// What the form shows: an article being edited, or what was just posted
// and refused (so nothing typed is lost).
struct FormState {
  std::optional<core::Id> id;
  store::ArticleDraft draft;
  std::string tags_text;
  std::string publish_at;  // local "YYYY-MM-DDTHH:MM", "" = on publishing
  bool slug_follows_title = true;
  std::optional<core::Media> featured;
  core::ArticleStatus stored_status = core::ArticleStatus::draft;
  // The stored article's updated_at (unix seconds) the form was opened at:
  // a save refuses to overwrite a newer one (two editors on one story).
  std::string version;
};

std::string version_of(const store::EditableArticle& e) {
  return std::to_string(e.updated_at.time_since_epoch().count());
}

// True when the form was opened on an older copy than the one stored now.
// A form without a version (a page from before versions) is not checked.
bool stale(const std::string& posted, const store::EditableArticle& stored) {
  return !posted.empty() && posted != version_of(stored);
}

constexpr std::string_view kConflict =
    "عدّل شخص آخر هذا المقال بعد أن فتحته. لم يُحفظ ما كتبته: قارن بالنسخ السابقة، أو اضغط "
    "«احفظ» مرة أخرى لتحل نسختك هذه محل نسخته.";

}  // namespace

bool Newsroom::may_publish(const Ctx& ctx) const {
  return ctx.is_editor() || renderer().settings().newsroom.authors_can_publish;
}

bool Newsroom::may_edit(const Ctx& ctx, const store::EditableArticle& a) const {
  if (ctx.is_editor()) return true;
  if (a.article.author.id != ctx.user_id()) return false;
  // An author who may not publish may not change what readers already see.
  const bool live =
      a.status == core::ArticleStatus::published || a.status == core::ArticleStatus::scheduled;
  return !live || may_publish(ctx);
}

void Newsroom::announce(const std::optional<store::SaveResult>& r) {
  if (!r || !options_.on_articles_changed) return;
  // Called for invisible changes too (a draft's autosave): the site then
  // knows the new content version is its own and keeps its cache.
  options_.on_articles_changed({r->before, r->after}, r->version_before, r->version_after);
}

namespace {

std::string editor_html(const Newsroom::Ctx& ctx, const FormState& f,
                        const std::vector<std::string>& errors,
                        const std::vector<core::Category>& categories,
                        const std::vector<store::Account>& accounts, bool may_publish,
                        const std::string& csrf_field) {
  const auto& d = f.draft;
  std::string h;
  const std::string base =
      f.id ? "/admin/articles/" + std::to_string(*f.id) : "/admin/articles/new";
  h += "<h1>" + std::string(f.id ? "تحرير مقال" : "مقال جديد") + "</h1>";
  if (!errors.empty()) {
    h += "<div class=\"notice notice-error\" role=\"alert\"><ul>";
    for (const auto& e : errors) h += "<li>" + esc(e) + "</li>";
    h += "</ul></div>";
  }
  h += "<form id=\"article-form\" class=\"editor-layout\" method=\"post\"";
  attr(h, "action", f.id ? base + "/edit" : base);
  attr(h, "data-autosave-url", base + "/autosave");
  h += ">" + csrf_field;
  if (!f.version.empty()) {
    h += "<input type=\"hidden\" name=\"version\"";
    attr(h, "value", f.version);
    h += ">";
  }
  h += "<div class=\"editor-main\">";
  h += "<label class=\"visually-hidden\" for=\"kicker\">العنوان التمهيدي</label>"
       "<input id=\"kicker\" name=\"kicker\" class=\"kicker-input\" dir=\"auto\" "
       "placeholder=\"عنوان تمهيدي: انفراد، عاجل…\" list=\"kickers\"";
  attr(h, "value", d.kicker);
  h += "><datalist id=\"kickers\"><option value=\"انفراد\"><option value=\"عاجل\">"
       "<option value=\"خاص\"><option value=\"تحليل\"><option value=\"حوار\"></datalist>";
  h += "<label class=\"visually-hidden\" for=\"title\">العنوان</label>"
       "<input id=\"title\" name=\"title\" class=\"title-input\" dir=\"auto\" required "
       "placeholder=\"العنوان\"";
  attr(h, "value", d.title);
  h += "><label class=\"visually-hidden\" for=\"excerpt\">الملخص</label>"
       "<textarea id=\"excerpt\" name=\"excerpt\" class=\"excerpt-input\" dir=\"auto\" rows=\"2\" "
       "placeholder=\"ملخص قصير يظهر في القوائم ومشاركات الشبكات\">" +
       esc(d.excerpt) + "</textarea>";
  h += "<div id=\"editor\" class=\"editor-body\" data-media-url=\"/admin/media.json\" "
       "data-upload-url=\"/admin/media/upload\"></div>";
  h += "<label class=\"visually-hidden\" for=\"body_html\">نص المقال</label>"
       "<textarea name=\"body_html\" id=\"body_html\" class=\"body-fallback\" dir=\"auto\" "
       "rows=\"16\">" +
       esc(d.body_html) + "</textarea>";
  h += "<p id=\"autosave-status\" class=\"autosave-status\" aria-live=\"polite\"></p></div>";

  h += "<aside class=\"editor-side\"><fieldset><legend>النشر</legend>";
  h += "<div class=\"field\"><label for=\"status\">الحالة</label><select id=\"status\" "
       "name=\"status\">";
  using S = core::ArticleStatus;
  for (S s : {S::draft, S::pending, S::scheduled, S::published, S::private_}) {
    const bool live = s == S::scheduled || s == S::published || s == S::private_;
    if (live && !may_publish && f.stored_status != s) continue;
    option(h, core::to_string(s), status_name(s), d.status == s);
  }
  h += "</select></div>";
  h += "<div class=\"field\"><label for=\"publish_at\">موعد النشر</label>"
       "<input id=\"publish_at\" name=\"publish_at\" type=\"datetime-local\"";
  attr(h, "value", f.publish_at);
  h += "><p class=\"hint\">فارغ: يُنشر فور الضغط على «انشر». موعد في المستقبل: يُجدول.</p></div>";
  h += "<div class=\"actions\">";
  if (may_publish)
    h += "<button class=\"btn btn-primary\" type=\"submit\" name=\"action\" "
         "value=\"publish\">انشر</button>";
  else
    h += "<button class=\"btn btn-primary\" type=\"submit\" name=\"action\" "
         "value=\"submit\">أرسل للمراجعة</button>";
  h += "<button class=\"btn\" type=\"submit\" name=\"action\" value=\"save\">احفظ</button>";
  if (f.id) {
    h += "<a class=\"btn\" target=\"_blank\"";
    attr(h, "href", base + "/preview");
    h += ">معاينة</a><a class=\"btn\"";
    attr(h, "href", base + "/revisions");
    h += ">النسخ السابقة</a>";
  }
  h += "</div></fieldset>";

  h += "<fieldset><legend>الرابط والتصنيف</legend>";
  h += "<div class=\"field\"><label for=\"slug\">الرابط المختصر</label><input id=\"slug\" "
       "name=\"slug\" dir=\"auto\"";
  attr(h, "value", d.slug);
  if (f.slug_follows_title) h += " data-auto=\"1\"";
  h += "><p class=\"hint\">يُصنع من العنوان بحروفه العربية، ويمكنك تعديله.</p></div>";
  h += "<div class=\"field\"><label for=\"category_id\">القسم</label><select id=\"category_id\" "
       "name=\"category_id\" required>";
  for (const auto& [c, depth] : in_tree_order(categories)) {
    option(h, std::to_string(c->id), tree_label(*c, depth), d.category_id == c->id);
  }
  h += "</select></div>";
  h += "<div class=\"field\"><label for=\"tags\">الوسوم</label><input id=\"tags\" name=\"tags\" "
       "dir=\"auto\" placeholder=\"افصل بينها بفاصلة\"";
  attr(h, "value", f.tags_text);
  h += "></div>";
  if (ctx.is_editor()) {
    h += "<div class=\"field\"><label for=\"author_id\">الكاتب</label><select id=\"author_id\" "
         "name=\"author_id\">";
    for (const auto& a : accounts) {
      if (a.disabled && a.author.id != d.author_id) continue;
      option(h, std::to_string(a.author.id), a.author.display_name, d.author_id == a.author.id);
    }
    h += "</select></div>";
  }
  h += "</fieldset><fieldset><legend>الصورة البارزة</legend>";
  h += "<input type=\"hidden\" name=\"featured_media_id\" id=\"featured_media_id\"";
  attr(h, "value", d.featured_media_id ? std::to_string(*d.featured_media_id) : "");
  h += "><div id=\"featured-preview\" class=\"featured-preview\">";
  if (f.featured) {
    const auto src = render::image_src(*f.featured);
    if (!src.empty()) {
      h += "<img";
      attr(h, "src", src);
      attr(h, "alt", f.featured->alt);
      h += ">";
    }
  }
  h += "</div><button type=\"button\" id=\"featured-pick\" class=\"btn\">اختر صورة</button>"
       "</fieldset>";
  h += "<fieldset><legend>خيارات</legend>";
  h += "<label class=\"check\"><input type=\"checkbox\" name=\"comments_open\" value=\"1\"";
  if (d.comments_open) h += " checked";
  h += "> التعليقات مفتوحة</label>";
  if (ctx.is_editor()) {
    h += "<label class=\"check\"><input type=\"checkbox\" name=\"sticky\" value=\"1\"";
    if (d.sticky) h += " checked";
    h += "> مثبّت أعلى الصفحة الرئيسية</label>";
  }
  h += "</fieldset></aside></form>";
  if (f.id && f.stored_status != core::ArticleStatus::trash) {
    h += "<form method=\"post\" class=\"inline-form\" data-confirm=\"نقل المقال إلى سلة "
         "المحذوفات؟\"";
    attr(h, "action", base + "/trash");
    h += ">" + csrf_field +
         "<button class=\"btn btn-danger\" type=\"submit\">انقل إلى سلة المحذوفات</button></form>";
  } else if (f.id) {
    h += "<form method=\"post\" class=\"inline-form\"";
    attr(h, "action", base + "/restore");
    h += ">" + csrf_field +
         "<button class=\"btn\" type=\"submit\">استعد من سلة المحذوفات (مسودةً)</button></form>";
  }
  return h;
}

FormState state_of(const store::EditableArticle& e, const std::string& time_zone) {
  FormState f;
  const auto& a = e.article;
  f.id = a.id;
  f.stored_status = e.status;
  f.draft.slug = a.slug;
  f.draft.title = a.title;
  f.draft.kicker = a.kicker;
  f.draft.excerpt = a.excerpt;
  f.draft.body_html = a.body_html;
  f.draft.status = e.status;
  f.draft.published_at = a.published_at;
  f.draft.author_id = a.author.id;
  f.draft.category_id = a.category.id;
  f.draft.featured_media_id = e.featured_media_id;
  f.draft.sticky = a.sticky;
  f.draft.comments_open = a.comments_open;
  f.tags_text = tag_list(a.tags);
  f.featured = a.featured_image;
  f.slug_follows_title = false;
  f.version = version_of(e);
  using S = core::ArticleStatus;
  if (e.status == S::published || e.status == S::scheduled || e.status == S::private_)
    f.publish_at = text::to_local_input(a.published_at, time_zone);
  return f;
}

}  // namespace

void Newsroom::new_article_form(Ctx& ctx) {
  FormState f;
  f.draft.author_id = ctx.user_id();
  f.draft.comments_open = renderer().settings().comments.enabled;
  const auto categories = store_.categories();
  if (!categories.empty()) f.draft.category_id = categories.front().id;
  std::string h = page_start(ctx, "مقال جديد", "new_article", true);
  h += editor_html(ctx, f, {}, categories, store_.accounts(), may_publish(ctx), csrf_field(ctx));
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::edit_article_form(Ctx& ctx) {
  const auto id = ctx.params.get_int("id");
  auto e = store_.article_for_edit(id);
  if (!e) return deny(ctx, 404, "لا يوجد مقال بهذا الرقم.");
  if (!may_edit(ctx, *e)) return deny(ctx, 403, "لا يمكنك تحرير هذا المقال.");
  std::string h = page_start(ctx, "تحرير: " + e->article.title, "articles", true);
  h += editor_html(ctx, state_of(*e, renderer().settings().dates.time_zone), {},
                   store_.categories(), store_.accounts(), may_publish(ctx), csrf_field(ctx));
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

namespace {

ArticleFormInput form_input(const Newsroom::Ctx& ctx, bool may_publish, const std::string& zone,
                            bool autosave) {
  ArticleFormInput in;
  in.fields = ctx.form;
  in.user_id = ctx.user_id();
  in.user_is_editor = ctx.is_editor();
  in.may_publish = may_publish;
  in.time_zone = zone;
  in.now = core::now_seconds();
  in.autosave = autosave;
  return in;
}

}  // namespace

// Saves the posted form, new (no id) or existing; a refused form comes back
// with everything as typed and the reasons.
void Newsroom::update_article(Ctx& ctx) {
  std::optional<core::Id> id;
  std::optional<store::EditableArticle> existing;
  if (ctx.params.size > 0) {
    id = ctx.params.get_int("id");
    existing = store_.article_for_edit(*id);
    if (!existing) return deny(ctx, 404, "لا يوجد مقال بهذا الرقم.");
    if (!may_edit(ctx, *existing)) return deny(ctx, 403, "لا يمكنك تحرير هذا المقال.");
  }
  const auto& zone = renderer().settings().dates.time_zone;
  auto r = read_article_form(form_input(ctx, may_publish(ctx), zone, false));
  if (existing && !ctx.is_editor()) r.draft.sticky = existing->article.sticky;
  const bool conflict = existing && stale(ctx.field("version"), *existing);
  if (conflict) r.errors.insert(r.errors.begin(), std::string(kConflict));
  if (r.errors.empty()) {
    try {
      auto saved = store_.save_article(id, r.draft, ctx.user_id(), false, core::now_seconds());
      if (!saved) return deny(ctx, 404, "لا يوجد مقال بهذا الرقم.");
      announce(saved);
      return flash_redirect(ctx, "/admin/articles/" + std::to_string(saved->id) + "/edit",
                            r.notice);
    } catch (const store::Error& e) {
      r.errors.push_back("تعذّر الحفظ: تأكد من القسم والصورة البارزة ثم أعد المحاولة.");
    }
  }
  FormState f;
  f.id = id;
  f.draft = r.draft;
  f.tags_text = ctx.field("tags");
  f.publish_at = ctx.field("publish_at");
  f.slug_follows_title = false;
  if (existing) {
    f.stored_status = existing->status;
    f.featured = existing->article.featured_image;
    // After a conflict, saving again means "mine wins", knowingly.
    f.version = conflict ? version_of(*existing) : ctx.field("version");
  }
  std::string h = page_start(ctx, "تحرير مقال", id ? "articles" : "new_article", true);
  h += editor_html(ctx, f, r.errors, store_.categories(), store_.accounts(), may_publish(ctx),
                   csrf_field(ctx));
  h += page_end();
  send_page(ctx, conflict ? 409 : 422, std::move(h));
}

// Autosave: keeps the newest typing as a revision (and, for an unpublished
// article, in the article itself); never publishes and never changes what
// readers see.
void Newsroom::autosave(Ctx& ctx) {
  std::optional<core::Id> id;
  std::optional<store::EditableArticle> existing;
  if (ctx.params.size > 0) {
    id = ctx.params.get_int("id");
    existing = store_.article_for_edit(*id);
    if (!existing) return json_error(ctx, 404, "لا يوجد مقال بهذا الرقم.");
    if (!may_edit(ctx, *existing)) return json_error(ctx, 403, "لا يمكنك تحرير هذا المقال.");
    if (stale(ctx.field("version"), *existing))
      return json_error(ctx, 409,
                        "عدّل شخص آخر هذا المقال بعد أن فتحته، فتوقف الحفظ التلقائي كي لا يمحو "
                        "عمله. احفظ يدويًا لتحل نسختك محل نسخته، أو أعد فتح المقال.");
  }
  const auto& zone = renderer().settings().dates.time_zone;
  auto r = read_article_form(form_input(ctx, may_publish(ctx), zone, true));
  // An autosave keeps the stored status: only the buttons publish.
  r.draft.status = existing ? existing->status : core::ArticleStatus::draft;
  if (existing) {
    r.draft.published_at = existing->article.published_at;
    if (!ctx.is_editor()) r.draft.sticky = existing->article.sticky;
  }
  if (r.draft.category_id == 0) {
    const auto categories = store_.categories();
    if (categories.empty()) return json_error(ctx, 422, "أنشئ قسمًا أولًا.");
    r.draft.category_id = categories.front().id;
  }
  std::optional<store::SaveResult> saved;
  try {
    saved = store_.save_article(id, r.draft, ctx.user_id(), true, core::now_seconds());
  } catch (const store::Error&) {
    return json_error(ctx, 422, "تعذّر الحفظ التلقائي: تأكد من القسم والصورة البارزة.");
  }
  if (!saved) return json_error(ctx, 404, "لا يوجد مقال بهذا الرقم.");
  announce(saved);
  text::DateFormatter dates(renderer().settings().dates);
  const std::string base = "/admin/articles/" + std::to_string(saved->id);
  boost::json::object o;
  o["id"] = saved->id;
  o["saved_at"] = dates.time_of_day(core::now_seconds());
  o["edit_url"] = base + "/edit";
  o["autosave_url"] = base + "/autosave";
  o["revision"] = saved->revision;
  // The form's new version: the next save is no conflict with this one.
  if (auto now_stored = store_.article_for_edit(saved->id)) o["version"] = version_of(*now_stored);
  send_json(ctx, id ? 200 : 201, boost::json::serialize(o));
}

// The article as readers will see it, whatever its status: the theme's own
// page, with the live counters shown as zero and no comment form.
void Newsroom::preview(Ctx& ctx) {
  auto e = store_.article_for_edit(ctx.params.get_int("id"));
  if (!e) return deny(ctx, 404, "لا يوجد مقال بهذا الرقم.");
  if (!may_edit(ctx, *e) && !(e->article.author.id == ctx.user_id()))
    return deny(ctx, 403, "لا يمكنك معاينة هذا المقال.");
  render::ArticleView view;
  view.article = std::move(e->article);
  view.comments_open = false;
  std::string html = renderer().article_page(view, render::Chrome{store_.categories()});
  // Slots are filled per request on the live site; here they read 0.
  std::string out;
  out.reserve(html.size());
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] != render::kSlotOpen) {
      out.push_back(html[i]);
      continue;
    }
    const auto close = html.find(render::kSlotClose, i);
    if (close == std::string::npos) break;
    const char kind = i + 1 < html.size() ? html[i + 1] : ' ';
    if (kind == 'v' || kind == 'c') out.push_back('0');
    i = close;
  }
  send_page(ctx, 200, std::move(out));
}

}  // namespace jarida::admin
