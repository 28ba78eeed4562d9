"""Readers' comments (issue 4, "Comments"): the form under each article, the
signed form token (minimum age, forgery), the Origin check, Arabic
validation, the moderation policies, the spam defences (honeypot, duplicates,
per-IP rate limit), moderation from the CLI reaching the cached pages, replies
two levels deep, and durability under kill -9.

Each class runs its own server on a fresh demo data folder; most set
`[comments] min_seconds = 0` so a form can be posted at once. A distinct
reader is a distinct loopback source address (127.1.x.y): the server's rate
limit keys on the socket peer.

    cd tests/integration && JARIDA_BIN=../../build/jarida \
        /usr/bin/python3 -m unittest comments_test -v
"""

import datetime
import itertools
import json
import os
import re
import signal
import sqlite3
import threading
import time
import unittest
import urllib.parse
import uuid
from html.parser import HTMLParser

import harness
from harness import BOT_UA, Server, ServerTestCase, card_links

HELD_NOTICE = '<p class="notice" role="status">تعليقك بانتظار المراجعة</p>'
ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
CLI_TIMEOUT = 30
MODERATION_WAIT = 3.0   # the server notices CLI changes within ~1 s
FORM_CT = "application/x-www-form-urlencoded"


# ---------------------------------------------------------------- helpers

