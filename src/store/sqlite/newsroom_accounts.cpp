// SqliteStore's newsroom accounts and sessions (store/newsroom.hpp). Reads
// borrow a reader; writes take the writer lock and one BEGIN IMMEDIATE
// transaction. Sessions have no content_version trigger (0002, 0006):
// signing in and out changes nothing readers see. Account changes that
// show on author pages (display name, role, disabled) do bump it.
#include <algorithm>
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "text/utf8.hpp"

namespace jarida::store::sqlite {

namespace {

// The sessions list shows this much of a browser's User-Agent.
constexpr std::size_t kUserAgentBytes = 200;

// Users as accounts: kAuthorColumns, then what only the newsroom reads.
constexpr std::string_view kAccountColumns =
    "u.id, u.login, u.slug, u.display_name, u.bio, u.role, u.password_hash, u.email, "
    "u.disabled, u.created_at";
constexpr int kAccountColumnCount = kAuthorColumnCount + 4;

Account read_account(const Query& q, int first) {
  Account a;
  a.author = read_author(q, first);
  const int n = first + kAuthorColumnCount;
  a.password_hash = q.text(n);
  a.email = q.text(n + 1);
  a.disabled = q.int64(n + 2) != 0;
  a.created_at = q.time(n + 3);
  return a;
}

constexpr std::string_view kSessionColumns =
    "s.token_hash, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, s.ip";

SessionInfo read_session(const Query& q, int first) {
  SessionInfo s;
  const auto hash = q.blob(first);
  // The primary key is always a 32-byte hash written by create_session.
  std::copy_n(hash.begin(), std::min(hash.size(), s.token_hash.size()), s.token_hash.begin());
  s.created_at = q.time(first + 1);
  s.last_seen_at = q.time(first + 2);
  s.expires_at = q.time(first + 3);
  s.user_agent = q.text(first + 4);
  s.ip = q.text(first + 5);
  return s;
}

bool taken(Connection& c, std::string_view sql, std::string_view value) {
  auto q = c.query(sql, "add_account");
  q.bind(1, value);
  return q.step();
}

}  // namespace

std::optional<Account> SqliteStore::account_by_login(std::string_view login) {
  static const std::string sql =
      "SELECT " + std::string(kAccountColumns) + " FROM users u WHERE u.login = ?1";
  auto c = readers_.borrow();
  auto q = c->query(sql, "account_by_login");
  q.bind(1, login);
  if (!q.step()) return std::nullopt;
  return read_account(q, 0);
}

std::optional<Account> SqliteStore::account_by_id(core::Id id) {
  static const std::string sql =
      "SELECT " + std::string(kAccountColumns) + " FROM users u WHERE u.id = ?1";
  auto c = readers_.borrow();
  auto q = c->query(sql, "account_by_id");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_account(q, 0);
}

std::vector<Account> SqliteStore::accounts() {
  // A newsroom has tens of accounts: sorting them all is nothing.
  static const std::string sql =
      "SELECT " + std::string(kAccountColumns) + " FROM users u ORDER BY u.display_name, u.id";
  std::vector<Account> out;
  auto c = readers_.borrow();
  auto q = c->query(sql, "accounts");
  while (q.step()) out.push_back(read_account(q, 0));
  return out;
}

core::Id SqliteStore::add_account(const NewUser& u, std::string_view email) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "add_account");
  // Checked first so the error names what is taken (the UNIQUE constraints
  // would only say which column).
  if (taken(writer_, "SELECT 1 FROM users WHERE login = ?1", u.login))
    throw Error("add_account: the login \"" + u.login + "\" is taken");
  if (taken(writer_, "SELECT 1 FROM users WHERE slug = ?1", u.slug))
    throw Error("add_account: the slug \"" + u.slug + "\" is taken");
  core::Id id = 0;
  {
    auto q = writer_.query(
        "INSERT INTO users (login, slug, display_name, bio, role, password_hash, email, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        "add_account");
    q.bind(1, u.login)
        .bind(2, u.slug)
        .bind(3, u.display_name)
        .bind(4, u.bio)
        .bind(5, core::to_string(u.role))
        .bind(6, u.password_hash)
        .bind(7, email)
        .bind(8, now_utc());
    if (!q.step()) throw_error("add_account", "no id returned");
    id = q.int64(0);
    q.run();  // finish the statement before COMMIT
  }
  tx.commit();
  return id;
}

bool SqliteStore::set_account_role(core::Id id, core::Role role) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "set_account_role");
  {
    auto q = writer_.query("UPDATE users SET role = ?2 WHERE id = ?1", "set_account_role");
    q.bind(1, id).bind(2, core::to_string(role));
    q.run();
  }
  if (writer_.changes() == 0) return false;
  tx.commit();
  return true;
}

