// The send-to-friend template: fixed text around the title, excerpt, link,
// site name and the cleaned sender name, all escaped in the HTML part.
#include "mail/message.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jarida::mail {
namespace {

FriendMail sample() {
  FriendMail m;
  m.site_name = "جريدة الواحة";
  m.sender_name = "سارة";
  m.article_title = "الحكومة تعلن خطة جديدة للنقل";
  m.article_excerpt = "أعلنت الحكومة اليوم خطة لتوسيع شبكة الحافلات.";
  m.article_url = "https://example.com/news/2024/05/plan/";
  m.to_addr = "friend@example.com";
  return m;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(FriendMailTest, SubjectAndParts) {
  const store::NewMail mail = friend_mail(sample());
  EXPECT_EQ(mail.to_addr, "friend@example.com");
  EXPECT_EQ(mail.subject, "سارة يرسل إليك: الحكومة تعلن خطة جديدة للنقل");
  for (const std::string* body : {&mail.body_text, &mail.body_html}) {
    EXPECT_TRUE(contains(*body, "سارة")) << *body;
    EXPECT_TRUE(contains(*body, "الحكومة تعلن خطة جديدة للنقل")) << *body;
    EXPECT_TRUE(contains(*body, "أعلنت الحكومة اليوم خطة لتوسيع شبكة الحافلات.")) << *body;
    EXPECT_TRUE(contains(*body, "https://example.com/news/2024/05/plan/")) << *body;
    EXPECT_TRUE(contains(*body, "جريدة الواحة")) << *body;
  }
  EXPECT_TRUE(contains(mail.body_html, "dir=\"rtl\""));
  EXPECT_TRUE(contains(mail.body_html, "lang=\"ar\""));
  EXPECT_TRUE(contains(mail.body_html, "<a href=\"https://example.com/news/2024/05/plan/\">"));
  EXPECT_FALSE(contains(mail.body_text, "<"));
}

TEST(FriendMailTest, EverythingIsEscapedInHtml) {
  FriendMail m = sample();
  m.site_name = "<b>Site</b> & Co";
  m.sender_name = "\"><script>alert(1)</script>";
  m.article_title = "A <i>title</i> & 'quotes'";
  m.article_excerpt = "<img src=x onerror=alert(1)>";
  m.article_url = "https://example.com/a?x=1&y=\"2\"";
  const store::NewMail mail = friend_mail(m);
  const std::string& h = mail.body_html;
  EXPECT_FALSE(contains(h, "<script"));
  EXPECT_FALSE(contains(h, "<img"));
  EXPECT_FALSE(contains(h, "<i>"));
  EXPECT_FALSE(contains(h, "<b>Site"));
  EXPECT_TRUE(contains(h, "&lt;b&gt;Site&lt;/b&gt; &amp; Co"));
  EXPECT_TRUE(contains(h, "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(contains(h, "A &lt;i&gt;title&lt;/i&gt; &amp; &#39;quotes&#39;"));
  EXPECT_TRUE(contains(h, "&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_TRUE(contains(h, "href=\"https://example.com/a?x=1&amp;y=&quot;2&quot;\""));
  // The text part is plain text: no escaping there.
  EXPECT_TRUE(contains(mail.body_text, "A <i>title</i> & 'quotes'"));
}

TEST(FriendMailTest, OnlyHttpLinksAreLinked) {
  FriendMail m = sample();
  m.article_url = "javascript:alert(1)";
  const store::NewMail mail = friend_mail(m);
  EXPECT_FALSE(contains(mail.body_html, "href="));
  EXPECT_TRUE(contains(mail.body_html, "javascript:alert(1)"));  // shown as text
}

TEST(FriendMailTest, TitleOnOneLineAndEmptyName) {
  FriendMail m = sample();
  m.sender_name = "";
  m.article_title = "سطر\r\nBcc: x@y.zz\n  ثان";
  const store::NewMail mail = friend_mail(m);
  EXPECT_EQ(mail.subject, "أحد القراء يرسل إليك: سطر Bcc: x@y.zz ثان");
  EXPECT_EQ(mail.subject.find_first_of("\r\n"), std::string::npos);
}

}  // namespace
}  // namespace jarida::mail