class Clients:
    """Loopback addresses no other test in this process used (127.1.x.y)."""
    _next = itertools.count(1)

    @classmethod
    def take(cls):
        n = next(cls._next)
        return "127.1.%d.%d" % (n // 250, n % 250 + 1)


_serial = itertools.count(1)


def unique_text(prefix="تعليق تجريبي"):
    """A comment body no other post in this process uses (no link markers)."""
    return "%s رقم %d %s" % (prefix, next(_serial), uuid.uuid4().hex[:8])


class CommentForm:
    """The comment form of a page: action and every named field's value."""

    def __init__(self, action, fields, attrs):
        self.action = action
        self.fields = fields      # name -> value (textarea: its text)
        self.attrs = attrs        # name -> dict of the input's attributes

    @property
    def token(self):
        return self.fields.get("t")


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._in = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "data-comment-form" in a:
            self._in = CommentForm(a.get("action"), {}, {})
            self._in.form_attrs = a
            self.forms.append(self._in)
        elif self._in is not None and tag in ("input", "textarea") and a.get("name"):
            self._in.attrs[a["name"]] = a
            self._in.fields[a["name"]] = a.get("value") or ""
            if tag == "textarea":
                self._textarea = a["name"]

    def handle_data(self, data):
        if self._in is not None and self._textarea:
            self._in.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in = None


def comment_forms(html):
    p = _FormParser()
    p.feed(html)
    return p.forms


def comment_ids(html):
    """IDs of the comments shown on an article page, in order."""
    return [int(i) for i in re.findall(r'<article class="[^"]*\bcomment\b[^"]*" id="comment-(\d+)"', html)]


def comment_block(html, cid):
    """The <article ... id="comment-ID"> element of a page (up to its first
    </article>), or None."""
    m = re.search(r'<article class="[^"]*" id="comment-%d">.*?</article>' % cid, html, re.S)
    return m.group(0) if m else None


def latest_comments(html):
    m = re.search(r'<section class="latest-comments".*?</section>', html, re.S)
    if not m:
        raise AssertionError('no <section class="latest-comments"> on the page')
    return m.group(0)


def shown_count(html):
    m = re.search(r'<h2>التعليقات <span class="n">\(([0-9٠-٩]+)\)</span></h2>', html)
    return int(m.group(1)) if m else 0


db_rows = harness.db_rows


def db_count(data_dir):
    return db_rows(data_dir, "SELECT count(*) FROM comments")[0][0]


def db_status_by_body(data_dir, body):
    rows = db_rows(data_dir, "SELECT id, status FROM comments WHERE body = ?", (body,))
    return rows


def cli(args):
    return harness.run_cli(args, timeout=CLI_TIMEOUT)


def wait_until(fn, timeout=MODERATION_WAIT, interval=0.1):
    """Calls fn until it returns a true value or `timeout` passes; returns
    the last value."""
    deadline = time.monotonic() + timeout
    while True:
        v = fn()
        if v or time.monotonic() >= deadline:
            return v
        time.sleep(interval)


def path_of_location(location):
    """(decoded path, query, fragment) of a Location header; fails on a
    non-ASCII Location (it must be percent-encoded)."""
    location.encode("ascii")
    u = urllib.parse.urlsplit(location)
    return urllib.parse.unquote(u.path), u.query, u.fragment


# ---------------------------------------------------------------- base class

class CommentsCase(ServerTestCase):
    """A server plus the helpers to read the form and post it."""

    wait_after_form = 0.0   # seconds between reading the form and posting

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hrefs = []
        for path in ("/", "/page/2/", "/page/3/"):
            r = harness.request(cls.port, "GET", path, headers={"User-Agent": BOT_UA})
            hrefs += card_links(r.body.decode("utf-8"))
        if len(hrefs) < 15:
            raise AssertionError("need 15+ articles on the first list pages, got %d" % len(hrefs))
        cls._unused = hrefs

    def form(self, href, query=""):
        forms = comment_forms(self.page(href, query))
        self.assertEqual(len(forms), 1, "GET %s%s: expected one <form data-comment-form>, got %d"
                         % (href, query, len(forms)))
        return forms[0]

    def post_raw(self, action, body, json_answer=False, source=None, cookie=None, headers=None):
        """POSTs a urlencoded body (str or bytes) to `action`."""
        h = {"Content-Type": FORM_CT, "Origin": self.origin(), "User-Agent": harness.BROWSER_UA}
        if json_answer:
            h["Accept"] = "application/json"
        if cookie:
            h["Cookie"] = cookie
        h.update(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8")
        return harness.request(self.port, "POST", action, headers=h, body=body,
                               source=source or Clients.take())

    def post(self, href, comment=None, name="قارئ", email="", parent=None, website="",
             json_answer=False, source=None, cookie=None, headers=None, form=None, override=None,
             wait=None):
        """Reads the article's form (with ?replytocom=parent when given),
        waits `wait_after_form`, fills it and posts it. Returns (resp, body)."""
        if form is None:
            form = self.form(href, "?replytocom=%d" % parent if parent else "")
        fields = dict(form.fields)
        fields.update(name=name, email=email, comment=comment if comment is not None else unique_text(),
                      website=website)
        if parent is not None and not str(fields.get("parent", "")).strip():
            fields["parent"] = str(parent)
        fields.update(override or {})
        w = self.wait_after_form if wait is None else wait
        if w:
            time.sleep(w)
        resp = self.post_raw(form.action, urllib.parse.urlencode(fields), json_answer=json_answer,
                             source=source, cookie=cookie, headers=headers)
        return resp, fields["comment"]

    # -- answers
    def json_of(self, resp, status, what):
        self.assertStatus(resp, status, what)
        ctype = resp.header("Content-Type", "")
        self.assertIn("application/json", ctype, "%s: Content-Type %r" % (what, ctype))
        try:
            return json.loads(resp.body.decode("utf-8"))
        except ValueError as e:
            self.fail("%s: body is not JSON (%s): %r" % (what, e, resp.body[:300]))

    def assertJsonError(self, resp, status, what):
        o = self.json_of(resp, status, what)
        self.assertIsInstance(o.get("error"), str, "%s: no \"error\" string in %r" % (what, o))
        self.assertIsInstance(o.get("errors"), list, "%s: no \"errors\" list in %r" % (what, o))
        self.assertTrue(o["errors"], "%s: empty \"errors\" list" % what)
        for e in [o["error"]] + o["errors"]:
            self.assertRegex(e, ARABIC_RE, "%s: error message is not Arabic: %r" % (what, e))
        return o

    def assertCreated(self, resp, status, what, href=None):
        """A 201 JSON answer with id/status/message/url; returns it."""
        o = self.json_of(resp, 201, what)
        for k in ("id", "status", "message", "url"):
            self.assertIn(k, o, "%s: 201 answer lacks %r: %r" % (what, k, o))
        self.assertEqual(o["status"], status, "%s: %r" % (what, o))
        self.assertRegex(o["message"], ARABIC_RE, "%s: message not Arabic" % what)
        if href is not None:
            path, _, frag = path_of_location(o["url"])
            self.assertEqual(path, href, "%s: url %r is not the article" % (what, o["url"]))
            want = "comment-%d" % o["id"] if status == "approved" else None
            if want:
                self.assertEqual(frag, want, "%s: url %r" % (what, o["url"]))
        return o

    def assertSeeOther(self, resp, href, which, what):
        """A 303 to the article with ?comment=held#respond or
        ?comment=published#comment-ID; returns the ID (None when held)."""
        self.assertStatus(resp, 303, what)
        loc = resp.header("Location")
        self.assertTrue(loc, "%s: 303 without Location" % what)
        try:
            path, query, frag = path_of_location(loc)
        except UnicodeEncodeError:
            self.fail("%s: Location is not percent-encoded: %r" % (what, loc))
        if path.startswith("http"):
            path = urllib.parse.urlsplit(path).path
        self.assertEqual(path, href, "%s: Location %r does not lead back to the article" % (what, loc))
        self.assertEqual(query, "comment=" + which, "%s: Location %r" % (what, loc))
        if which == "held":
            self.assertEqual(frag, "respond", "%s: Location %r" % (what, loc))
            return None
        m = re.fullmatch(r"comment-(\d+)", frag)
        self.assertTrue(m, "%s: Location %r should end in #comment-ID" % (what, loc))
        return int(m.group(1))

    def assertStored(self, body, status, what):
        rows = db_status_by_body(self.data_dir, body)
        self.assertEqual(len(rows), 1, "%s: expected one stored comment with that body, got %r"
                         % (what, rows))
        self.assertEqual(rows[0][1], status, "%s: stored status" % what)
        return rows[0][0]

    def assertNothingStored(self, before, what):
        self.assertEqual(db_count(self.data_dir), before,
                         "%s: a comment was stored (comments table grew)" % what)

    def moderate(self, verb, *ids):
        p = cli(["comments", verb, "--data", self.data_dir] + [str(i) for i in ids])
        self.assertEqual(p.returncode, 0, "jarida comments %s %s exited %d: %s" % (
            verb, " ".join(map(str, ids)), p.returncode, p.stderr))
        return p

    def wait_shown(self, href, cid, shown=True):
        """Polls the article until comment `cid` is (not) on it; returns the page."""
        last = [None]

        def check():
            last[0] = self.page(href)
            return (cid in comment_ids(last[0])) == shown
        ok = wait_until(check)
        self.assertTrue(ok, "comment %d %s on %s within %.0f s" % (
            cid, "never appeared" if shown else "still shown", href, MODERATION_WAIT))
        return last[0]


# ---------------------------------------------------------------- default settings

class DefaultSettingsTest(CommentsCase):
    """No [comments] section: policy first_comment, min_seconds 3."""

    def test_form_under_article(self):
        href = self.fresh_article()
        f = self.form(href)
        self.assertEqual(f.action, href + "comment/", "form action")
        self.assertEqual(f.form_attrs.get("method", "").lower(), "post")
        for name in ("t", "parent", "website"):
            self.assertIn(name, f.fields, "hidden field %r missing" % name)
        for name in ("t", "parent"):
            self.assertEqual(f.attrs[name].get("type"), "hidden", "%r must be hidden" % name)
        for name in ("name", "email", "comment"):
            self.assertIn(name, f.fields, "field %r missing" % name)
        self.assertEqual(f.attrs["name"].get("maxlength"), "80")
        self.assertEqual(f.attrs["email"].get("maxlength"), "254")
        self.assertEqual(f.attrs["comment"].get("maxlength"), "5000")
        self.assertRegex(f.token or "", r"^\d+\.[A-Za-z0-9_=+/-]+$", "token shape <time>.<mac>")
        self.assertLess(abs(int(f.token.split(".")[0]) - time.time()), 30, "token time is not now")
        self.assertEqual(f.fields["parent"], "")
        self.assertEqual(f.fields["website"], "")

    def test_replytocom_fills_parent(self):
        href = self.fresh_article()
        self.assertEqual(self.form(href, "?replytocom=2").fields["parent"], "2")
        evil = self.form(href, "?replytocom=%22%3E%3Cscript%3Ealert(1)%3C/script%3E")
        self.assertNotIn("<script", evil.fields["parent"])
        self.assertNotIn("<script>alert(1)", self.page(href, "?replytocom=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"))

    def test_held_notice_only_with_parameter(self):
        href = self.fresh_article()
        self.assertIn(HELD_NOTICE, self.page(href, "?comment=held"), "?comment=held shows no notice")
        plain = self.page(href)
        self.assertNotIn(HELD_NOTICE, plain, "notice shown without ?comment=held")
        self.assertNotIn('class="notice"', plain)
        self.assertNotIn("<script>x", self.page(href, "?comment=%3Cscript%3Ex"))

    def test_posting_faster_than_3_seconds_is_refused_then_accepted(self):
        href = self.fresh_article()
        f = self.form(href)
        t0 = int(f.token.split(".")[0])
        before = db_count(self.data_dir)
        resp, body = self.post(href, form=f, json_answer=True)
        self.assertJsonError(resp, 400, "POST right after reading the form (min_seconds 3)")
        self.assertNothingStored(before, "a too-fast post")
        # The token is fresh per request, not frozen in the cached page.
        time.sleep(1.1)
        self.assertNotEqual(self.form(href).token, f.token, "token reused across requests")
        # Past min_seconds the very same form goes through (first comment: held).
        time.sleep(max(0.0, t0 + 3.3 - time.time()))
        resp, _ = self.post(href, form=f, comment=body)
        self.assertSeeOther(resp, href, "held", "POST 3 s after reading the form")
        self.assertStored(body, "pending", "the accepted post")

    def test_default_policy_holds_first_comment_only(self):
        # Both forms read now, one wait for the two posts.
        a, b = self.fresh_article(), self.fresh_article()
        fa, fb = self.form(a), self.form(b)
        time.sleep(3.3)
        email = "default.%s@example.com" % uuid.uuid4().hex[:6]
        resp, first = self.post(a, form=fa, email=email)
        self.assertSeeOther(resp, a, "held", "first comment, default policy")
        cid = self.assertStored(first, "pending", "first comment")
        self.moderate("approve", cid)
        resp, second = self.post(b, form=fb, email=email)
        sid = self.assertSeeOther(resp, b, "published", "second comment by an approved commenter")
        self.assertIn(sid, comment_ids(self.page(b)), "published comment not on the next GET")

    def test_unknown_article_is_404(self):
        href = self.fresh_article()
        f = self.form(href)
        fields = dict(f.fields, name="قارئ", comment=unique_text())
        resp = self.post_raw("/2019/01/no-such-article-here/comment/", urllib.parse.urlencode(fields),
                             json_answer=True)
        self.assertJsonError(resp, 404, "POST to a comment URL of no article")


# ---------------------------------------------------------------- request checks

class RequestChecksTest(CommentsCase):
    """Origin, form token and input validation (policy hold_none)."""
    config_text = '[comments]\npolicy = "hold_none"\nmin_seconds = 0\n'

    def test_same_origin_post_is_accepted(self):
        href = self.fresh_article()
        resp, body = self.post(href, json_answer=True, headers={"Sec-Fetch-Site": "same-origin"})
        o = self.assertCreated(resp, "approved", "same-origin POST", href)
        self.assertEqual(self.assertStored(body, "approved", "same-origin POST"), o["id"])

    def test_foreign_origin_is_403(self):
        href = self.fresh_article()
        cases = [
            ("Origin: http://evil.example", {"Origin": "http://evil.example"}),
            ("Origin: lookalike host", {"Origin": "http://127.0.0.1:%d.evil.example" % self.port}),
            ("Origin: null", {"Origin": "null"}),
            ("Sec-Fetch-Site: cross-site", {"Sec-Fetch-Site": "cross-site"}),
            ("Sec-Fetch-Site: same-site", {"Sec-Fetch-Site": "same-site"}),
        ]
        for what, headers in cases:
            with self.subTest(what):
                before = db_count(self.data_dir)
                resp, _ = self.post(href, json_answer=True, headers=headers)
                self.assertJsonError(resp, 403, what)
                self.assertNothingStored(before, what)
                resp, _ = self.post(href, headers=headers)
                self.assertStatus(resp, 403, what + " (no JS)")
                self.assertNothingStored(before, what + " (no JS)")

    def test_forged_or_garbled_token_is_400(self):
        href, other = self.fresh_article(), self.fresh_article()
        good = self.form(href).token
        t, mac = good.split(".", 1)
        flipped = mac[:-1] + ("A" if mac[-1] != "A" else "B")
        cases = {
            "missing": None,
            "empty": "",
            "garbage": "garbage",
            "time only": t,
            "time and dot": t + ".",
            "mac only": "." + mac,
            "mac changed": t + "." + flipped,
            "time changed": str(int(t) - 100) + "." + mac,
            "token of another article": self.form(other).token,
        }
        for what, token in cases.items():
            with self.subTest(what):
                f = self.form(href)
                fields = dict(f.fields, name="قارئ", comment=unique_text())
                if token is None:
                    del fields["t"]
                else:
                    fields["t"] = token
                before = db_count(self.data_dir)
                resp = self.post_raw(f.action, urllib.parse.urlencode(fields), json_answer=True)
                self.assertJsonError(resp, 400, "token %s" % what)
                self.assertNothingStored(before, "token %s" % what)

    def test_invalid_input_is_400_in_arabic(self):
        href = self.fresh_article()
        long_email = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 58]) + ".com"  # 255
        cases = [
            ("empty name", dict(name="")),
            ("whitespace-only name", dict(name="   ")),
            ("name of 81 characters", dict(name="ن" * 81)),
            ("email a@b", dict(email="a@b")),
            ("email with CRLF Bcc", dict(email="x@y.z\r\nBcc: q@r.s")),
            ("email without @", dict(email="reader.example.com")),
            ("email of 255 characters", dict(email=long_email)),
            ("comment of 1 character", dict(comment="ك")),
            ("empty comment", dict(comment="")),
            ("comment of 5001 characters", dict(comment="ك" * 5001)),
        ]
        self.assertEqual(len(long_email), 255)
        for what, override in cases:
            with self.subTest(what):
                before = db_count(self.data_dir)
                resp, _ = self.post(href, json_answer=True, override=override)
                self.assertJsonError(resp, 400, what)
                self.assertNothingStored(before, what)
                resp, _ = self.post(href, override=override)
                self.assertStatus(resp, 400, what + " (no JS)")
                self.assertRegex(resp.text, ARABIC_RE, what + ": no-JS error page has no Arabic")
                self.assertNothingStored(before, what + " (no JS)")

    def test_invalid_utf8_is_400(self):
        href = self.fresh_article()
        for field in ("name", "comment", "email"):
            with self.subTest(field=field):
                f = self.form(href)
                fields = dict(f.fields, name="قارئ", comment=unique_text(), email="")
                del fields[field]
                body = urllib.parse.urlencode(fields) + "&%s=%%ff%%fe%%c3" % field
                if field == "comment":
                    body = urllib.parse.urlencode(fields) + "&comment=" + \
                        urllib.parse.quote(unique_text()) + "%ff"
                before = db_count(self.data_dir)
                resp = self.post_raw(f.action, body, json_answer=True)
                self.assertJsonError(resp, 400, "invalid UTF-8 in %s" % field)
                self.assertNothingStored(before, "invalid UTF-8 in %s" % field)

    def test_limits_count_characters_not_bytes(self):
        href = self.fresh_article()
        tld_email = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 57]) + ".com"  # 254
        self.assertEqual(len(tld_email), 254)
        cases = [
            ("Arabic name of 80 characters", dict(name="ن" * 80)),
            ("comment of 2 characters", dict(comment="شك")),
            ("Arabic comment of 5000 characters", dict(comment="ب" * 4990 + uuid.uuid4().hex[:10])),
            ("email of 254 characters", dict(email=tld_email)),
        ]
        for what, override in cases:
            with self.subTest(what):
                resp, _ = self.post(href, json_answer=True, override=override)
                self.assertCreated(resp, "approved", what, href)


