-- 0005_wordpress_import: what a WordPress site brings along (issue 7).
--
-- Every imported row keeps its WordPress id in legacy_id, so importing the
-- same file again updates rows instead of adding them, and old links
-- (/?p=, /?page_id=, /?cat=, /?author=) find their target.
--
-- articles gains two statuses: 'pending' (waiting for an editor's review)
-- and 'private' (the newsroom sees it, readers never do; password-protected
-- WordPress posts land here too). SQLite cannot change a CHECK constraint
-- in place, so the table is rebuilt (sqlite.org/lang_altertable.html,
-- "other kinds of table schema changes"); the migration runner turns
-- foreign keys off around this transaction and checks them before commit,
-- so dropping the old table cascades nothing.
CREATE TABLE articles_new (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,  -- raw UTF-8, Arabic letters kept
  title TEXT NOT NULL,
  kicker TEXT NOT NULL DEFAULT '',
  excerpt TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL
    CHECK (status IN ('draft', 'pending', 'scheduled', 'published', 'private', 'trash')),
  published_at INTEGER NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  category_id INTEGER NOT NULL REFERENCES categories(id),
  featured_media_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
  visits INTEGER NOT NULL DEFAULT 0 CHECK (visits >= 0),
  comment_count INTEGER NOT NULL DEFAULT 0,  -- approved comments; kept by triggers
  created_at INTEGER NOT NULL DEFAULT (unixepoch()),
  updated_at INTEGER NOT NULL DEFAULT (unixepoch()),
  legacy_id INTEGER,  -- WordPress post ID of imported articles
  sticky INTEGER NOT NULL DEFAULT 0 CHECK (sticky IN (0, 1)),  -- pinned to the top of the home page
  comments_open INTEGER NOT NULL DEFAULT 1 CHECK (comments_open IN (0, 1)),
  body_html TEXT NOT NULL DEFAULT ''
);
INSERT INTO articles_new (id, slug, title, kicker, excerpt, status, published_at, author_id,
                          category_id, featured_media_id, visits, comment_count, created_at,
                          updated_at, legacy_id, body_html)
  SELECT id, slug, title, kicker, excerpt, status, published_at, author_id, category_id,
         NULL, visits, comment_count, created_at, updated_at, legacy_id, body_html
    FROM articles;
DROP TABLE articles;
-- Triggers on comments and categories name `articles`; a modern rename
-- re-checks them while the name is missing and fails. The legacy rename
-- only renames, which is all this needs.
PRAGMA legacy_alter_table = ON;
ALTER TABLE articles_new RENAME TO articles;
PRAGMA legacy_alter_table = OFF;

-- The indexes and triggers of 0001, 0002 and 0004 went with the old table.
CREATE INDEX articles_published ON articles(status, published_at);
CREATE INDEX articles_by_category ON articles(category_id, status, published_at);
CREATE INDEX articles_by_author ON articles(author_id, status, published_at);
CREATE UNIQUE INDEX articles_by_legacy_id ON articles(legacy_id) WHERE legacy_id IS NOT NULL;
CREATE INDEX articles_sticky ON articles(sticky, status, published_at) WHERE sticky = 1;  -- home page
CREATE INDEX articles_by_media ON articles(featured_media_id) WHERE featured_media_id IS NOT NULL;

CREATE TRIGGER articles_sync_tags AFTER UPDATE OF status, published_at ON articles
BEGIN
  UPDATE article_tags SET status = NEW.status, published_at = NEW.published_at
   WHERE article_id = NEW.id;
END;

CREATE TRIGGER content_version_articles_insert AFTER INSERT ON articles
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_articles_delete AFTER DELETE ON articles
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_articles_update AFTER UPDATE OF slug, title, kicker, excerpt, status, published_at, author_id, category_id, featured_media_id, comment_count, sticky, comments_open, body_html ON articles
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER search_articles_insert AFTER INSERT ON articles
BEGIN
  INSERT OR IGNORE INTO search_dirty (article_id) VALUES (NEW.id);
END;

CREATE TRIGGER search_articles_update
AFTER UPDATE OF title, kicker, excerpt, status, category_id, body_html ON articles
BEGIN
  INSERT OR IGNORE INTO search_dirty (article_id) VALUES (OLD.id), (NEW.id);
END;

CREATE TRIGGER search_articles_delete AFTER DELETE ON articles
BEGIN
  INSERT OR IGNORE INTO search_dirty (article_id) VALUES (OLD.id);
END;

-- Images and other files articles refer to. An import keeps WordPress's
-- URLs (remote) unless it was given the uploads folder; the media service
-- (issue 6) adds stored files and their resized variants.
CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,               -- what a page links to: /media/... or a kept remote URL
  mime TEXT NOT NULL DEFAULT '',
  width INTEGER NOT NULL DEFAULT 0,  -- pixels; 0 when unknown
  height INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL DEFAULT '',
  alt TEXT NOT NULL DEFAULT '',
  caption TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT (unixepoch()),
  legacy_id INTEGER  -- WordPress attachment ID
);
CREATE UNIQUE INDEX media_by_legacy_id ON media(legacy_id) WHERE legacy_id IS NOT NULL;

CREATE TRIGGER content_version_media_insert AFTER INSERT ON media
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_media_delete AFTER DELETE ON media
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_media_update AFTER UPDATE ON media
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

-- Pages: WordPress ids, and a status, since an export carries draft and
-- private pages that readers must not see.
ALTER TABLE pages ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
  CHECK (status IN ('draft', 'pending', 'published', 'private', 'trash'));
ALTER TABLE pages ADD COLUMN legacy_id INTEGER;  -- WordPress page ID
CREATE UNIQUE INDEX pages_by_legacy_id ON pages(legacy_id) WHERE legacy_id IS NOT NULL;

ALTER TABLE categories ADD COLUMN legacy_id INTEGER;  -- WordPress term_id
CREATE UNIQUE INDEX categories_by_legacy_id ON categories(legacy_id) WHERE legacy_id IS NOT NULL;
ALTER TABLE tags ADD COLUMN legacy_id INTEGER;  -- WordPress term_id
CREATE UNIQUE INDEX tags_by_legacy_id ON tags(legacy_id) WHERE legacy_id IS NOT NULL;

-- Imported authors must set a password before they can sign in (no
-- WordPress hash is imported); email lets them do that.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN legacy_id INTEGER;  -- WordPress author_id
CREATE UNIQUE INDEX users_by_legacy_id ON users(legacy_id) WHERE legacy_id IS NOT NULL;

ALTER TABLE comments ADD COLUMN legacy_id INTEGER;  -- WordPress comment_ID
CREATE UNIQUE INDEX comments_by_legacy_id ON comments(legacy_id) WHERE legacy_id IS NOT NULL;
