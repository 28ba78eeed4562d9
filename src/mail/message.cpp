// The send-to-friend template (see message.hpp).
#include "mail/message.hpp"

#include "text/utf8.hpp"

#include <string_view>

namespace jarida::mail {

namespace {

using text::html_escape;

// One line: every run of whitespace or control characters becomes one
// space, and the ends are trimmed (titles never break the subject).
std::string one_line(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool is_http_url(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != p[i]) return false;
    }
    return true;
  };
  if (!starts("http://") && !starts("https://")) return false;
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return false;
  }
  return true;
}

}  // namespace

store::NewMail friend_mail(const FriendMail& m) {
  const std::string name = m.sender_name.empty() ? "أحد القراء" : one_line(m.sender_name);
  const std::string title = one_line(m.article_title);
  const std::string site = one_line(m.site_name);
  const std::string url = one_line(m.article_url);
  const bool linkable = is_http_url(url);

  store::NewMail mail;
  mail.to_addr = m.to_addr;
  mail.subject = name + " يرسل إليك: " + title;

  std::string& t = mail.body_text;
  t += "مرحباً،\n\n";
  t += name + " يرسل إليك هذا المقال من " + site + ":\n\n";
  t += title + "\n\n";
  if (!m.article_excerpt.empty()) t += m.article_excerpt + "\n\n";
  t += "اقرأ المقال كاملاً:\n" + url + "\n\n";
  t += "-- \n" + site + "\n";
  t += "وصلتك هذه الرسالة لأن أحد قرّاء " + site +
       " أدخل عنوان بريدك في نموذج «أرسل إلى صديق». لم يُضَف عنوانك إلى أي قائمة بريدية.\n";

  const std::string e_name = html_escape(name);
  const std::string e_title = html_escape(title);
  const std::string e_site = html_escape(site);
  const std::string e_url = html_escape(url);
  std::string& h = mail.body_html;
  h += "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<title>" + html_escape(mail.subject) + "</title>\n</head>\n";
  h += "<body dir=\"rtl\" lang=\"ar\">\n";
  h += "<div dir=\"rtl\" lang=\"ar\" style=\"font-family: Tahoma, Arial, sans-serif; "
       "font-size: 16px; line-height: 1.7; text-align: right; max-width: 640px;\">\n";
  h += "<p>مرحباً،</p>\n";
  h += "<p><strong>" + e_name + "</strong> يرسل إليك هذا المقال من " + e_site + ":</p>\n";
  if (linkable) {
    h += "<h1 style=\"font-size: 22px;\"><a href=\"" + e_url + "\">" + e_title + "</a></h1>\n";
  } else {
    h += "<h1 style=\"font-size: 22px;\">" + e_title + "</h1>\n";
  }
  if (!m.article_excerpt.empty()) {
    h += "<p>";
    bool first = true;
    std::string_view rest = m.article_excerpt;
    while (true) {  // line breaks kept as <br>
      const auto nl = rest.find('\n');
      if (!first) h += "<br>\n";
      first = false;
      h += html_escape(rest.substr(0, nl));
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
    h += "</p>\n";
  }
  if (linkable) {
    h += "<p><a href=\"" + e_url + "\">اقرأ المقال كاملاً</a></p>\n";
  } else {
    h += "<p>اقرأ المقال كاملاً: " + e_url + "</p>\n";
  }
  h += "<hr>\n<p style=\"color: #666; font-size: 13px;\">" + e_site + "<br>\n";
  h += "وصلتك هذه الرسالة لأن أحد قرّاء " + e_site +
       " أدخل عنوان بريدك في نموذج «أرسل إلى صديق». لم يُضَف عنوانك إلى أي قائمة بريدية.</p>\n";
  h += "</div>\n</body>\n</html>\n";
  return mail;
}

}  // namespace jarida::mail
