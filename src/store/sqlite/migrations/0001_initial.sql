-- 0001_initial: the first schema (ARCHITECTURE.md "Data model").
-- Times are INTEGER unix seconds, UTC; days are INTEGER days since
-- 1970-01-01, UTC. Statuses and roles are TEXT checked against their lists,
-- so rows read plainly in the sqlite3 shell. Every list query has an index;
-- the query it serves is named next to it.

-- Which migrations ran. Created here (not by the runner) so the whole schema
-- lives in SQL files; the runner treats a missing table as version 0.
CREATE TABLE IF NOT EXISTS schema_migrations (
  number INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,  -- /author/{slug}/
  display_name TEXT NOT NULL,
  bio TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author')),
  password_hash TEXT NOT NULL DEFAULT '',  -- argon2id string; '' = cannot log in
  created_at INTEGER NOT NULL DEFAULT (unixepoch()),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

-- Only a hash of the cookie token is kept, so a copied database file does
-- not hand out live sessions.
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);  -- purge of expired sessions

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  parent_id INTEGER REFERENCES categories(id) ON DELETE SET NULL
);
CREATE INDEX categories_by_parent ON categories(parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

-- A reader sees an article when status = 'published' AND published_at <= now.
-- body_html is the last column: list queries never read past the columns
-- they need, and a long body spills to overflow pages after them.
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,  -- raw UTF-8, Arabic letters kept
  title TEXT NOT NULL,
  kicker TEXT NOT NULL DEFAULT '',
  excerpt TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published', 'trash')),
  published_at INTEGER NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  category_id INTEGER NOT NULL REFERENCES categories(id),
  featured_media_id INTEGER,  -- media table arrives with the media service
  visits INTEGER NOT NULL DEFAULT 0 CHECK (visits >= 0),
  comment_count INTEGER NOT NULL DEFAULT 0,  -- approved comments; kept by triggers below
  created_at INTEGER NOT NULL DEFAULT (unixepoch()),
  updated_at INTEGER NOT NULL DEFAULT (unixepoch()),
  legacy_id INTEGER,  -- WordPress post ID of imported articles
  body_html TEXT NOT NULL DEFAULT ''
);
-- Home page and feeds: newest published first (scanned backwards).
CREATE INDEX articles_published ON articles(status, published_at);
-- Category and author pages; also the foreign-key lookups on delete.
CREATE INDEX articles_by_category ON articles(category_id, status, published_at);
CREATE INDEX articles_by_author ON articles(author_id, status, published_at);
CREATE UNIQUE INDEX articles_by_legacy_id ON articles(legacy_id) WHERE legacy_id IS NOT NULL;

-- status and published_at are copies of the article's (set on insert, kept
-- by the trigger below), so a tag page is one index range, newest first,
-- however many articles carry the tag; joining to articles to filter and
-- sort would read every tagged article's row.
CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)  -- an article's tags
) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags(tag_id, status, published_at, article_id);

CREATE TRIGGER articles_sync_tags AFTER UPDATE OF status, published_at ON articles
BEGIN
  UPDATE article_tags SET status = NEW.status, published_at = NEW.published_at
   WHERE article_id = NEW.id;
END;

CREATE TABLE pages (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  body_html TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);

CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES comments(id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  author_email TEXT NOT NULL DEFAULT '',  -- never shown publicly
  body TEXT NOT NULL,                     -- plain text
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
  created_at INTEGER NOT NULL,
  ip_hash TEXT NOT NULL DEFAULT ''
);
-- An article's approved comments, oldest first; moderation queue per article.
CREATE INDEX comments_by_article ON comments(article_id, status, created_at);
-- Site-wide latest approved comments, newest first.
CREATE INDEX comments_latest ON comments(status, created_at);
CREATE INDEX comments_by_parent ON comments(parent_id) WHERE parent_id IS NOT NULL;

-- articles.comment_count counts approved comments whatever path changes
-- them (new comment, moderation, deletion), so no caller can forget it.
CREATE TRIGGER comments_count_insert AFTER INSERT ON comments
WHEN NEW.status = 'approved'
BEGIN
  UPDATE articles SET comment_count = comment_count + 1 WHERE id = NEW.article_id;
END;

CREATE TRIGGER comments_count_delete AFTER DELETE ON comments
WHEN OLD.status = 'approved'
BEGIN
  UPDATE articles SET comment_count = comment_count - 1 WHERE id = OLD.article_id;
END;

CREATE TRIGGER comments_count_update AFTER UPDATE OF status, article_id ON comments
WHEN OLD.status = 'approved' OR NEW.status = 'approved'
BEGIN
  UPDATE articles SET comment_count = comment_count - 1
   WHERE id = OLD.article_id AND OLD.status = 'approved';
  UPDATE articles SET comment_count = comment_count + 1
   WHERE id = NEW.article_id AND NEW.status = 'approved';
END;

-- Visits per article per UTC day, for "most read this week".
CREATE TABLE article_visits_daily (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  day INTEGER NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (article_id, day)
) WITHOUT ROWID;
CREATE INDEX article_visits_by_day ON article_visits_daily(day, article_id, count);  -- most read

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Old WordPress permalinks (and renamed slugs) to their new paths.
CREATE TABLE redirects (
  from_path TEXT PRIMARY KEY,
  to_path TEXT NOT NULL,
  status INTEGER NOT NULL DEFAULT 301 CHECK (status IN (301, 302, 307, 308))
) WITHOUT ROWID;

CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  to_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (unixepoch()),
  sent_at INTEGER  -- NULL until sent
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL;  -- sender loop
