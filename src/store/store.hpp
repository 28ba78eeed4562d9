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
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "store/import_batch.hpp"
#include "store/newsroom.hpp"

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
  std::optional<std::int64_t> legacy_id;  // WordPress post ID of an imported article
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
  // Leaves out the newest N sticky articles (Store::sticky_articles(N)):
  // the home page pins them above its first page, and they must not come
  // again further down.
  std::int64_t without_pinned = 0;
};

// An old address that now lives elsewhere (the redirects table): filled by
// the WordPress import and by `jarida redirect add`, answered when nothing
// else is found at from_path.
struct Redirect {
  std::string from_path;  // decoded, starts with '/'
  std::string to_path;    // a decoded site path, or an absolute http(s) URL
  int status = 301;       // 301, 302, 307 or 308
};

// ---- Media library (issue 6): uploads, already re-encoded by media/.
struct NewMedia {
  std::string url;  // "/media/2026/11/name.webp" (the largest copy)
  std::string mime = "image/webp";
  std::int64_t width = 0;
  std::int64_t height = 0;
  std::string title;  // the uploaded file's name
  std::string alt;
  std::string caption;
  std::vector<core::MediaVariant> variants;  // narrowest first
  core::Id uploaded_by = 0;
  core::TimePoint created_at{};
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

enum class CommentOutcome { stored, rejected, no_such_article, comments_closed, bad_parent };

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

// ---- Search (issue 5). search/ turns what a reader typed into clauses;
// the backend matches and ranks them over its full-text index of published
// articles (title, kicker, excerpt, tags, category, body text).

// Words that must occur one after the other. Words are given as typed (any
// text): the index's own pipeline (text/normalize + text/stem) folds and
// stems them exactly as it did the articles.
struct SearchPhrase {
  std::vector<std::string> words;
};

// One thing the reader asked for: a word, or a quoted phrase, with its
// variants (broken plural, other spellings); any of them will do.
struct SearchClause {
  std::vector<SearchPhrase> any_of;
};

// How much a match counts in each field, relative to the body.
struct SearchWeights {
  double title = 8;
  double kicker = 3;
  double excerpt = 2;
  double tags = 5;
  double category = 2;
  double body = 1;
};

struct SearchSpec {
  std::vector<SearchClause> clauses;
  // A result matches at least min_clauses and at most max_clauses of the
  // clauses (both = clauses.size() for "all of them").
  std::size_t min_clauses = 0;
  std::size_t max_clauses = 0;
  core::TimePoint now{};  // articles published later (scheduled) are not found
  std::int64_t offset = 0;
  std::int64_t limit = 10;
  SearchWeights weights;
  // False when only the best few hits matter (checking a typo's
  // correction): the total may then count only the matches scored.
  bool count_total = true;
  // The total stops counting here (a word in most articles would cost more
  // to count than to rank); SearchPage::total_capped says it did.
  std::int64_t total_cap = 1000;
};

struct SearchHit {
  core::ArticleSummary article;
  std::string body_text;  // the indexed plain text of the body, for snippets
};

struct SearchPage {
  // Results of this spec, all pages. Backends may score only the newest
  // few hundred matches; the total of an all-clauses spec counts further,
  // up to total_cap, a partial one counts what was scored.
  std::int64_t total = 0;
  bool total_capped = false;  // total == total_cap and there are more
  std::vector<SearchHit> hits;
};

struct IndexedTerm {
  std::string term;  // as indexed: normalized and stemmed
  std::int64_t articles = 0;
};

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
  // Sets an account's password (an imported author's first one); false
  // when there is no such login.
  virtual bool set_user_password(std::string_view login, std::string_view password_hash) = 0;
  // Fails with store::Error if the slug is taken.
  virtual core::Id add_article(const NewArticle& a) = 0;
  // Replaces an article's text, status, time, author, category and tags
  // (its visits and comments stay). False when there is no such article.
  virtual bool update_article(core::Id id, const NewArticle& a) = 0;
  // Publish, unpublish (draft), schedule or trash; false when no such article.
  virtual bool set_article_status(core::Id id, core::ArticleStatus status) = 0;
  // Deletes the article with its comments and visit counts.
  virtual bool delete_article(core::Id id) = 0;
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
  // A WordPress import: one transaction, holding the write lock like a
  // WriteBatch (store/import_batch.hpp).
  virtual std::unique_ptr<ImportBatch> begin_import() = 0;

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
  // Published pages only: drafts, private and trashed pages are not found.
  virtual std::optional<core::Page> page_by_slug(std::string_view slug) = 0;
  virtual std::vector<std::string> article_slugs_starting_with(std::string_view prefix) = 0;
  // The published article that had this WordPress post ID (old /?p=ID links).
  virtual std::optional<core::ArticleSummary> published_article_by_legacy_id(
      std::int64_t legacy_id) = 0;
  // Sticky published articles, newest first (the home page pins them).
  virtual std::vector<core::ArticleSummary> sticky_articles(std::int64_t limit) = 0;

