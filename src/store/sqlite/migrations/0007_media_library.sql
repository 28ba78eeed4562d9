-- 0007_media_library: images uploaded from the newsroom (issue 6).
--
-- An upload is stored as WebP copies at a few widths (media/upload.hpp);
-- media.url stays the largest, and `variants` lists every copy for srcset,
-- narrowest first, one per line: "<width> <height> <url>", e.g.
--   400 267 /media/2026/11/photo-400.webp
--   800 533 /media/2026/11/photo-800.webp
--   1600 1067 /media/2026/11/photo.webp
-- ('' for imported and remote images: they render with src alone). A
-- column, not a table: the featured image of every article in a list
-- comes with its variants in the same row, without another query.
ALTER TABLE media ADD COLUMN variants TEXT NOT NULL DEFAULT '';
-- Who uploaded it (NULL for imported media and once the account is gone).
ALTER TABLE media ADD COLUMN uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL;

-- The media library: newest first (scanned backwards), ties by id.
CREATE INDEX media_newest ON media(created_at, id);
-- users' deletes look up the media they uploaded (ON DELETE SET NULL).
CREATE INDEX media_by_uploader ON media(uploaded_by) WHERE uploaded_by IS NOT NULL;

-- A new media row is seen by no reader until an article points at it, and
-- that change to the article bumps content_version itself; so uploads no
-- longer empty every server's page cache. Edits (alt text, caption, url)
-- and deletes still do: a featured image may be showing them.
DROP TRIGGER content_version_media_insert;
DROP TRIGGER content_version_media_update;
CREATE TRIGGER content_version_media_update
AFTER UPDATE OF url, mime, width, height, alt, caption, variants ON media
BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
