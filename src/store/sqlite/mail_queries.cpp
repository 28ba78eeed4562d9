// SqliteStore's mail outbox (issue 4, "send to a friend"). A request only
// queues: queue_mail checks the rate limits and inserts in one BEGIN
// IMMEDIATE transaction on the writer, so a flood from many threads or
// processes can never pass a limit. The background sender takes due_mail,
// and reports each with mail_sent or mail_failed. The outbox has no
// content_version trigger: mail is not what readers see.
#include <chrono>
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jarida::store::sqlite {

namespace {

using namespace std::chrono_literals;

// A mail that failed this many times is given up on: it stays in the table
// (with its last error, for the operator) but is never due again and no
// longer counts as unsent.
constexpr std::int64_t kMaxMailAttempts = 10;

std::int64_t count_since(Connection& c, std::string_view sql, std::string_view op,
                         std::optional<std::string_view> key, core::TimePoint since) {
  auto q = c.query(sql, op);
  if (key) q.bind(1, *key);
  q.bind(2, since);
  q.step();
  return q.int64(0);
}

}  // namespace

MailQueueOutcome SqliteStore::queue_mail(const NewMail& mail, std::string_view ip_hash,
                                         std::string_view recipient_hash, const MailLimits& limits,
                                         core::TimePoint now) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "queue_mail");
  // Checked in this order, so the reader hears about their own limit first.
  if (count_since(writer_,
                  "SELECT count(*) FROM mail_outbox WHERE ip_hash = ?1 AND created_at > ?2",
                  "queue_mail: per ip", ip_hash, now - 1h) >= limits.per_ip_per_hour)
    return MailQueueOutcome::ip_limit;
  if (count_since(
          writer_, "SELECT count(*) FROM mail_outbox WHERE recipient_hash = ?1 AND created_at > ?2",
          "queue_mail: per recipient", recipient_hash, now - 24h) >= limits.per_recipient_per_day)
    return MailQueueOutcome::recipient_limit;
  if (count_since(writer_, "SELECT count(*) FROM mail_outbox WHERE created_at > ?2",
                  "queue_mail: site", std::nullopt, now - 1h) >= limits.site_per_hour)
    return MailQueueOutcome::site_limit;
  {
    auto q = writer_.query(
        "INSERT INTO mail_outbox (to_addr, subject, body_text, body_html, next_attempt_at, "
        "created_at, ip_hash, recipient_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)",
        "queue_mail: insert");
    q.bind(1, mail.to_addr)
        .bind(2, mail.subject)
        .bind(3, mail.body_text)
        .bind(4, mail.body_html)
        .bind(5, now)
        .bind(6, ip_hash)
        .bind(7, recipient_hash);
    q.run();
  }
  tx.commit();  // synchronous=FULL: queued mail survives a restart
  return MailQueueOutcome::queued;
}

std::vector<QueuedMail> SqliteStore::due_mail(core::TimePoint now, std::int64_t limit) {
  // Longest-waiting first: the order of the (sent_at, next_attempt_at) index
  // (a new mail's first attempt is due when it is queued).
  std::vector<QueuedMail> out;
  if (limit <= 0) return out;
  auto c = readers_.borrow();
  auto q = c->query(
      "SELECT id, to_addr, subject, body_text, body_html, attempts, last_error "
      "FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= ?1 AND attempts < ?2 "
      "ORDER BY next_attempt_at, id LIMIT ?3",
      "due_mail");
  q.bind(1, now).bind(2, kMaxMailAttempts).bind(3, limit);
  while (q.step()) {
    QueuedMail m;
    m.id = q.int64(0);
    m.mail.to_addr = q.text(1);
    m.mail.subject = q.text(2);
    m.mail.body_text = q.text(3);
    m.mail.body_html = q.text(4);
    m.attempts = q.int64(5);
    m.last_error = q.text(6);
    out.push_back(std::move(m));
  }
  return out;
}

void SqliteStore::mail_sent(core::Id id, core::TimePoint now) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "mail_sent");
  {
    auto q = writer_.query("UPDATE mail_outbox SET sent_at = ?2 WHERE id = ?1", "mail_sent");
    q.bind(1, id).bind(2, now);
    q.run();
  }
  tx.commit();
}

void SqliteStore::mail_failed(core::Id id, const std::string& error, core::TimePoint next_attempt) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "mail_failed");
  {
    auto q = writer_.query(
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 "
        "WHERE id = ?1",
        "mail_failed");
    q.bind(1, id).bind(2, error).bind(3, next_attempt);
    q.run();
  }
  tx.commit();
}

std::int64_t SqliteStore::count_unsent_mail() {
  auto c = readers_.borrow();
  auto q = c->query("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL AND attempts < ?1",
                    "count_unsent_mail");
  q.bind(1, kMaxMailAttempts);
  q.step();
  return q.int64(0);
}

}  // namespace jarida::store::sqlite
