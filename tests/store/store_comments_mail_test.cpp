// The Store conformance suite, continued: readers' comments (submission,
// the moderation facts, threads, moderation, durability) and the mail
// outbox (rate limits, their windows, delivery bookkeeping), issue 4. Every
// backend in store_fixture.hpp's Backends runs these.
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/store.hpp"
#include "store/store_fixture.hpp"

namespace {

using namespace jarida_store_test;
using store::CommentOutcome;
using store::MailQueueOutcome;

using Decide = std::function<std::optional<CommentStatus>(const store::CommentFacts&)>;

Decide always(std::optional<CommentStatus> status) {
  return [status](const store::CommentFacts&) { return status; };
}

template <class Backend>
class CommentsMailTest : public StoreTest<Backend> {
 protected:
  void SetUp() override {
    StoreTest<Backend>::SetUp();
    w_ = this->seed();
    article_ = this->add(this->article("khabar", now() - 1h, w_.amal, w_.politics));
  }

  // A top-level comment on the test's article, from "ip1", with no email
  // and no commenter key, written now.
  store::CommentSubmission submission(std::string body = "تعليق مفيد") {
    store::CommentSubmission s;
    s.comment.article_id = article_;
    s.comment.author_name = "قارئ";
    s.comment.body = std::move(body);
    s.comment.created_at = now();
    s.comment.ip_hash = "ip1";
    return s;
  }

  store::CommentResult submit(const store::CommentSubmission& s,
                              std::optional<CommentStatus> status = CommentStatus::pending) {
    return this->db().submit_comment(s, always(status));
  }
  Id submit_ok(const store::CommentSubmission& s, CommentStatus status) {
    const store::CommentResult r = submit(s, status);
    EXPECT_EQ(r.outcome, CommentOutcome::stored);
    return r.id;
  }

  // The facts a submission would be decided on; it is rejected, so nothing
  // is stored.
  store::CommentFacts facts_for(const store::CommentSubmission& s) {
    store::CommentFacts seen;
    bool called = false;
    const store::CommentResult r = this->db().submit_comment(s, [&](const store::CommentFacts& f) {
      seen = f;
      called = true;
      return std::optional<CommentStatus>();
    });
    EXPECT_EQ(r.outcome, CommentOutcome::rejected);
    EXPECT_TRUE(called);
    return seen;
  }

  std::size_t stored_comments() {
    return this->db().comments_for_moderation(std::nullopt, 0, 100000).size();
  }
  std::int64_t comment_count() {
    return this->db().published_articles({}, 0, 1).items.at(0).comment_count;
  }

