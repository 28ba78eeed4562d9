-- 0006_newsroom: what the newsroom (/admin/, issue 6) keeps besides the
-- articles themselves: where a session was opened from, every saved
-- version of an article, and the indexes of its lists
-- (store/sqlite/newsroom_accounts.cpp, newsroom_articles.cpp).
--
-- None of this is seen by readers: sessions and article_revisions get no
-- content_version trigger (0002), so signing in, touching a session or an
-- autosave of a published article never empties the page cache.

-- The sessions list ("signed in on Firefox, from 192.0.2.7"). user_agent is
-- cut to 200 bytes by the store; ip is as the server saw it.
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';

-- Every manual save of an article (the newest 50 are kept), and its newest
-- autosave (one per article; a manual save removes it). user_id is NULL
-- once the account is deleted: the text stays.
CREATE TABLE article_revisions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  saved_at INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  autosave INTEGER NOT NULL DEFAULT 0 CHECK (autosave IN (0, 1)),
  title TEXT NOT NULL,
  kicker TEXT NOT NULL DEFAULT '',
  excerpt TEXT NOT NULL DEFAULT '',
  body_html TEXT NOT NULL DEFAULT ''
);
-- An article's revisions, newest first; the cap and the autosave cleanup
-- of save_article; the cascade when an article is deleted.
CREATE INDEX article_revisions_by_article ON article_revisions(article_id, id);
-- The foreign-key lookup when an account is deleted (ON DELETE SET NULL).
CREATE INDEX article_revisions_by_user ON article_revisions(user_id) WHERE user_id IS NOT NULL;

-- newsroom_articles, newest first. Without a status (everything but
-- trash) the page's ids are read off this index backwards, in order and
-- without touching a row, so a deep page skips index entries instead of
-- sorting every article (page 500 of 100,000: under a millisecond). The
-- title is in it too: the list's title filter (instr over every title) is
-- a scan of this index, a few MB, instead of every article row with its
-- body (the 100,000-article demo: ~50 ms instead of ~200 ms). With a
-- status and no words the list is a range of articles_published (status,
-- published_at), as is publish_due's "status = 'scheduled' AND
-- published_at <= now" (one probe); with a category or an author, a range
-- of articles_by_category or articles_by_author, sorted.
CREATE INDEX articles_newsroom ON articles(published_at, id, status, title);

-- save_article finds tags by their exact name before creating one.
CREATE INDEX tags_by_name ON tags(name);
