"""`jarida import wordpress` (issue 7): the real exports in ../shared/fixtures
and every edge case of tests/integration/wxr_samples.py come across without
loss or leak, old links keep working, a second import changes nothing, and
bad input stops with FILE:LINE and leaves the database as it was."""

import os
import re
import socket
import threading
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import harness
import wxr_samples as wx
from harness import BOT_UA

FIXTURES = os.path.normpath(os.path.join(harness.REPO, "..", "shared", "fixtures"))
SMALL = os.path.join(FIXTURES, "wordpress-export-small-ar.xml")
WP = "{http://wordpress.org/export/1.2/}"


def import_wxr(data_dir, path, timeout=120):
    return harness.run_cli(["import", "wordpress", path, "--data", data_dir], timeout=timeout)


def fixture_items(path):
    """(post_type, status, post_id, link, post_name) of every item in an export."""
    out = []
    for it in ET.parse(path).iter("item"):
        out.append((it.findtext(WP + "post_type"), it.findtext(WP + "status"),
                    int(it.findtext(WP + "post_id")), it.findtext("link"),
                    it.findtext(WP + "post_name")))
    return out


def count(data_dir, sql, args=()):
    return harness.db_rows(data_dir, sql, args)[0][0]


def snapshot(data_dir):
    """What a failed import must leave exactly as it was."""
    return [count(data_dir, "SELECT version FROM content_version")] + [
        count(data_dir, "SELECT count(*) FROM " + t)
        for t in ("articles", "pages", "comments", "users", "categories", "tags", "media",
                  "redirects")]


def path_of(link):
    return link[link.index("/", link.index("://") + 3):]


class FixtureImportTest(unittest.TestCase):
    """The 32-post real export, imported into a fresh folder, then served."""

    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(SMALL):
            raise unittest.SkipTest("fixture missing: " + SMALL)
        cls.data_dir = os.path.join(harness.new_dir("import-"), "data")
        cls.first = import_wxr(cls.data_dir, SMALL)
        if cls.first.returncode != 0:
            raise AssertionError("import failed:\n" + cls.first.stdout + cls.first.stderr)
        cls.server = harness.Server(cls.data_dir).start()
        cls.port = cls.server.port
        cls.items = fixture_items(SMALL)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.kill()

    def get(self, path):
        return harness.request(self.port, "GET", path, headers={"User-Agent": BOT_UA})

    def follow(self, path, hops=3):
        """Status after following at most `hops` redirects."""
        for _ in range(hops + 1):
            r = self.get(path)
            if r.status not in (301, 302, 307, 308):
                return r
            path = r.header("Location")
        return r

    def test_every_post_page_comment_and_term_is_imported(self):
        posts = [i for i in self.items if i[0] == "post"]
        self.assertEqual(count(self.data_dir, "SELECT count(*) FROM articles "
                                              "WHERE legacy_id IS NOT NULL"), len(posts))
        drafts = sum(1 for i in posts if i[1] == "draft")
        self.assertEqual(count(self.data_dir, "SELECT count(*) FROM articles WHERE status = 'draft'"),
                         drafts)
        self.assertEqual(count(self.data_dir, "SELECT count(*) FROM comments WHERE "
                                              "status = 'approved'"), 273)
        self.assertEqual(count(self.data_dir, "SELECT count(*) FROM categories WHERE "
                                              "legacy_id IS NOT NULL"), 8)
        self.assertEqual(count(self.data_dir, "SELECT count(*) FROM tags WHERE "
                                              "legacy_id IS NOT NULL"), 46)
        # Three pages; the draft Privacy Policy stays a draft.
        self.assertEqual(harness.db_rows(self.data_dir, "SELECT status FROM pages WHERE "
                                                        "legacy_id = 3"), [("draft",)])
        self.assertIn("wp_template_part", self.first.stdout)  # named, not dropped silently

    def test_every_old_permalink_reaches_its_article(self):
        published = [i for i in self.items if i[0] == "post" and i[1] == "publish"]
        self.assertGreater(len(published), 20)
        for _, _, post_id, link, _ in published:
            r = self.follow(path_of(link))
            self.assertEqual(r.status, 200, link)
            title = harness.db_rows(self.data_dir, "SELECT title FROM articles WHERE legacy_id = ?",
                                    (post_id,))[0][0]
            self.assertIn(title, r.text, link)

    def test_cut_slugs_are_kept_exactly(self):
        longest = max((i for i in self.items if i[0] == "post" and i[4]), key=lambda i: len(i[4]))
        self.assertGreater(len(longest[4]), 150)  # WordPress cut it near 200 bytes
        slug = harness.db_rows(self.data_dir, "SELECT slug FROM articles WHERE legacy_id = ?",
                               (longest[2],))[0][0]
        self.assertEqual(urllib.parse.quote(slug.encode(), safe="-").lower(), longest[4])

    def test_question_mark_links_redirect(self):
        post_id = next(i[2] for i in self.items if i[0] == "post" and i[1] == "publish")
        self.assertEqual(self.follow("/?p=%d" % post_id).status, 200)
        self.assertEqual(self.follow("/?page_id=4").status, 200)  # the About page
        self.assertEqual(self.get("/?page_id=3").status, 404)       # a draft page
        cat = count(self.data_dir, "SELECT legacy_id FROM categories WHERE legacy_id IS NOT NULL "
                                   "ORDER BY legacy_id LIMIT 1")
        self.assertEqual(self.follow("/?cat=%d" % cat).status, 200)

    def test_author_links_do_not_reveal_logins(self):
        logins = [r[0] for r in harness.db_rows(self.data_dir, "SELECT login FROM users")]
        for legacy in (1, 2, 3, 4):
            r = self.get("/?author=%d" % legacy)
            self.assertEqual(r.status, 301, legacy)
            loc = urllib.parse.unquote(r.header("Location"))
            for login in logins:
                self.assertNotIn(login, loc)
            self.assertEqual(self.follow(r.header("Location")).status, 200)

    def test_importing_again_adds_nothing(self):
        before = snapshot(self.data_dir)
        again = import_wxr(self.data_dir, SMALL)
        self.assertEqual(again.returncode, 0, again.stderr)
        after = snapshot(self.data_dir)
        self.assertEqual(after[1:], before[1:])
        self.assertEqual(after[0], before[0], "an unchanged export must change nothing")
        self.assertRegex(again.stdout, r"articles\s+32 \(0 added, 32 updated\)")