  // Old WordPress links (/?cat=, /?page_id=, /?author=; legacy_queries.cpp).
  virtual std::optional<core::Category> category_by_legacy_id(std::int64_t legacy_id) = 0;
  // Published pages only, as page_by_slug.
  virtual std::optional<core::Page> page_by_legacy_id(std::int64_t legacy_id) = 0;
  // Only an author readers can see already: one with a visible article.
  // (Anyone else is "not found", so old links can't list the accounts.)
  virtual std::optional<core::Author> author_by_legacy_id(std::int64_t legacy_id) = 0;

  // Redirects: the one whose from_path is exactly `from_path`, all of them
  // (by from_path), adding or replacing one (true when added), removing one
  // (false when there was none). Changes bump content_version().
  virtual std::optional<Redirect> redirect_for(std::string_view from_path) = 0;
  virtual std::vector<Redirect> redirects() = 0;
  virtual bool put_redirect(const Redirect& r) = 0;
  virtual bool remove_redirect(std::string_view from_path) = 0;
  virtual std::int64_t count_articles() = 0;

  // Media library (media_queries.cpp). Newest first; `search` ("" for all)
  // matches title, alt and caption.
  virtual core::Id add_media(const NewMedia& m) = 0;
  virtual std::optional<core::Media> media_by_id(core::Id id) = 0;
  virtual core::Paged<core::Media> media_library(std::string_view search, std::int64_t offset,
                                                 std::int64_t limit) = 0;
  // False when there is no such media row.
  virtual bool update_media_text(core::Id id, std::string_view alt, std::string_view caption) = 0;

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

  // Full-text search (see SearchSpec). Best first: score, then newest.
  virtual SearchPage search(const SearchSpec& spec) = 0;
  // How many published articles match the clause, counting at most `cap`
  // (enough to tell "none", "rare" and "common" apart cheaply).
  virtual std::int64_t search_match_count(const SearchClause& clause, std::int64_t cap) = 0;
  // Every indexed term with the number of articles it occurs in (typo
  // suggestions pick the closest well-used one).
  virtual std::vector<IndexedTerm> search_vocabulary() = 0;
  // Rebuilds the index from the articles in one transaction (`jarida
  // reindex`), reporting (done, total) articles as it goes.
  virtual void rebuild_search_index(
      const std::function<void(std::int64_t, std::int64_t)>& progress) = 0;

  // ---- The newsroom (store/newsroom.hpp; sqlite/newsroom_*.cpp)

  // Accounts. add_account fails with store::Error when the login or slug is
  // taken. Disabling an account also ends its sessions.
  virtual std::optional<Account> account_by_login(std::string_view login) = 0;
  virtual std::optional<Account> account_by_id(core::Id id) = 0;
  virtual std::vector<Account> accounts() = 0;  // by display name
  virtual core::Id add_account(const NewUser& user, std::string_view email) = 0;
  virtual bool set_account_role(core::Id id, core::Role role) = 0;
  virtual bool set_account_disabled(core::Id id, bool disabled) = 0;
  virtual bool set_account_password(core::Id id, std::string_view password_hash) = 0;

  // Sessions. session_user finds a live session (expires_at > now) of an
  // enabled account; touch_session moves last_seen_at and expires_at.
  virtual void create_session(const NewSession& s) = 0;
  virtual std::optional<SignedInUser> session_user(const TokenHash& token_hash,
                                                   core::TimePoint now) = 0;
  virtual void touch_session(const TokenHash& token_hash, core::TimePoint now,
                             core::TimePoint expires_at) = 0;
  virtual std::vector<SessionInfo> sessions_of(core::Id user_id, core::TimePoint now) = 0;
  virtual bool end_session(core::Id user_id, const TokenHash& token_hash) = 0;
  // Ends every session of the user except `keep` (when given); returns how many.
  virtual std::int64_t end_sessions_of(core::Id user_id, std::optional<TokenHash> keep) = 0;
  virtual void purge_expired_sessions(core::TimePoint now) = 0;

