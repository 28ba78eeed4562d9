// Readers' comments (issue 4) as editors moderate them: a queue per status
// with counts, approve / spam / trash / back to pending one by one or in
// bulk, and a reply published in the site's name.
#include "admin/context.hpp"
#include "http/target.hpp"
#include "text/dates.hpp"

namespace jarida::admin {
namespace {

constexpr std::size_t kMaxReplyBytes = 5000;

}  // namespace

void Newsroom::comment_queue(Ctx& ctx) {
  using C = core::CommentStatus;
  const auto status = core::comment_status_from_string(ctx.query("status")).value_or(C::pending);
  const auto counts = store_.comment_status_counts();
  const std::int64_t page = std::max<std::int64_t>(1, parse_id(ctx.query("page")).value_or(1));
  const auto total = count_of(counts, core::to_string(status));
  const std::int64_t pages =
      std::max<std::int64_t>(1, (total + options_.per_page - 1) / options_.per_page);
  const auto items =
      store_.comments_for_moderation(status, (page - 1) * options_.per_page, options_.per_page);
  text::DateFormatter dates(renderer().settings().dates);

  std::string h = page_start(ctx, "التعليقات", "comments");
  h += "<h1>التعليقات</h1><nav class=\"tabs\">";
  for (C s : {C::pending, C::approved, C::spam, C::trash}) {
    h += "<a href=\"/admin/comments?status=" + std::string(core::to_string(s)) + "\"";
    if (s == status) h += " aria-current=\"page\"";
    h += ">" + std::string(comment_status_name(s)) + " <span class=\"badge\">" +
         std::to_string(count_of(counts, core::to_string(s))) + "</span></a>";
  }
  h += "</nav>";
  // The bulk form holds only its buttons; the rows' checkboxes and buttons
  // join it with form="moderation", so each row can hold its own reply form
  // (forms can't nest).
  h += "<form method=\"post\" action=\"/admin/comments\" id=\"moderation\" "
       "class=\"bulk-actions\">" +
       csrf_field(ctx);
  h += "<input type=\"hidden\" name=\"from\"";
  attr(h, "value", core::to_string(status));
  h += "><label class=\"check\"><input type=\"checkbox\" data-select-all> تحديد الكل</label>";
  struct Act {
    C to;
    const char* label;
  };
  const Act acts[] = {
      {C::approved, "انشر"}, {C::pending, "أعد للمراجعة"}, {C::spam, "مزعج"}, {C::trash, "احذف"}};
  for (Act a : acts) {
    if (a.to == status) continue;
    h += "<button class=\"btn\" type=\"submit\" name=\"to\"";
    attr(h, "value", core::to_string(a.to));
    h += ">" + std::string(a.label) + "</button>";
  }
  h += "</form>";
  for (const auto& it : items) {
    const auto& c = it.comment;
    const std::string id = std::to_string(c.id);
    const std::string link = core::article_path(it.article_published_at, it.article_slug);
    h += "<article class=\"comment-row\"><header><label class=\"check\"><input "
         "type=\"checkbox\" form=\"moderation\" name=\"ids\" value=\"" +
         id + "\"> <strong dir=\"auto\">" + esc(c.author_name) + "</strong></label>";
    if (!c.author_email.empty())
      h += " <span class=\"muted\" dir=\"ltr\">" + esc(c.author_email) + "</span>";
    h += " <span class=\"muted\">" + esc(dates.date(c.created_at)) + " " +
         esc(dates.time_of_day(c.created_at)) + "</span></header>";
    h += "<p class=\"muted\">على: <a target=\"_blank\" href=\"" + esc(http::encode_path(link)) +
         "\" dir=\"auto\">" + esc(it.article_title) + "</a></p>";
    h += "<blockquote class=\"comment-body\" dir=\"auto\">" + esc(c.body) + "</blockquote>";
    h += "<div class=\"row-actions\">";
    for (Act a : acts) {
      if (a.to == status) continue;
      h += "<button class=\"btn btn-small\" type=\"submit\" form=\"moderation\" "
           "name=\"single\"";
      attr(h, "value", std::string(core::to_string(a.to)) + ":" + id);
      h += ">" + std::string(a.label) + "</button>";
    }
    h += "</div>";
    if (status == C::approved || status == C::pending) {
      h += "<details class=\"reply\"><summary>ردّ باسم الموقع</summary><form "
           "class=\"admin-form\" method=\"post\" action=\"/admin/comments/" +
           id + "/reply\">" + csrf_field(ctx) +
           "<div class=\"field\"><textarea name=\"body\" dir=\"auto\" rows=\"3\" required "
           "maxlength=\"5000\" aria-label=\"نص الرد\"></textarea></div><div "
           "class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">انشر "
           "الرد</button></div></form></details>";
    }
    h += "</article>";
  }
  if (items.empty()) h += "<p class=\"empty\">لا تعليقات هنا.</p>";
  h += pagination(page, pages, [&](std::int64_t n) {
    return "/admin/comments?status=" + std::string(core::to_string(status)) +
           "&page=" + std::to_string(n);
  });
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::moderate_comments(Ctx& ctx) {
  auto to = core::comment_status_from_string(ctx.field("to"));
  std::vector<std::string> ids = ctx.fields("ids");
  // One row's own button: "approved:123" (the ticked boxes are ignored).
  if (const std::string single = ctx.field("single"); !single.empty()) {
    const auto colon = single.find(':');
    to = core::comment_status_from_string(single.substr(0, colon));
    ids = {colon == std::string::npos ? std::string() : single.substr(colon + 1)};
  }
  const std::string from = ctx.field("from");
  const std::string back =
      "/admin/comments" +
      query_string({{"status", core::comment_status_from_string(from) ? std::string_view(from)
                                                                      : std::string_view()}});
  if (!to) return flash_redirect(ctx, back, "moderated");
  bool changed = false;
  for (const auto& s : ids)
    if (auto id = parse_id(s)) changed = store_.set_comment_status(*id, *to).has_value() || changed;
  if (changed && options_.on_content_changed) options_.on_content_changed();
  flash_redirect(ctx, back, "moderated");
}

void Newsroom::reply_to_comment(Ctx& ctx) {
  const auto parent = store_.comment_by_id(ctx.params.get_int("id"));
  if (!parent) return deny(ctx, 404, "لا يوجد هذا التعليق.");
  std::string body = ctx.field("body");
  while (!body.empty() && (body.back() == ' ' || body.back() == '\n' || body.back() == '\r'))
    body.pop_back();
  if (body.empty() || body.size() > kMaxReplyBytes)
    return deny(ctx, 422, "اكتب ردًا (5000 حرف على الأكثر).");
  store::NewComment c;
  c.article_id = parent->article_id;
  c.parent = parent->id;
  c.author_name = renderer().settings().site_name;
  c.body = body;
  c.status = core::CommentStatus::approved;
  c.created_at = core::now_seconds();
  auto batch = store_.begin_write();
  batch->add_comment(c);
  batch->commit();
  // Replying approves the comment replied to: the reply would hang alone.
  if (parent->status == core::CommentStatus::pending)
    store_.set_comment_status(parent->id, core::CommentStatus::approved);
  if (options_.on_content_changed) options_.on_content_changed();
  flash_redirect(ctx, "/admin/comments?status=approved", "replied");
}

}  // namespace jarida::admin
