// Sends one mail over SMTP with libcurl (issue 4). Blocking: call it from
// the OutboxWorker's thread, never from a request thread. Tested against a
// real SMTP server (aiosmtpd) in tests/mail/smtp_sender_test.cpp.
#pragma once

#include <optional>
#include <string>

#include "core/settings.hpp"
#include "store/store.hpp"

namespace jarida::mail {

// Limits on one delivery: a dead server costs at most this much of the
// sender thread's time, and shutdown waits at most this long for it.
inline constexpr long kSmtpConnectTimeoutSeconds = 10;
inline constexpr long kSmtpTotalTimeoutSeconds = 30;

class SmtpSender {
 public:
  // settings.host empty: every send() fails with "SMTP is not configured".
  explicit SmtpSender(core::SmtpSettings settings);

  // Sends `mail` From the site's address (never the reader's) To
  // mail.to_addr: headers From, To, Subject (RFC 2047), Date, Message-ID and
  // MIME-Version; a multipart/alternative body of text/plain and text/html,
  // both UTF-8 in base64. Security "starttls" requires STARTTLS, "tls" is
  // implicit TLS (smtps://), "none" is plain SMTP. Returns nullopt when the
  // server accepted the mail, otherwise the reason (curl's error text and
  // the server's reply), for mail_outbox.last_error. Never throws.
  std::optional<std::string> send(const store::NewMail& mail) const;

  const core::SmtpSettings& settings() const { return settings_; }

 private:
  core::SmtpSettings settings_;
};

}  // namespace jarida::mail
