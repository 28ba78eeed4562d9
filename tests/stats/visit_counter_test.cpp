// The visit counter: counts add up, a flush writes them in one store call,
// a failed flush loses nothing, and concurrent adds and flushes account for
// every visit exactly once.
#include "stats/visit_counter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>
#include <vector>

namespace jarida::stats {
namespace {

using namespace std::chrono;

const sys_days kDay = 2019y / May / 13d;

// A Store that only records add_visits calls (and can be told to fail).
class FakeStore : public store::Store {
 public:
  struct Call {
    std::vector<store::VisitIncrement> increments;
    sys_days day;
  };

  std::atomic<bool> fail{false};

  std::vector<Call> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  std::int64_t written(core::Id article) const {
    std::lock_guard lock(mutex_);
    auto it = totals_.find(article);
    return it == totals_.end() ? 0 : it->second;
  }

  void add_visits(std::span<const store::VisitIncrement> increments, sys_days day) override {
    if (fail) throw store::Error("disk full");
    std::lock_guard lock(mutex_);
    calls_.push_back({{increments.begin(), increments.end()}, day});
    for (const auto& inc : increments) totals_[inc.article_id] += inc.count;
  }

  void migrate() override {}
  int schema_version() override { return 0; }
  std::unique_ptr<store::WriteBatch> begin_write() override { return nullptr; }
  std::unique_ptr<store::ImportBatch> begin_import() override { return nullptr; }
  std::optional<core::Author> user_by_login(std::string_view) override { return {}; }
  std::int64_t count_users() override { return 0; }
  std::optional<core::Article> published_article_by_slug(std::string_view) override { return {}; }
  core::Paged<core::ArticleSummary> published_articles(const store::ArticleFilter&, std::int64_t,
                                                       std::int64_t) override {
    return {};
  }
  std::vector<core::ArticleSummary> most_read(sys_days, std::int64_t) override { return {}; }
  std::vector<core::Comment> approved_comments(core::Id) override { return {}; }
  std::vector<core::LatestComment> latest_comments(std::int64_t) override { return {}; }
  std::vector<core::Category> categories() override { return {}; }
  std::optional<core::Category> category_by_slug(std::string_view) override { return {}; }
  std::optional<core::Tag> tag_by_slug(std::string_view) override { return {}; }
  std::optional<core::Author> author_by_slug(std::string_view) override { return {}; }
  std::optional<core::Page> page_by_slug(std::string_view) override { return {}; }
  std::vector<std::string> article_slugs_starting_with(std::string_view) override { return {}; }
  std::optional<core::ArticleSummary> published_article_by_legacy_id(std::int64_t) override {
    return std::nullopt;
  }
  std::vector<core::ArticleSummary> sticky_articles(std::int64_t) override { return {}; }
  std::optional<core::Category> category_by_legacy_id(std::int64_t) override { return {}; }
  std::optional<core::Page> page_by_legacy_id(std::int64_t) override { return {}; }
  std::optional<core::Author> author_by_legacy_id(std::int64_t) override { return {}; }
  std::optional<store::Redirect> redirect_for(std::string_view) override { return {}; }
  std::vector<store::Redirect> redirects() override { return {}; }
  bool put_redirect(const store::Redirect&) override { return false; }
  bool remove_redirect(std::string_view) override { return false; }
  std::int64_t count_articles() override { return 0; }
  std::int64_t article_visits(core::Id article) override { return written(article); }
  std::uint64_t content_version() override { return 0; }
  store::SearchPage search(const store::SearchSpec&) override { return {}; }
  std::int64_t search_match_count(const store::SearchClause&, std::int64_t) override { return 0; }
  std::vector<store::IndexedTerm> search_vocabulary() override { return {}; }
  void rebuild_search_index(const std::function<void(std::int64_t, std::int64_t)>&) override {}
  store::CommentResult submit_comment(
      const store::CommentSubmission&,
      const std::function<std::optional<core::CommentStatus>(const store::CommentFacts&)>&)
      override {
    return {};
  }
  std::optional<core::Comment> comment_by_id(core::Id) override { return {}; }
  std::vector<core::ModerationItem> comments_for_moderation(std::optional<core::CommentStatus>,
                                                            std::int64_t, std::int64_t) override {
    return {};
  }
  std::optional<core::Id> set_comment_status(core::Id, core::CommentStatus) override { return {}; }
  store::MailQueueOutcome queue_mail(const store::NewMail&, std::string_view, std::string_view,
                                     const store::MailLimits&, core::TimePoint) override {
    return store::MailQueueOutcome::queued;
  }
  std::vector<store::QueuedMail> due_mail(core::TimePoint, std::int64_t) override { return {}; }
  void mail_sent(core::Id, core::TimePoint) override {}
  void mail_failed(core::Id, const std::string&, core::TimePoint) override {}
  std::int64_t count_unsent_mail() override { return 0; }
  core::Id add_media(const store::NewMedia&) override { return 0; }
  std::optional<core::Media> media_by_id(core::Id) override { return {}; }
  core::Paged<core::Media> media_library(std::string_view, std::int64_t, std::int64_t) override {
    return {};
  }
  bool update_media_text(core::Id, std::string_view, std::string_view) override { return false; }
  std::optional<store::Account> account_by_login(std::string_view) override { return {}; }
  std::optional<store::Account> account_by_id(core::Id) override { return {}; }
  std::vector<store::Account> accounts() override { return {}; }
  core::Id add_account(const store::NewUser&, std::string_view) override { return 0; }
  bool set_account_role(core::Id, core::Role) override { return false; }
  bool set_account_disabled(core::Id, bool) override { return false; }
  bool set_account_password(core::Id, std::string_view) override { return false; }
  void create_session(const store::NewSession&) override {}
  std::optional<store::SignedInUser> session_user(const store::TokenHash&,
                                                  core::TimePoint) override {
    return {};
  }
  void touch_session(const store::TokenHash&, core::TimePoint, core::TimePoint) override {}
  std::vector<store::SessionInfo> sessions_of(core::Id, core::TimePoint) override { return {}; }
  bool end_session(core::Id, const store::TokenHash&) override { return false; }
  std::int64_t end_sessions_of(core::Id, std::optional<store::TokenHash>) override { return 0; }
  void purge_expired_sessions(core::TimePoint) override {}
  core::Paged<store::NewsroomArticle> newsroom_articles(const store::NewsroomFilter&, std::int64_t,
                                                        std::int64_t) override {
    return {};
  }
  std::optional<store::EditableArticle> article_for_edit(core::Id) override { return {}; }
  std::optional<store::SaveResult> save_article(std::optional<core::Id>, const store::ArticleDraft&,
                                                core::Id, bool, core::TimePoint) override {
    return {};
  }
  std::optional<store::SaveResult> set_article_state(core::Id, core::ArticleStatus, core::Id,
                                                     core::TimePoint) override {
    return {};
  }
  std::vector<store::Revision> revisions(core::Id) override { return {}; }
  std::optional<store::Revision> revision(std::int64_t) override { return {}; }
  std::vector<store::ArticlePlace> publish_due(core::TimePoint) override { return {}; }
  std::vector<store::StatusCount> article_status_counts() override { return {}; }
  std::vector<store::StatusCount> comment_status_counts() override { return {}; }
  std::int64_t count_comments(core::CommentStatus) override { return 0; }
  std::vector<store::EditablePage> newsroom_pages() override { return {}; }
  std::optional<store::EditablePage> page_for_edit(core::Id) override { return {}; }
  store::EditResult save_page(std::optional<core::Id>, const store::PageDraft&,
                              core::TimePoint) override {
    return {};
  }
  std::vector<store::CategoryRow> category_rows() override { return {}; }
  store::EditResult save_category(std::optional<core::Id>, const store::NewCategory&) override {
    return {};
  }
  store::EditResult delete_category(core::Id) override { return {}; }
  core::Paged<store::TagRow> tag_rows(std::string_view, std::int64_t, std::int64_t) override {
    return {};
  }
  store::EditResult save_tag(std::optional<core::Id>, const store::NewTag&) override { return {}; }
  store::EditResult delete_tag(core::Id) override { return {}; }
  void move_address(std::string_view, std::string_view) override {}
  std::optional<std::string> setting(std::string_view) override { return {}; }
  void put_setting(std::string_view, std::string_view) override {}