  typename StoreTest<Backend>::World w_;
  Id article_ = 0;
};

TYPED_TEST_SUITE(CommentsMailTest, Backends);

// ---- Submitting comments

TYPED_TEST(CommentsMailTest, SubmitStoresWithTheDecidedStatusOrNothingWhenRejected) {
  auto s = this->submission("أول تعليق\nبسطرين");
  s.comment.author_email = "Reader@Example.com";
  s.email_key = "reader@example.com";
  const store::CommentResult r = this->submit(s, CommentStatus::pending);
  ASSERT_EQ(r.outcome, CommentOutcome::stored);
  EXPECT_GT(r.id, 0);
  EXPECT_EQ(r.status, CommentStatus::pending);
  EXPECT_EQ(r.article_id, this->article_);
  const auto c = this->db().comment_by_id(r.id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->article_id, this->article_);
  EXPECT_EQ(c->parent, std::nullopt);
  EXPECT_EQ(c->author_name, "قارئ");
  EXPECT_EQ(c->author_email, "Reader@Example.com");
  EXPECT_EQ(c->body, "أول تعليق\nبسطرين");
  EXPECT_EQ(c->status, CommentStatus::pending);
  EXPECT_EQ(c->created_at, s.comment.created_at);
  EXPECT_EQ(this->db().comment_by_id(r.id + 1000), std::nullopt);

  const store::CommentResult rejected = this->submit(this->submission("مرفوض"), std::nullopt);
  EXPECT_EQ(rejected.outcome, CommentOutcome::rejected);
  EXPECT_EQ(this->stored_comments(), 1u);

  const store::CommentResult spam = this->submit(this->submission("سبام"), CommentStatus::spam);
  EXPECT_EQ(spam.outcome, CommentOutcome::stored);
  EXPECT_EQ(spam.status, CommentStatus::spam);
  EXPECT_EQ(this->db().comment_by_id(spam.id)->status, CommentStatus::spam);
}

TYPED_TEST(CommentsMailTest, KnownCommenterByEmailCountsOnlyApprovedComments) {
  auto s = this->submission();
  s.email_key = "reader@example.com";
  EXPECT_FALSE(this->facts_for(s).known_commenter);
  const Id pending = this->submit_ok(this->submission("أول"), CommentStatus::pending);
  {
    auto first = this->submission("أول بالبريد");
    first.email_key = "reader@example.com";
    const Id id = this->submit_ok(first, CommentStatus::pending);
    EXPECT_FALSE(this->facts_for(s).known_commenter);  // held, not approved
    this->db().set_comment_status(id, CommentStatus::spam);
    EXPECT_FALSE(this->facts_for(s).known_commenter);
    this->db().set_comment_status(id, CommentStatus::approved);
  }
  EXPECT_TRUE(this->facts_for(s).known_commenter);
  auto other = this->submission();
  other.email_key = "other@example.com";
  EXPECT_FALSE(this->facts_for(other).known_commenter);
  // An empty key matches nobody, even comments stored without an email.
  this->db().set_comment_status(pending, CommentStatus::approved);
  EXPECT_FALSE(this->facts_for(this->submission()).known_commenter);
}

TYPED_TEST(CommentsMailTest, KnownCommenterByCommenterKeyCountsOnlyApprovedComments) {
  auto s = this->submission();
  s.commenter_key = "cookie-key-1";
  auto first = this->submission("أول بالمفتاح");
  first.commenter_key = "cookie-key-1";
  const Id id = this->submit_ok(first, CommentStatus::pending);
  EXPECT_FALSE(this->facts_for(s).known_commenter);
  this->db().set_comment_status(id, CommentStatus::approved);
  EXPECT_TRUE(this->facts_for(s).known_commenter);
  // The key on the comment itself counts too.
  auto via_comment = this->submission();
  via_comment.comment.commenter_key = "cookie-key-1";
  EXPECT_TRUE(this->facts_for(via_comment).known_commenter);
  auto other = this->submission();
  other.commenter_key = "cookie-key-2";
  EXPECT_FALSE(this->facts_for(other).known_commenter);
  // Approved by key, asked by email (and the other way round): not the same.
  auto by_email = this->submission();
  by_email.email_key = "cookie-key-1";
  EXPECT_FALSE(this->facts_for(by_email).known_commenter);
}

TYPED_TEST(CommentsMailTest, RecentFromIpCountsOnlyThatIpWithinTheWindow) {
  const TimePoint t0 = now() - 30min;
  auto at = [&](std::chrono::seconds ago, std::string ip, std::string body) {
    auto s = this->submission(std::move(body));
    s.comment.created_at = t0 - ago;
    s.comment.ip_hash = std::move(ip);
    this->submit_ok(s, CommentStatus::pending);
  };
  at(601s, "ip1", "قديم");
  at(600s, "ip1", "على الحد");
  at(100s, "ip1", "حديث");
  at(5s, "ip2", "من عنوان آخر");
  at(5s, "", "بلا عنوان");
  auto s = this->submission("جديد");
  s.comment.created_at = t0;
  s.rate_window = 600s;
  EXPECT_EQ(this->facts_for(s).recent_from_ip, 2);
  s.rate_window = 60s;
  EXPECT_EQ(this->facts_for(s).recent_from_ip, 0);
  s.rate_window = 3600s;
  EXPECT_EQ(this->facts_for(s).recent_from_ip, 3);
  s.comment.ip_hash = "";  // unknown IP: never rate limited by others' unknown IPs
  EXPECT_EQ(this->facts_for(s).recent_from_ip, 0);
}

TYPED_TEST(CommentsMailTest, DuplicateIsSameArticleSameBodyWithinTheWindow) {
  const Id other = this->add(this->article("akhar", now() - 2h, this->w_.amal, this->w_.sports));
  const TimePoint t0 = now() - 1h;
  auto s = this->submission("نفس النص");
  s.comment.created_at = t0;
  s.duplicate_window = 86400s;
  {
    auto old = this->submission("نفس النص");
    old.comment.created_at = t0 - 86401s;
    this->submit_ok(old, CommentStatus::approved);
  }
  EXPECT_FALSE(this->facts_for(s).duplicate);
  {
    auto elsewhere = this->submission("نفس النص");
    elsewhere.comment.article_id = other;
    elsewhere.comment.created_at = t0 - 10s;
    this->submit_ok(elsewhere, CommentStatus::pending);
    auto different = this->submission("نص آخر");
    different.comment.created_at = t0 - 10s;
    this->submit_ok(different, CommentStatus::pending);
  }
  EXPECT_FALSE(this->facts_for(s).duplicate);
  {
    auto recent = this->submission("نفس النص");
    recent.comment.created_at = t0 - 3600s;
    this->submit_ok(recent, CommentStatus::spam);  // any status counts
  }
  EXPECT_TRUE(this->facts_for(s).duplicate);
  s.duplicate_window = 60s;
  EXPECT_FALSE(this->facts_for(s).duplicate);
}

TYPED_TEST(CommentsMailTest, NoSuchArticleForDraftMissingAndFutureArticles) {
  const Id draft = this->add(
      this->article("draft", now() - 1h, this->w_.amal, this->w_.politics, ArticleStatus::draft));
  const Id future =
      this->add(this->article("future", now() + 1h, this->w_.amal, this->w_.politics));
  const Id trashed = this->add(
      this->article("trashed", now() - 1h, this->w_.amal, this->w_.politics, ArticleStatus::trash));
  for (Id id : {draft, future, trashed, Id{987654}}) {
    auto s = this->submission();
    s.comment.article_id = id;
    bool called = false;
    const auto r = this->db().submit_comment(s, [&](const store::CommentFacts&) {
      called = true;
      return std::optional<CommentStatus>(CommentStatus::approved);
    });
    EXPECT_EQ(r.outcome, CommentOutcome::no_such_article) << id;
    EXPECT_FALSE(called);
  }
  EXPECT_EQ(this->stored_comments(), 0u);
}

TYPED_TEST(CommentsMailTest, RepliesNeedAnApprovedTopLevelParentOnTheSameArticle) {
  const Id other = this->add(this->article("akhar", now() - 2h, this->w_.amal, this->w_.sports));
  auto on_other = this->submission("على خبر آخر");
  on_other.comment.article_id = other;
  const Id foreign = this->submit_ok(on_other, CommentStatus::approved);
  const Id held = this->submit_ok(this->submission("معلق"), CommentStatus::pending);
  const Id top = this->submit_ok(this->submission("أعلى"), CommentStatus::approved);
  auto reply_to = [&](Id parent, std::string body) {
    auto s = this->submission(std::move(body));
    s.comment.parent = parent;
    return this->submit(s, CommentStatus::approved);
  };
  EXPECT_EQ(reply_to(foreign, "رد 1").outcome, CommentOutcome::bad_parent);
  EXPECT_EQ(reply_to(held, "رد 2").outcome, CommentOutcome::bad_parent);
  EXPECT_EQ(reply_to(Id{987654}, "رد 3").outcome, CommentOutcome::bad_parent);
  const store::CommentResult reply = reply_to(top, "رد 4");
  ASSERT_EQ(reply.outcome, CommentOutcome::stored);
  EXPECT_EQ(this->db().comment_by_id(reply.id)->parent, top);
  EXPECT_EQ(reply_to(reply.id, "رد على رد").outcome, CommentOutcome::bad_parent);  // 3rd level
  EXPECT_EQ(this->stored_comments(), 4u);
}

TYPED_TEST(CommentsMailTest, ApprovedCommentShowsAndCountsSpamDoesNot) {
  const Id spam = this->submit_ok(this->submission("سبام"), CommentStatus::spam);
  EXPECT_TRUE(this->db().approved_comments(this->article_).empty());
  EXPECT_TRUE(this->db().latest_comments(10).empty());
  EXPECT_EQ(this->comment_count(), 0);
  const Id ok = this->submit_ok(this->submission("تعليق جيد"), CommentStatus::approved);
  const auto approved = this->db().approved_comments(this->article_);
  ASSERT_EQ(approved.size(), 1u);
  EXPECT_EQ(approved[0].id, ok);
  const auto latest = this->db().latest_comments(10);
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].comment.id, ok);
  EXPECT_EQ(this->comment_count(), 1);
  // Moderation keeps the count right both ways.
  this->db().set_comment_status(spam, CommentStatus::approved);
  EXPECT_EQ(this->comment_count(), 2);
  this->db().set_comment_status(ok, CommentStatus::trash);
  EXPECT_EQ(this->comment_count(), 1);
  EXPECT_EQ(this->db().latest_comments(10).at(0).comment.id, spam);
}

