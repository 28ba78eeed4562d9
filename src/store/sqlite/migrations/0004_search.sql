-- 0004_search: the full-text index behind /search (issue 5).
--
-- search_docs holds one row per published article (article_id =
-- articles.id): the text a reader can find it by, with the body as the
-- plain text a reader sees (jarida_html_text); snippets are cut from it.
-- Recency and scheduling come from articles.published_at at query time.
CREATE TABLE search_docs (
  article_id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  kicker TEXT NOT NULL,
  excerpt TEXT NOT NULL,
  tags TEXT NOT NULL,
  category TEXT NOT NULL,
  body TEXT NOT NULL
);

-- The index over search_docs, tokenized by the `jarida` tokenizer (Arabic
-- folds + light stemmer, store/sqlite/search_functions.cpp). External
-- content: the text is stored once, in search_docs, and a full rebuild
-- ('delete-all', then inserts) never has to re-read the old text.
CREATE VIRTUAL TABLE search_fts USING fts5(
  title, kicker, excerpt, tags, category, body,
  content = 'search_docs', content_rowid = 'article_id',
  tokenize = 'jarida'
);

-- Term statistics (doc counts per indexed term) for typo suggestions.
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_fts, row);

-- Articles whose index row is out of date. Triggers below only record the
-- article id; the writer re-indexes them just before its transaction
-- commits (search_index.cpp), so the index changes in the same
-- transaction as the article, once per article however many of its tags
-- changed, and tools without Jarida's tokenizer (the sqlite3 shell) can
-- still edit articles: their changes are indexed at Jarida's next write.
CREATE TABLE search_dirty (
  article_id INTEGER PRIMARY KEY
);

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

CREATE TRIGGER search_article_tags_insert AFTER INSERT ON article_tags
BEGIN
  INSERT OR IGNORE INTO search_dirty (article_id) VALUES (NEW.article_id);
END;

CREATE TRIGGER search_article_tags_delete AFTER DELETE ON article_tags
BEGIN
  INSERT OR IGNORE INTO search_dirty (article_id) VALUES (OLD.article_id);
END;

CREATE TRIGGER search_tags_rename AFTER UPDATE OF name ON tags
WHEN OLD.name IS NOT NEW.name
BEGIN
  INSERT OR IGNORE INTO search_dirty (article_id)
    SELECT article_id FROM article_tags WHERE tag_id = NEW.id;
END;

CREATE TRIGGER search_categories_rename AFTER UPDATE OF name ON categories
WHEN OLD.name IS NOT NEW.name
BEGIN
  INSERT OR IGNORE INTO search_dirty (article_id)
    SELECT id FROM articles WHERE category_id = NEW.id;
END;

-- Existing articles are indexed when this migration's transaction commits.
INSERT INTO search_dirty (article_id) SELECT id FROM articles;
