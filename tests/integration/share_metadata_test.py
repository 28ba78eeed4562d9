"""What a shared link shows (issue 7, "Share metadata"): OpenGraph, Twitter
card and JSON-LD NewsArticle on article pages, with the featured image
(og:image and its size, a large card, the NewsArticle's image) and the
publisher's logo; WebSite + SearchAction on the home page and lists. Parsed,
not grepped."""

import html.parser
import json
import struct
import time
import unittest
import urllib.parse

import harness
from harness import BOT_UA, ServerTestCase

HOSTILE_TITLE = 'خبر </script><script>alert(1)</script> "مقتبس" & <b>'
IMAGE_PATH = "/media/2024/05/صورة-الخبر.jpg"
IMAGE_ALT = 'رجال الإطفاء "في الموقع" & الشارع'
IMAGE_CAPTION = "تصوير: وكالة الأنباء"


class Head(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = []      # (key, content)
        self.ld = []        # parsed JSON-LD objects
        self._in_ld = False
        self._buf = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.append((a.get("property") or a.get("name"), a.get("content")))
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld, self._buf = True, ""

    def handle_data(self, data):
        if self._in_ld:
            self._buf += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld:
            self.ld.append(json.loads(self._buf))
            self._in_ld = False

    def get(self, key):
        return [c for k, c in self.meta if k == key]


class Figures(html.parser.HTMLParser):
    """<figure class="featured">: its <img> attributes and caption text."""

    def __init__(self):
        super().__init__()
        self.images, self.captions = [], []
        self._in_figure = self._in_caption = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure" and a.get("class") == "featured":
            self._in_figure = True
        elif tag == "img" and self._in_figure:
            self.images.append(a)
        elif tag == "figcaption" and self._in_figure:
            self._in_caption = True
            self.captions.append("")

    def handle_data(self, data):
        if self._in_caption:
            self.captions[-1] += data

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._in_caption = False
        elif tag == "figure":
            self._in_figure = False


def head_of(text):
    h = Head()
    h.feed(text)
    return h


class ShareMetadataTest(ServerTestCase):

    @classmethod
    def prepare_data(cls, data_dir):
        harness.db_execute(
            data_dir,
            ("UPDATE articles SET title = ? WHERE id = (SELECT min(id) FROM articles "
             "WHERE status = 'published')", (HOSTILE_TITLE,)),
            # A featured image, as the import writes one: on the third
            # published article (the first is hostile, the second has none).
            ("INSERT INTO media (id, url, mime, width, height, alt, caption) "
             "VALUES (501, ?, 'image/jpeg', 1200, 675, ?, ?)",
             (IMAGE_PATH, IMAGE_ALT, IMAGE_CAPTION)),
            ("UPDATE articles SET featured_media_id = 501 WHERE id = (SELECT id FROM articles "
             "WHERE status = 'published' ORDER BY id LIMIT 1 OFFSET 2)"))

    def article(self, hostile=False, image=False):
        where = "title = ?" if hostile else "title <> ?"
        where += " AND featured_media_id IS " + ("NOT NULL" if image else "NULL")
        row = harness.db_rows(
            self.data_dir,
            "SELECT a.slug, a.title, a.excerpt, a.published_at, c.name, u.display_name "
            "FROM articles a JOIN categories c ON c.id = a.category_id "
            "JOIN users u ON u.id = a.author_id WHERE a.status = 'published' AND " + where +
            " ORDER BY a.id LIMIT 1", (HOSTILE_TITLE,))[0]
        slug, title, excerpt, published, category, author = row
        path = "/%s/%s/" % (time.strftime("%Y/%m", time.gmtime(published)), slug)
        return path, title, excerpt, category, author

    def test_article_page_has_opengraph_twitter_and_news_article(self):
        path, title, excerpt, category, author = self.article()
        h = head_of(self.page(urllib.parse.quote(path)))
        self.assertEqual(h.get("og:type"), ["article"])
        self.assertEqual(h.get("og:locale"), ["ar_AR"])
        self.assertEqual(h.get("og:title"), [title])
        self.assertEqual(h.get("og:description"), [excerpt])
        url = h.get("og:url")[0]
        self.assertTrue(url.startswith("http"), url)
        self.assertEqual(urllib.parse.unquote(urllib.parse.urlsplit(url).path), path)
        self.assertEqual(h.get("article:section"), [category])
        self.assertRegex(h.get("article:published_time")[0], r"^\d{4}-\d\d-\d\dT\d\d:\d\d")
        self.assertEqual(h.get("twitter:card"), ["summary"])
        self.assertEqual(h.get("og:image"), [])  # no featured image: none made up
        self.assertEqual(h.get("twitter:title"), [title])
        news = [o for o in h.ld if o.get("@type") == "NewsArticle"]
        self.assertEqual(len(news), 1)
        n = news[0]
        self.assertEqual(n["@context"], "https://schema.org")
        self.assertEqual(n["headline"], title)
        self.assertEqual(n["url"], url)
        self.assertEqual(n["author"]["name"], author)
        self.assertEqual(n["publisher"]["@type"], "Organization")
        self.assertTrue(n["publisher"]["name"])
        self.assertEqual(n["datePublished"], h.get("article:published_time")[0])
        self.assertEqual(n["inLanguage"], "ar")
        self.assertNotIn("image", n)
        self.assertPublisherLogo(n["publisher"])

    def assertPublisherLogo(self, publisher):
        """publisher.logo: an ImageObject whose URL serves a PNG of that size."""
        logo = publisher["logo"]
        self.assertEqual(logo["@type"], "ImageObject")
        url = urllib.parse.urlsplit(logo["url"])
        self.assertEqual(url.path, "/static/logo.png")
        r = self.get(url.path, headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "image/png")
        self.assertEqual(r.body[:8], b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", r.body[16:24])
        self.assertEqual((logo["width"], logo["height"]), (width, height))
        self.assertGreaterEqual(min(width, height), 112)  # search engines' minimum

    def test_featured_image_in_opengraph_twitter_and_news_article(self):
        path = self.article(image=True)[0]
        h = head_of(self.page(urllib.parse.quote(path)))
        base = urllib.parse.urlsplit(h.get("og:url")[0])
        image_url = "%s://%s%s" % (base.scheme, base.netloc, harness.quote_lower(IMAGE_PATH))
        self.assertEqual(h.get("og:image"), [image_url])
        self.assertEqual(h.get("og:image:type"), ["image/jpeg"])
        self.assertEqual(h.get("og:image:width"), ["1200"])
        self.assertEqual(h.get("og:image:height"), ["675"])
        self.assertEqual(h.get("og:image:alt"), [IMAGE_ALT])
        self.assertEqual(h.get("twitter:card"), ["summary_large_image"])
        self.assertEqual(h.get("twitter:image"), [image_url])
        n = [o for o in h.ld if o.get("@type") == "NewsArticle"][0]
        self.assertEqual(n["image"], {"@type": "ImageObject", "url": image_url,
                                      "width": 1200, "height": 675})
        self.assertPublisherLogo(n["publisher"])

    def test_article_page_shows_the_featured_image(self):
        path = self.article(image=True)[0]
        figures = Figures()
        figures.feed(self.page(urllib.parse.quote(path)))
        self.assertEqual(len(figures.images), 1)
        img = figures.images[0]
        self.assertEqual(img["src"], harness.quote_lower(IMAGE_PATH))
        self.assertEqual(img["alt"], IMAGE_ALT)
        self.assertEqual((img["width"], img["height"]), ("1200", "675"))
        self.assertEqual(img["loading"], "eager")  # above the fold: the page's largest image
        self.assertEqual(figures.captions, [IMAGE_CAPTION])
        # Articles without one have no figure.
        figures = Figures()
        figures.feed(self.page(urllib.parse.quote(self.article()[0])))
        self.assertEqual(figures.images, [])

    def test_a_hostile_title_stays_text_in_every_form(self):
        path, title, _, _, _ = self.article(hostile=True)
        text = self.page(urllib.parse.quote(path))
        self.assertNotIn("<script>alert(1)", text)
        h = head_of(text)
        self.assertEqual(h.get("og:title"), [HOSTILE_TITLE])
        news = [o for o in h.ld if o.get("@type") == "NewsArticle"]
        self.assertEqual(news[0]["headline"], HOSTILE_TITLE)

    def test_home_and_lists_describe_the_site_and_its_search(self):
        cat = harness.db_rows(self.data_dir, "SELECT slug FROM categories LIMIT 1")[0][0]
        for path in ["/", "/category/%s/" % urllib.parse.quote(cat)]:
            h = head_of(self.page(path))
            sites = [o for o in h.ld if o.get("@type") == "WebSite"]
            self.assertEqual(len(sites), 1, path)
            action = sites[0]["potentialAction"]
            self.assertEqual(action["@type"], "SearchAction")
            template = action["target"]["urlTemplate"]
            self.assertTrue(template.endswith("/search?q={search_term_string}"), template)
            self.assertEqual(action["query-input"], "required name=search_term_string")
            # The template works: put a query in and search.
            q = urllib.parse.quote("المدرسة")
            search_path = urllib.parse.urlsplit(template.replace("{search_term_string}", q))
            r = self.get(search_path.path + "?" + search_path.query, headers={"User-Agent": BOT_UA})
            self.assertEqual(r.status, 200)


if __name__ == "__main__":
    unittest.main()
