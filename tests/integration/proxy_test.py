"""Behind a trusted reverse proxy, readers are told apart by X-Forwarded-For
(issue 3, "honest" visit counter); from anyone else the header is ignored."""

import unittest

import harness
from harness import BOT_UA, BROWSER_UA, ServerTestCase, article_count, card_links


class TrustedProxyTest(ServerTestCase):
    config_text = '[server]\ntrusted_proxies = ["127.0.0.1"]\n'

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        home = harness.request(cls.port, "GET", "/", headers={"User-Agent": BOT_UA})
        cls.hrefs = card_links(home.body.decode("utf-8"))

    def count(self, href):
        return article_count(self.get(href, headers={"User-Agent": BOT_UA}).text)

    def visit(self, href, source, forwarded):
        r = harness.request(self.port, "GET", href, source=source,
                            headers={"User-Agent": BROWSER_UA, "X-Forwarded-For": forwarded})
        self.assertEqual(r.status, 200)

    def test_readers_behind_the_proxy_count_separately(self):
        href = self.hrefs[0]
        before = self.count(href)
        for reader in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
            self.visit(href, "127.0.0.1", reader)
        self.visit(href, "127.0.0.1", "198.51.100.1")  # a repeat
        self.assertEqual(self.count(href), before + 3)

    def test_untrusted_clients_cannot_spoof_readers(self):
        href = self.hrefs[1]
        before = self.count(href)
        for fake in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
            self.visit(href, "127.0.0.77", fake)  # not a trusted proxy
        self.assertEqual(self.count(href), before + 1, "X-Forwarded-For from a non-proxy was believed")


if __name__ == "__main__":
    unittest.main()