class EdgeCaseImportTest(unittest.TestCase):
    """Every awkward thing a real export holds (wxr_samples.EDGE)."""

    @classmethod
    def setUpClass(cls):
        folder = harness.new_dir("edge-")
        cls.data_dir = os.path.join(folder, "data")
        cls.result = import_wxr(cls.data_dir, wx.write_edge_cases(folder))
        if cls.result.returncode != 0:
            raise AssertionError("import failed:\n" + cls.result.stdout + cls.result.stderr)
        cls.server = harness.Server(cls.data_dir).start()
        cls.port = cls.server.port

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.kill()

    def get(self, path):
        return harness.request(self.port, "GET", path, headers={"User-Agent": BOT_UA})

    def article(self, name, columns="status, slug, title, body_html"):
        rows = harness.db_rows(self.data_dir, "SELECT %s FROM articles WHERE legacy_id = ?"
                               % columns, (wx.EDGE[name],))
        self.assertEqual(len(rows), 1, name)
        return rows[0]

    def comment(self, name, columns="status, parent_id, author_name"):
        rows = harness.db_rows(self.data_dir, "SELECT %s FROM comments WHERE legacy_id = ?"
                               % columns, (wx.EDGE[name],))
        return rows[0] if rows else None

    def test_statuses_map_and_nothing_private_is_public(self):
        self.assertEqual(self.article("pending")[0], "pending")
        self.assertEqual(self.article("private")[0], "private")
        self.assertEqual(self.article("future")[0], "scheduled")
        self.assertEqual(self.article("password")[0], "private")
        status, slug, _, _ = self.article("trashed")
        self.assertEqual(status, "trash")
        self.assertFalse(slug.endswith("__trashed"), slug)
        for name in ("pending", "private", "password", "trashed", "future"):
            self.assertEqual(self.get("/?p=%d" % wx.EDGE[name]).status, 404, name)
        feed = self.get("/feed/").text
        self.assertNotIn(self.article("password")[2], feed)
        self.assertNotIn(self.article("private")[2], feed)

    def test_the_post_password_is_not_stored(self):
        for suffix in ("", "-wal"):
            path = os.path.join(self.data_dir, "jarida.db" + suffix)
            if os.path.exists(path):
                with open(path, "rb") as f:
                    self.assertNotIn(wx.PASSWORD.encode(), f.read())
        self.assertIn("password-protected", self.result.stdout)

    def test_draft_without_slug_or_gmt_date_gets_both(self):
        status, slug, _, _ = self.article("draft_no_slug")
        self.assertEqual(status, "draft")
        self.assertTrue(slug)
        published = self.article("draft_no_slug", "published_at")[0]
        expected = wx._epoch("2024-03-12 08:00:00") - wx.TZ_OFFSET
        self.assertEqual(published, expected)

    def test_names_are_decoded_exactly_once(self):
        self.assertEqual(harness.db_rows(self.data_dir, "SELECT name FROM categories WHERE "
                                                        "legacy_id = ?", (wx.EDGE["cat_entity"],)),
                         [(wx.CAT_ENTITY_NAME,)])
        self.assertEqual(self.article("title_entity")[2], "الذهب & الفضة: أسعار اليوم")
        self.assertEqual(self.comment("c_entity_author")[2], "سعاد & سامي")

    def test_comments_keep_status_threading_and_no_raw_ip(self):
        self.assertEqual(self.comment("c_approved")[0], "approved")
        parent_id = harness.db_rows(self.data_dir, "SELECT id FROM comments WHERE legacy_id = ?",
                                    (wx.EDGE["c_approved"],))[0][0]
        self.assertEqual(self.comment("c_reply")[1], parent_id)
        self.assertEqual(self.comment("c_pending")[0], "pending")
        self.assertEqual(self.comment("c_spam")[0], "spam")
        self.assertEqual(self.comment("c_trash")[0], "trash")
        self.assertIsNone(self.comment("c_pingback"))
        orphan = self.comment("c_orphan_reply")
        self.assertEqual(orphan[0], "approved")
        self.assertIsNone(orphan[1])
        self.assertIsNotNone(self.comment("c_unknown_user"))
        self.assertEqual(count(self.data_dir, "SELECT count(*) FROM comments WHERE "
                                              "ip_hash LIKE '%192.0.2%'"), 0)
        self.assertRegex(self.result.stdout, r"pingbacks")
        self.assertRegex(self.result.stdout, r"parent comment is not in the file")

    def test_content_is_converted_and_sanitized(self):
        body = self.article("classic_shortcodes")[3]
        self.assertIn("<p>", body)
        self.assertIn("<figure", body)
        self.assertIn("<figcaption>", body)
        self.assertIn("park-opening.jpg", body)          # [gallery ids=...] resolved
        self.assertNotIn("[caption", body)
        self.assertNotIn("[gallery", body)
        published = self.article("published")[3]
        self.assertNotIn("<!-- wp:", published)
        self.assertIn("جميع الحقوق محفوظة", published)  # the reusable block, inlined

    def test_meta_sticky_views_and_featured_image(self):
        self.assertEqual(self.article("views", "visits")[0], 5678)
        self.assertEqual(self.article("post_views_count", "visits")[0], 1234)
        self.assertEqual(self.article("sticky", "sticky")[0], 1)
        media = harness.db_rows(self.data_dir,
                                "SELECT m.url, m.width, m.height, m.alt FROM articles a "
                                "JOIN media m ON m.id = a.featured_media_id WHERE a.legacy_id = ?",
                                (wx.EDGE["thumbnail"],))
        self.assertEqual(len(media), 1)
        self.assertTrue(media[0][0].endswith("/park-opening.jpg"))
        self.assertEqual(media[0][1:3], (1600, 1067))
        self.assertEqual(media[0][3], "أطفال يلعبون في الحديقة الجديدة")
        self.assertEqual(harness.db_rows(self.data_dir, "SELECT mime FROM media WHERE legacy_id = ?",
                                         (wx.EDGE["pdf"],)), [("application/pdf",)])

    def test_cut_slugs_and_their_numbered_twin_resolve(self):
        for name, slug in (("long_slug", wx.LONG_SLUG), ("long_slug_2", wx.LONG_SLUG_2)):
            self.assertEqual(urllib.parse.quote(self.article(name)[1].encode(), safe="-").lower(),
                             slug)
            r = self.get("/2024/03/%s/" % slug)
            self.assertEqual(r.status, 200, name)

    def test_hierarchies_get_redirects(self):
        child = harness.db_rows(self.data_dir, "SELECT slug FROM categories WHERE legacy_id = ?",
                                (wx.EDGE["cat_child"],))[0][0]
        parent = harness.db_rows(self.data_dir, "SELECT slug FROM categories WHERE legacy_id = ?",
                                 (wx.EDGE["cat_parent"],))[0][0]
        r = self.get(harness.quote_lower("/category/%s/%s/" % (parent, child)))
        self.assertEqual(r.status, 301)
        self.assertEqual(urllib.parse.unquote(r.header("Location")), "/category/%s/" % child)
        page = harness.db_rows(self.data_dir, "SELECT slug FROM pages WHERE legacy_id = ?",
                               (wx.EDGE["page_child"],))[0][0]
        r = self.get(harness.quote_lower("/about/%s/" % page))
        self.assertEqual(r.status, 301)
        self.assertEqual(urllib.parse.unquote(r.header("Location")), "/%s/" % page)
        self.assertEqual(self.get(harness.quote_lower("/%s/" % wx.RAW_PAGE_SLUG)).status, 200)

    def test_what_is_not_imported_is_named(self):
        out = self.result.stdout
        for what in ("nav_menu_item", "wp_template_part", "term: nav_menu", "wp_block"):
            self.assertIn(what, out)
        self.assertEqual(count(self.data_dir, "SELECT count(*) FROM articles WHERE legacy_id = ?",
                               (wx.EDGE["nav_menu_item"],)), 0)

    def test_imported_authors_cannot_sign_in_and_hide_their_login(self):
        rows = harness.db_rows(self.data_dir, "SELECT login, slug, password_hash FROM users "
                                              "WHERE legacy_id IN (2, 3)")
        self.assertEqual(len(rows), 2)
        for login, slug, password_hash in rows:
            self.assertEqual(password_hash, "")
            self.assertNotEqual(login.lower(), slug.lower())


