// The outbox sender thread: delivers queued mail, retries failures with
// backoff, wakes on notify(), and stops cleanly. Runs against the real
// SQLite store with a fake sender and clock.
#include "mail/outbox_worker.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

namespace jarida::mail {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST(RetryDelayTest, DoublesFromThirtySecondsUpToAnHour) {
  EXPECT_EQ(retry_delay(1), 30s);
  EXPECT_EQ(retry_delay(2), 60s);
  EXPECT_EQ(retry_delay(3), 120s);
  EXPECT_EQ(retry_delay(4), 240s);
  EXPECT_EQ(retry_delay(7), 1920s);
  EXPECT_EQ(retry_delay(8), 3600s);
  EXPECT_EQ(retry_delay(9), 3600s);
  EXPECT_EQ(retry_delay(1000), 3600s);
  EXPECT_EQ(retry_delay(0), 30s);
}

class OutboxWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("jarida-outbox-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = store::open_sqlite_store(dir_ / "jarida.db");
    store_->migrate();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void queue(const std::string& to) {
    store::NewMail m;
    m.to_addr = to;
    m.subject = "موضوع";
    m.body_text = "نص";
    m.body_html = "<p>نص</p>";
    store::MailLimits limits{1000, 1000, 1000};
    ASSERT_EQ(store_->queue_mail(m, "ip", to, limits, now_.load()),
              store::MailQueueOutcome::queued);
  }

  // Waits until `done` holds, at most 10 s.
  template <class F>
  bool eventually(F done) {
    const auto end = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < end) {
      if (done()) return true;
      std::this_thread::sleep_for(10ms);
    }
    return done();
  }

  OutboxWorker::ClockFn clock() {
    return [this] { return now_.load(); };
  }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  std::atomic<core::TimePoint> now_{core::TimePoint{std::chrono::seconds{1'700'000'000}}};
};

TEST_F(OutboxWorkerTest, SendsQueuedMail) {
  std::mutex m;
  std::vector<std::string> sent;
  queue("a@example.com");
  queue("b@example.com");
  OutboxWorker worker(
      *store_,
      [&](const store::NewMail& mail) -> std::optional<std::string> {
        std::lock_guard lock(m);
        sent.push_back(mail.to_addr);
        return std::nullopt;
      },
      clock());
  worker.notify();
  ASSERT_TRUE(eventually([&] { return store_->count_unsent_mail() == 0; }));
  std::lock_guard lock(m);
  EXPECT_EQ(sent, (std::vector<std::string>{"a@example.com", "b@example.com"}));
}

TEST_F(OutboxWorkerTest, NotifyWakesAtOnce) {
  std::atomic<int> sends{0};
  OutboxWorker worker(
      *store_,
      [&](const store::NewMail&) -> std::optional<std::string> {
        ++sends;
        return std::nullopt;
      },
      clock());
  std::this_thread::sleep_for(50ms);
  queue("a@example.com");
  const auto start = std::chrono::steady_clock::now();
  worker.notify();
  ASSERT_TRUE(eventually([&] { return sends.load() == 1; }));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 900ms);
}

TEST_F(OutboxWorkerTest, RetriesWithBackoff) {
  std::atomic<int> attempts{0};
  std::atomic<bool> server_up{false};
  queue("a@example.com");
  OutboxWorker worker(
      *store_,
      [&](const store::NewMail&) -> std::optional<std::string> {
        ++attempts;
        if (!server_up) return std::string("connection refused");
        return std::nullopt;
      },
      clock());
  worker.notify();
  ASSERT_TRUE(eventually([&] { return attempts.load() == 1; }));
  // Not due again before 30 s have passed.
  now_.store(now_.load() + 29s);
  worker.notify();
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(attempts.load(), 1);
  EXPECT_EQ(store_->count_unsent_mail(), 1);
  now_.store(now_.load() + 1s);
  worker.notify();
  ASSERT_TRUE(eventually([&] { return attempts.load() == 2; }));
  // Second failure: one minute.
  now_.store(now_.load() + 59s);
  worker.notify();
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(attempts.load(), 2);
  server_up = true;  // the server comes up
  now_.store(now_.load() + 1s);
  worker.notify();
  ASSERT_TRUE(eventually([&] { return store_->count_unsent_mail() == 0; }));
  EXPECT_EQ(attempts.load(), 3);
}

TEST_F(OutboxWorkerTest, StopFinishesTheMailInHand) {
  std::atomic<int> started{0};
  std::atomic<int> finished{0};
  queue("a@example.com");
  queue("b@example.com");
  {
    OutboxWorker worker(
        *store_,
        [&](const store::NewMail&) -> std::optional<std::string> {
          ++started;
          std::this_thread::sleep_for(300ms);
          ++finished;
          return std::nullopt;
        },
        clock());
    worker.notify();
    ASSERT_TRUE(eventually([&] { return started.load() == 1; }));
  }  // destructor: waits for the first mail, does not start the second
  EXPECT_EQ(started.load(), 1);
  EXPECT_EQ(finished.load(), 1);
  EXPECT_EQ(store_->count_unsent_mail(), 1);  // the one in hand was recorded
}

}  // namespace
}  // namespace jarida::mail
