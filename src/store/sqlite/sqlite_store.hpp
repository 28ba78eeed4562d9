// The SQLite backend of store::Store (store/store.hpp).
//
// Connections: one writer, guarded by a lock (SQLite allows one writer at
// a time anyway; the lock makes our threads queue instead of spinning on
// SQLITE_BUSY), a pool of readers borrowed per call (WAL readers are never
// blocked by the writer), and a watcher used only to read the content version.
// A WriteBatch holds the writer lock and a BEGIN IMMEDIATE transaction
// from begin_write() until commit() or destruction, so a thread holding a
// batch must not call migrate() or add_visits() on the same store (it would
// wait for itself).
#pragma once

#include <filesystem>
#include <mutex>

#include "store/sqlite/connection.hpp"
#include "store/sqlite/reader_pool.hpp"
#include "store/sqlite/write_batch.hpp"
#include "store/store.hpp"

namespace jarida::store::sqlite {

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::filesystem::path& db_file);
  ~SqliteStore() override = default;

  void migrate() override;
  int schema_version() override;
  std::unique_ptr<WriteBatch> begin_write() override;
  std::unique_ptr<ImportBatch> begin_import() override;

  std::optional<core::Author> user_by_login(std::string_view login) override;
  std::int64_t count_users() override;

  std::optional<core::Article> published_article_by_slug(std::string_view slug) override;
  core::Paged<core::ArticleSummary> published_articles(const ArticleFilter& filter,
                                                       std::int64_t offset,
                                                       std::int64_t limit) override;
  std::vector<core::ArticleSummary> most_read(std::chrono::sys_days since,
                                              std::int64_t limit) override;
  std::vector<core::Comment> approved_comments(core::Id article_id) override;
  std::vector<core::LatestComment> latest_comments(std::int64_t limit) override;
  std::vector<core::Category> categories() override;
  std::optional<core::Category> category_by_slug(std::string_view slug) override;
  std::optional<core::Tag> tag_by_slug(std::string_view slug) override;
  std::optional<core::Author> author_by_slug(std::string_view slug) override;
  std::optional<core::Page> page_by_slug(std::string_view slug) override;
  std::vector<std::string> article_slugs_starting_with(std::string_view prefix) override;
  std::optional<core::ArticleSummary> published_article_by_legacy_id(
      std::int64_t legacy_id) override;
  std::vector<core::ArticleSummary> sticky_articles(std::int64_t limit) override;
  std::int64_t count_articles() override;

  // media_queries.cpp
  core::Id add_media(const NewMedia& m) override;
  std::optional<core::Media> media_by_id(core::Id id) override;
  core::Paged<core::Media> media_library(std::string_view search, std::int64_t offset,
                                         std::int64_t limit) override;
  bool update_media_text(core::Id id, std::string_view alt, std::string_view caption) override;

  // legacy_queries.cpp
  std::optional<core::Category> category_by_legacy_id(std::int64_t legacy_id) override;
  std::optional<core::Page> page_by_legacy_id(std::int64_t legacy_id) override;
  std::optional<core::Author> author_by_legacy_id(std::int64_t legacy_id) override;
  std::optional<Redirect> redirect_for(std::string_view from_path) override;
  std::vector<Redirect> redirects() override;
  bool put_redirect(const Redirect& r) override;
  bool remove_redirect(std::string_view from_path) override;

  void add_visits(std::span<const VisitIncrement> increments, std::chrono::sys_days day) override;
  std::int64_t article_visits(core::Id article_id) override;

  std::uint64_t content_version() override;

  // settings_queries.cpp
  std::optional<std::string> setting(std::string_view key) override;
  void put_setting(std::string_view key, std::string_view value) override;

  // comment_queries.cpp
  CommentResult submit_comment(
      const CommentSubmission& submission,
      const std::function<std::optional<core::CommentStatus>(const CommentFacts&)>& decide)
      override;
  std::optional<core::Comment> comment_by_id(core::Id id) override;
  std::vector<core::ModerationItem> comments_for_moderation(
      std::optional<core::CommentStatus> status, std::int64_t offset, std::int64_t limit) override;
  std::optional<core::Id> set_comment_status(core::Id id, core::CommentStatus status) override;

  // search_queries.cpp
  SearchPage search(const SearchSpec& spec) override;
  std::int64_t search_match_count(const SearchClause& clause, std::int64_t cap) override;
  std::vector<IndexedTerm> search_vocabulary() override;
  void rebuild_search_index(
      const std::function<void(std::int64_t, std::int64_t)>& progress) override;

  // mail_queries.cpp
  MailQueueOutcome queue_mail(const NewMail& mail, std::string_view ip_hash,
                              std::string_view recipient_hash, const MailLimits& limits,
                              core::TimePoint now) override;
  std::vector<QueuedMail> due_mail(core::TimePoint now, std::int64_t limit) override;
  void mail_sent(core::Id id, core::TimePoint now) override;
  void mail_failed(core::Id id, const std::string& error, core::TimePoint next_attempt) override;
  std::int64_t count_unsent_mail() override;

  // newsroom_accounts.cpp
  std::optional<Account> account_by_login(std::string_view login) override;
  std::optional<Account> account_by_id(core::Id id) override;
  std::vector<Account> accounts() override;
  core::Id add_account(const NewUser& user, std::string_view email) override;
  bool set_account_role(core::Id id, core::Role role) override;
  bool set_account_disabled(core::Id id, bool disabled) override;
  bool set_account_password(core::Id id, std::string_view password_hash) override;
  void create_session(const NewSession& s) override;
  std::optional<SignedInUser> session_user(const TokenHash& token_hash,
                                           core::TimePoint now) override;
  void touch_session(const TokenHash& token_hash, core::TimePoint now,
                     core::TimePoint expires_at) override;
  std::vector<SessionInfo> sessions_of(core::Id user_id, core::TimePoint now) override;
  bool end_session(core::Id user_id, const TokenHash& token_hash) override;
  std::int64_t end_sessions_of(core::Id user_id, std::optional<TokenHash> keep) override;
  void purge_expired_sessions(core::TimePoint now) override;

  // newsroom_articles.cpp (reads) and newsroom_saves.cpp (writes)
  core::Paged<NewsroomArticle> newsroom_articles(const NewsroomFilter& filter, std::int64_t offset,
                                                 std::int64_t limit) override;
  std::optional<EditableArticle> article_for_edit(core::Id id) override;
  std::optional<SaveResult> save_article(std::optional<core::Id> id, const ArticleDraft& draft,
                                         core::Id user_id, bool autosave,
                                         core::TimePoint now) override;
  std::optional<SaveResult> set_article_state(core::Id id, core::ArticleStatus status,
                                              core::Id user_id, core::TimePoint now) override;
  std::vector<Revision> revisions(core::Id article_id) override;
  std::optional<Revision> revision(std::int64_t revision_id) override;
  std::vector<ArticlePlace> publish_due(core::TimePoint now) override;
  std::vector<StatusCount> article_status_counts() override;
  std::vector<StatusCount> comment_status_counts() override;
  std::int64_t count_comments(core::CommentStatus status) override;

  // newsroom_taxonomy.cpp
  std::vector<EditablePage> newsroom_pages() override;
  std::optional<EditablePage> page_for_edit(core::Id id) override;
  EditResult save_page(std::optional<core::Id> id, const PageDraft& draft,
                       core::TimePoint now) override;
  std::vector<CategoryRow> category_rows() override;
  EditResult save_category(std::optional<core::Id> id, const NewCategory& c) override;
  EditResult delete_category(core::Id id) override;
  core::Paged<TagRow> tag_rows(std::string_view search, std::int64_t offset,
                               std::int64_t limit) override;
  EditResult save_tag(std::optional<core::Id> id, const NewTag& t) override;
  EditResult delete_tag(core::Id id) override;
  void move_address(std::string_view from_path, std::string_view to_path) override;

 private:
  // Declaration order is destruction order reversed: the writer closes
  // last, and the last connection to close checkpoints and removes the WAL.
  WriterLock writer_lock_;
  Connection writer_;  // guarded by writer_lock_
  std::mutex watcher_mutex_;
  Connection watcher_;  // guarded by watcher_mutex_
  ReaderPool readers_;
};

}  // namespace jarida::store::sqlite
