// POST /{yyyy}/{mm}/{slug}/send/: "ارسل الى صديق" (issue 4). The request
// only validates and queues: the mail (a fixed template with the article's
// title, excerpt and link, and the sender's cleaned name; no free text) goes
// into mail_outbox in the same transaction as the rate-limit bookkeeping,
// and mail::OutboxWorker delivers it in the background.
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "http/security_headers.hpp"
#include "http/target.hpp"
#include "mail/address.hpp"
#include "mail/message.hpp"
#include "site/client_address.hpp"
#include "site/form_support.hpp"
#include "site/site.hpp"

namespace jarida::site {

void Site::post_send_to_friend(const http::Request& req, const http::Params& params,
                               http::Response& res) {
  const bool json = wants_json(req);
  const auto& settings = renderer().settings();
  const auto now = core::now_seconds();
  auto refuse = [&](int status, const std::string& message) {
    refuse_form(renderer(), json, status, {message}, res);
  };

  auto article = store_.published_article_by_slug(params.get("slug"));
  const std::string asked = requested_article_path(params);
  if (!article || core::article_path(*article) != asked)
    return refuse(404, settings.label("not_found_title"));
  if (!settings.smtp.configured()) return refuse(503, "الإرسال بالبريد غير مفعّل في هذا الموقع.");
  if (!same_origin(req, settings.base_url))
    return refuse(403, "لم نستطع التحقق من مصدر النموذج. حدّث الصفحة وأعد المحاولة.");

  const std::string token = http::query_param(req.body, "t");
  switch (check_form_token(options_.key, "send", article->id, token, now,
                           std::chrono::seconds(settings.comments.min_seconds), kFormTokenMaxAge)) {
    case TokenCheck::ok:
      break;
    case TokenCheck::too_fast:
      return refuse(400, "أرسلت النموذج بسرعة كبيرة. انتظر لحظات ثم أعد المحاولة.");
    case TokenCheck::expired:
    case TokenCheck::invalid:
      return refuse(400, "انتهت صلاحية النموذج. حدّث الصفحة ثم أعد المحاولة.");
  }
  // Exactly one syntactically valid address: no CR/LF, commas, or lists.
  const std::string to = http::query_param(req.body, "to");
  if (!mail::valid_email(to)) return refuse(400, "عنوان البريد الإلكتروني لصديقك غير صحيح.");
  const std::string name = mail::clean_sender_name(http::query_param(req.body, "name"));
  if (name.empty()) return refuse(400, "اكتب اسمك ليعرف صديقك من أرسل إليه المقال.");

  mail::FriendMail m;
  m.site_name = settings.site_name;
  m.sender_name = name;
  m.article_title = article->title;
  m.article_excerpt = article->excerpt;
  m.article_url = settings.base_url + http::encode_path(core::article_path(*article));
  m.to_addr = to;
  const auto& limits = settings.send_to_friend;
  const auto outcome = store_.queue_mail(
      mail::friend_mail(m),
      hash_ip(options_.key, client_address(req.remote_ip, req.header("X-Forwarded-For"),
                                           options_.trusted_proxies)),
      hash_ip(options_.key, mail::normalize_email(to)),
      store::MailLimits{limits.per_ip_per_hour, limits.per_recipient_per_day, limits.site_per_hour},
      now);
  switch (outcome) {
    case store::MailQueueOutcome::queued:
      break;
    case store::MailQueueOutcome::ip_limit:
      return refuse(429, "أرسلت مقالات كثيرة خلال الساعة الأخيرة. حاول لاحقاً.");
    case store::MailQueueOutcome::recipient_limit:
      return refuse(429, "وصل هذا العنوان عدد كافٍ من الرسائل اليوم. حاول غداً.");
    case store::MailQueueOutcome::site_limit:
      return refuse(429, "الموقع يرسل رسائل كثيرة الآن. حاول بعد قليل.");
  }
  if (options_.on_mail_queued) options_.on_mail_queued();

  res.headers.clear();
  res.headers.append(http::kSecurityHeaders);
  res.headers.append("Cache-Control: no-store\r\n");
  if (json) {
    res.status = 202;
    res.add_header("Content-Type", "application/json; charset=utf-8");
    boost::json::object o;
    o["status"] = "queued";
    o["message"] = settings.label("send_to_friend_done");
    res.body = boost::json::serialize(o);
    return;
  }
  res.status = 303;
  res.add_header("Location", http::encode_path(core::article_path(*article)) + "?sent=1");
}

}  // namespace jarida::site
