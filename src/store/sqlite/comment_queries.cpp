// SqliteStore's readers' comments (issue 4): submitting one (the policy's
// facts, its decision and the insert in one BEGIN IMMEDIATE transaction on
// the writer, so two quick posts from one reader can't both pass the rate
// limit), and moderating them. articles.comment_count and content_version
// follow by the triggers of migrations 0001 and 0002, whatever changes a
// comment.
#include <algorithm>
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/shared_writes.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jarida::store::sqlite {

namespace {

// Whether a reader can comment on the article now: it is published and
// visible (as article_queries.cpp's kVisible), and its comments are open.
// Read in the comment's transaction, so closing comments wins over a post
// already on its way.
std::optional<CommentOutcome> article_refuses_comments(Connection& c, core::Id article_id,
                                                       core::TimePoint now) {
  auto q = c.query(
      "SELECT a.comments_open FROM articles a WHERE a.id = ?2 AND a.status = 'published' AND "
      "a.published_at <= ?1",
      "submit_comment: article");
  q.bind(1, now).bind(2, article_id);
  if (!q.step()) return CommentOutcome::no_such_article;
  if (q.int64(0) == 0) return CommentOutcome::comments_closed;
  return std::nullopt;
}

// A reply's parent: an approved comment on the same article that is not
// itself a reply (threads are two levels deep).
bool parent_accepts_replies(Connection& c, core::Id parent_id, core::Id article_id) {
  auto q = c.query("SELECT article_id, status, parent_id FROM comments WHERE id = ?1",
                   "submit_comment: parent");
  q.bind(1, parent_id);
  if (!q.step()) return false;
  return q.int64(0) == article_id && q.text(1) == core::to_string(core::CommentStatus::approved) &&
         !q.optional_int64(2).has_value();
}

// Each key is checked only when given: '' matches nobody. The literal
// "<> ''" terms let SQLite use the partial indexes of migration 0003.
bool is_known_commenter(Connection& c, std::string_view email_key, std::string_view commenter_key) {
  if (!email_key.empty()) {
    auto q = c.query(
        "SELECT 1 FROM comments WHERE email_key = ?1 AND email_key <> '' AND "
        "status = 'approved' LIMIT 1",
        "submit_comment: known email");
    q.bind(1, email_key);
    if (q.step()) return true;
  }
  if (!commenter_key.empty()) {
    auto q = c.query(
        "SELECT 1 FROM comments WHERE commenter_key = ?1 AND commenter_key <> '' AND "
        "status = 'approved' LIMIT 1",
        "submit_comment: known commenter key");
    q.bind(1, commenter_key);
    if (q.step()) return true;
  }
  return false;
}

CommentFacts read_facts(Connection& c, const CommentSubmission& s, std::string_view commenter_key,
                        core::TimePoint at) {
  CommentFacts facts;
  facts.known_commenter = is_known_commenter(c, s.email_key, commenter_key);
  if (!s.comment.ip_hash.empty()) {
    auto q = c.query("SELECT count(*) FROM comments WHERE ip_hash = ?1 AND created_at >= ?2",
                     "submit_comment: rate");
    q.bind(1, s.comment.ip_hash).bind(2, at - s.rate_window);
    q.step();
    facts.recent_from_ip = q.int64(0);
  }
  {
    auto q = c.query(
        "SELECT 1 FROM comments WHERE article_id = ?1 AND created_at >= ?2 AND body = ?3 "
        "LIMIT 1",
        "submit_comment: duplicate");
    q.bind(1, s.comment.article_id).bind(2, at - s.duplicate_window).bind(3, s.comment.body);
    facts.duplicate = q.step();
  }
  return facts;
}

constexpr std::string_view kModerationColumns = ", a.title, a.slug, a.published_at";

core::ModerationItem read_moderation_item(const Query& q) {
  constexpr int n = kCommentColumnCount;
  return {read_comment(q, 0), q.text(n), q.text(n + 1), q.time(n + 2)};
}

}  // namespace

CommentResult SqliteStore::submit_comment(
    const CommentSubmission& s,
    const std::function<std::optional<core::CommentStatus>(const CommentFacts&)>& decide) {
  const NewComment& cm = s.comment;
  // The cookie's key, or the one the caller put on the comment itself.
  const std::string_view commenter_key =
      !s.commenter_key.empty() ? std::string_view(s.commenter_key) : cm.commenter_key;
  // A caller that left created_at unset means "now".
  const core::TimePoint now = now_utc();
  const core::TimePoint at = cm.created_at == core::TimePoint{} ? now : cm.created_at;

  std::lock_guard lock(writer_lock_);
  // Every way out that doesn't commit (a result below, or an exception from
  // SQLite or from `decide`) rolls back in the destructor.
  Transaction tx(writer_, Transaction::Kind::write, "submit_comment");
  CommentResult result;
  // Read under the write lock: nobody can commit between this read and ours.
  result.version_before = read_content_version(writer_);
  if (const auto refused = article_refuses_comments(writer_, cm.article_id, now)) {
    result.outcome = *refused;
    return result;
  }
  if (cm.parent && !parent_accepts_replies(writer_, *cm.parent, cm.article_id)) {
    result.outcome = CommentOutcome::bad_parent;
    return result;
  }
  const std::optional<core::CommentStatus> status =
      decide(read_facts(writer_, s, commenter_key, at));
  if (!status) {
    result.outcome = CommentOutcome::rejected;
    return result;
  }
  {
    auto q = writer_.query(
        "INSERT INTO comments (article_id, parent_id, author_name, author_email, body, status, "
        "created_at, ip_hash, commenter_key, email_key) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        "submit_comment: insert");
    q.bind(1, cm.article_id)
        .bind(2, cm.parent)
        .bind(3, cm.author_name)
        .bind(4, cm.author_email)
        .bind(5, cm.body)
        .bind(6, core::to_string(*status))
        .bind(7, at)
        .bind(8, cm.ip_hash)
        .bind(9, commenter_key)
        .bind(10, s.email_key);
    q.run();
  }
  result.id = writer_.last_insert_id();
  // The writer runs synchronous=FULL: once COMMIT returns, the comment is
  // on disk (and survives kill -9 or a power cut).
  result.version_after = read_content_version(writer_);
  tx.commit();
  result.outcome = CommentOutcome::stored;
  result.status = *status;
  result.article_id = cm.article_id;
  return result;
}

std::optional<core::Comment> SqliteStore::comment_by_id(core::Id id) {
  static const std::string sql =
      "SELECT " + std::string(kCommentColumns) + " FROM comments cm WHERE cm.id = ?1";
  auto c = readers_.borrow();
  auto q = c->query(sql, "comment_by_id");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_comment(q, 0);
}

std::vector<core::ModerationItem> SqliteStore::comments_for_moderation(
    std::optional<core::CommentStatus> status, std::int64_t offset, std::int64_t limit) {
  // Newest first; the id breaks ties so pages never repeat or skip one.
  static const std::string all = "SELECT " + std::string(kCommentColumns) +
                                 std::string(kModerationColumns) +
                                 " FROM comments cm JOIN articles a ON a.id = cm.article_id "
                                 "ORDER BY cm.created_at DESC, cm.id DESC LIMIT ?2 OFFSET ?3";
  // comments_latest (status, created_at) serves this one.
  static const std::string one_status =
      "SELECT " + std::string(kCommentColumns) + std::string(kModerationColumns) +
      " FROM comments cm JOIN articles a ON a.id = cm.article_id WHERE cm.status = ?1 "
      "ORDER BY cm.created_at DESC, cm.id DESC LIMIT ?2 OFFSET ?3";
  std::vector<core::ModerationItem> out;
  if (limit <= 0) return out;
  auto c = readers_.borrow();
  auto q = c->query(status ? one_status : all, "comments_for_moderation");
  if (status) q.bind(1, core::to_string(*status));
  q.bind(2, limit).bind(3, std::max<std::int64_t>(offset, 0));
  while (q.step()) out.push_back(read_moderation_item(q));
  return out;
}

std::optional<core::Id> SqliteStore::set_comment_status(core::Id id, core::CommentStatus status) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "set_comment_status");
  std::optional<core::Id> article_id;
  {
    auto q = writer_.query("UPDATE comments SET status = ?2 WHERE id = ?1 RETURNING article_id",
                           "set_comment_status");
    q.bind(1, id).bind(2, core::to_string(status));
    if (q.step()) article_id = q.int64(0);
    q.run();  // finish the statement before COMMIT
  }
  if (!article_id) return std::nullopt;  // nothing changed: roll back the empty transaction
  tx.commit();
  return article_id;
}

}  // namespace jarida::store::sqlite