# ---------------------------------------------------------------- hold_none

class HoldNoneTest(CommentsCase):
    config_text = ('[comments]\npolicy = "hold_none"\nmin_seconds = 0\n'
                   'blocklist = ["كازينو", "viagra"]\n')

    def test_published_at_once_without_js(self):
        href, elsewhere = self.fresh_article(), self.fresh_article()
        count0 = shown_count(self.page(href))
        self.page(elsewhere)  # cached before the post
        body = unique_text("رأيي في الخبر")
        resp, _ = self.post(href, comment=body, name="منى")
        cid = self.assertSeeOther(resp, href, "published", "hold_none post")
        self.assertEqual(self.assertStored(body, "approved", "hold_none post"), cid)
        cookie = resp.header("Set-Cookie") or ""
        self.assertRegex(cookie, r"^jarida_c=[^;\s]+", "Set-Cookie %r" % cookie)
        self.assertRegex(cookie, r"(?i);\s*HttpOnly", "Set-Cookie %r" % cookie)
        self.assertRegex(cookie, r"(?i);\s*SameSite=Lax", "Set-Cookie %r" % cookie)
        page = self.page(href)  # the very next GET, no waiting
        self.assertIn(cid, comment_ids(page), "published comment not on the next GET of the article")
        self.assertIn(body, comment_block(page, cid))
        self.assertEqual(shown_count(page), count0 + 1, "comment count on the article")
        for where in (href, elsewhere, "/"):
            latest = latest_comments(self.page(where))
            self.assertIn("#comment-%d" % cid, latest, "latest comments on %s lack the comment" % where)
            self.assertIn(body[:20], latest)
            self.assertIn("منى", latest)

    def test_list_cards_show_the_live_comment_count(self):
        # The home page is cached before the post; its card for the article
        # must show the new count on the next GET (a live slot, issue 4).
        import re as _re
        home = self.page("/")
        cards = _re.findall(r'<h2><a href="([^"]+)">.*?<span class="n">(\d+)</span>', home, _re.S)
        self.assertTrue(cards, "no comment count on the home page cards")
        href, before = cards[0][0], int(cards[0][1])
        resp, _ = self.post(href)
        self.assertSeeOther(resp, href, "published", "hold_none post")
        after = dict(_re.findall(r'<h2><a href="([^"]+)">.*?<span class="n">(\d+)</span>',
                                 self.page("/"), _re.S))
        self.assertEqual(int(after[href]), before + 1, "home card comment count after a post")

    def test_published_with_json(self):
        href = self.fresh_article()
        resp, body = self.post(href, json_answer=True)
        o = self.assertCreated(resp, "approved", "hold_none JSON post", href)
        self.assertIn(o["id"], comment_ids(self.page(href)))

    def test_text_is_escaped_and_line_breaks_kept(self):
        href = self.fresh_article()
        tag = uuid.uuid4().hex[:8]
        body = "<script>alert('%s')</script> سطر أول\r\nسطر ثانٍ & <b>غامق</b>" % tag
        resp, _ = self.post(href, comment=body, name="<i>%s</i>" % tag, json_answer=True)
        o = self.assertCreated(resp, "approved", "HTML in a comment", href)
        block = comment_block(self.page(href), o["id"])
        self.assertIsNotNone(block)
        self.assertNotIn("<script>", block, "comment text not escaped")
        self.assertNotIn("<b>غامق", block)
        self.assertNotIn("<i>%s" % tag, block, "name not escaped")
        self.assertIn("&lt;script&gt;", block)
        stored = db_rows(self.data_dir, "SELECT body FROM comments WHERE id = ?", (o["id"],))
        self.assertIn("سطر أول\nسطر ثانٍ", stored[0][0], "line break not stored")
        # A newline in a white-space: pre-line paragraph, a <br> or a new <p>.
        self.assertRegex(block, r"سطر أول[ \t]*(\n|&#10;|&#x0*[aA];|<br\s*/?>|</p>\s*<p[^>]*>)\s*سطر ثانٍ",
                         "line break of the comment not kept on the page: %r" % block)
        self.assertNotIn("<script>alert('%s')" % tag, latest_comments(self.page("/")))

    def test_links_are_nofollow_ugc(self):
        href = self.fresh_article()
        body = "التفاصيل هنا https://example.com/a?b=1&c=2 و javascript:alert(1) " + uuid.uuid4().hex[:6]
        resp, _ = self.post(href, comment=body, json_answer=True)
        o = self.assertCreated(resp, "approved", "a comment with one link", href)
        block = comment_block(self.page(href), o["id"])
        self.assertIn("example.com/a", block)
        for a in re.findall(r"<a\b[^>]*>", block):
            if 'class="reply"' in a:
                continue
            self.assertRegex(a, r'rel="[^"]*\bnofollow\b', "link without nofollow: %s" % a)
            self.assertRegex(a, r'rel="[^"]*\bugc\b', "link without ugc: %s" % a)
            self.assertNotRegex(a, r'(?i)href="\s*javascript:', "javascript: linked: %s" % a)

    def test_more_than_two_links_are_held(self):
        href = self.fresh_article()
        cases = [
            ("two links", "انظر http://a.example و https://b.example", "approved"),
            ("three links", "انظر http://a.example و https://b.example و www.c.example", "pending"),
            ("three www links", "www.a.example www.b.example www.c.example", "pending"),
        ]
        for what, text, want in cases:
            with self.subTest(what):
                resp, body = self.post(href, comment=text + " " + uuid.uuid4().hex[:6], json_answer=True)
                o = self.assertCreated(resp, want, what)
                self.assertEqual(self.assertStored(body, want, what), o["id"])
                self.assertEqual(o["id"] in comment_ids(self.page(href)), want == "approved",
                                 "%s: shown on the page" % what)

    def test_blocklisted_words_are_held(self):
        href = self.fresh_article()
        for what, text in (("Arabic word", "أفضل كازينو في المدينة"),
                           ("Latin word, other case", "cheap VIAGRA here"),
                           ("clean text", "خبر مفيد جداً")):
            with self.subTest(what):
                want = "approved" if what == "clean text" else "pending"
                resp, body = self.post(href, comment=text + " " + uuid.uuid4().hex[:6], json_answer=True)
                self.assertCreated(resp, want, what)
                self.assertStored(body, want, what)


