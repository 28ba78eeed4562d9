// POST /{yyyy}/{mm}/{slug}/comment/: a reader's comment (issue 4). Works
// without JavaScript (303 back to the article with a notice) and with it
// (Accept: application/json: a JSON answer, same rules). The order of checks:
// the article exists, the request comes from our page (Origin, signed form
// token, its age), the input is valid, then the store decides in one
// transaction with the moderation policy below. Once the reader has the 303
// or 201, the comment is on disk (synchronous=FULL commit).
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "http/security_headers.hpp"
#include "http/target.hpp"
#include "mail/address.hpp"
#include "render/slots.hpp"
#include "site/client_address.hpp"
#include "site/comment_input.hpp"
#include "site/form_support.hpp"
#include "site/site.hpp"

namespace jarida::site {
namespace {

constexpr const char* kCommenterCookie = "jarida_c";

}  // namespace

void Site::post_comment(const http::Request& req, const http::Params& params, http::Response& res) {
  const bool json = wants_json(req);
  const auto& settings = renderer().settings();
  const auto now = core::now_seconds();

  auto refuse = [&](int status, const std::vector<std::string>& messages) {
    refuse_form(renderer(), json, status, messages, res);
  };

  auto article = store_.published_article_by_slug(params.get("slug"));
  const std::string asked = requested_article_path(params);
  if (!article || core::article_path(*article) != asked)
    return refuse(404, {settings.label("not_found_title")});
  if (!settings.comments.enabled) return refuse(403, {"التعليقات مغلقة في هذا الموقع."});
  const std::string closed_here = "التعليقات مغلقة على هذا المقال.";
  if (!article->comments_open) return refuse(403, {closed_here});
  if (!same_origin(req, settings.base_url))
    return refuse(403, {"لم نستطع التحقق من مصدر النموذج. حدّث الصفحة وأعد المحاولة."});

  CommentInput in = parse_comment_form(req.body);
  const std::string article_path = core::article_path(*article);
  // What a reader whose comment is held gets; a bot caught by the honeypot
  // gets exactly the same (a new commenter cookie included), so it has
  // nothing to adapt to.
  auto answer_held = [&](core::Id id, const std::string& cookie) {
    res.headers.clear();
    res.headers.append(http::kSecurityHeaders);
    res.headers.append("Cache-Control: no-store\r\n");
    if (!cookie.empty()) res.add_header("Set-Cookie", cookie);
    const std::string url = http::encode_path(article_path) + "?comment=held#respond";
    if (json) {
      res.status = 201;
      res.add_header("Content-Type", "application/json; charset=utf-8");
      boost::json::object o;
      o["id"] = id;
      o["status"] = "pending";
      o["message"] = settings.label("comment_held");
      o["url"] = http::encode_path(article_path) + "#respond";
      res.body = boost::json::serialize(o);
    } else {
      res.status = 303;
      res.add_header("Location", url);
    }
  };
  auto commenter_cookie = [&](const std::string& key) {
    return std::string(kCommenterCookie) + "=" + sign_value(options_.key, key) +
           "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax" +
           (settings.base_url.starts_with("https:") ? "; Secure" : "");
  };
  // A bot that filled the hidden field is told what a held reader is told,
  // and nothing is stored: it learns nothing to adapt to.
  const std::string known_key =
      verify_signed_value(options_.key, cookie_value(req.header("Cookie"), kCommenterCookie));
  if (!in.honeypot.empty())
    return answer_held(0, known_key.empty() ? commenter_cookie(random_token()) : std::string());

  switch (check_form_token(options_.key, "comment", article->id, in.token, now,
                           std::chrono::seconds(settings.comments.min_seconds), kFormTokenMaxAge)) {
    case TokenCheck::ok:
      break;
    case TokenCheck::too_fast:
      return refuse(400, {"أرسلت التعليق بسرعة كبيرة. انتظر لحظات ثم أعد المحاولة."});
    case TokenCheck::expired:
    case TokenCheck::invalid:
      return refuse(400, {"انتهت صلاحية النموذج. حدّث الصفحة ثم أعد إرسال تعليقك."});
  }
  if (const auto errors = validate_comment(in); !errors.empty()) return refuse(400, errors);

  std::string commenter_key = known_key;
  const bool new_commenter_key = commenter_key.empty();
  if (new_commenter_key) commenter_key = random_token();

  store::CommentSubmission sub;
  sub.comment.article_id = article->id;
  sub.comment.parent = in.parent;
  sub.comment.author_name = in.name;
  sub.comment.author_email = in.email;
  sub.comment.body = in.body;
  sub.comment.created_at = now;
  sub.comment.ip_hash = hash_ip(
      options_.key,
      client_address(req.remote_ip, req.header("X-Forwarded-For"), options_.trusted_proxies));
  sub.comment.commenter_key = commenter_key;
  sub.email_key = in.email.empty() ? std::string() : mail::normalize_email(in.email);
  sub.rate_window = std::chrono::minutes(settings.comments.rate_window_minutes);

  enum class Why { none, duplicate, rate } why = Why::none;
  const auto& policy = settings.comments;
  const auto result = store_.submit_comment(
      sub, [&](const store::CommentFacts& f) -> std::optional<core::CommentStatus> {
        if (f.duplicate) return why = Why::duplicate, std::nullopt;
        if (f.recent_from_ip >= policy.rate_limit) return why = Why::rate, std::nullopt;
        // Held automatically, whatever the policy: many links, blocked words.
        if (count_links(in.body) > policy.max_links ||
            contains_blocked_word(in.body + " " + in.name, policy.blocklist))
          return core::CommentStatus::pending;
        switch (policy.policy) {
          case core::ModerationPolicy::hold_all:
            return core::CommentStatus::pending;
          case core::ModerationPolicy::hold_none:
            return core::CommentStatus::approved;
          case core::ModerationPolicy::first_comment:
            return f.known_commenter ? core::CommentStatus::approved : core::CommentStatus::pending;
        }
        return core::CommentStatus::pending;
      });

  switch (result.outcome) {
    case store::CommentOutcome::no_such_article:
      return refuse(404, {settings.label("not_found_title")});
    case store::CommentOutcome::comments_closed:  // closed since the article was read
      return refuse(403, {closed_here});
    case store::CommentOutcome::bad_parent:
      return refuse(400, {"التعليق الذي ترد عليه غير موجود."});
    case store::CommentOutcome::rejected:
      if (why == Why::rate)
        return refuse(429, {"أرسلت تعليقات كثيرة في وقت قصير. انتظر قليلاً ثم أعد المحاولة."});
      return refuse(409, {"لقد أرسلت هذا التعليق من قبل."});
    case store::CommentOutcome::stored:
      break;
  }

  const bool published = result.status == core::CommentStatus::approved;
  const std::string cookie = new_commenter_key ? commenter_cookie(commenter_key) : std::string();
  // A held comment changes nothing readers see.
  if (!published) {
    note_own_write(result.version_before, result.version_after);
    return answer_held(result.id, cookie);
  }
  // Exactly what shows it: this article's page, the site-wide list and the
  // live comment count on list pages.
  note_own_write(result.version_before, result.version_after);
  cache_.invalidate(article_path);
  fragments_.invalidate("latest_comments");
  comment_count_cell(article->id, article->comment_count + 1);
  res.headers.clear();
  res.headers.append(http::kSecurityHeaders);
  res.headers.append("Cache-Control: no-store\r\n");
  if (!cookie.empty()) res.add_header("Set-Cookie", cookie);
  const std::string anchor = "#comment-" + std::to_string(result.id);
  if (json) {
    res.status = 201;
    res.add_header("Content-Type", "application/json; charset=utf-8");
    boost::json::object o;
    o["id"] = result.id;
    o["status"] = "approved";
    o["message"] = settings.label("comment_published");
    o["url"] = http::encode_path(article_path) + anchor;
    res.body = boost::json::serialize(o);
    return;
  }
  res.status = 303;
  res.add_header("Location", http::encode_path(article_path) + "?comment=published" + anchor);
}

// A token only changes once a second per article: during a flood of readers
// each thread computes the HMAC about once a second, not once per view.
const std::string& Site::form_token(std::string_view purpose, core::Id article) {
  struct Memo {
    const Site* site = nullptr;  // tokens are per site key
    core::Id article = 0;
    std::int64_t second = -1;
    std::string token;
  };
  thread_local Memo comment_memo, send_memo;
  Memo& m = purpose == "comment" ? comment_memo : send_memo;
  const auto now = core::now_seconds();
  if (m.site != this || m.article != article || m.second != now.time_since_epoch().count()) {
    m.site = this;
    m.article = article;
    m.second = now.time_since_epoch().count();
    m.token = make_form_token(options_.key, purpose, article, now);
  }
  return m.token;
}

// Writes into `out` (a per-thread buffer the caller reuses): this runs for
// every article view, so it allocates nothing once the buffers have grown.
void Site::text_slot_value(const std::string& name, const CachedPage& page,
                           const http::Request& req, std::string& out) {
  out.clear();
  if (name == "comment_token") return void(out.assign(form_token("comment", page.article_id)));
  if (name == "send_token") return void(out.assign(form_token("send", page.article_id)));
  if (req.query.empty()) return;  // the rest depend on the query string
  const auto& L = renderer().settings();
  // Notices are fixed strings from the settings, never text from the query.
  auto notice = [&](const std::string& label) {
    out.append("<p class=\"notice\" role=\"status\">")
        .append(render::html_escape(L.label(label)))
        .append("</p>");
  };
  if (name == "send_notice") {
    if (http::query_param(req.query, "sent") == "1") notice("send_to_friend_done");
  } else if (name == "reply_to") {
    const std::string id = http::query_param(req.query, "replytocom");
    if (!id.empty() && id.size() < 12 && id.find_first_not_of("0123456789") == std::string::npos)
      out = id;
  } else if (name == "comment_notice") {
    const std::string which = http::query_param(req.query, "comment");
    if (which == "held") notice("comment_held");
    if (which == "published") notice("comment_published");
  }
}

}  // namespace jarida::site