  // Articles, every status. newsroom_articles: newest first by
  // published_at, then id.
  virtual core::Paged<NewsroomArticle> newsroom_articles(const NewsroomFilter& filter,
                                                         std::int64_t offset,
                                                         std::int64_t limit) = 0;
  virtual std::optional<EditableArticle> article_for_edit(core::Id id) = 0;
  // Creates (no id) or updates the article and writes a revision, in one
  // transaction; nullopt result id when `id` names no article. Autosaves
  // keep only the newest autosave revision per article; a manual save
  // removes it, and the newest 50 manual revisions are kept. An autosave
  // never changes what readers see: for an article whose status is
  // published it writes the revision alone (the article row, its slug and
  // tags stay; before == after, no content_version change); for any other
  // status it updates the article like a save. user_id 0: no account.
  virtual std::optional<SaveResult> save_article(std::optional<core::Id> id,
                                                 const ArticleDraft& draft, core::Id user_id,
                                                 bool autosave, core::TimePoint now) = 0;
  // Moves an article to trash (from any status) or back (status draft:
  // only a trashed article changes, to a draft); any other status throws
  // store::Error. No revision is written (SaveResult::revision is 0).
  virtual std::optional<SaveResult> set_article_state(core::Id id, core::ArticleStatus status,
                                                      core::Id user_id, core::TimePoint now) = 0;
  virtual std::vector<Revision> revisions(core::Id article_id) = 0;  // newest first, no bodies
  virtual std::optional<Revision> revision(std::int64_t revision_id) = 0;
  // Publishes every scheduled article whose time has come (one transaction)
  // and returns where each now is, for the page cache.
  virtual std::vector<ArticlePlace> publish_due(core::TimePoint now) = 0;
  virtual std::vector<StatusCount> article_status_counts() = 0;
  virtual std::vector<StatusCount> comment_status_counts() = 0;
  // Comments with one status: one range of an index, for the menu's
  // "waiting for review" count on every newsroom page (the counts above
  // read every comment).
  virtual std::int64_t count_comments(core::CommentStatus status) = 0;

  // Pages, categories and tags (newsroom_taxonomy.cpp). Each save or
  // delete is one transaction that checks what it must (free slug, parent,
  // articles) and writes nothing unless EditResult::outcome is `done`.
  //
  // Pages of every status by title, bodies left out; one page with its body.
  virtual std::vector<EditablePage> newsroom_pages() = 0;
  virtual std::optional<EditablePage> page_for_edit(core::Id id) = 0;
  // Creates (no id) or updates a page; a slug another page has is
  // slug_taken (never renumbered: a page's address is chosen). Throws
  // store::Error for an empty slug or a scheduled status.
  virtual EditResult save_page(std::optional<core::Id> id, const PageDraft& draft,
                               core::TimePoint now) = 0;
  // Every category with its article count, by name.
  virtual std::vector<CategoryRow> category_rows() = 0;
  // slug_taken, no_such_parent, or cycle (the parent is the category or
  // one of its descendants); old_slug says whether the slug changed.
  virtual EditResult save_category(std::optional<core::Id> id, const NewCategory& c) = 0;
  // in_use (with the count) while any article has it; otherwise deletes
  // it and its children move up to its parent.
  virtual EditResult delete_category(core::Id id) = 0;
  // Tags by name, `search` ("" for all) matching name or slug
  // (case-insensitive for Latin).
  virtual core::Paged<TagRow> tag_rows(std::string_view search, std::int64_t offset,
                                       std::int64_t limit) = 0;
  // slug_taken or name_taken.
  virtual EditResult save_tag(std::optional<core::Id> id, const NewTag& t) = 0;
  // Deletes the tag and takes it off its articles (EditResult::articles).
  virtual EditResult delete_tag(core::Id id) = 0;
  // An address moved (a renamed slug): from_path now redirects (301) to
  // to_path, redirects that led to from_path lead to to_path (no chains),
  // and none is left from to_path (it is live again). One transaction.
  virtual void move_address(std::string_view from_path, std::string_view to_path) = 0;

  // Settings saved from the newsroom (settings_queries.cpp): the settings
  // table, key -> text. put_setting bumps content_version() (every server
  // then applies the change); an unchanged value writes nothing.
  virtual std::optional<std::string> setting(std::string_view key) = 0;
  virtual void put_setting(std::string_view key, std::string_view value) = 0;

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