TYPED_TEST(CommentsMailTest, ContentVersionChangesOnSubmitAndModerationOnly) {
  const auto v0 = this->db().content_version();
  this->submit(this->submission("مرفوض"), std::nullopt);
  EXPECT_EQ(this->db().content_version(), v0);  // rejected: nothing changed
  const Id id = this->submit_ok(this->submission(), CommentStatus::pending);
  const auto v1 = this->db().content_version();
  EXPECT_NE(v1, v0);
  ASSERT_TRUE(this->db().set_comment_status(id, CommentStatus::approved));
  const auto v2 = this->db().content_version();
  EXPECT_NE(v2, v1);
  EXPECT_EQ(this->db().set_comment_status(id + 1000, CommentStatus::approved), std::nullopt);
  EXPECT_EQ(this->db().content_version(), v2);
  // Mail is not what readers see.
  store::MailLimits limits;
  ASSERT_EQ(this->db().queue_mail({"f@example.com", "s", "t", "h"}, "ip", "rcpt", limits, now()),
            MailQueueOutcome::queued);
  const auto due = this->db().due_mail(now(), 10);
  ASSERT_EQ(due.size(), 1u);
  this->db().mail_failed(due[0].id, "down", now());
  this->db().mail_sent(due[0].id, now());
  EXPECT_EQ(this->db().content_version(), v2);
}

