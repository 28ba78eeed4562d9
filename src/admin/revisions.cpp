// Revisions of an article: the list, a comparison of one with the article
// as it is now (paragraph by paragraph), and restoring one (saved as a new
// revision, so a restore can itself be undone).
#include "admin/context.hpp"
#include "render/html_sanitizer.hpp"
#include "text/dates.hpp"

namespace jarida::admin {
namespace {

// The body as lines of plain text, one per block, for comparing.
std::vector<std::string> blocks_of(const std::string& html) {
  std::string marked;
  marked.reserve(html.size());
  for (std::size_t i = 0; i < html.size(); ++i) {
    // A block's end tag ends a line (p, h2-h6, li, blockquote, figcaption...).
    if (html.compare(i, 2, "</") == 0) {
      const auto name_end = html.find('>', i);
      const std::string name =
          html.substr(i + 2, name_end == std::string::npos ? 0 : name_end - i - 2);
      if (name == "p" || name == "li" || name == "blockquote" || name == "figcaption" ||
          (name.size() == 2 && name[0] == 'h')) {
        marked += html.substr(i, name_end - i + 1);
        marked += "\n\n";
        i = name_end;
        continue;
      }
    }
    marked.push_back(html[i]);
  }
  std::vector<std::string> out;
  std::string text = render::html_to_text(marked);
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    if (line.find_first_not_of(" \t") != std::string::npos) out.push_back(line);
    pos = nl + 1;
  }
  return out;
}

// Longest-common-subsequence diff of two short lists (articles have tens
// of paragraphs, so the quadratic table is small; capped for safety).
std::string diff_html(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  constexpr std::size_t kMax = 2000;
  if (a.size() > kMax || b.size() > kMax)
    return "<p class=\"muted\">النص أطول من أن يُقارن فقرةً فقرة.</p>";
  std::vector<std::vector<std::uint16_t>> lcs(a.size() + 1,
                                              std::vector<std::uint16_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;)
    for (std::size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::string h = "<div class=\"diff\">";
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      h += "<p dir=\"auto\">" + esc(a[i]) + "</p>";
      ++i, ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      h += "<p dir=\"auto\"><ins>" + esc(b[j]) + "</ins></p>";
      ++j;
    } else {
      h += "<p dir=\"auto\"><del>" + esc(a[i]) + "</del></p>";
      ++i;
    }
  }
  return h + "</div>";
}

}  // namespace

void Newsroom::revisions_page(Ctx& ctx) {
  const auto id = ctx.params.get_int("id");
  auto e = store_.article_for_edit(id);
  if (!e) return deny(ctx, 404, "لا يوجد مقال بهذا الرقم.");
  if (!may_edit(ctx, *e)) return deny(ctx, 403, "لا يمكنك تحرير هذا المقال.");
  text::DateFormatter dates(renderer().settings().dates);
  const std::string base = "/admin/articles/" + std::to_string(id);
  std::string h = page_start(ctx, "النسخ السابقة", "articles");
  h += "<h1>النسخ السابقة: " + esc(e->article.title) + "</h1>";
  h += "<p><a href=\"" + base + "/edit\">العودة إلى التحرير</a></p>";

  if (auto compare = parse_id(ctx.query("compare"))) {
    auto rev = store_.revision(*compare);
    if (rev && rev->article_id == id) {
      h += "<section><h2>المقارنة بالنص الحالي</h2><p class=\"muted\">المحذوف من تلك النسخة "
           "<del>هكذا</del>، والمضاف بعدها <ins>هكذا</ins>.</p>";
      if (rev->title != e->article.title)
        h += "<p>العنوان: <del dir=\"auto\">" + esc(rev->title) + "</del> ← <ins dir=\"auto\">" +
             esc(e->article.title) + "</ins></p>";
      h += diff_html(blocks_of(rev->body_html), blocks_of(e->article.body_html));
      h += "</section>";
    }
  }
  h += "<div class=\"table-wrap\"><table class=\"admin-table\"><thead><tr><th>الوقت</th>"
       "<th>بواسطة</th><th>النوع</th><th>العنوان</th><th></th></tr></thead><tbody>";
  const auto list = store_.revisions(id);
  for (const auto& r : list) {
    h += "<tr><td>" + esc(dates.date(r.saved_at)) + " " + esc(dates.time_of_day(r.saved_at)) +
         "</td><td>" + esc(r.user_name.empty() ? "—" : r.user_name) + "</td><td>" +
         (r.autosave ? "حفظ تلقائي" : "حفظ") + "</td><td dir=\"auto\">" + esc(r.title) +
         "</td><td><a class=\"btn\" href=\"" + base + "/revisions?compare=" + std::to_string(r.id) +
         "\">قارن</a> <form class=\"inline-form\" method=\"post\" "
         "data-confirm=\"استعادة هذه النسخة؟\" action=\"" +
         base + "/revisions/" + std::to_string(r.id) + "/restore\">" + csrf_field(ctx) +
         "<button class=\"btn\" type=\"submit\">استعد</button></form></td></tr>";
  }
  if (list.empty()) h += "<tr><td colspan=\"5\" class=\"empty\">لا نسخ سابقة بعد.</td></tr>";
  h += "</tbody></table></div>";
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::restore_revision(Ctx& ctx) {
  const auto id = ctx.params.get_int("id");
  auto e = store_.article_for_edit(id);
  if (!e) return deny(ctx, 404, "لا يوجد مقال بهذا الرقم.");
  if (!may_edit(ctx, *e)) return deny(ctx, 403, "لا يمكنك تحرير هذا المقال.");
  auto rev = store_.revision(ctx.params.get_int("rev"));
  if (!rev || rev->article_id != id) return deny(ctx, 404, "لا توجد هذه النسخة.");
  const auto& a = e->article;
  store::ArticleDraft d;
  d.slug = a.slug;
  d.title = rev->title;
  d.kicker = rev->kicker;
  d.excerpt = rev->excerpt;
  d.body_html = rev->body_html;
  d.status = e->status;
  d.published_at = a.published_at;
  d.author_id = a.author.id;
  d.category_id = a.category.id;
  for (const auto& t : a.tags) d.tag_names.push_back(t.name);
  d.featured_media_id = e->featured_media_id;
  d.sticky = a.sticky;
  d.comments_open = a.comments_open;
  auto saved = store_.save_article(id, d, ctx.user_id(), false, core::now_seconds());
  announce(saved);
  flash_redirect(ctx, "/admin/articles/" + std::to_string(id) + "/edit", "revision_restored");
}

}  // namespace jarida::admin
