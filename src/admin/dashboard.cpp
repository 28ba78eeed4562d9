// The newsroom's first page: counts that say what needs doing (articles
// waiting for review, comments waiting for moderation, what is scheduled)
// and the person's latest work.
#include "admin/context.hpp"
#include "text/dates.hpp"

namespace jarida::admin {
void Newsroom::dashboard(Ctx& ctx) {
  const auto articles = store_.article_status_counts();
  std::string h = page_start(ctx, "الرئيسية", "dashboard");
  h += "<h1>أهلًا، " + esc(ctx.user->account.author.display_name) + "</h1>";
  h += "<section class=\"cards\">";
  auto card = [&](std::string_view href, std::int64_t n, std::string_view label) {
    h += "<a class=\"card\" href=\"" + esc(href) + "\"><span class=\"card-number\">" +
         std::to_string(n) + "</span><span class=\"card-label\">" + std::string(label) +
         "</span></a>";
  };
  card("/admin/articles?status=pending", count_of(articles, "pending"), "بانتظار المراجعة");
  card("/admin/articles?status=scheduled", count_of(articles, "scheduled"), "مجدولة");
  card("/admin/articles?status=draft", count_of(articles, "draft"), "مسودات");
  card("/admin/articles?status=published", count_of(articles, "published"), "منشورة");
  if (ctx.is_editor())
    card("/admin/comments", store_.count_comments(core::CommentStatus::pending),
         "تعليقات بانتظار المراجعة");
  h += "</section>";

  store::NewsroomFilter mine;
  mine.author_id = ctx.user_id();
  const auto recent = store_.newsroom_articles(mine, 0, 5);
  text::DateFormatter dates(renderer().settings().dates);
  h += "<section><h2>آخر مقالاتك</h2><ul class=\"recent\">";
  for (const auto& r : recent.items)
    h += "<li><a href=\"/admin/articles/" + std::to_string(r.article.id) + "/edit\" dir=\"auto\">" +
         esc(r.article.title) + "</a> <span class=\"status status-" +
         std::string(core::to_string(r.status)) + "\">" + std::string(status_name(r.status)) +
         "</span> <span class=\"muted\">" + esc(dates.date(r.updated_at)) + "</span></li>";
  if (recent.items.empty()) h += "<li class=\"empty\">لم تكتب شيئًا بعد.</li>";
  h += "</ul><p><a class=\"btn btn-primary\" href=\"/admin/articles/new\">اكتب مقالًا</a></p>"
       "</section>";
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

}  // namespace jarida::admin
