// The outbox sender thread (see outbox_worker.hpp).
#include "mail/outbox_worker.hpp"

#include <exception>
#include <iostream>

#include "mail/smtp_sender.hpp"

namespace jarida::mail {

std::chrono::seconds retry_delay(std::int64_t failures) {
  constexpr std::chrono::seconds first{30};
  constexpr std::chrono::seconds cap{3600};
  if (failures < 1) failures = 1;
  if (failures > 8) return cap;  // 30 s * 2^7 = 64 min already exceeds the cap
  const auto delay = first * (std::int64_t{1} << (failures - 1));
  return delay < cap ? delay : cap;
}

namespace {

core::TimePoint system_now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

OutboxWorker::OutboxWorker(store::Store& store, const core::SmtpSettings& smtp)
    : OutboxWorker(
          store, [sender = SmtpSender(smtp)](const store::NewMail& m) { return sender.send(m); }) {}

OutboxWorker::OutboxWorker(store::Store& store, SendFn send, ClockFn clock)
    : store_(store),
      send_(std::move(send)),
      clock_(clock ? std::move(clock) : ClockFn(system_now)),
      thread_([this] { run(); }) {}

OutboxWorker::~OutboxWorker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxWorker::notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

void OutboxWorker::run() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, kPollInterval, [this] { return stop_ || notified_; });
      if (stop_) return;
      notified_ = false;
    }
    deliver_due();
  }
}

void OutboxWorker::deliver_due() {
  for (auto it = sent_unrecorded_.begin(); it != sent_unrecorded_.end();) {
    try {
      store_.mail_sent(it->first, it->second);
      it = sent_unrecorded_.erase(it);
    } catch (const std::exception& e) {
      std::cerr << "mail outbox: recording mail " << it->first << " failed (retrying): " << e.what()
                << "\n";
      return;
    }
  }
  std::vector<store::QueuedMail> due;
  try {
    due = store_.due_mail(clock_(), kBatch);
  } catch (const std::exception& e) {
    std::cerr << "mail outbox: reading due mail failed (retrying): " << e.what() << "\n";
    return;
  }
  for (const auto& queued : due) {
    std::optional<std::string> error;
    try {
      error = send_(queued.mail);
    } catch (const std::exception& e) {
      error = std::string("sending failed: ") + e.what();
    }
    const core::TimePoint now = clock_();
    try {
      if (!error) {
        sent_unrecorded_[queued.id] = now;
        store_.mail_sent(queued.id, now);
        sent_unrecorded_.erase(queued.id);
      } else {
        const auto next = now + retry_delay(queued.attempts + 1);
        std::cerr << "mail outbox: mail " << queued.id << " attempt " << queued.attempts + 1
                  << " failed: " << *error << "\n";
        store_.mail_failed(queued.id, *error, next);
      }
    } catch (const std::exception& e) {
      // A failure stays due and is tried again; a sent mail is recorded
      // again next round (sent_unrecorded_), never sent twice.
      std::cerr << "mail outbox: recording mail " << queued.id << " failed: " << e.what() << "\n";
    }
    std::lock_guard lock(mutex_);
    if (stop_) return;  // the rest waits for the next start
  }
}

}  // namespace jarida::mail
