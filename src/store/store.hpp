// The Store: the only door to persistent data (ARCHITECTURE.md principle 3).
// Backends live in store/sqlite/ (and later store/postgres/) and pass one
// conformance suite, tests/store/store_conformance_test.cpp. All methods are
// safe to call from several threads at once. Errors are thrown as
// store::Error (I/O failure, constraint violation); "not found" is an empty
// optional, never an exception.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace jarida::store {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct NewUser {
  std::string login;
  std::string slug;  // public author page /author/{slug}/
  std::string display_name;
  std::string bio;
  core::Role role = core::Role::author;
  std::string password_hash;  // argon2id string from libsodium
};

struct NewCategory {
  std::string slug;
  std::string name;
  std::string description;
  std::optional<core::Id> parent;
};

struct NewTag {
  std::string slug;
  std::string name;
};

struct NewArticle {
  std::string slug;
  std::string title;
  std::string kicker;
  std::string excerpt;
  std::string body_html;
  core::ArticleStatus status = core::ArticleStatus::published;
  core::TimePoint published_at{};
  core::Id author_id = 0;
  core::Id category_id = 0;
  std::vector<core::Id> tag_ids;
  std::int64_t visits = 0;
};

struct NewComment {
  core::Id article_id = 0;
  std::optional<core::Id> parent;
  std::string author_name;
  std::string author_email;
  std::string body;
  core::CommentStatus status = core::CommentStatus::pending;
  core::TimePoint created_at{};
  std::string ip_hash;
  std::string commenter_key;  // lets a returning commenter be recognized (issue 4)
};

struct NewPage {
  std::string slug;
  std::string title;
  std::string body_html;
};

// Which articles a list shows: published ones, newest first, optionally of
// one category, tag or author.
struct ArticleFilter {
  std::optional<core::Id> category_id;
  std::optional<core::Id> tag_id;
  std::optional<core::Id> author_id;
};

struct VisitIncrement {
  core::Id article_id = 0;
  std::int64_t count = 0;
};

// ---- Readers' comments (issue 4)

// What the moderation policy needs to know about a new comment, read in the
// same transaction that stores it (so two quick posts can't both pass).
struct CommentFacts {
  bool known_commenter = false;     // an approved comment with the same email or commenter key
  std::int64_t recent_from_ip = 0;  // comments from ip_hash within the rate window
  bool duplicate = false;           // same article, same body, within the duplicate window
};

struct CommentSubmission {
  NewComment comment;         // status is decided by `decide` below
  std::string email_key;      // normalized email ("" if none given)
  std::string commenter_key;  // from the reader's signed cookie ("" if none)
  std::chrono::seconds rate_window{600};
  std::chrono::seconds duplicate_window{86400};
};

enum class CommentOutcome { stored, rejected, no_such_article, bad_parent };

struct CommentResult {
  CommentOutcome outcome = CommentOutcome::stored;
  core::Id id = 0;
  core::CommentStatus status = core::CommentStatus::pending;
  core::Id article_id = 0;
  // content_version() just before and after this write (stored only): when
  // `before` is the version the caller last saw, nobody else changed content
  // in between, and the caller may invalidate precisely instead of wholesale.
  std::uint64_t version_before = 0;
  std::uint64_t version_after = 0;
};

// ---- Outgoing mail (issue 4: send to a friend)

struct NewMail {
  std::string to_addr;
  std::string subject;  // UTF-8; encoded (RFC 2047) when sent
  std::string body_text;
  std::string body_html;
};

struct QueuedMail {
  core::Id id = 0;
  NewMail mail;
  std::int64_t attempts = 0;
  std::string last_error;
};

struct MailLimits {
  std::int64_t per_ip_per_hour = 5;
  std::int64_t per_recipient_per_day = 3;
  std::int64_t site_per_hour = 200;
};

enum class MailQueueOutcome { queued, ip_limit, recipient_limit, site_limit };

// A group of writes applied atomically by commit(); destroying an
// uncommitted batch rolls it back. Used by `jarida demo`, and later by the
// importer and the newsroom. Only one batch may be open at a time per store
// (it holds the write lock).
class WriteBatch {
 public:
  virtual ~WriteBatch() = default;
  // Categories and tags are keyed by slug: adding an existing slug returns
  // the existing id (and updates the name).
  virtual core::Id upsert_category(const NewCategory& c) = 0;
  virtual core::Id upsert_tag(const NewTag& t) = 0;
  // Users are keyed by login: an existing login returns its id unchanged.
  virtual core::Id upsert_user(const NewUser& u) = 0;
  // Fails with store::Error if the slug is taken.
  virtual core::Id add_article(const NewArticle& a) = 0;
  virtual core::Id add_comment(const NewComment& c) = 0;
  // Pages are keyed by slug: an existing slug is updated.
  virtual core::Id upsert_page(const NewPage& p) = 0;
  // Per-day visits for the most-read list (day in UTC).
  virtual void add_daily_visits(core::Id article_id, std::chrono::sys_days day,
                                std::int64_t count) = 0;
  virtual void commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Schema: applies the numbered migrations not yet recorded, each in its
  // own transaction. Idempotent.
  virtual void migrate() = 0;
  virtual int schema_version() = 0;

