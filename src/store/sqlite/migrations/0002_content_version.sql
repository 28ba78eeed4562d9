-- What readers see changed: a counter bumped by every commit that changes
-- published content (articles, comments, pages, categories, tags, authors,
-- settings, redirects), and by nothing else. Visit counts (articles.visits,
-- article_visits_daily), sessions and the mail outbox don't bump it, so the
-- server's own counter flush every second never empties its page cache.
-- The server compares it once a second to notice changes made by other
-- processes (`jarida demo`, imports, other servers).
CREATE TABLE content_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 0);

CREATE TRIGGER content_version_articles_insert AFTER INSERT ON articles
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_articles_delete AFTER DELETE ON articles
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_articles_update AFTER UPDATE OF slug, title, kicker, excerpt, status, published_at, author_id, category_id, featured_media_id, comment_count, body_html ON articles
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_users_insert AFTER INSERT ON users
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_users_delete AFTER DELETE ON users
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_users_update AFTER UPDATE OF slug, display_name, bio, role, disabled ON users
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_categories_insert AFTER INSERT ON categories
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_categories_delete AFTER DELETE ON categories
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_categories_update AFTER UPDATE ON categories
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_tags_insert AFTER INSERT ON tags
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_tags_delete AFTER DELETE ON tags
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_tags_update AFTER UPDATE ON tags
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_article_tags_insert AFTER INSERT ON article_tags
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_article_tags_delete AFTER DELETE ON article_tags
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_article_tags_update AFTER UPDATE ON article_tags
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_pages_insert AFTER INSERT ON pages
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_pages_delete AFTER DELETE ON pages
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_pages_update AFTER UPDATE ON pages
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_comments_insert AFTER INSERT ON comments
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_comments_delete AFTER DELETE ON comments
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_comments_update AFTER UPDATE ON comments
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_settings_insert AFTER INSERT ON settings
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_settings_delete AFTER DELETE ON settings
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_settings_update AFTER UPDATE ON settings
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_redirects_insert AFTER INSERT ON redirects
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_redirects_delete AFTER DELETE ON redirects
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER content_version_redirects_update AFTER UPDATE ON redirects
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