bool SqliteStore::set_account_disabled(core::Id id, bool disabled) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "set_account_disabled");
  {
    auto q = writer_.query("UPDATE users SET disabled = ?2 WHERE id = ?1", "set_account_disabled");
    q.bind(1, id).bind(2, std::int64_t{disabled ? 1 : 0});
    q.run();
  }
  if (writer_.changes() == 0) return false;
  if (disabled) {
    // In the same transaction: no request can find a live session of a
    // disabled account in between.
    auto q = writer_.query("DELETE FROM sessions WHERE user_id = ?1", "set_account_disabled");
    q.bind(1, id);
    q.run();
  }
  tx.commit();
  return true;
}

bool SqliteStore::set_account_password(core::Id id, std::string_view password_hash) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "set_account_password");
  {
    auto q =
        writer_.query("UPDATE users SET password_hash = ?2 WHERE id = ?1", "set_account_password");
    q.bind(1, id).bind(2, password_hash);
    q.run();
  }
  if (writer_.changes() == 0) return false;
  tx.commit();
  return true;
}

void SqliteStore::create_session(const NewSession& s) {
  const std::string user_agent = text::cut_utf8(text::valid_utf8(s.user_agent), kUserAgentBytes);
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "create_session");
  {
    auto q = writer_.query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, "
        "user_agent, ip) VALUES (?1, ?2, ?3, ?4, ?3, ?5, ?6)",
        "create_session");
    q.bind_blob(1, s.token_hash)
        .bind(2, s.user_id)
        .bind(3, s.created_at)
        .bind(4, s.expires_at)
        .bind(5, user_agent)
        .bind(6, s.ip);
    q.run();
  }
  tx.commit();
}

std::optional<SignedInUser> SqliteStore::session_user(const TokenHash& token_hash,
                                                      core::TimePoint now) {
  static const std::string sql = "SELECT " + std::string(kAccountColumns) + ", " +
                                 std::string(kSessionColumns) +
                                 " FROM sessions s JOIN users u ON u.id = s.user_id "
                                 "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.disabled = 0";
  auto c = readers_.borrow();
  auto q = c->query(sql, "session_user");
  q.bind_blob(1, token_hash).bind(2, now);
  if (!q.step()) return std::nullopt;
  return SignedInUser{read_account(q, 0), read_session(q, kAccountColumnCount)};
}

void SqliteStore::touch_session(const TokenHash& token_hash, core::TimePoint now,
                                core::TimePoint expires_at) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "touch_session");
  {
    // An expired session stays expired: touching can't bring it back.
    auto q = writer_.query(
        "UPDATE sessions SET last_seen_at = ?2, expires_at = ?3 "
        "WHERE token_hash = ?1 AND expires_at > ?2",
        "touch_session");
    q.bind_blob(1, token_hash).bind(2, now).bind(3, expires_at);
    q.run();
  }
  tx.commit();
}

std::vector<SessionInfo> SqliteStore::sessions_of(core::Id user_id, core::TimePoint now) {
  // sessions_by_user (0001) finds them; a user has a handful to sort.
  static const std::string sql = "SELECT " + std::string(kSessionColumns) +
                                 " FROM sessions s WHERE s.user_id = ?1 AND s.expires_at > ?2 "
                                 "ORDER BY s.last_seen_at DESC, s.created_at DESC";
  std::vector<SessionInfo> out;
  auto c = readers_.borrow();
  auto q = c->query(sql, "sessions_of");
  q.bind(1, user_id).bind(2, now);
  while (q.step()) out.push_back(read_session(q, 0));
  return out;
}

bool SqliteStore::end_session(core::Id user_id, const TokenHash& token_hash) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "end_session");
  {
    // Only the user's own: a token hash from someone else's list ends nothing.
    auto q =
        writer_.query("DELETE FROM sessions WHERE token_hash = ?1 AND user_id = ?2", "end_session");
    q.bind_blob(1, token_hash).bind(2, user_id);
    q.run();
  }
  const bool ended = writer_.changes() > 0;
  tx.commit();
  return ended;
}

std::int64_t SqliteStore::end_sessions_of(core::Id user_id, std::optional<TokenHash> keep) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "end_sessions_of");
  {
    // With no `keep`, ?2 is NULL and "IS NOT NULL" holds for every row.
    auto q = writer_.query("DELETE FROM sessions WHERE user_id = ?1 AND token_hash IS NOT ?2",
                           "end_sessions_of");
    q.bind(1, user_id);
    if (keep) q.bind_blob(2, *keep);
    q.run();
  }
  const std::int64_t ended = writer_.changes();
  tx.commit();
  return ended;
}

void SqliteStore::purge_expired_sessions(core::TimePoint now) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "purge_expired_sessions");
  {
    // sessions_by_expiry (0001): a range, however many live sessions there are.
    auto q = writer_.query("DELETE FROM sessions WHERE expires_at <= ?1", "purge_expired_sessions");
    q.bind(1, now);
    q.run();
  }
  tx.commit();
}

}  // namespace jarida::store::sqlite