  virtual std::unique_ptr<WriteBatch> begin_write() = 0;

  // Users
  virtual std::optional<core::Author> user_by_login(std::string_view login) = 0;
  virtual std::int64_t count_users() = 0;

  // Published content, as readers see it.
  virtual std::optional<core::Article> published_article_by_slug(std::string_view slug) = 0;
  virtual core::Paged<core::ArticleSummary> published_articles(const ArticleFilter& filter,
                                                               std::int64_t offset,
                                                               std::int64_t limit) = 0;
  // Most visits counted on days >= since, published articles only.
  virtual std::vector<core::ArticleSummary> most_read(std::chrono::sys_days since,
                                                      std::int64_t limit) = 0;
  virtual std::vector<core::Comment> approved_comments(core::Id article_id) = 0;
  virtual std::vector<core::LatestComment> latest_comments(std::int64_t limit) = 0;
  virtual std::vector<core::Category> categories() = 0;
  virtual std::optional<core::Category> category_by_slug(std::string_view slug) = 0;
  virtual std::optional<core::Tag> tag_by_slug(std::string_view slug) = 0;
  virtual std::optional<core::Author> author_by_slug(std::string_view slug) = 0;
  virtual std::optional<core::Page> page_by_slug(std::string_view slug) = 0;
  virtual std::vector<std::string> article_slugs_starting_with(std::string_view prefix) = 0;
  virtual std::int64_t count_articles() = 0;

  // Visits: adds every increment (to the total and to today's count) in one
  // transaction; all or nothing.
  virtual void add_visits(std::span<const VisitIncrement> increments,
                          std::chrono::sys_days day) = 0;
  virtual std::int64_t article_visits(core::Id article_id) = 0;

  // Readers' comments. submit_comment reads the CommentFacts, asks
  // `decide` for the status (it may return CommentStatus::spam, or nullopt
  // to reject without storing), and stores the comment, all in one
  // transaction; when it returns `stored`, the comment is durable on disk.
  virtual CommentResult submit_comment(
      const CommentSubmission& submission,
      const std::function<std::optional<core::CommentStatus>(const CommentFacts&)>& decide) = 0;
  virtual std::optional<core::Comment> comment_by_id(core::Id id) = 0;
  // Newest first; all statuses when `status` is empty.
  virtual std::vector<core::ModerationItem> comments_for_moderation(
      std::optional<core::CommentStatus> status, std::int64_t offset, std::int64_t limit) = 0;
  // Returns the comment's article id, or nullopt when there is no such comment.
  virtual std::optional<core::Id> set_comment_status(core::Id id, core::CommentStatus status) = 0;

  // Outgoing mail. queue_mail counts what this IP, this recipient and the
  // whole site queued in the last hour/day, and inserts only when under
  // every limit, in one transaction (hashes, never the raw IP or address).
  virtual MailQueueOutcome queue_mail(const NewMail& mail, std::string_view ip_hash,
                                      std::string_view recipient_hash, const MailLimits& limits,
                                      core::TimePoint now) = 0;
  // Unsent mail whose next attempt is due, oldest first.
  virtual std::vector<QueuedMail> due_mail(core::TimePoint now, std::int64_t limit) = 0;
  virtual void mail_sent(core::Id id, core::TimePoint now) = 0;
  virtual void mail_failed(core::Id id, const std::string& error, core::TimePoint next_attempt) = 0;
  virtual std::int64_t count_unsent_mail() = 0;

  // A number that changes with every commit that changes what readers see
  // (articles, comments, pages, categories, tags, authors, settings,
  // redirects), from this process or any other, and never with visit
  // counts. The server compares it once a second to drop cached pages after
  // changes made elsewhere (`jarida demo` while it runs, other servers).
  virtual std::uint64_t content_version() = 0;
};

// Opens (creating if needed) the SQLite database file `db_file` (or
// db_file/jarida.db when given a directory), in WAL mode.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& db_file);

}  // namespace jarida::store
