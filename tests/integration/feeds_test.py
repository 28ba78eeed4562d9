"""RSS and Atom feeds (issue 7, "Feeds, sitemaps, robots"): parsed with
Debian's python3-feedparser, which must find nothing malformed (no bozo),
with the Arabic intact; featured images travel as enclosures."""

import time
import unittest
import urllib.parse

import feedparser

import harness
from harness import BOT_UA, ServerTestCase


REMOTE_IMAGE = "https://old.example/wp-content/uploads/2024/05/صورة.jpg"
SITE_IMAGE = "/media/2024/05/chart.png"


class FeedsTest(ServerTestCase):

    @classmethod
    def prepare_data(cls, data_dir):
        # Featured images as the import writes them: a kept remote URL with
        # no known type or size on the newest article, a stored PNG on the
        # second; the third has none.
        newest = "(SELECT id FROM articles WHERE status = 'published' " \
                 "ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET %d)"
        harness.db_execute(
            data_dir,
            ("INSERT INTO media (id, url, mime, width, height) VALUES (601, ?, '', 0, 0), "
             "(602, ?, 'image/png', 640, 480)", (REMOTE_IMAGE, SITE_IMAGE)),
            "UPDATE articles SET featured_media_id = 601 WHERE id = " + newest % 0,
            "UPDATE articles SET featured_media_id = 602 WHERE id = " + newest % 1)

    def parse(self, path, content_type):
        r = self.get(path, headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200, path)
        self.assertTrue(r.header("Content-Type", "").startswith(content_type), r.header("Content-Type"))
        feed = feedparser.parse(r.body)
        self.assertFalse(feed.bozo, "%s: %s" % (path, feed.get("bozo_exception")))
        return feed

    def newest(self, where="1 = 1", args=()):
        return harness.db_rows(
            self.data_dir,
            "SELECT a.slug, a.title, a.published_at, c.name FROM articles a "
            "JOIN categories c ON c.id = a.category_id WHERE a.status = 'published' AND " + where +
            " ORDER BY a.published_at DESC, a.id DESC LIMIT 20", args)

    def test_rss_has_the_latest_20_with_full_text_and_categories(self):
        feed = self.parse("/feed/", "application/rss+xml")
        self.assertEqual(feed.version, "rss20")
        expected = self.newest()
        self.assertEqual(len(feed.entries), len(expected))
        self.assertEqual([e.title for e in feed.entries], [t for _, t, _, _ in expected])
        first = feed.entries[0]
        slug, _, published, category = expected[0]
        self.assertEqual(urllib.parse.unquote(urllib.parse.urlsplit(first.link).path),
                         "/%s/%s/" % (time.strftime("%Y/%m", time.gmtime(published)), slug))
        self.assertEqual(first.tags[0].term, category)
        self.assertEqual(time.mktime(first.published_parsed) - time.timezone, published)
        self.assertIn("<p>", first.content[0].value)  # full text, as HTML
        self.assertRegex(first.content[0].value, "[\u0600-\u06FF]")
        self.assertEqual(feed.feed.language, "ar")

    def test_featured_images_are_enclosures_in_rss_and_atom(self):
        for path in ["/feed/", "/feed/atom/"]:
            feed = self.parse(path, "application/")
            first, second, third = feed.entries[:3]
            self.assertEqual(len(first.enclosures), 1, path)
            e = first.enclosures[0]
            self.assertEqual(e.href, harness.quote_lower(REMOTE_IMAGE), path)
            self.assertEqual(e.type, "image/jpeg", path)  # by its extension
            e = second.enclosures[0]
            self.assertTrue(e.href.startswith("http"), e.href)
            self.assertEqual(urllib.parse.urlsplit(e.href).path, SITE_IMAGE)
            self.assertEqual(e.type, "image/png")
            self.assertEqual(third.get("enclosures", []), [], path)
            if path == "/feed/":
                self.assertEqual(first.enclosures[0].length, "0")  # unknown, as RSS allows

    def test_atom_is_valid_and_the_same_articles(self):
        feed = self.parse("/feed/atom/", "application/atom+xml")
        self.assertEqual(feed.version, "atom10")
        self.assertEqual([e.title for e in feed.entries], [t for _, t, _, _ in self.newest()])
        self.assertTrue(all(e.get("author") for e in feed.entries))

    def test_category_and_tag_feeds_hold_only_their_articles(self):
        cat_id, cat_slug = harness.db_rows(self.data_dir, "SELECT id, slug FROM categories "
                                                          "ORDER BY id LIMIT 1")[0]
        feed = self.parse("/category/%s/feed/" % urllib.parse.quote(cat_slug), "application/rss+xml")
        self.assertEqual([e.title for e in feed.entries],
                         [t for _, t, _, _ in self.newest("a.category_id = ?", (cat_id,))])
        tag_id, tag_slug = harness.db_rows(self.data_dir, "SELECT id, slug FROM tags ORDER BY id "
                                                          "LIMIT 1")[0]
        feed = self.parse("/tag/%s/feed/" % urllib.parse.quote(tag_slug), "application/rss+xml")
        expected = self.newest("a.id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)",
                               (tag_id,))
        self.assertEqual([e.title for e in feed.entries], [t for _, t, _, _ in expected])
        r = self.get("/category/no-such-category/feed/", headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 404)

    def test_comments_feed_links_to_each_comment(self):
        feed = self.parse("/comments/feed/", "application/rss+xml")
        rows = harness.db_rows(self.data_dir, "SELECT id, author_name FROM comments "
                                              "WHERE status = 'approved' ORDER BY created_at DESC, "
                                              "id DESC LIMIT 20")
        self.assertEqual(len(feed.entries), len(rows))
        self.assertTrue(feed.entries[0].link.endswith("#comment-%d" % rows[0][0]))
        self.assertEqual(feed.entries[0].author, rows[0][1])
        self.assertTrue(feed.entries[0].title.startswith("تعليق على:"))

    def test_wordpress_feed_links_redirect(self):
        for query, target in [("feed=rss2", "/feed/"), ("feed=atom", "/feed/atom/")]:
            r = self.get("/?" + query, headers={"User-Agent": BOT_UA})
            self.assertEqual((r.status, r.header("Location")), (301, target))


if __name__ == "__main__":
    unittest.main()
