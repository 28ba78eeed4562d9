"""The newsroom's pages, categories and tags over real HTTP (issue 6): a page
written in the newsroom shows at /{slug}/ at the very next request (even
where a 404 was cached a moment before), each later save too; a slug the
site itself uses is refused; a renamed category or tag slug leaves its old
address answering 301 to the new one, feed included; a deleted tag's page
is gone at once.

    cd tests/integration && JARIDA_BIN=../../build/jarida \\
        /usr/bin/python3 -m unittest newsroom_pages_test -v
"""

import re
import unittest
import urllib.parse

import harness
import newsroom_test  # its Browser; imported as a module so its tests don't run again here
from harness import BOT_UA, ServerTestCase


def bot():
    return {"User-Agent": BOT_UA}


def location_path(resp):
    loc = resp.header("Location")
    return urllib.parse.unquote(urllib.parse.urlsplit(loc).path) if loc else None


class NewsroomPagesTest(ServerTestCase):

    @classmethod
    def prepare_data(cls, data_dir):
        harness.check_cli(None, ["user", "passwd", "--login", "admin", "--data", data_dir],
                          input_text=newsroom_test.ADMIN_PASSWORD + "\n")

    def signed_in(self):
        b = newsroom_test.Browser(self, self.port)
        r = b.sign_in("admin", newsroom_test.ADMIN_PASSWORD)
        self.assertEqual(r.status, 303, r.body[:300])
        b.request("GET", "/admin/")
        self.assertIsNotNone(b.csrf)
        return b

    # ------------------------------------------------------------ pages

    def test_a_page_written_in_the_newsroom_shows_at_once(self):
        b = self.signed_in()
        path = "/سياسة-الخصوصية/"
        self.assertEqual(self.get(path, headers=bot()).status, 404)  # now a cached 404
        form = b.request("GET", "/admin/pages/new")
        self.assertEqual(form.status, 200)
        self.assertIn('id="article-form"', form.text)
        self.assertIn("/admin/static/editor.js", form.text)
        self.assertNotIn("data-autosave-url", form.text)

        r = b.post("/admin/pages/new", {"title": "سياسة الخصوصية",
                                        "body_html": "<p>نحترم خصوصية قرائنا</p>"
                                                     "<script>alert(1)</script>",
                                        "action": "publish"})
        self.assertEqual(r.status, 303, r.body[:800])
        edit = urllib.parse.urlsplit(r.header("Location")).path
        self.assertRegex(edit, r"^/admin/pages/\d+/edit$")
        text = self.page(path)  # the very next request
        self.assertIn("نحترم خصوصية قرائنا", text)
        self.assertNotIn("alert(1)", text)

        r = b.post(edit, {"title": "سياسة الخصوصية", "slug": "سياسة-الخصوصية",
                          "body_html": "<p>نص معدّل للصفحة</p>", "action": "publish"})
        self.assertEqual(r.status, 303, r.body[:800])
        text = self.page(path)
        self.assertIn("نص معدّل للصفحة", text)
        self.assertNotIn("نحترم خصوصية قرائنا", text)

        listing = b.request("GET", "/admin/pages")
        self.assertEqual(listing.status, 200)
        self.assertIn("سياسة الخصوصية", listing.text)
        self.assertIn("status-published", listing.text)

        r = b.post(edit, {"title": "سياسة الخصوصية", "slug": "سياسة-الخصوصية",
                          "body_html": "<p>نص معدّل للصفحة</p>", "status": "draft",
                          "action": "save"})
        self.assertEqual(r.status, 303)
        self.assertEqual(self.get(path, headers=bot()).status, 404)  # unpublished: gone at once

    def test_a_slug_the_site_uses_is_refused(self):
        b = self.signed_in()
        r = b.post("/admin/pages/new", {"title": "خلاصات", "slug": "feed",
                                        "body_html": "<p>ما كتبه المحرر</p>", "action": "publish"})
        self.assertEqual(r.status, 422)
        self.assertIn("محجوز", r.text)
        self.assertIn("ما كتبه المحرر", r.text)  # the form as typed
        feed = self.get("/feed/", headers=bot())
        self.assertEqual(feed.status, 200)
        self.assertIn(b"<rss", feed.body)

    # ------------------------------------------------------------ categories and tags

    def test_a_renamed_category_slug_redirects_its_old_address(self):
        b = self.signed_in()
        cid, old, name = harness.db_rows(
            self.data_dir,
            "SELECT c.id, c.slug, c.name FROM categories c WHERE EXISTS "
            "(SELECT 1 FROM articles a WHERE a.category_id = c.id AND a.status = 'published') "
            "ORDER BY c.id LIMIT 1")[0]
        old_path = "/category/%s/" % old
        self.assertIn(name, self.page(old_path))  # cached under the old address
        r = b.post("/admin/categories", {"id": cid, "name": name, "slug": "قسم-جديد-للاختبار"})
        self.assertEqual(r.status, 303, r.body[:800])
        self.assertIn("notice=category_renamed", r.header("Location"))

        moved = self.get(old_path, headers=bot())
        self.assertEqual(moved.status, 301)
        self.assertEqual(location_path(moved), "/category/قسم-جديد-للاختبار/")
        self.assertIn(name, self.page("/category/قسم-جديد-للاختبار/"))
        feed = self.get(old_path + "feed/", headers=bot())
        self.assertEqual(feed.status, 301)
        self.assertEqual(location_path(feed), "/category/قسم-جديد-للاختبار/feed/")

        # Deleting it is refused while its articles are there.
        r = b.post("/admin/categories/%d/delete" % cid, {})
        self.assertEqual(r.status, 422)
        self.assertIn("انقل مقالاته أولًا", r.text)
        self.assertEqual(self.get("/category/قسم-جديد-للاختبار/", headers=bot()).status, 200)

    def test_a_renamed_tag_redirects_and_a_deleted_one_is_gone(self):
        b = self.signed_in()
        tid, old, name = harness.db_rows(
            self.data_dir,
            "SELECT t.id, t.slug, t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id "
            "WHERE at.status = 'published' ORDER BY t.id LIMIT 1")[0]
        self.assertIn(name, self.page("/tag/%s/" % old))
        listing = b.request("GET", "/admin/tags")
        self.assertEqual(listing.status, 200)
        self.assertIn('id="tag-%d"' % tid, listing.text)

        r = b.post("/admin/tags", {"id": tid, "name": name, "slug": "وسم-بعد-التغيير"})
        self.assertEqual(r.status, 303, r.body[:800])
        moved = self.get("/tag/%s/" % old, headers=bot())
        self.assertEqual(moved.status, 301)
        self.assertEqual(location_path(moved), "/tag/وسم-بعد-التغيير/")
        self.assertIn(name, self.page("/tag/وسم-بعد-التغيير/"))

        r = b.post("/admin/tags/%d/delete" % tid, {})
        self.assertEqual(r.status, 303, r.body[:800])
        self.assertEqual(self.get("/tag/وسم-بعد-التغيير/", headers=bot()).status, 404)
        self.assertEqual(harness.db_rows(self.data_dir, "SELECT count(*) FROM article_tags "
                                         "WHERE tag_id = ?", (tid,))[0][0], 0)


if __name__ == "__main__":
    unittest.main()
