// The background sender of the mail outbox (issue 4): request threads only
// queue mail (Store::queue_mail) and call notify(); this thread delivers.
// Tested in tests/mail/outbox_worker_test.cpp.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/settings.hpp"
#include "store/store.hpp"

namespace jarida::mail {

// How long to wait before the next attempt after the n-th failure (n >= 1):
// 30 s, 1 min, 2 min, 4 min ... capped at 1 hour. The store stops offering a
// mail after its attempt cap.
std::chrono::seconds retry_delay(std::int64_t failures);

class OutboxWorker {
 public:
  // Delivers one mail: nullopt on success, else the error text.
  using SendFn = std::function<std::optional<std::string>(const store::NewMail&)>;
  using ClockFn = std::function<core::TimePoint()>;

  static constexpr std::int64_t kBatch = 20;  // mails taken per round
  static constexpr std::chrono::seconds kPollInterval{1};

  // Starts the thread. Sends with an SmtpSender built from `smtp`.
  OutboxWorker(store::Store& store, const core::SmtpSettings& smtp);
  // For tests: any sender and clock (the clock defaults to the system clock).
  OutboxWorker(store::Store& store, SendFn send, ClockFn clock = {});

  // Stops: the mail being sent is finished (at most the SMTP timeout) and
  // reported to the store; the rest of the batch waits for the next start.
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Wakes the thread now (after queue_mail). Never blocks on delivery.
  void notify();

 private:
  void run();
  void deliver_due();

  store::Store& store_;
  SendFn send_;
  ClockFn clock_;
  // Mails the server accepted whose mail_sent() failed: recorded again
  // next round and never sent twice. Only the worker thread touches it.
  std::map<core::Id, core::TimePoint> sent_unrecorded_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool notified_ = false;
  std::thread thread_;  // last: started after everything above exists
};

}  // namespace jarida::mail
