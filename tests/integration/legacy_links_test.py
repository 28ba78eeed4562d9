"""Old WordPress links keep working (issue 7, "Old links keep working"):
?s= ?p= ?tag= ?cat= ?page_id= ?author= on the home page, day-dated
permalinks and /index.php/... answer 301 to the Jarida URL; a WordPress ID
that is not here (or not public) is a 404. Paths that find nothing else are
looked up in the redirects table, which `jarida redirect` edits."""

import time
import unittest
import urllib.parse

import harness
from harness import BOT_UA, ServerTestCase, run_cli

LEGACY_ID = 4242
CAT_LEGACY_ID = 31
PAGE_LEGACY_ID, DRAFT_PAGE_LEGACY_ID, PRIVATE_PAGE_LEGACY_ID = 11, 12, 13
AUTHOR_LEGACY_ID, SILENT_AUTHOR_LEGACY_ID, HIDDEN_AUTHOR_LEGACY_ID = 77, 78, 79
SECRET_LOGIN = "wp-secret-login"
CHANGE_WAIT = 5.0  # the server notices other processes' writes within ~1 s


class LegacyLinksTest(ServerTestCase):

    @classmethod
    def prepare_data(cls, data_dir):
        cat = harness.db_rows(data_dir, "SELECT slug FROM categories ORDER BY id LIMIT 1")[0][0]
        cls.cat_path = "/category/%s/" % cat
        harness.db_execute(
            data_dir,
            ("UPDATE articles SET legacy_id = ? WHERE id = (SELECT min(id) FROM articles "
             "WHERE status = 'published')", (LEGACY_ID,)),
            ("UPDATE categories SET legacy_id = ? WHERE slug = ?", (CAT_LEGACY_ID, cat)),
            ("INSERT INTO pages (slug, title, body_html, updated_at, status, legacy_id) VALUES "
             "('صفحة-قديمة', 'صفحة قديمة', '<p>نص</p>', 0, 'published', ?), "
             "('draft-page', 'مسودة', '<p>سر</p>', 0, 'draft', ?), "
             "('private-page', 'خاصة', '<p>سر</p>', 0, 'private', ?)",
             (PAGE_LEGACY_ID, DRAFT_PAGE_LEGACY_ID, PRIVATE_PAGE_LEGACY_ID)),
            # An imported author: public slug, WordPress login; one with no
            # article, one whose only article is private.
            ("INSERT INTO users (login, slug, display_name, role, legacy_id) VALUES "
             "(?, 'kateb-qadim', 'كاتب قديم', 'author', ?), "
             "('wp-silent', 'samet', 'صامت', 'author', ?), "
             "('wp-hidden', 'khafi', 'خفي', 'author', ?)",
             (SECRET_LOGIN, AUTHOR_LEGACY_ID, SILENT_AUTHOR_LEGACY_ID, HIDDEN_AUTHOR_LEGACY_ID)),
            ("UPDATE articles SET author_id = (SELECT id FROM users WHERE legacy_id = ?) "
             "WHERE id = (SELECT max(id) FROM articles WHERE status = 'published')",
             (AUTHOR_LEGACY_ID,)),
            ("UPDATE articles SET author_id = (SELECT id FROM users WHERE legacy_id = ?), "
             "status = 'private' WHERE id = (SELECT max(id) - 1 FROM articles "
             "WHERE status = 'published')", (HIDDEN_AUTHOR_LEGACY_ID,)),
            # What an import (or an editor) leaves in the redirects table.
            ("INSERT INTO redirects (from_path, to_path, status) VALUES "
             "('/old-news/', ?, 301), ('/no-slash', ?, 302), "
             "('/external/', 'https://example.org/page?x=1', 308), "
             "('/قديم/مقال/', ?, 301), (?, '/hidden-by-the-live-page/', 301), "
             "('/loop/', '/loop', 301), ('/keeps/', '/with-fragment/#part', 307)",
             (cls.cat_path, cls.cat_path, cls.cat_path, cls.cat_path)))

    def location(self, path):
        r = self.get(path, headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 301, "%s: %d" % (path, r.status))
        return r.header("Location")

    def article(self):
        slug, published = harness.db_rows(
            self.data_dir, "SELECT slug, published_at FROM articles WHERE legacy_id = ?",
            (LEGACY_ID,))[0]
        return slug, time.strftime("%Y/%m", time.gmtime(published)), published

    def test_wordpress_search_goes_to_search(self):
        loc = self.location("/?s=" + urllib.parse.quote("المدرسة الجديدة"))
        self.assertTrue(loc.startswith("/search?q="), loc)
        self.assertEqual(urllib.parse.unquote(loc[len("/search?q="):]), "المدرسة الجديدة")
        self.assertEqual(self.location("/?s="), "/search")
        r = self.get(loc, headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200)

    def test_post_id_goes_to_the_article(self):
        slug, month, _ = self.article()
        loc = self.location("/?p=%d" % LEGACY_ID)
        self.assertEqual(urllib.parse.unquote(loc), "/%s/%s/" % (month, slug))
        self.assertEqual(self.get(loc, headers={"User-Agent": BOT_UA}).status, 200)

    def test_unknown_or_bad_post_ids_are_404_in_arabic(self):
        for q in ["p=999999", "p=0", "p=abc", "p=-3", "p=" + "9" * 40]:
            r = self.get("/?" + q, headers={"User-Agent": BOT_UA})
            self.assertEqual(r.status, 404, q)
            self.assertIn("الصفحة غير موجودة", r.text)

    def test_tag_parameter_goes_to_the_tag_page(self):
        tag = harness.db_rows(self.data_dir, "SELECT slug FROM tags LIMIT 1")[0][0]
        loc = self.location("/?tag=" + urllib.parse.quote(tag))
        self.assertEqual(urllib.parse.unquote(loc), "/tag/%s/" % tag)
        self.assertEqual(self.get(loc, headers={"User-Agent": BOT_UA}).status, 200)

    def test_day_dated_permalink_drops_the_day(self):
        slug, month, published = self.article()
        day = time.strftime("%d", time.gmtime(published))
        loc = self.location("/%s/%s/%s/" % (month, day, urllib.parse.quote(slug)))
        self.assertEqual(urllib.parse.unquote(loc), "/%s/%s/" % (month, slug))

    def test_index_php_paths_lose_index_php(self):
        cat = harness.db_rows(self.data_dir, "SELECT slug FROM categories LIMIT 1")[0][0]
        loc = self.location("/index.php/category/%s/" % urllib.parse.quote(cat))
        self.assertEqual(urllib.parse.unquote(loc), "/category/%s/" % cat)
        self.assertEqual(self.location("/index.php/"), "/")

    def test_other_home_parameters_still_show_the_home_page(self):
        r = self.get("/?utm_source=x", headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200)

    def assertNotFound(self, path):
        r = self.get(path, headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 404, path)
        self.assertIn("الصفحة غير موجودة", r.text, path)
        self.assertIsNone(r.header("Location"), path)

    # -- /?cat= /?page_id= /?author=

    def test_category_id_goes_to_the_category_page(self):
        loc = self.location("/?cat=%d" % CAT_LEGACY_ID)
        self.assertEqual(urllib.parse.unquote(loc), self.cat_path)
        self.assertEqual(self.get(loc, headers={"User-Agent": BOT_UA}).status, 200)
        for q in ["cat=999999", "cat=0", "cat=-1", "cat=abc", "cat=1,2"]:
            self.assertNotFound("/?" + q)

    def test_page_id_goes_to_a_published_page_only(self):
        loc = self.location("/?page_id=%d" % PAGE_LEGACY_ID)
        self.assertEqual(urllib.parse.unquote(loc), "/صفحة-قديمة/")
        r = self.get(loc, headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200)
        self.assertIn("صفحة قديمة", r.text)
        for legacy in [DRAFT_PAGE_LEGACY_ID, PRIVATE_PAGE_LEGACY_ID, 999999]:
            self.assertNotFound("/?page_id=%d" % legacy)

    def test_draft_and_private_pages_are_not_found_at_their_slugs(self):
        for slug in ["draft-page", "private-page"]:
            self.assertNotFound("/%s/" % slug)
            self.assertNotFound("/%s" % slug)  # no 301 to a 404 either

    def test_author_id_goes_to_the_public_slug_never_the_login(self):
        r = self.get("/?author=%d" % AUTHOR_LEGACY_ID, headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 301)
        self.assertEqual(r.header("Location"), "/author/kateb-qadim/")
        self.assertNotIn(SECRET_LOGIN, r.header("Location") + r.text)
        page = self.page("/author/kateb-qadim/")
        self.assertNotIn(SECRET_LOGIN, page)
        self.assertIn("كاتب قديم", page)

    def test_author_ids_that_are_unknown_or_not_public_are_the_same_404(self):
        bodies = set()
        for legacy in [SILENT_AUTHOR_LEGACY_ID, HIDDEN_AUTHOR_LEGACY_ID, 999999, 0]:
            r = self.get("/?author=%d" % legacy, headers={"User-Agent": BOT_UA})
            self.assertEqual(r.status, 404, legacy)
            bodies.add(r.body)
        self.assertEqual(len(bodies), 1, "every 404 must look the same")

    # -- the redirects table

    def redirect(self, path, method="GET", **kw):
        r = harness.request(self.port, method, path, headers={"User-Agent": BOT_UA}, **kw)
        return r.status, r.header("Location")

    def test_redirects_answer_paths_that_find_nothing(self):
        encoded_cat = harness.quote_lower(self.cat_path)
        self.assertEqual(self.redirect("/old-news/"), (301, encoded_cat))
        self.assertEqual(self.redirect("/old-news/", "HEAD"), (301, encoded_cat))
        self.assertEqual(self.redirect("/external/"), (308, "https://example.org/page?x=1"))
        self.assertEqual(self.redirect("/keeps/"), (307, "/with-fragment/#part"))
        # The Arabic path, however the link encodes it.
        self.assertEqual(self.redirect(harness.quote_lower("/قديم/مقال/")), (301, encoded_cat))
        self.assertEqual(self.redirect(harness.quote_upper("/قديم/مقال/")), (301, encoded_cat))
        mixed = "/%D9%82%D8%AF%D9%8A%D9%85/" + urllib.parse.quote("مقال").lower() + "/"
        self.assertEqual(self.redirect(mixed), (301, encoded_cat))

    def test_a_missing_or_extra_trailing_slash_still_finds_the_redirect(self):
        encoded_cat = harness.quote_lower(self.cat_path)
        self.assertEqual(self.redirect("/old-news"), (301, encoded_cat))
        self.assertEqual(self.redirect("/no-slash/"), (302, encoded_cat))
        self.assertEqual(self.redirect("/no-slash"), (302, encoded_cat))
        # ... but never one back to the very path asked for.
        self.assertEqual(self.redirect("/loop"), (404, None))

    def test_the_reader_query_string_comes_along(self):
        encoded_cat = harness.quote_lower(self.cat_path)
        self.assertEqual(self.redirect("/old-news/?utm_source=x&b=1"),
                         (301, encoded_cat + "?utm_source=x&b=1"))
        self.assertEqual(self.redirect("/keeps/?a=1"), (307, "/with-fragment/?a=1#part"))
        self.assertEqual(self.redirect("/external/?utm=1"), (308, "https://example.org/page?x=1"))

    def test_a_live_page_is_never_hidden_by_a_redirect(self):
        r = self.get(urllib.parse.quote(self.cat_path), headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200)

    def test_only_get_and_head_are_redirected(self):
        r = harness.request(self.port, "POST", "/old-news/", headers={
            "User-Agent": BOT_UA, "Content-Type": "application/x-www-form-urlencoded"}, body="a=1")
        self.assertIn(r.status, (404, 405))
        self.assertIsNone(r.header("Location"))

    def test_unknown_paths_stay_404_many_times(self):
        for _ in range(3):
            self.assertNotFound("/wp-login.php")
            self.assertNotFound("/no/such/old/path/")

    def wait_for(self, path, expected):
        deadline = time.monotonic() + CHANGE_WAIT
        while True:
            got = self.redirect(path)
            if got == expected or time.monotonic() > deadline:
                return got
            time.sleep(0.1)

    def test_redirects_added_and_removed_with_the_cli_apply_at_once(self):
        self.assertNotFound("/cli-added/")  # a cached 404 must not outlive the change
        p = run_cli(["redirect", "add", "/cli-added/", "/" + "تحرير/", "--status", "302",
                     "--data", self.data_dir])
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Added", p.stdout)
        self.assertEqual(self.wait_for("/cli-added/", (302, "/%d8%aa%d8%ad%d8%b1%d9%8a%d8%b1/")),
                         (302, "/%d8%aa%d8%ad%d8%b1%d9%8a%d8%b1/"))
        p = run_cli(["redirect", "list", "--data", self.data_dir])
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("/cli-added/\t/تحرير/\t302", p.stdout.splitlines())
        p = run_cli(["redirect", "remove", "/cli-added/", "--data", self.data_dir])
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.wait_for("/cli-added/", (404, None)), (404, None))
        p = run_cli(["redirect", "remove", "/cli-added/", "--data", self.data_dir])
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("no redirect from /cli-added/", p.stderr)


