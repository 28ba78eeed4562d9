// The SQLite WriteBatch: every call runs on the writer connection inside
// the batch's BEGIN IMMEDIATE transaction, which commit() ends. A call that
// fails leaves the batch as it was before the call (multi-statement calls
// run in a savepoint), so the caller may carry on or give up.
#pragma once

#include <mutex>
#include <semaphore>

#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace jarida::store::sqlite {

// The store's write lock. Unlike std::mutex it may be released by another
// thread than the one that took it, so a WriteBatch can be handed to (and
// finished by) another thread.
class WriterLock {
 public:
  void lock() { free_.acquire(); }
  void unlock() { free_.release(); }

 private:
  std::binary_semaphore free_{1};
};

class SqliteWriteBatch final : public WriteBatch {
 public:
  // Takes over the held writer lock; begins the transaction.
  SqliteWriteBatch(std::unique_lock<WriterLock> lock, Connection& writer);
  ~SqliteWriteBatch() override;  // rolls back unless committed

  core::Id upsert_category(const NewCategory& c) override;
  core::Id upsert_tag(const NewTag& t) override;
  core::Id upsert_user(const NewUser& u) override;
  bool set_user_password(std::string_view login, std::string_view password_hash) override;
  core::Id add_article(const NewArticle& a) override;
  bool update_article(core::Id id, const NewArticle& a) override;
  bool set_article_status(core::Id id, core::ArticleStatus status) override;
  bool delete_article(core::Id id) override;
  core::Id add_comment(const NewComment& c) override;
  core::Id upsert_page(const NewPage& p) override;
  void add_daily_visits(core::Id article_id, std::chrono::sys_days day,
                        std::int64_t count) override;
  void commit() override;

 private:
  // The writer, after checking the batch is still open.
  Connection& writer(std::string_view op);

  std::unique_lock<WriterLock> lock_;
  Connection& c_;
  Transaction tx_;
  bool committed_ = false;
};

// Adds `count` visits of `day` to an article's daily row (shared with
// Store::add_visits). Throws store::Error on a negative count.
void add_daily_count(Connection& c, core::Id article_id, std::chrono::sys_days day,
                     std::int64_t count, std::string_view op);

}  // namespace jarida::store::sqlite