def png_bytes(width, height, rgb=(30, 120, 200)):
    """A valid PNG (standard library only): what a WordPress uploads folder holds."""
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


class UploadsImportTest(unittest.TestCase):
    """--uploads: images re-encoded into DATA/media, pages point at the copies."""

    @classmethod
    def setUpClass(cls):
        folder = harness.new_dir("uploads-")
        cls.uploads = os.path.join(folder, "uploads")
        os.makedirs(os.path.join(cls.uploads, "2024", "03"))
        for name, size in (("park-opening.jpg", (1600, 1067)),
                           ("park-opening-1024x683.jpg", (1024, 683)),
                           ("حديقة-الحي.jpg", (800, 600))):
            with open(os.path.join(cls.uploads, "2024", "03", name), "wb") as f:
                f.write(png_bytes(*size))
        with open(os.path.join(cls.uploads, "2024", "03", "budget-2024.pdf"), "wb") as f:
            f.write(b"%PDF-1.4 not an image")
        cls.data_dir = os.path.join(folder, "data")
        cls.result = harness.run_cli(["import", "wordpress", wx.write_edge_cases(folder),
                                      "--data", cls.data_dir, "--uploads", cls.uploads],
                                     timeout=120)
        if cls.result.returncode != 0:
            raise AssertionError(cls.result.stdout + cls.result.stderr)
        cls.server = harness.Server(cls.data_dir).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.kill()

    def test_images_are_reencoded_and_served(self):
        url, width, height, mime = harness.db_rows(
            self.data_dir, "SELECT url, width, height, mime FROM media WHERE legacy_id = ?",
            (wx.EDGE["image"],))[0]
        self.assertTrue(url.startswith("/media/2024/03/"), url)
        self.assertEqual((width, height, mime), (1600, 1067, "image/webp"))
        r = harness.request(self.server.port, "GET", url, headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "image/webp")
        self.assertEqual(r.body[:4], b"RIFF")
        self.assertIn("images re-encoded from --uploads", self.result.stdout)

    def test_article_html_points_at_the_copies(self):
        body = harness.db_rows(self.data_dir, "SELECT body_html FROM articles WHERE legacy_id = ?",
                               (wx.EDGE["classic_shortcodes"],))[0][0]
        self.assertNotIn(wx.SITE + "/wp-content/uploads/", body)
        self.assertIn('src="/media/2024/03/', body)

    def test_files_that_are_not_images_keep_their_remote_url(self):
        url = harness.db_rows(self.data_dir, "SELECT url FROM media WHERE legacy_id = ?",
                              (wx.EDGE["pdf"],))[0][0]
        self.assertTrue(url.startswith("http"), url)