TYPED_TEST(CommentsMailTest, ModerationListIsNewestFirstFilteredAndPaged) {
  const TimePoint t = now() - 10min;
  std::vector<Id> ids;
  const CommentStatus statuses[] = {CommentStatus::pending, CommentStatus::spam,
                                    CommentStatus::pending, CommentStatus::approved};
  for (int i = 0; i < 4; ++i) {
    auto s = this->submission(numbered("تعليق ", i));
    s.comment.created_at = t + std::chrono::seconds(i);
    ids.push_back(this->submit_ok(s, statuses[i]));
  }
  auto ids_of = [](const std::vector<core::ModerationItem>& items) {
    std::vector<Id> out;
    for (const auto& m : items) out.push_back(m.comment.id);
    return out;
  };
  using V = std::vector<Id>;
  const auto all = this->db().comments_for_moderation(std::nullopt, 0, 10);
  EXPECT_EQ(ids_of(all), (V{ids[3], ids[2], ids[1], ids[0]}));
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].article_title, "عنوان khabar");
  EXPECT_EQ(all[0].article_slug, "khabar");
  EXPECT_EQ(all[0].article_published_at,
            this->db().published_articles({}, 0, 1).items[0].published_at);
  EXPECT_EQ(all[2].comment.status, CommentStatus::spam);
  EXPECT_EQ(ids_of(this->db().comments_for_moderation(CommentStatus::pending, 0, 10)),
            (V{ids[2], ids[0]}));
  EXPECT_EQ(ids_of(this->db().comments_for_moderation(CommentStatus::spam, 0, 10)), (V{ids[1]}));
  EXPECT_TRUE(this->db().comments_for_moderation(CommentStatus::trash, 0, 10).empty());
  EXPECT_EQ(ids_of(this->db().comments_for_moderation(std::nullopt, 1, 2)), (V{ids[2], ids[1]}));
  EXPECT_TRUE(this->db().comments_for_moderation(std::nullopt, 0, 0).empty());
}

TYPED_TEST(CommentsMailTest, SetCommentStatusReturnsTheArticleOrNothing) {
  const Id id = this->submit_ok(this->submission(), CommentStatus::pending);
  EXPECT_EQ(this->db().set_comment_status(id, CommentStatus::approved), this->article_);
  EXPECT_EQ(this->db().comment_by_id(id)->status, CommentStatus::approved);
  EXPECT_EQ(this->db().set_comment_status(id, CommentStatus::approved), this->article_);  // again
  EXPECT_EQ(this->comment_count(), 1);
  EXPECT_EQ(this->db().set_comment_status(id + 1, CommentStatus::spam), std::nullopt);
}

