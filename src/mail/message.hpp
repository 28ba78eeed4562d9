// The "send to a friend" mail (issue 4): a fixed template, so the form
// cannot carry a message of the sender's own. The only reader-typed text is
// the sender's name, already through clean_sender_name(). Tested in
// tests/mail/message_test.cpp.
#pragma once

#include <string>

#include "store/store.hpp"

namespace jarida::mail {

struct FriendMail {
  std::string site_name;
  std::string sender_name;  // already clean_sender_name()d
  std::string article_title;
  std::string article_excerpt;  // plain text
  std::string article_url;      // absolute http(s) URL of the article
  std::string to_addr;          // already valid_email()ed
};

// The mail to queue: subject "<name> يرسل إليك: <title>" (UTF-8; the sender
// encodes it), a plain-text body and an HTML body (every value
// HTML-escaped, wrapped in dir="rtl" lang="ar") with the title, excerpt,
// link and site name. Line breaks in the bodies are "\n". A link that is
// not http(s) is shown as text, never as an href. An empty sender name reads
// "أحد القراء" (one of the readers).
store::NewMail friend_mail(const FriendMail& m);

}  // namespace jarida::mail