class BadInputTest(unittest.TestCase):
    """Bad or hostile files: a message with FILE:LINE, exit 1, nothing changed."""

    @classmethod
    def setUpClass(cls):
        cls.folder = harness.new_dir("bad-")
        cls.data_dir = os.path.join(cls.folder, "data")
        p = import_wxr(cls.data_dir, wx.write_minimal(cls.folder))
        if p.returncode != 0:
            raise AssertionError(p.stdout + p.stderr)
        cls.bad = wx.write_bad_inputs(cls.folder)

    def refused(self, name, expect_line=None):
        path = self.bad[name]
        before = snapshot(self.data_dir)
        started = time.monotonic()
        p = import_wxr(self.data_dir, path, timeout=60)
        self.assertLess(time.monotonic() - started, 60)
        self.assertNotEqual(p.returncode, 0, name)
        line = path.line if expect_line is None else expect_line
        self.assertIn("%s:%d:" % (path, line), p.stderr, name)
        self.assertIn("unchanged", p.stderr)
        self.assertEqual(snapshot(self.data_dir), before, name)
        return p

    def test_truncated(self):
        self.assertIn("truncated", self.refused("truncated").stderr)

    def test_not_an_export(self):
        self.assertIn("not a WordPress export", self.refused("atom").stderr)

    def test_wrong_encoding(self):
        self.assertIn("UTF-8", self.refused("windows1256").stderr)

    def test_invalid_utf8(self):
        self.refused("invalid_utf8")

    def test_external_entity_is_never_read(self):
        self.refused("xxe")
        self.assertEqual(count(self.data_dir, "SELECT count(*) FROM articles WHERE "
                                              "body_html LIKE '%root:%' OR title LIKE '%root:%'"), 0)

    def test_external_dtd_is_never_fetched(self):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.2)
        port = listener.getsockname()[1]
        path = wx.write_external_dtd(self.folder, "dtd-%d.xml" % port,
                                     url="http://127.0.0.1:%d/wxr.dtd" % port)
        self.bad["listening_dtd"] = path
        connected = []

        def watch():
            try:
                connected.append(listener.accept())
            except OSError:
                pass
        t = threading.Thread(target=watch)
        t.start()
        try:
            self.refused("listening_dtd")
        finally:
            t.join()
            listener.close()
        self.assertEqual(connected, [])

    def test_entity_bomb_fails_fast(self):
        self.refused("billion_laughs")

    def test_huge_item_names_its_start(self):
        path = self.bad["huge_item"]
        with open(path, "rb") as f:
            head = f.read(1 << 16)
        item_line = head[:head.index(b"<item>")].count(b"\n") + 1
        self.assertIn("larger than", self.refused("huge_item", expect_line=item_line).stderr)

    def test_missing_file(self):
        p = import_wxr(self.data_dir, os.path.join(self.folder, "nope.xml"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("no such file", p.stderr)


if __name__ == "__main__":
    unittest.main()
