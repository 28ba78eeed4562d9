// The editor form's rules (admin/article_form.cpp): what is refused with
// an Arabic reason, how the status is decided, and that nothing executable
// survives in the body.
#include "admin/article_form.hpp"

#include <gtest/gtest.h>

namespace {

namespace admin = jarida::admin;
namespace core = jarida::core;
using S = core::ArticleStatus;

core::TimePoint at(std::int64_t s) {
  return core::TimePoint{std::chrono::seconds{s}};
}

admin::ArticleFormInput input(std::vector<std::pair<std::string, std::string>> fields,
                              bool may_publish = true) {
  admin::ArticleFormInput in;
  in.fields = std::move(fields);
  in.user_id = 7;
  in.user_is_editor = may_publish;
  in.may_publish = may_publish;
  in.time_zone = "Africa/Cairo";
  in.now = at(1'800'000'000);  // 2027-01-15T08:00:00Z
  return in;
}

TEST(ArticleForm, AValidDraft) {
  auto r = admin::read_article_form(input({{"title", "  افتتاح مكتبة الحي  "},
                                           {"kicker", "خاص"},
                                           {"category_id", "3"},
                                           {"tags", "ثقافة، مكتبات, Smart City,ثقافة"},
                                           {"body_html", "<p>نص</p>"},
                                           {"status", "draft"}}));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.draft.title, "افتتاح مكتبة الحي");
  EXPECT_EQ(r.draft.slug, "افتتاح-مكتبة-الحي");
  EXPECT_EQ(r.draft.category_id, 3);
  EXPECT_EQ(r.draft.author_id, 7);
  EXPECT_EQ(r.draft.tag_names, (std::vector<std::string>{"ثقافة", "مكتبات", "Smart City"}));
  EXPECT_EQ(r.draft.status, S::draft);
  EXPECT_EQ(r.notice, "saved");
}

TEST(ArticleForm, MissingTitleAndCategoryAreExplainedInArabic) {
  auto r = admin::read_article_form(input({{"title", " "}, {"body_html", "<p>x</p>"}}));
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0], "اكتب عنوانًا للمقال.");
  EXPECT_EQ(r.errors[1], "اختر قسمًا للمقال.");
}

TEST(ArticleForm, AutosaveKeepsAnUntitledDraft) {
  auto in = input({{"title", ""}, {"category_id", "1"}});
  in.autosave = true;
  auto r = admin::read_article_form(in);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.draft.title, "مسودة بلا عنوان");
  EXPECT_FALSE(r.draft.slug.empty());
}

TEST(ArticleForm, AnEditedSlugIsMadeUrlSafeAndCut) {
  auto r = admin::read_article_form(
      input({{"title", "عنوان"}, {"category_id", "1"}, {"slug", "  وزير الصحة: 3 قرارات!! "}}));
  EXPECT_EQ(r.draft.slug, "وزير-الصحة-3-قرارات");
  std::string long_title;
  for (int i = 0; i < 150; ++i) long_title += "كلمة ";
  r = admin::read_article_form(input({{"title", long_title}, {"category_id", "1"}}));
  EXPECT_LE(r.draft.slug.size(), admin::kMaxSlugBytes);
  EXPECT_FALSE(r.draft.slug.ends_with("-"));
  EXPECT_NE(static_cast<unsigned char>(r.draft.slug.back()) & 0xC0, 0xC0u);  // not cut mid-letter
}