 private:
  mutable std::mutex mutex_;
  std::vector<Call> calls_;
  std::map<core::Id, std::int64_t> totals_;
};

TEST(VisitCounter, CellStartsAtTheStoredTotalAndIsStable) {
  FakeStore store;
  VisitCounter counter(store);
  EXPECT_EQ(counter.live_total(1), std::nullopt);
  VisitCounter::Cell& c = counter.cell(1, 28);
  EXPECT_EQ(c.article_id, 1);
  EXPECT_EQ(counter.live_total(1), 28);
  // Later callers may have read a different stored total: the cell wins.
  EXPECT_EQ(&counter.cell(1, 0), &c);
  for (core::Id id = 2; id < 1000; ++id) counter.cell(id, 0);  // rehashes the map
  EXPECT_EQ(&counter.cell(1, 0), &c);
  EXPECT_EQ(counter.live_total(1), 28);
}

TEST(VisitCounter, CountsAddUp) {
  FakeStore store;
  VisitCounter counter(store);
  auto& a = counter.cell(1, 28);
  auto& b = counter.cell(2, 0);
  for (int i = 0; i < 5; ++i) VisitCounter::add(a);
  VisitCounter::add(b);
  EXPECT_EQ(counter.live_total(1), 33);
  EXPECT_EQ(counter.live_total(2), 1);
  EXPECT_EQ(a.pending.load(), 5);
}

TEST(VisitCounter, FlushWritesEveryIncrementInOneCall) {
  FakeStore store;
  VisitCounter counter(store);
  auto& a = counter.cell(1, 28);
  auto& b = counter.cell(2, 0);
  counter.cell(3, 7);  // no visits: not written
  for (int i = 0; i < 5; ++i) VisitCounter::add(a);
  for (int i = 0; i < 2; ++i) VisitCounter::add(b);

  EXPECT_EQ(counter.flush(kDay), 7);
  auto calls = store.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].day, kDay);
  ASSERT_EQ(calls[0].increments.size(), 2u);
  EXPECT_EQ(store.written(1), 5);
  EXPECT_EQ(store.written(2), 2);
  EXPECT_EQ(store.written(3), 0);
  // The page still shows the full total; nothing is left pending.
  EXPECT_EQ(counter.live_total(1), 33);
  EXPECT_EQ(a.pending.load(), 0);
}

