// The article list with its filters (status, category, author, words of the
// title) and pages; moving to trash and back. Authors see their own
// articles only.
#include "admin/category_order.hpp"
#include "admin/context.hpp"
#include "http/target.hpp"
#include "text/dates.hpp"

namespace jarida::admin {
void Newsroom::article_list(Ctx& ctx) {
  store::NewsroomFilter filter;
  const std::string status = ctx.query("status");
  filter.status = core::article_status_from_string(status);
  const std::string category = ctx.query("category");
  filter.category_id = parse_id(category);
  const std::string author = ctx.query("author");
  filter.author_id = parse_id(author);
  if (!ctx.is_editor()) filter.author_id = ctx.user_id();
  filter.text = ctx.query("q");
  if (filter.text.size() > 200) filter.text.resize(200);
  const std::int64_t page = std::max<std::int64_t>(1, parse_id(ctx.query("page")).value_or(1));
  const auto result =
      store_.newsroom_articles(filter, (page - 1) * options_.per_page, options_.per_page);
  const std::int64_t pages =
      std::max<std::int64_t>(1, (result.total + options_.per_page - 1) / options_.per_page);
  const auto categories = store_.categories();
  text::DateFormatter dates(renderer().settings().dates);

  std::string h = page_start(ctx, "المقالات", "articles");
  h += "<h1>المقالات <a class=\"btn btn-primary\" href=\"/admin/articles/new\">مقال جديد</a></h1>";
  h += "<form class=\"filters\" method=\"get\" action=\"/admin/articles\">";
  h += "<label>الحالة <select name=\"status\"><option value=\"\">الكل (عدا المحذوفة)</option>";
  using S = core::ArticleStatus;
  for (S s : {S::draft, S::pending, S::scheduled, S::published, S::private_, S::trash})
    option(h, core::to_string(s), status_name(s), filter.status == s);
  h += "</select></label>";
  h += "<label>القسم <select name=\"category\"><option value=\"\">كل الأقسام</option>";
  for (const auto& [c, depth] : in_tree_order(categories)) {
    option(h, std::to_string(c->id), tree_label(*c, depth), filter.category_id == c->id);
  }
  h += "</select></label>";
  if (ctx.is_editor()) {
    h += "<label>الكاتب <select name=\"author\"><option value=\"\">كل الكتّاب</option>";
    for (const auto& a : store_.accounts())
      option(h, std::to_string(a.author.id), a.author.display_name,
             filter.author_id == a.author.id);
    h += "</select></label>";
  }
  h += "<label>بحث في العناوين <input type=\"search\" name=\"q\" dir=\"auto\"";
  attr(h, "value", filter.text);
  h += "></label><button class=\"btn\" type=\"submit\">اعرض</button></form>";

  h += "<p class=\"muted\">" + std::to_string(result.total) + " مقال</p>";
  h += "<div class=\"table-wrap\"><table class=\"admin-table\"><thead><tr><th>العنوان</th>"
       "<th>الحالة</th><th>القسم</th><th>الكاتب</th><th>التاريخ</th><th>الزيارات</th>"
       "</tr></thead><tbody>";
  for (const auto& row : result.items) {
    const auto& a = row.article;
    const std::string edit = "/admin/articles/" + std::to_string(a.id) + "/edit";
    h += "<tr><td dir=\"auto\">";
    if (!a.kicker.empty()) h += "<span class=\"muted\">" + esc(a.kicker) + ":</span> ";
    h += "<a href=\"" + edit + "\">" + esc(a.title) + "</a>";
    if (row.status == S::published)
      h += " <a class=\"muted\" target=\"_blank\" href=\"" +
           esc(http::encode_path(core::article_path(a))) + "\">عرض</a>";
    h += "</td><td><span class=\"status status-" + std::string(core::to_string(row.status)) +
         "\">" + std::string(status_name(row.status)) + "</span></td>";
    h += "<td>" + esc(a.category.name) + "</td><td>" + esc(a.author.display_name) + "</td>";
    h += "<td>" + esc(dates.date(a.published_at)) + " " + esc(dates.time_of_day(a.published_at)) +
         "</td><td>" + std::to_string(a.visits) + "</td></tr>";
  }
  if (result.items.empty())
    h += "<tr><td colspan=\"6\" class=\"empty\">لا مقالات تطابق هذا الاختيار.</td></tr>";
  h += "</tbody></table></div>";

  h += pagination(page, pages, [&](std::int64_t n) {
    return "/admin/articles" + query_string({{"status", status},
                                             {"category", category},
                                             {"author", author},
                                             {"q", filter.text},
                                             {"page", std::to_string(n)}});
  });
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::trash_article(Ctx& ctx) {
  const auto id = ctx.params.get_int("id");
  auto e = store_.article_for_edit(id);
  if (!e) return deny(ctx, 404, "لا يوجد مقال بهذا الرقم.");
  if (!may_edit(ctx, *e)) return deny(ctx, 403, "لا يمكنك حذف هذا المقال.");
  announce(
      store_.set_article_state(id, core::ArticleStatus::trash, ctx.user_id(), core::now_seconds()));
  flash_redirect(ctx, "/admin/articles", "trashed");
}

void Newsroom::restore_article(Ctx& ctx) {
  const auto id = ctx.params.get_int("id");
  auto e = store_.article_for_edit(id);
  if (!e) return deny(ctx, 404, "لا يوجد مقال بهذا الرقم.");
  if (!may_edit(ctx, *e)) return deny(ctx, 403, "لا يمكنك استعادة هذا المقال.");
  announce(
      store_.set_article_state(id, core::ArticleStatus::draft, ctx.user_id(), core::now_seconds()));
  flash_redirect(ctx, "/admin/articles/" + std::to_string(id) + "/edit", "restored");
}

}  // namespace jarida::admin
