"""What a WordPress import brings to readers (issue 7): sticky articles head
the home page's first page (newest first, not again further down); an
article whose comments are closed shows its comments and says
«التعليقات مغلقة» instead of a form, and refuses a posted comment; pending
and private articles are seen nowhere (article page, lists, feeds, sitemaps,
search, /?p=). The rows are written as the importer would, with db_execute."""

import json
import time
import unittest
import urllib.parse

import harness
from harness import BOT_UA, ServerTestCase, card_links

PENDING_LEGACY_ID, PRIVATE_LEGACY_ID = 9101, 9102


def article_path(slug, published):
    return "/%s/%s/" % (time.strftime("%Y/%m", time.gmtime(published)), slug)


class ImportedContentTest(ServerTestCase):

    @classmethod
    def prepare_data(cls, data_dir):
        rows = harness.db_rows(
            data_dir, "SELECT id, slug, published_at, title FROM articles WHERE status = 'published' "
            "ORDER BY published_at DESC, id DESC")
        # Two sticky articles from further down the list.
        cls.sticky = [rows[14], rows[25]]
        # Hidden from readers: one pending, one private (a password-protected post).
        cls.hidden = [rows[3], rows[17]]
        # Comments closed on an article that has approved comments.
        closed_id = harness.db_rows(
            data_dir, "SELECT a.id FROM articles a WHERE a.status = 'published' AND "
            "a.comment_count > 0 AND a.id NOT IN (?, ?, ?, ?) ORDER BY a.id LIMIT 1",
            tuple(r[0] for r in cls.sticky + cls.hidden))[0][0]
        cls.closed = harness.db_rows(
            data_dir, "SELECT id, slug, published_at, comment_count FROM articles WHERE id = ?",
            (closed_id,))[0]
        harness.db_execute(
            data_dir,
            ("UPDATE articles SET sticky = 1 WHERE id IN (?, ?)", tuple(r[0] for r in cls.sticky)),
            ("UPDATE articles SET status = 'pending', legacy_id = ? WHERE id = ?",
             (PENDING_LEGACY_ID, cls.hidden[0][0])),
            ("UPDATE articles SET status = 'private', legacy_id = ? WHERE id = ?",
             (PRIVATE_LEGACY_ID, cls.hidden[1][0])),
            ("UPDATE articles SET comments_open = 0 WHERE id = ?", (closed_id,)))
        cls.visible_count = len(rows) - 2

    def all_cards(self, base):
        """Card links of every page of a list, in order."""
        out, n = [], 1
        while True:
            path = base if n == 1 else "%spage/%d/" % (base, n)
            r = self.get(path, headers={"User-Agent": BOT_UA})
            if r.status == 404 and n > 1:
                return out
            self.assertEqual(r.status, 200, path)
            out.extend(urllib.parse.unquote(h) for h in card_links(r.text))
            n += 1

    # -- sticky

    def test_sticky_articles_head_the_first_home_page_newest_first(self):
        first = [urllib.parse.unquote(h) for h in card_links(self.page("/"))]
        expected = [article_path(s, p) for _, s, p, _ in self.sticky]  # already newest first
        self.assertEqual(first[:2], expected)
        self.assertEqual(len(first), 12)  # 2 pinned + the usual 10
        every = self.all_cards("/")
        self.assertEqual(len(every), len(set(every)), "an article shown twice")
        self.assertEqual(len(every), self.visible_count)
        for path in expected:
            self.assertEqual(every.count(path), 1)

    def test_sticky_articles_keep_their_place_in_other_lists(self):
        _, slug, published, _ = self.sticky[0]
        cat = harness.db_rows(self.data_dir, "SELECT c.slug FROM categories c JOIN articles a ON "
                                             "a.category_id = c.id WHERE a.slug = ?", (slug,))[0][0]
        cards = self.all_cards("/category/%s/" % urllib.parse.quote(cat))
        dates = harness.db_rows(
            self.data_dir, "SELECT slug, published_at FROM articles a WHERE status = 'published' "
            "AND category_id = (SELECT id FROM categories WHERE slug = ?) "
            "ORDER BY published_at DESC, id DESC", (cat,))
        self.assertEqual(cards, [article_path(s, p) for s, p in dates])

    # -- pending and private

    def test_pending_and_private_articles_are_seen_nowhere(self):
        hidden_paths = [article_path(s, p) for _, s, p, _ in self.hidden]
        for path in hidden_paths:
            r = self.get(urllib.parse.quote(path), headers={"User-Agent": BOT_UA})
            self.assertEqual(r.status, 404, path)
        for legacy in (PENDING_LEGACY_ID, PRIVATE_LEGACY_ID):
            self.assertEqual(self.get("/?p=%d" % legacy, headers={"User-Agent": BOT_UA}).status, 404)
        listed = set(self.all_cards("/"))
        for _, slug, _, _ in self.hidden:
            cat, author = harness.db_rows(
                self.data_dir, "SELECT c.slug, u.slug FROM articles a JOIN categories c ON "
                "c.id = a.category_id JOIN users u ON u.id = a.author_id WHERE a.slug = ?",
                (slug,))[0]
            listed |= set(self.all_cards("/category/%s/" % urllib.parse.quote(cat)))
            listed |= set(self.all_cards("/author/%s/" % urllib.parse.quote(author)))
        for path in hidden_paths:
            self.assertNotIn(path, listed)
        texts = []
        for path in ["/feed/", "/feed/atom/", "/sitemaps/articles-1.xml", "/news-sitemap.xml"]:
            r = self.get(path, headers={"User-Agent": BOT_UA})
            self.assertEqual(r.status, 200, path)
            texts.append(urllib.parse.unquote(r.text))
        for _, slug, _, title in self.hidden:
            for text in texts:
                self.assertNotIn(slug, text)
            # Search by the title it had while published (still in the index
            # until the server's next write): not found.
            r = self.get("/api/v1/search?q=" + urllib.parse.quote(title) + "&per_page=50",
                         headers={"User-Agent": BOT_UA})
            self.assertEqual(r.status, 200)
            found = [x["slug"] for x in json.loads(r.body)["results"]]
            self.assertNotIn(slug, found)

    # -- comments closed

    def closed_path(self):
        _, slug, published, _ = self.closed
        return urllib.parse.quote(article_path(slug, published))

    def test_closed_comments_show_a_note_and_the_old_comments_but_no_form(self):
        page = self.page(self.closed_path())
        self.assertIn("التعليقات مغلقة", page)
        self.assertNotIn("data-comment-form", page)
        self.assertNotIn("?replytocom=", page)
        self.assertEqual(page.count('class="comment"') + page.count('class="comment reply-comment"'),
                         self.closed[3])
        # An open article still has its form and no such note.
        _, slug, published, _ = self.sticky[0]
        other = self.page(urllib.parse.quote(article_path(slug, published)))
        self.assertIn("data-comment-form", other)
        self.assertNotIn("التعليقات مغلقة", other)

    def test_a_comment_posted_to_a_closed_article_is_refused_and_not_stored(self):
        before = harness.db_rows(self.data_dir, "SELECT count(*) FROM comments")[0][0]
        body = urllib.parse.urlencode({"name": "قارئ", "comment": "تعليق على خبر مغلق", "t": "x"})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.origin()}
        r = harness.request(self.port, "POST", self.closed_path() + "comment/", headers=headers,
                            body=body)
        self.assertEqual(r.status, 403)
        self.assertIn("التعليقات مغلقة على هذا المقال", r.text)
        self.assertTrue(r.header("Content-Type").startswith("text/html"))
        headers["Accept"] = "application/json"
        r = harness.request(self.port, "POST", self.closed_path() + "comment/", headers=headers,
                            body=body)
        self.assertEqual(r.status, 403)
        self.assertEqual(json.loads(r.body)["error"], "التعليقات مغلقة على هذا المقال.")
        self.assertEqual(harness.db_rows(self.data_dir, "SELECT count(*) FROM comments")[0][0],
                         before)


if __name__ == "__main__":
    unittest.main()
