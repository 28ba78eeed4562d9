// SMTP delivery through libcurl's SMTP and MIME API (see smtp_sender.hpp).
#include "mail/smtp_sender.hpp"

#include <curl/curl.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <random>
#include <string_view>

#include "mail/address.hpp"
#include "mail/rfc2047.hpp"

namespace jarida::mail {

namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_mime* m) const { curl_mime_free(m); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
template <class T>
using CurlPtr = std::unique_ptr<T, CurlDeleter>;

// Canonical line breaks for a text body: CRLF everywhere.
std::string crlf(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += "\r\n";
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (s[i] == '\n') {
      out += "\r\n";
    } else {
      out += s[i];
    }
  }
  return out;
}

// RFC 5322 date in UTC: "Tue, 14 May 2019 10:00:00 +0000".
std::string rfc5322_date() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

// "<time.random@domain-of-from>".
std::string message_id(std::string_view from_address) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const auto at = from_address.find('@');
  const std::string_view domain =
      at == std::string_view::npos ? std::string_view("localhost") : from_address.substr(at + 1);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%llx.%016llx%016llx",
                static_cast<unsigned long long>(std::time(nullptr)),
                static_cast<unsigned long long>(rng()), static_cast<unsigned long long>(rng()));
  std::string id;
  id.reserve(sizeof buf + domain.size() + 3);
  id += '<';
  id += buf;
  id += '@';
  id += domain;
  id += '>';
  return id;
}

std::string smtp_url(const core::SmtpSettings& s) {
  std::string host = s.host;
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  return (s.security == "tls" ? "smtps://" : "smtp://") + host + ":" + std::to_string(s.port);
}

// Adds one text part (base64, UTF-8) to an alternative multipart.
CURLcode add_text_part(curl_mime* alt, const std::string& body, const char* type) {
  curl_mimepart* part = curl_mime_addpart(alt);
  if (!part) return CURLE_OUT_OF_MEMORY;
  if (CURLcode rc = curl_mime_data(part, body.data(), body.size()); rc != CURLE_OK) return rc;
  if (CURLcode rc = curl_mime_type(part, type); rc != CURLE_OK) return rc;
  return curl_mime_encoder(part, "base64");
}

}  // namespace

SmtpSender::SmtpSender(core::SmtpSettings settings) : settings_(std::move(settings)) {
  global_init_once();
}

std::optional<std::string> SmtpSender::send(const store::NewMail& mail) const {
  try {
    if (!settings_.configured()) return "SMTP is not configured";
    // The address came through valid_email() when queued; check again, as
    // it goes into the SMTP envelope and the To header.
    if (!valid_email(mail.to_addr)) return "invalid recipient address";
    if (!valid_email(settings_.from_address)) return "invalid from_address";

    CurlPtr<CURL> curl(curl_easy_init());
    if (!curl) return "curl_easy_init failed";
    CURL* c = curl.get();
    char error[CURL_ERROR_SIZE] = {0};

    const std::string url = smtp_url(settings_);
    const std::string mail_from = "<" + settings_.from_address + ">";
    CurlPtr<curl_slist> rcpt(curl_slist_append(nullptr, ("<" + mail.to_addr + ">").c_str()));

    // Headers: curl sends them as given (no encoding), and adds the MIME
    // Content-Type with its boundary.
    const std::string header_lines[] = {
        "From: " + format_mailbox(settings_.from_name, settings_.from_address),
        "To: " + mail.to_addr,
        "Subject: " + encode_header_word(mail.subject),
        "Date: " + rfc5322_date(),
        "Message-ID: " + message_id(settings_.from_address),
        "MIME-Version: 1.0",
    };
    curl_slist* headers = nullptr;
    for (const auto& line : header_lines) {
      curl_slist* next = curl_slist_append(headers, line.c_str());
      if (!next) {
        curl_slist_free_all(headers);
        return "out of memory";
      }
      headers = next;
    }
    CurlPtr<curl_slist> header_list(headers);

    // multipart/mixed (curl's top level) > multipart/alternative > text, html.
    CurlPtr<curl_mime> mime(curl_mime_init(c));
    curl_mime* alt = curl_mime_init(c);
    if (!mime || !alt) {
      if (alt) curl_mime_free(alt);
      return "out of memory";
    }
    const std::string text = crlf(mail.body_text);
    const std::string html = crlf(mail.body_html);
    CURLcode rc = add_text_part(alt, text, "text/plain; charset=UTF-8");
    if (rc == CURLE_OK) rc = add_text_part(alt, html, "text/html; charset=UTF-8");
    curl_mimepart* part = curl_mime_addpart(mime.get());
    if (rc != CURLE_OK || !part) {
      curl_mime_free(alt);
      return std::string("building the message: ") + curl_easy_strerror(rc);
    }
    if (curl_mime_subparts(part, alt) != CURLE_OK) {  // on success `part` owns `alt`
      curl_mime_free(alt);
      return "building the message failed";
    }
    curl_mime_type(part, "multipart/alternative");

    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kSmtpConnectTimeoutSeconds);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, kSmtpTotalTimeoutSeconds);
    // "starttls": refuse to send when the server does not offer STARTTLS.
    const bool tls = settings_.security == "starttls" || settings_.security == "tls";
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(tls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
    if (!settings_.username.empty()) {
      curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());

    rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return std::nullopt;
    std::string reason = curl_easy_strerror(rc);
    if (error[0] != '\0' && reason != error) reason += ": " + std::string(error);
    long response = 0;
    if (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response) == CURLE_OK && response != 0)
      reason += " (server replied " + std::to_string(response) + ")";
    return reason;
  } catch (const std::exception& e) {
    return std::string("sending failed: ") + e.what();
  }
}

}  // namespace jarida::mail