# ---------------------------------------------------------------- first_comment

class FirstCommentPolicyTest(CommentsCase):
    config_text = '[comments]\npolicy = "first_comment"\nmin_seconds = 0\n'

    def test_first_held_then_same_email_published(self):
        a, b = self.fresh_article(), self.fresh_article()
        email = "reader.%s@example.com" % uuid.uuid4().hex[:6]
        resp, first = self.post(a, email=email)
        self.assertSeeOther(resp, a, "held", "first comment")
        cid = self.assertStored(first, "pending", "first comment")
        self.assertNotIn(cid, comment_ids(self.page(a)), "a held comment is shown")
        self.assertIn(HELD_NOTICE, self.page(a, "?comment=held"))
        # Still unapproved: a second comment is held too.
        resp, second = self.post(b, email=email)
        self.assertSeeOther(resp, b, "held", "second comment before any approval")
        self.moderate("approve", cid)
        self.wait_shown(a, cid)
        # Approved: same email, no cookie, another address: published at once.
        resp, third = self.post(b, email=email)
        tid = self.assertSeeOther(resp, b, "published", "comment by an approved email")
        self.assertEqual(self.assertStored(third, "approved", "third comment"), tid)
        self.assertIn(tid, comment_ids(self.page(b)))
        self.assertNotIn(email, self.page(b), "the email is shown publicly")

    def test_cookie_marks_an_approved_commenter(self):
        href = self.fresh_article()
        resp, first = self.post(href)
        self.assertSeeOther(resp, href, "held", "first comment without email")
        set_cookie = resp.header("Set-Cookie") or ""
        m = re.match(r"(jarida_c=[^;\s]+)", set_cookie)
        self.assertTrue(m, "no jarida_c cookie: %r" % set_cookie)
        cookie = m.group(1)
        self.moderate("approve", self.assertStored(first, "pending", "first comment"))
        resp, _ = self.post(href, cookie=cookie, json_answer=True)
        self.assertCreated(resp, "approved", "with the approved commenter's cookie", href)
        # Without the cookie (and no email): a stranger again.
        resp, _ = self.post(href, json_answer=True)
        self.assertCreated(resp, "pending", "no cookie, no email")
        # A tampered cookie is not trusted.
        name, value = cookie.split("=", 1)
        tampered = "%s=%s%s" % (name, value[:-1], "A" if value[-1] != "A" else "B")
        resp, _ = self.post(href, cookie=tampered, json_answer=True)
        self.assertCreated(resp, "pending", "tampered cookie")

    def test_json_held_answer(self):
        href = self.fresh_article()
        resp, body = self.post(href, json_answer=True)
        o = self.assertCreated(resp, "pending", "first comment, JSON", href)
        self.assertEqual(self.assertStored(body, "pending", "JSON"), o["id"])
        self.assertIn("بانتظار المراجعة", o["message"])