class RedirectCliTest(unittest.TestCase):
    """`jarida redirect add|list|remove` on its own data folder."""

    @classmethod
    def setUpClass(cls):
        harness.jarida_bin()
        cls.data = harness.new_dir("redirect-cli-") + "/data"
        harness.check_cli(None, ["init", "--data", cls.data])

    def cli(self, *args):
        return run_cli(["redirect"] + list(args) + ["--data", self.data], timeout=30)

    def test_add_replace_list_remove(self):
        p = self.cli("add", "/%D8%AE%D8%A8%D8%B1-%D9%82%D8%AF%D9%8A%D9%85/", "/2024/05/جديد/")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Added: /خبر-قديم/ -> /2024/05/جديد/ (301)", p.stdout)
        p = self.cli("add", "/خبر-قديم/", "https://example.org/x", "--status", "308")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Updated", p.stdout)
        self.assertEqual(harness.db_rows(self.data, "SELECT from_path, to_path, status FROM redirects"),
                         [("/خبر-قديم/", "https://example.org/x", 308)])
        p = self.cli("list")
        self.assertEqual(p.stdout, "/خبر-قديم/\thttps://example.org/x\t308\n")
        p = self.cli("remove", "/%d8%ae%d8%a8%d8%b1-%d9%82%d8%af%d9%8a%d9%85/")
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.cli("list")
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        self.assertIn("no redirects", p.stderr)

    def test_bad_arguments_say_why_and_change_nothing(self):
        cases = [
            (["add", "old-page", "/new/"], "FROM must be a path"),
            (["add", "/old", "new-page"], "TO must be a path on this site"),
            (["add", "/old", "javascript:alert(1)"], "TO must be"),
            (["add", "/old", "//evil.example/"], "TO must be"),
            (["add", "/old?p=1", "/new/"], "path only"),
            (["add", "/old", "/new", "--status", "303"], "--status must be 301, 302, 307 or 308"),
            (["add", "/same/", "/same/"], "loop"),
            (["remove", "not-a-path"], "FROM must be a path"),
        ]
        for args, message in cases:
            p = self.cli(*args)
            self.assertNotEqual(p.returncode, 0, args)
            self.assertIn(message, p.stderr, args)
        self.assertEqual(harness.db_rows(self.data, "SELECT count(*) FROM redirects"), [(0,)])

    def test_a_missing_data_folder_fails_with_a_message(self):
        p = run_cli(["redirect", "list", "--data", harness.new_dir("none-") + "/missing"])
        self.assertNotEqual(p.returncode, 0)
        self.assertTrue(p.stderr.strip())


if __name__ == "__main__":
    unittest.main()