TYPED_TEST(CommentsMailTest, ConcurrentSubmitsFromOneIpPassTheRateLimitExactlyFiveTimes) {
  std::atomic<int> stored{0}, rejected{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        try {
          auto s = this->submission(numbered("تعليق متزامن ", t * 100 + i));
          const auto r = this->db().submit_comment(s, [](const store::CommentFacts& f) {
            return f.recent_from_ip < 5 ? std::optional(CommentStatus::pending) : std::nullopt;
          });
          (r.outcome == CommentOutcome::stored ? stored : rejected)++;
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(stored, 5);
  EXPECT_EQ(rejected, 35);
  EXPECT_EQ(this->stored_comments(), 5u);
}

TYPED_TEST(CommentsMailTest, StoredCommentIsSeenByAFreshStoreOnTheSameFile) {
  const store::CommentResult r = this->submit(this->submission("باقٍ"), CommentStatus::approved);
  ASSERT_EQ(r.outcome, CommentOutcome::stored);
  auto fresh = this->open_another();
  const auto c = fresh->comment_by_id(r.id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->body, "باقٍ");
  EXPECT_EQ(fresh->approved_comments(this->article_).size(), 1u);
}

// ---- Outgoing mail

store::NewMail mail_to(std::string to) {
  return {std::move(to), "أمل يرسل إليك: عنوان", "نص", "<p>نص</p>"};
}

store::MailLimits limits(std::int64_t ip, std::int64_t recipient, std::int64_t site) {
  store::MailLimits l;
  l.per_ip_per_hour = ip;
  l.per_recipient_per_day = recipient;
  l.site_per_hour = site;
  return l;
}

TYPED_TEST(CommentsMailTest, MailLimitsAreCheckedPerIpThenRecipientThenSite) {
  const TimePoint t = now();
  const auto l = limits(2, 3, 5);
  auto q = [&](std::string ip, std::string rcpt) {
    return this->db().queue_mail(mail_to(rcpt + "@example.com"), ip, rcpt, l, t);
  };
  EXPECT_EQ(q("ipA", "r1"), MailQueueOutcome::queued);
  EXPECT_EQ(q("ipA", "r1"), MailQueueOutcome::queued);
  EXPECT_EQ(q("ipA", "r2"), MailQueueOutcome::ip_limit);
  EXPECT_EQ(q("ipB", "r1"), MailQueueOutcome::queued);
  EXPECT_EQ(q("ipC", "r1"), MailQueueOutcome::recipient_limit);
  EXPECT_EQ(q("ipA", "r1"), MailQueueOutcome::ip_limit);  // both over: the IP's is reported
  EXPECT_EQ(q("ipC", "r2"), MailQueueOutcome::queued);
  EXPECT_EQ(q("ipD", "r3"), MailQueueOutcome::queued);
  EXPECT_EQ(q("ipE", "r4"), MailQueueOutcome::site_limit);
  EXPECT_EQ(q("ipB", "r1"), MailQueueOutcome::recipient_limit);  // recipient before site
  EXPECT_EQ(this->db().count_unsent_mail(), 5);
}

TYPED_TEST(CommentsMailTest, MailLimitWindowsAreAnHourADayAndAnHour) {
  const TimePoint t0 = now() - std::chrono::days(3);
  auto q = [&](std::string ip, std::string rcpt, const store::MailLimits& l, TimePoint at) {
    return this->db().queue_mail(mail_to("x@example.com"), ip, rcpt, l, at);
  };
  // Per IP per hour.
  EXPECT_EQ(q("ip1", "a", limits(1, 100, 100), t0), MailQueueOutcome::queued);
  EXPECT_EQ(q("ip1", "b", limits(1, 100, 100), t0 + 3599s), MailQueueOutcome::ip_limit);
  EXPECT_EQ(q("ip1", "c", limits(1, 100, 100), t0 + 3600s), MailQueueOutcome::queued);
  // Per recipient per day.
  const TimePoint t1 = t0 + 2h;
  EXPECT_EQ(q("ip2", "rcpt", limits(100, 1, 100), t1), MailQueueOutcome::queued);
  EXPECT_EQ(q("ip3", "rcpt", limits(100, 1, 100), t1 + 86399s), MailQueueOutcome::recipient_limit);
  EXPECT_EQ(q("ip4", "rcpt", limits(100, 1, 100), t1 + 86400s), MailQueueOutcome::queued);
  // Site-wide per hour: t1 + 86400s is the only mail in its last hour.
  const TimePoint t2 = t1 + 86400s;
  EXPECT_EQ(q("ip5", "d", limits(100, 100, 2), t2 + 10s), MailQueueOutcome::queued);
  EXPECT_EQ(q("ip6", "e", limits(100, 100, 2), t2 + 3599s), MailQueueOutcome::site_limit);
  EXPECT_EQ(q("ip6", "e", limits(100, 100, 2), t2 + 3600s), MailQueueOutcome::queued);
  EXPECT_EQ(this->db().count_unsent_mail(), 6);
}

TYPED_TEST(CommentsMailTest, DueMailSentFailedAndGivenUpAfterTenAttempts) {
  const TimePoint t = now() - 1h;
  const auto l = limits(100, 100, 100);
  ASSERT_EQ(this->db().queue_mail(mail_to("one@example.com"), "ip", "r1", l, t),
            MailQueueOutcome::queued);
  ASSERT_EQ(this->db().queue_mail(mail_to("two@example.com"), "ip", "r2", l, t + 10s),
            MailQueueOutcome::queued);
  EXPECT_TRUE(this->db().due_mail(t - 1s, 10).empty());
  auto due = this->db().due_mail(t + 5s, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].mail.to_addr, "one@example.com");
  due = this->db().due_mail(t + 10s, 10);
  ASSERT_EQ(due.size(), 2u);
  const Id one = due[0].id, two = due[1].id;
  EXPECT_EQ(due[1].mail.to_addr, "two@example.com");
  EXPECT_EQ(due[0].mail.subject, "أمل يرسل إليك: عنوان");
  EXPECT_EQ(due[0].mail.body_text, "نص");
  EXPECT_EQ(due[0].mail.body_html, "<p>نص</p>");
  EXPECT_EQ(due[0].attempts, 0);
  EXPECT_EQ(due[0].last_error, "");
  EXPECT_EQ(this->db().due_mail(t + 10s, 1).size(), 1u);

  this->db().mail_failed(one, "connection refused", t + 100s);
  due = this->db().due_mail(t + 50s, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, two);
  due = this->db().due_mail(t + 100s, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, two);  // waiting longest
  EXPECT_EQ(due[1].id, one);
  EXPECT_EQ(due[1].attempts, 1);
  EXPECT_EQ(due[1].last_error, "connection refused");

  this->db().mail_sent(two, t + 101s);
  EXPECT_EQ(this->db().count_unsent_mail(), 1);
  due = this->db().due_mail(t + 1000s, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, one);

  for (int i = 2; i <= 9; ++i) this->db().mail_failed(one, numbered("error ", i), t + 200s);
  due = this->db().due_mail(t + 200s, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].attempts, 9);
  EXPECT_EQ(due[0].last_error, "error 9");
  EXPECT_EQ(this->db().count_unsent_mail(), 1);
  this->db().mail_failed(one, "error 10", t + 300s);  // the 10th failure: given up
  EXPECT_TRUE(this->db().due_mail(t + std::chrono::days(30), 10).empty());
  EXPECT_EQ(this->db().count_unsent_mail(), 0);
}