TEST(ArticleForm, PublishNowOrLater) {
  auto now = admin::read_article_form(
      input({{"title", "t"}, {"category_id", "1"}, {"action", "publish"}}));
  EXPECT_EQ(now.draft.status, S::published);
  EXPECT_EQ(now.draft.published_at, at(1'800'000'000));
  EXPECT_EQ(now.notice, "published");

  // 12:00 Cairo = 10:00 UTC, two hours after "now": scheduled.
  auto later = admin::read_article_form(input({{"title", "t"},
                                               {"category_id", "1"},
                                               {"action", "publish"},
                                               {"publish_at", "2027-01-15T12:00"}}));
  EXPECT_EQ(later.draft.status, S::scheduled);
  EXPECT_EQ(later.draft.published_at, at(1'800'000'000 + 7200));
  EXPECT_EQ(later.notice, "scheduled");

  auto no_time = admin::read_article_form(
      input({{"title", "t"}, {"category_id", "1"}, {"status", "scheduled"}}));
  EXPECT_EQ(no_time.errors, std::vector<std::string>{"اختر موعد النشر للمقال المجدول."});

  auto past = admin::read_article_form(input({{"title", "t"},
                                              {"category_id", "1"},
                                              {"status", "scheduled"},
                                              {"publish_at", "2020-01-01T00:00"}}));
  EXPECT_EQ(past.draft.status, S::published);  // its time has come already

  auto bad = admin::read_article_form(
      input({{"title", "t"}, {"category_id", "1"}, {"publish_at", "tomorrow"}}));
  EXPECT_EQ(bad.errors, std::vector<std::string>{"موعد النشر غير صالح."});
}

TEST(ArticleForm, AnAuthorWhoMayNotPublishSubmitsForReview) {
  for (const char* how : {"publish", "submit"}) {
    auto r = admin::read_article_form(
        input({{"title", "t"}, {"category_id", "1"}, {"action", how}}, false));
    EXPECT_EQ(r.draft.status, S::pending) << how;
    EXPECT_EQ(r.notice, "submitted");
  }
  auto forged = admin::read_article_form(input(
      {{"title", "t"}, {"category_id", "1"}, {"status", "published"}, {"author_id", "1"}}, false));
  EXPECT_EQ(forged.draft.status, S::pending);
  EXPECT_EQ(forged.draft.author_id, 7);  // only editors choose the author
}

// The usual XSS payloads: nothing executable may survive the save.
TEST(ArticleForm, BodyIsSanitizedOnSave) {
  const char* payloads[] = {
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "<svg/onload=alert(1)>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<a href=\" jav&#x09;ascript:alert(1)\">x</a>",
      "<iframe src=\"https://evil.example\"></iframe>",
      "<p style=\"background:url(javascript:alert(1))\">x</p>",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
      "<img src=\"data:text/html,<script>alert(1)</script>\">",
      "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
      "<form action=\"https://evil.example\"><input name=q></form>",
      "<div onmouseover=\"alert(1)\">hover</div>",
      "<base href=\"https://evil.example/\">",
      "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
      "<a href=\"vbscript:msgbox(1)\">x</a>",
      "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
      "<img srcset=\"javascript:alert(1) 1x\">",
      "<template><script>alert(1)</script></template>",
  };
  for (const char* p : payloads) {
    auto r = admin::read_article_form(
        input({{"title", "t"}, {"category_id", "1"}, {"body_html", std::string("<p>ok</p>") + p}}));
    const auto& html = r.draft.body_html;
    for (const char* bad :
         {"<script", "onerror", "onload", "onmouseover", "javascript:", "vbscript:", "<iframe",
          "<object", "<embed", "<form", "<input", "<base", "<meta", "style=", "data:text", "<svg"})
      EXPECT_EQ(html.find(bad), std::string::npos) << p << " -> " << html;
    EXPECT_NE(html.find("<p>ok</p>"), std::string::npos) << p;
  }
}

TEST(ArticleForm, MixedArabicLatinAndDigitsKeepTheirOrder) {
  const std::string p = "<p dir=\"auto\">افتتح الوزير مشروع Smart City بتكلفة 250 مليون جنيه</p>";
  auto r =
      admin::read_article_form(input({{"title", "t"}, {"category_id", "1"}, {"body_html", p}}));
  EXPECT_EQ(r.draft.body_html, p);
}

}  // namespace
