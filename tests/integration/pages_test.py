"""The reader's site page by page: routes, labels, RTL, redirects, 404s,
security headers, gzip, ETag/304 and HEAD (issue 3, "The reader's site")."""

import gzip
import os
import re
import sqlite3
import time
import unittest
import urllib.parse

import harness
from harness import BOT_UA, ServerTestCase, article_links, card_links, links

AR_MONTHS_EG = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
                "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
RTL_HTML = '<html lang="ar" dir="rtl">'
PAGINATION_RE = re.compile(r'<span class="current">[^<]*?(\d+) / (\d+)</span>')
NOT_FOUND_TITLE = "الصفحة غير موجودة"


def bot(**extra):
    h = {"User-Agent": BOT_UA}
    h.update(extra)
    return h


def total_pages(html):
    m = PAGINATION_RE.search(html)
    return int(m.group(2)) if m else 1


def location_path(resp):
    loc = resp.header("Location")
    return urllib.parse.urlsplit(loc).path if loc is not None else None


class PagesTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        home = harness.request(cls.port, "GET", "/", headers=bot())
        cls.home_html = home.body.decode("utf-8")
        cls.cards = card_links(cls.home_html)
        if not cls.cards:
            raise AssertionError("the home page lists no article cards:\n" + cls.home_html[:2000])
        cls.article_href = cls.cards[0]
        art = harness.request(cls.port, "GET", cls.article_href, headers=bot())
        if art.status != 200:
            raise AssertionError("first article %s answered %d" % (cls.article_href, art.status))
        cls.article_html = art.body.decode("utf-8")

    # ------------------------------------------------------------ home

    def test_home_is_rtl_arabic_html(self):
        r = self.get("/", headers=bot())
        self.assertStatus(r, 200, "GET /")
        self.assertTrue(r.header("Content-Type", "").startswith("text/html"), r.header("Content-Type"))
        self.assertIn("charset=utf-8", r.header("Content-Type", "").lower())
        self.assertIn(RTL_HTML, r.text)

    def test_home_lists_ten_latest_articles_with_raw_utf8_hrefs(self):
        self.assertEqual(len(self.cards), 10, "home page should list 10 article cards: %r" % self.cards)
        for href in self.cards:
            self.assertRegex(href, harness.ARTICLE_HREF_RE, "card link is not /yyyy/mm/slug/")
            self.assertNotIn("%", href, "article links must be raw UTF-8, not percent-encoded")
            self.assertTrue(any(ord(c) > 0x600 and ord(c) < 0x700 for c in href),
                            "slug should keep Arabic letters: %r" % href)

    def test_home_lists_newest_first(self):
        dates = re.findall(r'<article class="card">.*?<time datetime="([^"]+)"', self.home_html, re.S)
        self.assertEqual(len(dates), len(self.cards), "each card shows its time")
        self.assertEqual(dates, sorted(dates, reverse=True), "home cards are newest first")

    def test_home_has_most_read_section_with_articles(self):
        m = re.search(r'<section class="most-read".*?</section>', self.home_html, re.S)
        self.assertIsNotNone(m, 'home page has no <section class="most-read">')
        self.assertIn("الأكثر قراءة", m.group(0))
        self.assertGreater(len(article_links(m.group(0))), 0, "most-read list has no article links")

    def test_home_cards_show_visit_counts(self):
        counts = harness.card_counts(self.home_html)
        self.assertEqual(set(counts), set(self.cards), "every card shows زيارة: N")

    def test_home_page_two(self):
        self.assertIn('href="/page/2/"', self.home_html, "home links to /page/2/")
        r = self.get("/page/2/", headers=bot())
        self.assertStatus(r, 200, "GET /page/2/")
        self.assertIn(RTL_HTML, r.text)
        second = card_links(r.text)
        self.assertEqual(len(second), 10)
        self.assertFalse(set(second) & set(self.cards), "page 2 repeats articles of page 1")

    def test_page_one_redirects_to_home(self):
        r = self.get("/page/1/", headers=bot())
        self.assertStatus(r, 301, "GET /page/1/")
        self.assertEqual(location_path(r), "/")

    def test_home_page_past_the_end_is_404(self):
        pages = total_pages(self.home_html)
        self.assertEqual(pages, 6, "60 demo articles at 10 per page")
        self.assertStatus(self.get("/page/%d/" % pages, headers=bot()), 200, "last page")
        self.assertStatus(self.get("/page/%d/" % (pages + 1), headers=bot()), 404, "page past the end")
        self.assertStatus(self.get("/page/999999999/", headers=bot()), 404, "huge page number")
        self.assertStatus(self.get("/page/0/", headers=bot()), 404, "page 0")

    # ------------------------------------------------------------ article

    def test_article_page_is_rtl(self):
        self.assertIn(RTL_HTML, self.article_html)

    def test_article_has_send_to_friend_button_and_dialog(self):
        self.assertIn("ارسل الى صديق", self.article_html)
        self.assertIn('<dialog id="send-friend"', self.article_html)

    def test_article_publish_time_is_arabic_date_with_latin_digits(self):
        m = re.search(r"وقت الإرسال:\s*(?:<[^>]+>\s*)*([0-9]{1,2}) (\S+) ([0-9]{4})<", self.article_html)
        self.assertIsNotNone(m, "no 'وقت الإرسال: 13 مايو 2019' style date on the article page")
        day, month, year = m.groups()
        self.assertIn(month, AR_MONTHS_EG, "month name should be Egyptian-style Arabic")
        self.assertTrue(1 <= int(day) <= 31)
        self.assertTrue(2000 <= int(year) <= 2100, year)

    def test_article_shows_visit_count(self):
        self.assertRegex(self.article_html, r'زيارة:\s*<span class="count">[0-9]+</span>',
                         "زيارة: followed by the count in Latin digits")

    def test_article_has_headline(self):
        m = re.search(r'<h1 class="headline">(.*?)</h1>', self.article_html, re.S)
        self.assertIsNotNone(m, 'no <h1 class="headline">')
        self.assertGreater(len(re.sub(r"<[^>]+>", "", m.group(1)).strip()), 10, "headline is empty")

    def test_article_category_in_parentheses_links_to_category_page(self):
        m = re.search(r'\(<a href="(/category/[^"]+/)">([^<]+)</a>\)', self.article_html)
        self.assertIsNotNone(m, "no '(<a href=\"/category/...\">name</a>)' on the article page")
        r = self.get(m.group(1), headers=bot())
        self.assertStatus(r, 200, "category page " + m.group(1))
        self.assertIn(m.group(2), r.text, "category page shows its name")
        self.assertIn(self.article_href, card_links(r.text) + links(r.text))

    def test_article_has_comments_and_latest_comments(self):
        self.assertIn("التعليقات", self.article_html)
        self.assertIn('id="comments"', self.article_html)
        m = re.search(r'<section class="latest-comments".*?</section>', self.article_html, re.S)
        self.assertIsNotNone(m, "no latest-comments section")
        self.assertIn("أحدث التعليقات", m.group(0))
        self.assertGreater(len(re.findall(r"<li>", m.group(0))), 0,
                           "latest comments list is empty (demo makes comments)")

    def test_article_footer_about_and_read_more(self):
        self.assertIn("عن الموقع", self.article_html)
        self.assertRegex(self.article_html, r'<a [^>]*href="/about/"[^>]*>اقرأ المزيد</a>')

    def test_article_body_tags_and_author(self):
        self.assertRegex(self.article_html, r'<div class="body">\s*<', "article body is empty")
        self.assertRegex(self.article_html, r'href="/author/[^"]+/"', "no author link")

    def test_article_links_are_raw_utf8(self):
        hrefs = [h for h in links(self.article_html) if h.startswith(("/category/", "/tag/", "/author/"))
                 or harness.ARTICLE_HREF_RE.match(h)]
        self.assertTrue(hrefs)
        for h in hrefs:
            self.assertNotIn("%", h, "href should be raw UTF-8: %r" % h)

    def test_every_html_page_is_rtl_with_about_footer(self):
        tag = re.search(r'href="(/tag/[^"]+/)"', self.article_html)
        author = re.search(r'href="(/author/[^"]+/)"', self.article_html)
        category = re.search(r'href="(/category/[^"]+/)"', self.article_html)
        self.assertTrue(tag and author and category, "article lacks tag/author/category links")
        for path in ("/", "/page/2/", self.article_href, category.group(1), tag.group(1),
                     author.group(1), "/about/"):
            with self.subTest(path=path):
                r = self.get(path, headers=bot())
                self.assertStatus(r, 200, path)
                self.assertIn(RTL_HTML, r.text)
                self.assertIn("عن الموقع", r.text)
                self.assertRegex(r.text, r'<a [^>]*href="/about/"[^>]*>اقرأ المزيد</a>')
                self.assertIn('<meta charset="utf-8">', r.text)
        for path, status in (("/nope/", 404), ("/%zz/", 400)):
            with self.subTest(path=path):
                r = self.get(path, headers=bot())
                self.assertStatus(r, status, path)
                self.assertIn(RTL_HTML, r.text)

    # ------------------------------------------------------------ lists

    def _list_checks(self, base, min_pages=1):
        r = self.get(base, headers=bot())
        self.assertStatus(r, 200, "GET " + base)
        self.assertIn(RTL_HTML, r.text)
        self.assertTrue(card_links(r.text), base + " lists no articles")
        pages = total_pages(r.text)
        self.assertGreaterEqual(pages, min_pages, base)
        one = self.get(base + "page/1/", headers=bot())
        self.assertStatus(one, 301, "GET %spage/1/" % base)
        self.assertEqual(urllib.parse.unquote(location_path(one)), base)
        if pages > 1:
            two = self.get(base + "page/2/", headers=bot())
            self.assertStatus(two, 200, "GET %spage/2/" % base)
            self.assertTrue(card_links(two.text))
            self.assertFalse(set(card_links(two.text)) & set(card_links(r.text)))
        if pages > 1:
            self.assertStatus(self.get(base + "page/%d/" % pages, headers=bot()), 200, "last page")
        self.assertStatus(self.get(base + "page/%d/" % (pages + 1), headers=bot()), 404,
                          base + " page past the end")
        return pages

    def _slugs(self, prefix):
        out = []
        for h in links(self.home_html + self.article_html):
            if h.startswith(prefix) and h not in out and h.count("/") == 3:
                out.append(h)
        return out

    def test_category_pages_and_pagination(self):
        cats = self._slugs("/category/")
        self.assertGreaterEqual(len(cats), 8, "8+ categories in the menu: %r" % cats)
        for base in cats[:3]:
            with self.subTest(base=base):
                self._list_checks(base)

    def test_tag_pages_and_pagination(self):
        tags = self._slugs("/tag/")
        self.assertTrue(tags, "the article page has no tag links")
        for base in tags[:3]:
            with self.subTest(base=base):
                self._list_checks(base)

    def test_author_pages_and_pagination(self):
        authors = set()
        for href in self.cards:
            html = self.get(href, headers=bot()).text
            authors.update(re.findall(r'href="(/author/[^"/]+/)"', html))
        self.assertTrue(authors)
        most = max(self._list_checks(base) for base in sorted(authors))
        self.assertGreaterEqual(most, 2, "with 60 articles and 3 authors, one author has 2+ pages")

    def test_unknown_category_tag_author_are_404(self):
        for path in ("/category/لا-يوجد/", "/tag/لا-يوجد/", "/author/nobody-here/"):
            with self.subTest(path=path):
                r = self.get(path, headers=bot())
                self.assertStatus(r, 404, path)
                self.assertIn(NOT_FOUND_TITLE, r.text)

    # ------------------------------------------------------------ about, static

    def test_about_page(self):
        r = self.get("/about/", headers=bot())
        self.assertStatus(r, 200, "GET /about/")
        self.assertIn(RTL_HTML, r.text)
        self.assertRegex(r.text, r'<h1 class="headline">[^<]+</h1>')

    def test_static_css_js_font(self):
        css = self.get("/static/site.css", headers=bot())
        self.assertStatus(css, 200, "site.css")
        self.assertTrue(css.header("Content-Type", "").startswith("text/css"), css.header("Content-Type"))
        self.assertIn(b"NotoNaskhArabic-Regular.ttf", css.body, "CSS names the served webfont")
        js = self.get("/static/site.js", headers=bot())
        self.assertStatus(js, 200, "site.js")
        self.assertIn("javascript", js.header("Content-Type", ""))
        for href in re.findall(r'(?:href|src)="(/static/[^"]+)"', self.article_html):
            self.assertStatus(self.get(href, headers=bot()), 200, "asset linked from the page: " + href)
        font = self.get("/static/fonts/NotoNaskhArabic-Regular.ttf", headers=bot())
        self.assertStatus(font, 200, "font")
        self.assertEqual(font.header("Content-Type"), "font/ttf")
        self.assertIn(font.body[:4], (b"\x00\x01\x00\x00", b"true", b"OTTO"), "not a TrueType file")
        self.assertGreater(len(font.body), 50000)
        self.assertEqual(int(font.header("Content-Length")), len(font.body))

    def test_unknown_static_file_is_404(self):
        for path in ("/static/nope.css", "/static/fonts/", "/static/../site.css"):
            with self.subTest(path=path):
                r = harness.raw_exchange(self.port, b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % path.encode())
                self.assertIsNotNone(r)
                self.assertIn(r.status, (400, 404), path)

    # ------------------------------------------------------------ encodings, redirects

    def test_percent_encoding_lower_and_upper_hex_give_same_page(self):
        lower = harness.quote_lower(self.article_href)
        upper = harness.quote_upper(self.article_href)
        self.assertNotEqual(lower, upper)
        a = self.get(lower, headers=bot())
        b = self.get(upper, headers=bot())
        self.assertStatus(a, 200, "lower-case hex " + lower)
        self.assertStatus(b, 200, "upper-case hex " + upper)
        self.assertEqual(a.body, b.body)

    def test_raw_utf8_request_target_is_accepted(self):
        target = self.article_href.encode("utf-8")
        r = harness.raw_exchange(self.port, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n"
                                 b"User-Agent: curl/8\r\nConnection: close\r\n\r\n")
        self.assertIsNotNone(r, "connection closed")
        self.assertEqual(r.status, 200, "raw UTF-8 in the request line")

    def test_about_without_slash_redirects(self):
        r = self.get("/about", headers=bot())
        self.assertStatus(r, 301, "GET /about")
        self.assertEqual(location_path(r), "/about/")
        q = self.get("/about?x=1", headers=bot())
        self.assertStatus(q, 301, "GET /about?x=1")
        self.assertEqual(q.header("Location"), "/about/?x=1")

    def test_article_without_slash_redirects_with_lowercase_encoded_location(self):
        path = harness.quote_upper(self.article_href)[:-1]
        r = self.get(path, headers=bot())
        self.assertStatus(r, 301, "GET article without final slash")
        loc = r.header("Location")
        self.assertTrue(all(0x21 <= ord(c) < 0x7f for c in loc), "Location must be ASCII: %r" % loc)
        self.assertFalse(re.search(r"%[0-9a-f]?[A-F]", loc), "Location hex must be lower-case: " + loc)
        self.assertEqual(urllib.parse.unquote(urllib.parse.urlsplit(loc).path), self.article_href)
        self.assertStatus(self.get(loc, headers=bot()), 200, "following the redirect")

    def test_right_slug_wrong_month_redirects(self):
        _, yyyy, mm, slug, _ = self.article_href.split("/")
        for y, m in ((yyyy, "%02d" % (int(mm) % 12 + 1)), (str(int(yyyy) - 5), mm)):
            wrong = "/%s/%s/%s/" % (y, m, slug)
            with self.subTest(wrong=wrong):
                r = self.get(wrong, headers=bot())
                self.assertStatus(r, 301, "GET " + wrong)
                self.assertEqual(urllib.parse.unquote(location_path(r)), self.article_href)
                self.assertFalse(re.search(r"%[0-9a-f]?[A-F]", r.header("Location")))

    # ------------------------------------------------------------ errors

    def test_unknown_path_is_arabic_404_with_search_form(self):
        for path in ("/no-such-page/", "/2019/05/مقال-غير-موجود/", "/a/b/c/d/e/"):
            with self.subTest(path=path):
                r = self.get(path, headers=bot())
                self.assertStatus(r, 404, path)
                self.assertIn(NOT_FOUND_TITLE, r.text)
                self.assertIn('action="/search"', r.text)
                self.assertIn(RTL_HTML, r.text)

    def test_no_open_redirect_from_double_slash_paths(self):
        for target in ("//evil.example", "//evil.example/", "/%2Fevil.example", "/%2fevil.example/x",
                       "/\\evil.example", "/%5cevil.example", "//evil.example/about"):
            with self.subTest(target=target):
                r = harness.raw_exchange(self.port, ("GET %s HTTP/1.1\r\nHost: x\r\n"
                                                     "Connection: close\r\n\r\n" % target).encode())
                self.assertIsNotNone(r)
                self.assertIn(r.status, (301, 400, 404), target)
                if r.status == 301:
                    loc = r.header("Location")
                    self.assertTrue(loc.startswith("/") and not loc.startswith(("//", "/\\")),
                                    "%s redirects off-site: Location %r" % (target, loc))

    def test_unsupported_method_is_405_not_500(self):
        r = harness.raw_exchange(self.port, b"DELETE / HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertIsNotNone(r)
        self.assertEqual(r.status, 405)
        self.assertServing("DELETE /")

    # ------------------------------------------------------------ headers, gzip, 304, HEAD

    def _assert_security_headers(self, r, what):
        csp = r.header("Content-Security-Policy")
        self.assertIsNotNone(csp, what + ": no Content-Security-Policy")
        script_src = re.search(r"script-src([^;]*)", csp)
        self.assertIsNotNone(script_src, what + ": CSP without script-src")
        self.assertNotIn("unsafe-inline", script_src.group(1), what)
        self.assertIn("frame-ancestors 'none'", csp, what)
        self.assertEqual((r.header("X-Content-Type-Options") or "").lower(), "nosniff", what)
        self.assertTrue(r.header("Referrer-Policy"), what + ": no Referrer-Policy")

    def test_security_headers_on_every_response(self):
        etag = self.get(self.article_href, headers=bot()).header("ETag")
        css_etag = self.get("/static/site.css", headers=bot()).header("ETag")
        cases = [
            ("GET", "/", {}, 200), ("GET", self.article_href, {}, 200),
            ("GET", "/page/2/", {}, 200), ("GET", "/about/", {}, 200),
            ("GET", "/static/site.css", {}, 200), ("GET", "/static/site.js", {}, 200),
            ("GET", "/static/fonts/NotoNaskhArabic-Regular.ttf", {}, 200),
            ("GET", "/nope/", {}, 404), ("GET", "/%zz/", {}, 400), ("GET", "/about", {}, 301),
            ("GET", "/page/1/", {}, 301), ("HEAD", "/", {}, 200),
            ("GET", self.article_href, {"If-None-Match": etag}, 304),
            ("GET", "/static/site.css", {"If-None-Match": css_etag}, 304),
            ("GET", "/", {"Accept-Encoding": "gzip"}, 200), ("POST", "/", {}, 405),
        ]
        for method, path, extra, status in cases:
            with self.subTest(method=method, path=path, status=status):
                r = harness.request(self.port, method, path, headers=bot(**extra))
                self.assertEqual(r.status, status, "%s %s" % (method, path))
                self._assert_security_headers(r, "%s %s -> %d" % (method, path, status))

    def _assert_gzip_matches_identity(self, path):
        plain = self.get(path, headers=bot(**{"Accept-Encoding": "identity"}))
        zipped = self.get(path, headers=bot(**{"Accept-Encoding": "gzip"}))
        self.assertStatus(plain, 200, path)
        self.assertStatus(zipped, 200, path + " (gzip)")
        self.assertIsNone(plain.header("Content-Encoding"), path + ": identity request got encoded")
        self.assertEqual(zipped.header("Content-Encoding"), "gzip", path)
        self.assertIn("accept-encoding", (zipped.header("Vary") or "").lower(), path + ": Vary")
        self.assertEqual(int(zipped.header("Content-Length")), len(zipped.body))
        self.assertEqual(gzip.decompress(zipped.body), plain.body,
                         path + ": gunzipped body differs from the identity body")

    def test_gzip_matches_identity_body(self):
        for path in ("/", self.article_href, "/page/2/", "/about/", "/static/site.css",
                     "/static/site.js"):
            with self.subTest(path=path):
                self._assert_gzip_matches_identity(path)

    def test_gzip_refused_with_q0(self):
        r = self.get("/", headers=bot(**{"Accept-Encoding": "gzip;q=0"}))
        self.assertIsNone(r.header("Content-Encoding"))
        self.assertIn(RTL_HTML, r.text)

    def test_etag_and_if_none_match_give_304_without_body(self):
        for path in ("/", self.article_href, "/about/", "/static/site.css"):
            with self.subTest(path=path):
                r = self.get(path, headers=bot())
                etag = r.header("ETag")
                self.assertTrue(etag, path + ": no ETag")
                again = harness.raw_exchange(
                    self.port,
                    ("GET %s HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/8\r\nIf-None-Match: %s\r\n"
                     "Connection: close\r\n\r\n" % (harness.quote_lower(path), etag)).encode())
                self.assertIsNotNone(again)
                self.assertEqual(again.status, 304, path)
                self.assertEqual(again.header("ETag"), etag)

    def test_304_sends_no_body_bytes(self):
        etag = self.get("/", headers=bot()).header("ETag")
        s = harness.raw_connect(self.port)
        try:
            s.sendall(("GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/8\r\nIf-None-Match: %s\r\n"
                       "Connection: close\r\n\r\n" % etag).encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        finally:
            s.close()
        head, _, rest = data.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 304"), head[:100])
        self.assertEqual(rest, b"", "bytes after a 304 header")

    def test_head_has_get_headers_and_no_body(self):
        for path in ("/", self.article_href, "/static/site.css"):
            with self.subTest(path=path):
                g = self.get(path, headers=bot())
                s = harness.raw_connect(self.port)
                try:
                    s.sendall(("HEAD %s HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/8\r\n"
                               "Connection: close\r\n\r\n" % harness.quote_lower(path)).encode())
                    data = b""
                    while True:
                        chunk = s.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                finally:
                    s.close()
                head, _, rest = data.partition(b"\r\n\r\n")
                self.assertTrue(head.startswith(b"HTTP/1.1 200"), head[:100])
                self.assertEqual(rest, b"", "HEAD response carried a body")
                raw = harness.RawResponse(200, head.decode("latin-1"), b"")
                for name in ("Content-Type", "Content-Length", "ETag", "Content-Security-Policy"):
                    self.assertEqual(raw.header(name), g.header(name), "%s: HEAD %s differs" % (path, name))


def article_url(published_at, slug):
    t = time.gmtime(published_at)
    return "/%04d/%02d/%s/" % (t.tm_year, t.tm_mon, slug)


class UnpublishedArticlesTest(ServerTestCase):
    """Drafts and articles scheduled for later are invisible to readers:
    no page, no redirect to them, not on the home page."""

    @classmethod
    def prepare_data(cls, data_dir):
        con = sqlite3.connect(os.path.join(data_dir, "jarida.db"), timeout=5)
        try:
            rows = con.execute("SELECT id, slug, published_at FROM articles WHERE status = 'published' "
                               "ORDER BY published_at DESC LIMIT 2").fetchall()
            (draft_id, draft_slug, draft_at), (sched_id, sched_slug, sched_at) = rows
            future = int(time.time()) + 40 * 86400
            con.execute("UPDATE articles SET status = 'draft' WHERE id = ?", (draft_id,))
            con.execute("UPDATE articles SET published_at = ? WHERE id = ?", (future, sched_id))
            con.commit()
        finally:
            con.close()
        cls.draft_url = article_url(draft_at, draft_slug)
        cls.future_url = article_url(future, sched_slug)
        cls.old_url_of_future = article_url(sched_at, sched_slug)

    def test_draft_is_404(self):
        r = self.get(self.draft_url, headers=bot())
        self.assertStatus(r, 404, "draft " + self.draft_url)

    def test_future_article_is_404_at_old_and_new_url(self):
        for url in (self.future_url, self.old_url_of_future):
            with self.subTest(url=url):
                r = self.get(url, headers=bot())
                self.assertStatus(r, 404, "scheduled article " + url)

    def test_unpublished_articles_not_listed(self):
        html = self.get("/", headers=bot()).text
        hrefs = set(article_links(html))
        for url in (self.draft_url, self.future_url, self.old_url_of_future):
            self.assertNotIn(url, hrefs, "unpublished article listed on the home page")


class ExternalChangeTest(ServerTestCase):
    """Another process (here `jarida demo`) writes to the database while the
    server runs: cached pages, cached 404s included, are dropped."""

    def test_pages_follow_database_changes_by_another_process(self):
        pages = total_pages(self.get("/", headers=bot()).text)
        past_end = "/page/%d/" % (pages + 2)
        self.assertStatus(self.get(past_end, headers=bot()), 404, past_end + " before")
        self.assertStatus(self.get(past_end, headers=bot()), 404, past_end + " (cached 404)")
        p = harness.run_cli(["demo", "--data", self.data_dir, "--articles", "40", "--seed", "8"])
        self.assertEqual(p.returncode, 0, "jarida demo on a served site: %s" % p.stderr)
        deadline = time.monotonic() + 5
        while True:
            r = self.get(past_end, headers=bot())
            if r.status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertStatus(r, 200, past_end + " 5 s after 40 more articles were added")
        self.assertEqual(total_pages(self.get("/", headers=bot()).text), total_pages(r.text))
        self.assertServing("an external write")


if __name__ == "__main__":
    unittest.main()