class HoldAllTest(CommentsCase):
    config_text = '[comments]\npolicy = "hold_all"\nmin_seconds = 0\n'

    def test_even_an_approved_commenter_is_held(self):
        href = self.fresh_article()
        email = "always.%s@example.com" % uuid.uuid4().hex[:6]
        resp, first = self.post(href, email=email)
        self.assertSeeOther(resp, href, "held", "first comment")
        cookie = re.match(r"(jarida_c=[^;\s]+)", resp.header("Set-Cookie") or "")
        cid = self.assertStored(first, "pending", "first comment")
        self.moderate("approve", cid)
        self.wait_shown(href, cid)
        resp, second = self.post(href, email=email, cookie=cookie.group(1) if cookie else None)
        self.assertSeeOther(resp, href, "held", "hold_all, approved commenter")
        self.assertStored(second, "pending", "hold_all second comment")


# ---------------------------------------------------------------- spam defences

class SpamDefenceTest(CommentsCase):
    config_text = '[comments]\npolicy = "hold_none"\nmin_seconds = 0\n'

    def test_honeypot_answers_held_and_stores_nothing(self):
        href = self.fresh_article()
        before = db_count(self.data_dir)
        resp, body = self.post(href, website="http://spam.example")
        self.assertSeeOther(resp, href, "held", "honeypot filled (no JS)")
        resp, body2 = self.post(href, website="x", json_answer=True)
        o = self.json_of(resp, 201, "honeypot filled (JSON)")
        self.assertEqual(o.get("status"), "pending", "honeypot filled (JSON): %r" % o)
        self.assertNothingStored(before, "honeypot")
        listing = cli(["comments", "list", "--data", self.data_dir]).stdout
        self.assertNotIn(body[:30], listing)
        self.assertNotIn(body2[:30], listing)

    def test_honeypot_answer_looks_like_a_real_held_one(self):
        # A really held comment (too many links) from a new reader, with and
        # without JS, against the same with the honeypot filled.
        href = self.fresh_article()
        held = lambda: "a http://a.b http://c.d http://e.f " + uuid.uuid4().hex
        real_json, _ = self.post(href, comment=held(), json_answer=True)
        real = self.assertCreated(real_json, "pending", "a really held comment (JSON)")
        bot_json, _ = self.post(href, comment=held(), website="x", json_answer=True)
        bot = self.json_of(bot_json, 201, "honeypot filled (JSON)")
        real_303, _ = self.post(href, comment=held())
        bot_303, _ = self.post(href, comment=held(), website="x")
        problems = []
        if sorted(bot) != sorted(real):
            problems.append("JSON keys differ: honeypot %r vs real held %r" % (bot, real))
        if bot_303.header("Location") != real_303.header("Location"):
            problems.append("Location differs: honeypot %r vs real held %r" % (
                bot_303.header("Location"), real_303.header("Location")))
        if (bot_303.header("Set-Cookie") is None) != (real_303.header("Set-Cookie") is None):
            problems.append("Set-Cookie differs: honeypot %r vs real held %r" % (
                bot_303.header("Set-Cookie"), real_303.header("Set-Cookie")))
        if problems:
            self.fail("a bot can tell the honeypot answer from a real held one:\n  "
                      + "\n  ".join(problems))

    def test_duplicate_body_is_409(self):
        href, other = self.fresh_article(), self.fresh_article()
        body = unique_text("تعليق مكرر")
        resp, _ = self.post(href, comment=body, json_answer=True)
        self.assertCreated(resp, "approved", "first post", href)
        before = db_count(self.data_dir)
        resp, _ = self.post(href, comment=body, name="شخص آخر", json_answer=True)
        self.assertJsonError(resp, 409, "the same body on the same article again")
        resp, _ = self.post(href, comment=body, name="شخص آخر")
        self.assertStatus(resp, 409, "the same body again (no JS)")
        self.assertNothingStored(before, "duplicate")
        resp, _ = self.post(other, comment=body, json_answer=True)
        self.assertCreated(resp, "approved", "the same body on another article", other)

    def test_rate_limit_per_ip(self):
        ip, other_ip = Clients.take(), Clients.take()
        hrefs = [self.fresh_article() for _ in range(2)]
        for i in range(5):
            resp, _ = self.post(hrefs[i % 2], source=ip, json_answer=True)
            self.assertCreated(resp, "approved", "comment %d of 5 from %s" % (i + 1, ip))
        before = db_count(self.data_dir)
        resp, _ = self.post(hrefs[0], source=ip, json_answer=True)
        self.assertJsonError(resp, 429, "6th comment in 10 minutes from %s" % ip)
        resp, _ = self.post(hrefs[1], source=ip)
        self.assertStatus(resp, 429, "7th comment from %s (no JS)" % ip)
        # No trusted proxies configured: X-Forwarded-For must not buy a new quota.
        resp, _ = self.post(hrefs[0], source=ip, json_answer=True,
                            headers={"X-Forwarded-For": "203.0.113.%d" % (time.time_ns() % 200 + 1)})
        self.assertJsonError(resp, 429, "8th comment from %s with a made-up X-Forwarded-For" % ip)
        self.assertNothingStored(before, "over the rate limit")
        resp, _ = self.post(hrefs[0], source=other_ip, json_answer=True)
        self.assertCreated(resp, "approved", "another address is not limited")

    def test_rate_limit_holds_under_concurrent_posts(self):
        ip = Clients.take()
        href = self.fresh_article()
        form = self.form(href)
        results, errors = [], []

        def one():
            try:
                resp, _ = self.post(href, form=form, source=ip, json_answer=True)
                results.append(resp.status)
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(repr(e))

        threads = [threading.Thread(target=one) for _ in range(15)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
        self.assertFalse(errors, errors)
        self.assertEqual(sorted(results), [201] * 5 + [429] * 10,
                         "15 simultaneous posts from one address (limit 5): %r" % sorted(results))


# ---------------------------------------------------------------- moderation

class ModerationTest(CommentsCase):
    config_text = '[comments]\npolicy = "hold_all"\nmin_seconds = 0\n'

    def list_rows(self, status=None):
        args = ["comments", "list", "--data", self.data_dir]
        if status:
            args += ["--status", status]
        p = cli(args)
        self.assertEqual(p.returncode, 0, "jarida %s: %s" % (" ".join(args), p.stderr))
        rows = [line.split("\t") for line in p.stdout.splitlines() if line.strip()]
        for r in rows:
            self.assertEqual(len(r), 6, "list line is not 6 tab-separated fields: %r" % (r,))
        return rows

    def test_list_format_and_status_filter(self):
        href = self.fresh_article()
        body = unique_text("نص طويل للتعليق يتجاوز بداية السطر " * 3)
        resp, _ = self.post(href, comment=body, name="سعاد")
        self.assertSeeOther(resp, href, "held", "hold_all post")
        cid = self.assertStored(body, "pending", "hold_all post")
        rows = {int(r[0]): r for r in self.list_rows("pending")}
        self.assertIn(cid, rows, "pending comment not in `comments list --status pending`")
        _, status, when, name, path, start = rows[cid]
        self.assertEqual(status, "pending")
        t = datetime.datetime.fromisoformat(when.replace("Z", "+00:00"))
        if t.tzinfo is None:
            t = t.replace(tzinfo=datetime.timezone.utc)
        self.assertLess(abs(t.timestamp() - time.time()), 120, "time %r is not now" % when)
        self.assertEqual(name, "سعاد")
        self.assertEqual(urllib.parse.unquote(path), href, "article path")
        self.assertTrue(start.strip() and body.startswith(start.rstrip("…. ").strip()),
                        "%r is not the start of the comment" % start)
        self.assertIn(cid, {int(r[0]) for r in self.list_rows()}, "not in the unfiltered list")
        self.assertNotIn(cid, {int(r[0]) for r in self.list_rows("approved")})
        self.moderate("approve", cid)
        self.assertIn(cid, {int(r[0]) for r in self.list_rows("approved")})
        self.assertNotIn(cid, {int(r[0]) for r in self.list_rows("pending")})
        for st in ("spam", "trash"):
            self.moderate(st, cid)
            self.assertEqual({int(r[0]): r[1] for r in self.list_rows(st)}.get(cid), st)

    def test_unknown_id_fails(self):
        for verb in ("approve", "spam", "trash"):
            p = cli(["comments", verb, "--data", self.data_dir, "987654"])
            self.assertNotEqual(p.returncode, 0, "jarida comments %s of an unknown ID exited 0" % verb)
        p = cli(["comments", "list", "--data", self.data_dir, "--status", "bogus"])
        self.assertNotEqual(p.returncode, 0, "an unknown --status was accepted")

    def test_approve_spam_trash_update_pages(self):
        href, elsewhere = self.fresh_article(), self.fresh_article()
        body = unique_text("تعليق للمراجعة")
        resp, _ = self.post(href, comment=body, name="هالة")
        self.assertSeeOther(resp, href, "held", "hold_all post")
        cid = self.assertStored(body, "pending", "hold_all post")
        count0 = shown_count(self.page(href))
        self.assertNotIn("#comment-%d" % cid, latest_comments(self.page(elsewhere)))
        self.assertNotIn(body[:20], latest_comments(self.page("/")), "a held comment in latest comments")

        def in_latest(where):
            return lambda: "#comment-%d" % cid in latest_comments(self.page(where))

        self.moderate("approve", cid)
        page = self.wait_shown(href, cid)
        self.assertIn(body, comment_block(page, cid))
        self.assertEqual(shown_count(page), count0 + 1, "comment count after approval")
        for where in (elsewhere, "/"):
            self.assertTrue(wait_until(in_latest(where)),
                            "approved comment not in latest comments on %s within %.0f s"
                            % (where, MODERATION_WAIT))
            latest = latest_comments(self.page(where))
            self.assertIn(body[:20], latest, "latest comments lack the start of the text")
            self.assertIn("هالة", latest)
        for verb in ("spam", "trash"):
            with self.subTest(verb):
                self.moderate(verb, cid)
                page = self.wait_shown(href, cid, shown=False)
                self.assertEqual(shown_count(page), count0, "comment count after %s" % verb)
                for where in (elsewhere, "/"):
                    self.assertTrue(wait_until(lambda: not in_latest(where)()),
                                    "comment marked %s still in latest comments on %s" % (verb, where))
                self.moderate("approve", cid)
                self.wait_shown(href, cid)

    def test_replies_two_levels(self):
        href, other = self.fresh_article(), self.fresh_article()
        resp, top = self.post(href, json_answer=True)
        pid = self.assertCreated(resp, "pending", "top-level comment")["id"]
        # No replies to a comment that is not shown.
        resp, _ = self.post(href, parent=pid, json_answer=True)
        self.assertJsonError(resp, 400, "reply to a pending comment")
        self.moderate("approve", pid)
        self.wait_shown(href, pid)
        page = self.page(href)
        self.assertIn('href="?replytocom=%d#respond"' % pid, page, "no reply link on the comment")
        f = self.form(href, "?replytocom=%d" % pid)
        self.assertEqual(f.fields.get("parent"), str(pid), "?replytocom did not fill parent")
        resp, reply = self.post(href, form=f)
        self.assertSeeOther(resp, href, "held", "reply")
        rid = self.assertStored(reply, "pending", "reply")
        self.moderate("approve", rid)
        page = self.wait_shown(href, rid)
        m = re.search(r'<article class="([^"]*)" id="comment-%d"' % rid, page)
        self.assertIn("reply-comment", m.group(1).split(), "reply without class reply-comment")
        ids = comment_ids(page)
        self.assertEqual(ids[ids.index(pid) + 1], rid, "reply is not right after its parent: %r" % ids)
        self.assertNotIn("?replytocom=%d" % rid, page, "a reply offers a reply link (3 levels)")
        # Reply to a reply, or to a comment of another article: refused.
        before = db_count(self.data_dir)
        resp, _ = self.post(href, parent=rid, json_answer=True)
        self.assertJsonError(resp, 400, "reply to a reply")
        resp, _ = self.post(href, parent=rid)
        self.assertStatus(resp, 400, "reply to a reply (no JS)")
        resp, _ = self.post(other, parent=pid, json_answer=True)
        self.assertJsonError(resp, 400, "reply to a comment of another article")
        resp, _ = self.post(href, parent=None, override={"parent": "abc"}, json_answer=True)
        self.assertJsonError(resp, 400, "parent not a number")
        self.assertNothingStored(before, "refused replies")

    def test_orphaned_reply_offers_no_dead_reply_link(self):
        # A reply whose parent is later trashed: if the page offers a reply
        # link on it, a reply through that link must be accepted.
        href = self.fresh_article()
        resp, _ = self.post(href, json_answer=True)
        pid = self.assertCreated(resp, "pending", "top-level comment")["id"]
        self.moderate("approve", pid)
        self.wait_shown(href, pid)
        resp, _ = self.post(href, parent=pid, json_answer=True)
        rid = self.assertCreated(resp, "pending", "reply")["id"]
        self.moderate("approve", rid)
        self.wait_shown(href, rid)
        self.moderate("trash", pid)
        page = self.wait_shown(href, pid, shown=False)
        if "?replytocom=%d" % rid not in page:
            return  # no reply link on the orphan: fine
        f = self.form(href, "?replytocom=%d" % rid)
        resp, _ = self.post(href, form=f, json_answer=True)
        self.assertEqual(resp.status, 201,
                         "comment %d (a reply whose parent %d was trashed) is shown with a reply "
                         "link ?replytocom=%d, but posting through it gives %d %s"
                         % (rid, pid, rid, resp.status, resp.body.decode("utf-8", "replace")))


# ---------------------------------------------------------------- durability

class KillDashNineTest(unittest.TestCase):
    """Once the reader has the 303, the comment survives kill -9 of the
    server right after: 50 trials, each on a fresh server process."""

    TRIALS = 50
    BUDGET = 75.0   # seconds for all trials

    def setUp(self):
        self.server = None

    def tearDown(self):
        if self.server is not None:
            self.server.kill()

    def test_comment_survives_sigkill_after_303(self):
        data = harness.demo_data_dir()
        with open(os.path.join(data, "jarida.toml"), "w", encoding="utf-8") as f:
            f.write('[comments]\npolicy = "hold_none"\nmin_seconds = 0\n')
        href = None
        bodies = []
        t_start = time.monotonic()
        for trial in range(self.TRIALS):
            self.assertLess(time.monotonic() - t_start, self.BUDGET,
                            "only %d of %d trials in %.0f s" % (trial, self.TRIALS, self.BUDGET))
            self.server = srv = Server(data).start()
            if href is None:
                href = card_links(harness.request(srv.port, "GET", "/",
                                                  headers={"User-Agent": BOT_UA}).text)[0]
            page = harness.request(srv.port, "GET", href, headers={"User-Agent": BOT_UA})
            self.assertEqual(page.status, 200)
            form = comment_forms(page.text)[0]
            body = unique_text("تعليق الصمود %d" % trial)
            fields = dict(form.fields, name="قارئ", email="", comment=body, website="")
            payload = urllib.parse.urlencode(fields).encode()
            target = harness.quote_lower(form.action)
            req = ("POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: http://127.0.0.1:%d\r\n"
                   "User-Agent: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
                   "Connection: close\r\n\r\n" % (target, srv.port, srv.port, harness.BROWSER_UA,
                                                  FORM_CT, len(payload))).encode() + payload
            sock = harness.raw_connect(srv.port, source=Clients.take())
            try:
                sock.sendall(req)
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = sock.recv(4096)
                    if not chunk:
                        break
                    head += chunk
                # The status line is in: kill at once.
                os.kill(srv.proc.pid, signal.SIGKILL)
            finally:
                sock.close()
            srv.kill()
            self.server = None
            self.assertRegex(head[:12].decode("latin-1"), r"^HTTP/1\.[01] 303",
                             "trial %d: answer %r" % (trial, head[:200]))
            bodies.append(body)
        # A read-write connection: it recovers the WAL as the next server would.
        con = sqlite3.connect(os.path.join(data, "jarida.db"), timeout=5)
        try:
            integrity = con.execute("PRAGMA integrity_check").fetchall()
            stored = {r[0] for r in con.execute("SELECT body FROM comments")}
        finally:
            con.close()
        lost = [b for b in bodies if b not in stored]
        self.assertEqual(lost, [], "%d of %d comments lost after kill -9: %r" % (
            len(lost), len(bodies), lost[:5]))
        self.assertEqual(integrity, [("ok",)], "PRAGMA integrity_check after %d kills" % len(bodies))

if __name__ == "__main__":
    unittest.main()