TEST(VisitCounter, FlushWithNothingPendingDoesNotCallTheStore) {
  FakeStore store;
  VisitCounter counter(store);
  counter.cell(1, 28);
  EXPECT_EQ(counter.flush(kDay), 0);
  EXPECT_TRUE(store.calls().empty());
}

TEST(VisitCounter, FailedFlushLosesNothing) {
  FakeStore store;
  VisitCounter counter(store);
  auto& a = counter.cell(1, 28);
  for (int i = 0; i < 3; ++i) VisitCounter::add(a);

  store.fail = true;
  EXPECT_THROW(counter.flush(kDay), store::Error);
  EXPECT_TRUE(store.calls().empty());
  EXPECT_EQ(a.pending.load(), 3);
  EXPECT_EQ(counter.live_total(1), 31);  // total never moved

  VisitCounter::add(a);  // visits keep coming while the store is down
  store.fail = false;
  EXPECT_EQ(counter.flush(kDay), 4);
  EXPECT_EQ(store.written(1), 4);
  EXPECT_EQ(store.calls().size(), 1u);
  EXPECT_EQ(counter.live_total(1), 32);
}

// 4 threads × 100,000 visits while a fifth flushes in a loop, its store
// failing on every other flush that has something to write: flushed + final
// flush == visits, exactly.
TEST(VisitCounter, ConcurrentAddsAndFlushesLoseNothing) {
  FakeStore store;
  VisitCounter counter(store);
  constexpr int kThreads = 4;
  constexpr int kAdds = 100'000;
  constexpr core::Id kArticles = 7;
  for (core::Id id = 0; id < kArticles; ++id) counter.cell(id, 1000);

  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::int64_t flushed = 0;
  std::thread flusher([&] {
    bool fail_next = true;
    while (!done) {
      store.fail = fail_next;
      try {
        std::int64_t n = counter.flush(kDay);
        flushed += n;
        if (n > 0) fail_next = true;
      } catch (const store::Error&) {
        ++failures;
        fail_next = false;
      }
    }
    store.fail = false;
  });
  std::vector<std::thread> adders;
  for (int t = 0; t < kThreads; ++t) {
    adders.emplace_back([&, t] {
      std::vector<VisitCounter::Cell*> cells;
      for (core::Id id = 0; id < kArticles; ++id) cells.push_back(&counter.cell(id, 0));
      for (int i = 0; i < kAdds; ++i) {
        core::Id id = (i + t) % kArticles;
        // Now and then look the cell up again, as a page-cache miss would.
        VisitCounter::Cell& c = i % 1024 == 0 ? counter.cell(id, 0) : *cells[id];
        VisitCounter::add(c);
        // Past half way, keep adding slowly until the flusher has failed
        // once, so a failed flush surely races with adds.
        if (i >= kAdds / 2 && failures == 0) std::this_thread::yield();
      }
    });
  }
  for (auto& th : adders) th.join();
  done = true;
  flusher.join();
  flushed += counter.flush(kDay);

  EXPECT_EQ(flushed, kThreads * kAdds);
  std::int64_t stored = 0, live = 0;
  for (core::Id id = 0; id < kArticles; ++id) {
    stored += store.written(id);
    live += *counter.live_total(id);
  }
  EXPECT_EQ(stored, kThreads * kAdds);
  EXPECT_EQ(live, kArticles * 1000 + kThreads * kAdds);
  EXPECT_GT(failures.load(), 0);
}

}  // namespace
}  // namespace jarida::stats
