"""What search engines read (issue 7, "Feeds, sitemaps, robots", first
part): /robots.txt, the /sitemap.xml index and its sitemaps, and the Google
News sitemap. Checked with xmllint (well-formed) and parsed."""

import subprocess
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import harness
from harness import BOT_UA, ServerTestCase

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class SitemapsTest(ServerTestCase):

    @classmethod
    def prepare_data(cls, data_dir):
        # Two articles in the news window, the rest older.
        harness.db_execute(
            data_dir, "UPDATE articles SET published_at = published_at - 30 * 86400",
            ("UPDATE articles SET published_at = ? WHERE id IN (SELECT id FROM articles "
             "WHERE status = 'published' ORDER BY id LIMIT 2)", (int(time.time()) - 3600,)))

    def fetch_xml(self, path):
        r = self.get(path, headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200, path)
        self.assertTrue(r.header("Content-Type", "").startswith("application/xml"), path)
        lint = subprocess.run(["xmllint", "--noout", "-"], input=r.body, capture_output=True,
                              timeout=30)
        self.assertEqual(lint.returncode, 0, "%s: %s" % (path, lint.stderr.decode()))
        return ET.fromstring(r.body)

    def test_robots_names_the_sitemaps_and_keeps_robots_out_of_search(self):
        r = self.get("/robots.txt", headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type", "").startswith("text/plain"))
        lines = r.text.splitlines()
        self.assertIn("Disallow: /search", lines)
        self.assertIn("Disallow: /api/", lines)
        self.assertTrue(any(l.startswith("Sitemap: http") and l.endswith("/sitemap.xml")
                            for l in lines), lines)

    def test_the_index_leads_to_every_published_article(self):
        index = self.fetch_xml("/sitemap.xml")
        self.assertEqual(index.tag, SM + "sitemapindex")
        locs = [s.find(SM + "loc").text for s in index.findall(SM + "sitemap")]
        self.assertTrue(all(s.find(SM + "lastmod") is not None for s in index.findall(SM + "sitemap")))
        found = set()
        for loc in locs:
            urlset = self.fetch_xml(urllib.parse.urlsplit(loc).path)
            self.assertEqual(urlset.tag, SM + "urlset")
            for u in urlset.findall(SM + "url"):
                found.add(urllib.parse.unquote(urllib.parse.urlsplit(u.find(SM + "loc").text).path))
        rows = harness.db_rows(self.data_dir, "SELECT slug, published_at FROM articles "
                                              "WHERE status = 'published'")
        for slug, published in rows:
            path = "/%s/%s/" % (time.strftime("%Y/%m", time.gmtime(published)), slug)
            self.assertIn(path, found)
        self.assertIn("/", found)
        drafts = harness.db_rows(self.data_dir, "SELECT slug FROM articles WHERE status <> 'published'")
        for (slug,) in drafts:
            self.assertFalse(any(p.endswith("/" + slug + "/") for p in found), slug)

    def test_news_sitemap_has_only_the_last_48_hours(self):
        urlset = self.fetch_xml("/news-sitemap.xml")
        urls = urlset.findall(SM + "url")
        self.assertEqual(len(urls), 2)
        for u in urls:
            news = u.find(NEWS + "news")
            self.assertEqual(news.find(NEWS + "publication").find(NEWS + "language").text, "ar")
            self.assertTrue(news.find(NEWS + "publication").find(NEWS + "name").text)
            self.assertRegex(news.find(NEWS + "publication_date").text, r"^\d{4}-\d\d-\d\dT")
            title = news.find(NEWS + "title").text
            self.assertRegex(title, "[\u0600-\u06FF]")  # the Arabic survives

    def test_unknown_sitemaps_are_404(self):
        for path in ["/sitemaps/articles-0.xml", "/sitemaps/articles-01.xml",
                     "/sitemaps/articles-999.xml", "/sitemaps/other.xml", "/sitemaps/articles-x.xml"]:
            r = self.get(path, headers={"User-Agent": BOT_UA})
            self.assertEqual(r.status, 404, path)


if __name__ == "__main__":
    unittest.main()
