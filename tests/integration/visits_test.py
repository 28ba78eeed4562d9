"""The visit counter (issue 3, "The visit counter"): distinct readers count,
repeats, bots, prefetches and HEAD don't; the number on the page (and on the
list pages) is the live total even though pages are cached; counts reach
the database within ~2 s and survive SIGTERM and a restart.

A distinct reader is a distinct loopback source address (127.0.0.N): the
client socket is bound to it before connecting."""

import gzip
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
import unittest
import urllib.parse

import harness
from harness import BOT_UA, BROWSER_UA, Server, ServerTestCase, article_count, card_links

GOOGLEBOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
FACEBOOK_UA = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"


class Clients:
    """Hands out loopback addresses no other test in this process used."""
    next_host = 2

    @classmethod
    def take(cls, n=1):
        out = []
        for _ in range(n):
            h = cls.next_host
            cls.next_host += 1
            out.append("127.0.%d.%d" % (h // 250, h % 250 + 2))  # 127.0.0.4, ...
        return out


def db_visits(data_dir, slug):
    rows = harness.db_rows(data_dir, "SELECT visits FROM articles WHERE slug = ?", (slug,))
    if not rows:
        raise AssertionError("no article with slug %r in the database" % slug)
    return rows[0][0]


class CounterTestCase(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hrefs = []
        for path in ("/", "/page/2/", "/page/3/"):
            r = harness.request(cls.port, "GET", path, headers={"User-Agent": BOT_UA})
            hrefs += card_links(r.body.decode("utf-8"))
        cls._unused = hrefs
        if len(hrefs) < 20:
            raise AssertionError("need 20+ articles on the first list pages, got %d" % len(hrefs))

    def fresh_article(self):
        """An article no other test of this class touches (counts start clean)."""
        return type(self)._unused.pop(0)

    def count(self, href):
        """The count shown on the page, read by a bot (which is not counted)."""
        r = self.get(href, headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200, "GET %s" % href)
        return article_count(r.text)

    def visit(self, href, source, ua=BROWSER_UA, method="GET", **extra):
        h = {"User-Agent": ua}
        h.update(extra)
        r = harness.request(self.port, method, href, headers=h, source=source)
        self.assertEqual(r.status, 200, "%s %s from %s" % (method, href, source))
        return r


class VisitCounterTest(CounterTestCase):

    def test_distinct_clients_each_count_once_and_page_shows_new_total(self):
        href = self.fresh_article()
        before = self.count(href)  # also puts the page in the cache
        ips = Clients.take(5)
        for i, ip in enumerate(ips, 1):
            r = self.visit(href, ip)
            self.assertEqual(article_count(r.text), before + i,
                             "visit %d from %s: the page should show the total including it" % (i, ip))
        # A 6th request, by the first reader again (a repeat, not counted),
        # shows +5 on the cached page.
        sixth = self.visit(href, ips[0])
        self.assertEqual(article_count(sixth.text), before + 5, "5 distinct readers should add 5")
        self.assertEqual(self.count(href), before + 5)

    def test_same_client_again_is_not_counted(self):
        href = self.fresh_article()
        before = self.count(href)
        ip = Clients.take()[0]
        self.visit(href, ip)
        self.assertEqual(self.count(href), before + 1, "first visit counts")
        for _ in range(3):
            self.visit(href, ip)
        self.assertEqual(self.count(href), before + 1, "reloads by the same reader within 30 min count once")

    def test_same_client_counts_again_on_another_article(self):
        a, b = self.fresh_article(), self.fresh_article()
        ip = Clients.take()[0]
        a0, b0 = self.count(a), self.count(b)
        self.visit(a, ip)
        self.visit(b, ip)
        self.assertEqual((self.count(a), self.count(b)), (a0 + 1, b0 + 1))

    def test_bots_are_not_counted(self):
        href = self.fresh_article()
        before = self.count(href)
        uas = (GOOGLEBOT_UA, "curl/8.0", "python-requests/2.31", "", FACEBOOK_UA,
               "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
               "Wget/1.21.3")
        for ua, ip in zip(uas, Clients.take(len(uas))):
            with self.subTest(ua=ua):
                self.visit(href, ip, ua=ua)
                self.assertEqual(self.count(href), before, "User-Agent %r was counted" % ua)
        # No User-Agent header at all.
        self.visit(href, Clients.take()[0], ua=None)
        self.assertEqual(self.count(href), before, "a request without User-Agent was counted")
        # The same article does count a browser: the assertions above can fail.
        self.visit(href, Clients.take()[0])
        self.assertEqual(self.count(href), before + 1, "a browser visit should count")

    def test_prefetch_is_not_counted(self):
        href = self.fresh_article()
        before = self.count(href)
        hints = ({"Sec-Purpose": "prefetch"}, {"Sec-Purpose": "prefetch;prerender"},
                 {"Purpose": "prefetch"}, {"X-Moz": "prefetch"})
        for extra, ip in zip(hints, Clients.take(len(hints))):
            with self.subTest(header=extra):
                self.visit(href, ip, **extra)
                self.assertEqual(self.count(href), before, "%r was counted" % extra)
        self.visit(href, Clients.take()[0])
        self.assertEqual(self.count(href), before + 1, "a browser visit should count")

    def test_prefetch_then_real_visit_by_same_client_counts(self):
        href = self.fresh_article()
        before = self.count(href)
        ip = Clients.take()[0]
        self.visit(href, ip, **{"Sec-Purpose": "prefetch"})
        self.visit(href, ip)
        self.assertEqual(self.count(href), before + 1,
                         "a prefetch must not use up the reader's visit")

    def test_head_is_not_counted(self):
        href = self.fresh_article()
        before = self.count(href)
        for ip in Clients.take(3):
            r = self.visit(href, ip, method="HEAD")
            self.assertEqual(r.body, b"")
        self.assertEqual(self.count(href), before, "HEAD requests were counted")
        self.visit(href, Clients.take()[0])
        self.assertEqual(self.count(href), before + 1)

    def test_redirects_are_not_counted(self):
        href = self.fresh_article()
        before = self.count(href)
        _, yyyy, mm, slug, _ = href.split("/")
        wrong_month = "/%s/%02d/%s/" % (yyyy, int(mm) % 12 + 1, slug)
        for path in (wrong_month, href[:-1]):
            r = harness.request(self.port, "GET", path, headers={"User-Agent": BROWSER_UA},
                                source=Clients.take()[0])
            self.assertEqual(r.status, 301, path)
        self.assertEqual(self.count(href), before, "a 301 was counted as a visit")

    def test_home_and_list_pages_show_live_counts(self):
        href = self.fresh_article()
        home_path = "/" if href in card_links(self.get("/", headers={"User-Agent": BOT_UA}).text) \
            else "/page/2/"
        home0 = harness.card_counts(self.get(home_path, headers={"User-Agent": BOT_UA}).text)
        art = self.get(href, headers={"User-Agent": BOT_UA}).text
        cat = re.search(r'\(<a href="(/category/[^"]+/)">', art).group(1)
        self.assertIn(href, card_links(self.get(cat, headers={"User-Agent": BOT_UA}).text),
                      "the article should be on page 1 of its category")
        self.assertEqual(home0[href], self.count(href), "home and article page disagree")
        for ip in Clients.take(2):
            self.visit(href, ip)
        home1 = harness.card_counts(self.get(home_path, headers={"User-Agent": BOT_UA}).text)
        self.assertEqual(home1[href], home0[href] + 2, "home page card count is not live")
        cat1 = harness.card_counts(self.get(cat, headers={"User-Agent": BOT_UA}).text)
        self.assertEqual(cat1[href], home0[href] + 2, "category page card count is not live")

    def test_gzip_page_shows_live_count_too(self):
        href = self.fresh_article()
        before = self.count(href)
        self.visit(href, Clients.take()[0])
        r = self.get(href, headers={"User-Agent": BOT_UA, "Accept-Encoding": "gzip"})
        self.assertEqual(r.header("Content-Encoding"), "gzip")
        self.assertEqual(article_count(gzip.decompress(r.body).decode()), before + 1)

    def test_etag_changes_when_count_changes(self):
        href = self.fresh_article()
        etag0 = self.get(href, headers={"User-Agent": BOT_UA}).header("ETag")
        self.visit(href, Clients.take()[0])
        r = self.get(href, headers={"User-Agent": BOT_UA, "If-None-Match": etag0})
        self.assertEqual(r.status, 200, "a stale ETag (old count) must not get a 304")
        self.assertNotEqual(r.header("ETag"), etag0)

    def test_counts_reach_database_within_2_seconds(self):
        href = self.fresh_article()
        slug = urllib.parse.unquote(harness.slug_of(href))
        before = self.count(href)
        self.assertEqual(db_visits(self.data_dir, slug), before, "page and database disagree at rest")
        for ip in Clients.take(3):
            self.visit(href, ip)
        t0 = time.monotonic()
        while True:
            got = db_visits(self.data_dir, slug)
            if got == before + 3 or time.monotonic() - t0 > 2.5:
                break
            time.sleep(0.1)
        self.assertEqual(got, before + 3,
                         "database visits after %.1f s: %d, expected %d" % (
                             time.monotonic() - t0, got, before + 3))


    def test_visit_flushes_do_not_empty_the_page_cache(self):
        # A cached page keeps its ETag (which names the render) while visits
        # to another article are counted and flushed every second: the
        # server's own flushes are not "new content".
        # The latest-comments fragment legitimately refreshes every 60 s and
        # changes the ETag too, so one of two 3-second windows may see that.
        watched, visited = self.fresh_article(), self.fresh_article()
        same = []
        for _ in range(2):
            etag0 = self.get(watched, headers={"User-Agent": BOT_UA}).header("ETag")
            for ip in Clients.take(3):
                self.visit(visited, ip)
                time.sleep(0.8)  # spans at least two flushes
            etag1 = self.get(watched, headers={"User-Agent": BOT_UA}).header("ETag")
            same.append(etag0 == etag1)
        self.assertTrue(any(same), "the page was re-rendered: a visit flush emptied the cache")


class ConcurrentVisitsTest(CounterTestCase):

    def test_concurrent_distinct_readers_lose_no_increment(self):
        href = self.fresh_article()
        slug = harness.slug_of(href)
        before = self.count(href)
        ips = Clients.take(40)
        failures = []

        def reader(ip):
            try:
                r = harness.request(self.port, "GET", href, headers={"User-Agent": BROWSER_UA},
                                    source=ip)
                if r.status != 200:
                    failures.append("%s: %d" % (ip, r.status))
            except Exception as e:
                failures.append("%s: %r" % (ip, e))

        threads = [threading.Thread(target=reader, args=(ip,)) for ip in ips]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
        self.assertFalse(failures, failures)
        self.assertEqual(self.count(href), before + len(ips), "increments lost under concurrency")
        deadline = time.monotonic() + 3
        while db_visits(self.data_dir, slug) != before + len(ips) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(db_visits(self.data_dir, slug), before + len(ips), "database total")


class VisitPersistenceTest(unittest.TestCase):
    """Each test runs its own server, since it stops it."""

    def setUp(self):
        self.servers = []

    def tearDown(self):
        for s in self.servers:
            s.kill()

    def start(self, data_dir):
        s = Server(data_dir).start()
        self.servers.append(s)
        return s

    def test_counts_survive_sigterm_and_restart(self):
        data = harness.demo_data_dir()
        srv = self.start(data)
        href = card_links(harness.request(srv.port, "GET", "/", headers={"User-Agent": BOT_UA}).text)[3]
        slug = harness.slug_of(href)
        before = article_count(harness.request(srv.port, "GET", href,
                                               headers={"User-Agent": BOT_UA}).text)
        for ip in Clients.take(4):
            r = harness.request(srv.port, "GET", href, headers={"User-Agent": BROWSER_UA}, source=ip)
            self.assertEqual(r.status, 200)
        # Stop at once: the shutdown flush, not the 1 s ticker, must save them.
        code, took = srv.stop()
        self.assertEqual(code, 0, "jarida serve exit code after SIGTERM; stderr:\n" + srv.stderr())
        self.assertLess(took, 10.0)
        self.assertEqual(db_visits(data, slug), before + 4, "visits lost at shutdown")
        again = self.start(data)
        shown = article_count(harness.request(again.port, "GET", href,
                                              headers={"User-Agent": BOT_UA}).text)
        self.assertEqual(shown, before + 4, "the count after a restart")

    def test_sigterm_exits_0_within_10s_with_open_connections(self):
        srv = self.start(harness.demo_data_dir())
        idle = [harness.raw_connect(srv.port) for _ in range(5)]
        # One keep-alive connection that has been served and waits for more.
        idle[0].sendall(b"GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/8\r\n\r\n")
        self.assertEqual(harness.RawReader(idle[0]).read_response().status, 200)
        try:
            code, took = srv.stop()
        finally:
            for s in idle:
                s.close()
        self.assertEqual(code, 0, "exit code after SIGTERM; stderr:\n" + srv.stderr())
        self.assertLess(took, 10.0, "SIGTERM took %.1f s" % took)

    def test_sigint_also_exits_0(self):
        srv = self.start(harness.demo_data_dir())
        srv.proc.send_signal(signal.SIGINT)
        try:
            code = srv.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            code = None
        self.assertEqual(code, 0, "exit code after SIGINT")


if __name__ == "__main__":
    unittest.main()