TYPED_TEST(CommentsMailTest, QueuedMailSurvivesAFreshStore) {
  ASSERT_EQ(this->db().queue_mail(mail_to("a@example.com"), "ip", "r", limits(5, 5, 5), now()),
            MailQueueOutcome::queued);
  auto fresh = this->open_another();
  EXPECT_EQ(fresh->count_unsent_mail(), 1);
  EXPECT_EQ(fresh->due_mail(now(), 10).size(), 1u);
}

TYPED_TEST(CommentsMailTest, ConcurrentFloodFromOneIpQueuesExactlyTheLimit) {
  std::atomic<int> queued{0}, ip_limited{0}, failures{0};
  const TimePoint t = now();
  std::vector<std::thread> threads;
  for (int th = 0; th < 8; ++th) {
    threads.emplace_back([&, th] {
      for (int i = 0; i < 50; ++i) {
        try {
          const auto r =
              this->db().queue_mail(mail_to("f@example.com"), "flood-ip",
                                    numbered("r", th * 100 + i), limits(5, 1000, 1000), t);
          if (r == MailQueueOutcome::queued) ++queued;
          if (r == MailQueueOutcome::ip_limit) ++ip_limited;
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(queued, 5);
  EXPECT_EQ(ip_limited, 395);
  EXPECT_EQ(this->db().count_unsent_mail(), 5);
}

}  // namespace
