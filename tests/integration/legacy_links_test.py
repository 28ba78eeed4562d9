"""Old WordPress links keep working (issue 7, "Old links keep working"):
?s= ?p= ?tag= on the home page, day-dated permalinks and /index.php/...
answer 301 to the Jarida URL; a WordPress ID that is not here is a 404."""

import time
import unittest
import urllib.parse

import harness
from harness import BOT_UA, ServerTestCase

LEGACY_ID = 4242


class LegacyLinksTest(ServerTestCase):

    @classmethod
    def prepare_data(cls, data_dir):
        harness.db_execute(data_dir, (
            "UPDATE articles SET legacy_id = ? WHERE id = (SELECT min(id) FROM articles "
            "WHERE status = 'published')", (LEGACY_ID,)))

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


if __name__ == "__main__":
    unittest.main()
