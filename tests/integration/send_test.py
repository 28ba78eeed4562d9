"""Send to a friend (issue 4, "ارسل الى صديق"): the mail that reaches a real
SMTP server (tests/mail/smtp_sink.py on Debian's python3-aiosmtpd), decoded
with Python's `email` parser; header injection and bad input queue nothing;
the per-IP, per-recipient and site-wide limits under a flood of requests; a
mail queued while the SMTP server is down arrives once it is up; the button
and endpoint without [smtp]; the Origin and token checks.

Each class runs its own server on a fresh demo data folder with
`[comments] min_seconds = 0` (the send form shares that setting) unless it
says otherwise. A distinct reader is a distinct loopback source address
(127.5.x.y): the server's limits key on the socket peer.

    cd tests/integration && JARIDA_BIN=../../build/jarida \
        /usr/bin/python3 -m unittest send_test -v
"""

import concurrent.futures
import email
import email.header
import email.policy
import email.utils
import html
import itertools
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
import unittest
import urllib.parse
import uuid
from html.parser import HTMLParser

import harness
from harness import BOT_UA, Server, ServerTestCase, card_links

SITE_NAME = "جريدة الاختبار اليومية"
FROM_ADDRESS = "news@example.com"
SINK = os.path.join(harness.REPO, "tests", "mail", "smtp_sink.py")
SYSTEM_PYTHON = "/usr/bin/python3"
FORM_CT = "application/x-www-form-urlencoded"
ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
SUBJECT_MIDDLE = " يرسل إليك: "
DONE_NOTICE = '<p class="notice" role="status">أرسلنا المقال إلى صديقك.</p>'
MAIL_WAIT = 10.0        # the worker sends at once when mail is queued
NOTHING_WAIT = 2.0      # how long "no mail arrives" is watched


# ---------------------------------------------------------------- helpers

class Clients:
    """Loopback addresses no other request in this process used (127.5.x.y)."""
    _next = itertools.count(1)

    @classmethod
    def take(cls):
        n = next(cls._next)
        return "127.5.%d.%d" % (n // 250, n % 250 + 1)


def unique_address(prefix="friend"):
    return "%s-%s@example.org" % (prefix, uuid.uuid4().hex[:10])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(fn, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while True:
        v = fn()
        if v or time.monotonic() >= deadline:
            return v
        time.sleep(interval)


db_rows = harness.db_rows


def outbox_count(data_dir):
    return db_rows(data_dir, "SELECT count(*) FROM mail_outbox")[0][0]


def set_key(text, section, key, value):
    """Replaces `key = ...` inside [section] of a jarida.toml text (the key
    must already be there: TOML forbids defining a table twice)."""
    m = re.search(r"(?ms)^\[%s\]\n(.*?)(?=^\[|\Z)" % re.escape(section), text)
    if not m:
        raise AssertionError("no [%s] in jarida.toml" % section)
    body, n = re.subn(r"(?m)^%s = .*$" % re.escape(key), "%s = %s" % (key, value),
                      m.group(1), count=1)
    if n != 1:
        raise AssertionError("no %s in [%s] of jarida.toml" % (key, section))
    return text[:m.start(1)] + body + text[m.end(1):]


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


class SendForm:
    def __init__(self, action, fields):
        self.action = action
        self.fields = fields

    @property
    def token(self):
        return self.fields.get("t")


class _SendFormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.buttons = 0
        self.dialogs = 0
        self._in = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "data-send-form" in a:
            self._in = SendForm(a.get("action"), {})
            self.forms.append(self._in)
        elif self._in is not None and tag == "input" and a.get("name"):
            self._in.fields[a["name"]] = a.get("value") or ""
        elif tag == "button" and "send-friend" in (a.get("class") or "").split():
            self.buttons += 1
        elif tag == "dialog" and a.get("id") == "send-friend":
            self.dialogs += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self._in = None


def parse_send(html_text):
    p = _SendFormParser()
    p.feed(html_text)
    return p


class Sink:
    """tests/mail/smtp_sink.py in a folder of its own: every message it
    receives is DIR/N.eml."""

    def __init__(self, port=None):
        self.dir = harness.new_dir("sink-")
        args = [SYSTEM_PYTHON, SINK, self.dir]
        if port is not None:
            args += ["--port", str(port)]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        port_file = os.path.join(self.dir, "port")
        if not wait_until(lambda: os.path.exists(port_file) or self.proc.poll() is not None, 10):
            self.stop()
            raise RuntimeError("smtp_sink.py did not start within 10 s")
        if not os.path.exists(port_file):
            err = self.proc.stderr.read().decode("utf-8", "replace")
            raise RuntimeError("smtp_sink.py exited %s: %s" % (self.proc.returncode, err))
        with open(port_file) as f:
            self.port = int(f.read())

    def files(self):
        return sorted(f for f in os.listdir(self.dir) if f.endswith(".eml"))

    def messages(self):
        out = []
        for name in self.files():
            with open(os.path.join(self.dir, name), "rb") as f:
                raw = f.read()
            out.append((raw, email.message_from_bytes(raw, policy=email.policy.default)))
        return out

    def mails_to(self, address):
        return [(raw, m) for raw, m in self.messages()
                if any(a.addr_spec.lower() == address.lower()
                       for a in (m["to"].addresses if m["to"] else ()))]

    def wait_mail(self, address, timeout=MAIL_WAIT):
        got = wait_until(lambda: self.mails_to(address), timeout)
        return got[0] if got else None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        for f in (self.proc.stdin, self.proc.stderr):
            try:
                f.close()
            except Exception:
                pass


def all_defects(msg):
    out = []
    for part in msg.walk():
        out += [repr(d) for d in part.defects]
        for name, value in part.items():
            out += ["%s: %r" % (name, d) for d in getattr(value, "defects", ())]
    return out


def header_block(raw):
    """The message's own header block (without the sink's X-Envelope lines)."""
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0].decode("ascii", "replace")
    return head


def envelope_rcpts(raw):
    return re.findall(r"(?m)^X-Envelope-To: (.*?)\r?$", header_block(raw))


def bodies(msg):
    return (msg.get_body(("plain",)).get_content(),
            msg.get_body(("html",)).get_content())


def subject_name(msg):
    subject = str(msg["subject"])
    if SUBJECT_MIDDLE not in subject:
        raise AssertionError("subject %r lacks %r" % (subject, SUBJECT_MIDDLE))
    return subject.split(SUBJECT_MIDDLE, 1)[0]


# ---------------------------------------------------------------- base class

class SendCase(ServerTestCase):
    """A server whose [smtp] points at `smtp_port` (a running sink unless a
    class says otherwise), plus helpers to read the form and post it."""

    start_sink = True
    smtp_host = "127.0.0.1"
    min_seconds = 0
    limits = {}           # [send_to_friend] key -> value
    smtp_port = None      # set by setUpClass
    sink = None

    @classmethod
    def setUpClass(cls):
        cls.sink = None
        if cls.start_sink:
            cls.sink = Sink()
            cls.smtp_port = cls.sink.port
        else:
            cls.smtp_port = free_port()
        try:
            super().setUpClass()
            hrefs = []
            for path in ("/", "/page/2/"):
                r = harness.request(cls.port, "GET", path, headers={"User-Agent": BOT_UA})
                hrefs += card_links(r.body.decode("utf-8"))
            if len(hrefs) < 8:
                raise AssertionError("need 8+ articles on the first list pages, got %d" % len(hrefs))
            cls._unused = hrefs
        except BaseException:
            if cls.sink:
                cls.sink.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            if cls.sink:
                cls.sink.stop()

    @classmethod
    def prepare_data(cls, data_dir):
        path = os.path.join(data_dir, "jarida.toml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = set_key(text, "site", "name", toml_str(SITE_NAME))
        text = set_key(text, "comments", "min_seconds", str(cls.min_seconds))
        text = set_key(text, "smtp", "host", toml_str(cls.smtp_host))
        text = set_key(text, "smtp", "port", str(cls.smtp_port))
        text = set_key(text, "smtp", "security", '"none"')
        text = set_key(text, "smtp", "from_address",
                       toml_str(FROM_ADDRESS if cls.smtp_host else ""))
        for k, v in cls.limits.items():
            text = set_key(text, "send_to_friend", k, str(v))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def base_url(self):
        with open(os.path.join(self.data_dir, "jarida.toml"), encoding="utf-8") as f:
            return re.search(r'(?m)^base_url = "([^"]*)"', f.read()).group(1).rstrip("/")

    def form(self, href):
        p = parse_send(self.page(href))
        self.assertEqual(len(p.forms), 1, "GET %s: expected one <form data-send-form>, got %d"
                         % (href, len(p.forms)))
        return p.forms[0]

    def article_row(self, href):
        slug = urllib.parse.unquote(harness.slug_of(href))
        rows = db_rows(self.data_dir, "SELECT title, excerpt FROM articles WHERE slug = ?", (slug,))
        self.assertEqual(len(rows), 1, "article %r in the DB" % slug)
        return rows[0]

    def post_raw(self, action, body, json_answer=True, source=None, headers=None):
        h = {"Content-Type": FORM_CT, "Origin": self.origin(), "User-Agent": harness.BROWSER_UA}
        if json_answer:
            h["Accept"] = "application/json"
        h.update(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8")
        return harness.request(self.port, "POST", action, headers=h, body=body,
                               source=source or Clients.take())

    def send(self, href, to, name="سارة", json_answer=True, source=None, headers=None,
             form=None, override=None):
        """Reads the article's send form, fills it and posts it."""
        if form is None:
            form = self.form(href)
        fields = dict(form.fields)
        fields.update(to=to, name=name)
        fields.update(override or {})
        return self.post_raw(form.action, urllib.parse.urlencode(fields),
                             json_answer=json_answer, source=source, headers=headers)

    # -- answers
    def json_of(self, resp, status, what):
        self.assertStatus(resp, status, what)
        ctype = resp.header("Content-Type", "")
        self.assertIn("application/json", ctype, "%s: Content-Type %r" % (what, ctype))
        try:
            return json.loads(resp.body.decode("utf-8"))
        except ValueError as e:
            self.fail("%s: body is not JSON (%s): %r" % (what, e, resp.body[:300]))

    def assertQueued(self, resp, what):
        o = self.json_of(resp, 202, what)
        self.assertEqual(o.get("status"), "queued", "%s: %r" % (what, o))
        self.assertRegex(o.get("message", ""), ARABIC_RE, "%s: message not Arabic: %r" % (what, o))
        return o

    def assertRefused(self, resp, status, what):
        o = self.json_of(resp, status, what)
        self.assertIsInstance(o.get("error"), str, "%s: no \"error\" string in %r" % (what, o))
        self.assertRegex(o["error"], ARABIC_RE, "%s: error not Arabic: %r" % (what, o))
        return o


# ---------------------------------------------------------------- 1. the mail

class MailContentTest(SendCase):
    """A mail reaches the SMTP server and decodes to the exact Arabic. One
    article gets markup characters in its title and excerpt (set in the DB
    before the server starts): they must be escaped in the HTML part."""

    MARKUP_TITLE = ' <b>«أ & ب»</b> "x" \'y\''
    MARKUP_EXCERPT = " <script>alert(1)</script> &amp; <i>"

    @classmethod
    def prepare_data(cls, data_dir):
        super().prepare_data(data_dir)
        con = sqlite3.connect(os.path.join(data_dir, "jarida.db"), timeout=5)
        try:
            with con:
                row = con.execute("SELECT id, slug FROM articles WHERE status = 'published' "
                                  "ORDER BY published_at DESC LIMIT 1").fetchone()
                con.execute("UPDATE articles SET title = title || ?, excerpt = excerpt || ? "
                            "WHERE id = ?", (cls.MARKUP_TITLE, cls.MARKUP_EXCERPT, row[0]))
            cls.markup_slug = row[1]
        finally:
            con.close()

    def fresh_article(self):
        """An unused article other than the one with markup."""
        for h in type(self)._unused:
            if urllib.parse.unquote(harness.slug_of(h)) != self.markup_slug:
                type(self)._unused.remove(h)
                return h
        raise AssertionError("out of articles")

    def test_markup_in_title_and_excerpt(self):
        href = next(h for h in type(self)._unused
                    if urllib.parse.unquote(harness.slug_of(h)) == self.markup_slug)
        type(self)._unused.remove(href)
        to = unique_address()
        self.assertQueued(self.send(href, to, "هدى"), "POST %s" % href)
        raw, msg = self.sink.wait_mail(to) or (None, None)
        self.assertIsNotNone(msg, "no mail to %s within %.0f s" % (to, MAIL_WAIT))
        self.check_mail(raw, msg, href, to, "هدى")
        _, html_body = bodies(msg)
        for bad in ("<script>", "<b>«", "<i>"):
            self.assertNotIn(bad, html_body, "unescaped %r in the text/html part" % bad)

    def check_mail(self, raw, msg, href, to, name):
        title, excerpt = self.article_row(href)
        what = "mail to %s" % to
        self.assertEqual(all_defects(msg), [], "%s: parser defects" % what)
        self.assertEqual(str(msg["subject"]), "%s%s%s" % (name, SUBJECT_MIDDLE, title),
                         "%s: Subject" % what)
        # RFC 2047 on the wire: the raw Subject header is ASCII.
        raw_subject = re.search(rb"(?mi)^Subject:(.*(?:\r?\n[ \t].*)*)", raw).group(1)
        raw_subject.decode("ascii")
        self.assertIn(b"=?", raw_subject, "%s: Subject not RFC 2047-encoded: %r" % (what, raw_subject))
        froms = msg["from"].addresses
        self.assertEqual(len(froms), 1, "%s: From %r" % (what, str(msg["from"])))
        self.assertEqual(froms[0].addr_spec, FROM_ADDRESS, "%s: From address" % what)
        # RFC 2047 decoding (whitespace between encoded words dropped) ...
        raw_from = re.search(rb"(?mi)^From:(.*(?:\r?\n[ \t].*)*)", raw).group(1).decode("ascii").strip()
        rfc_name, rfc_addr = email.utils.parseaddr(
            str(email.header.make_header(email.header.decode_header(raw_from))))
        self.assertEqual((rfc_name, rfc_addr), (SITE_NAME, FROM_ADDRESS),
                         "%s: From %r decoded per RFC 2047" % (what, raw_from))
        # ... and Python's email parser (the check), which keeps the
        # space between two encoded words of a display name: the site's name
        # must not be split across encoded words.
        self.assertEqual(froms[0].display_name, SITE_NAME,
                         "%s: From display name (Python email, policy default) of %r"
                         % (what, raw_from))
        tos = msg["to"].addresses
        self.assertEqual([a.addr_spec for a in tos], [to], "%s: To" % what)
        self.assertEqual(envelope_rcpts(raw), [to], "%s: envelope recipients" % what)
        for h in ("Cc", "Bcc", "Reply-To", "Sender"):
            self.assertIsNone(msg[h], "%s: unexpected %s header %r" % (what, h, msg[h]))
        url = self.base_url() + harness.quote_lower(href)
        text, html_body = bodies(msg)
        html_text = html.unescape(html_body)
        for part, body in (("text/plain", text), ("text/html", html_text)):
            for label, want in (("title", title), ("excerpt", excerpt), ("sender name", name),
                                ("site name", SITE_NAME)):
                self.assertIn(want, body, "%s: %s part lacks the %s %r" % (what, part, label, want))
            self.assertIn(url.lower(), body.lower(),
                          "%s: %s part lacks the link %r" % (what, part, url))
        self.assertRegex(html_body, r'(?i)href="%s"' % re.escape(url),
                         "%s: text/html part has no <a href> to the article" % what)

    def test_mail_arrives_json(self):
        href = self.fresh_article()
        to = unique_address()
        name = "سارة أحمد"
        r = self.send(href, to, name)
        self.assertQueued(r, "POST %s (JSON)" % href)
        raw, msg = self.sink.wait_mail(to) or (None, None)
        self.assertIsNotNone(msg, "no mail to %s within %.0f s; outbox: %r" % (
            to, MAIL_WAIT, db_rows(self.data_dir, "SELECT to_addr, attempts, last_error, sent_at "
                                                  "FROM mail_outbox")))
        self.check_mail(raw, msg, href, to, name)
        rows = db_rows(self.data_dir, "SELECT sent_at, attempts FROM mail_outbox WHERE to_addr = ?",
                       (to,))
        self.assertEqual(len(rows), 1, "outbox rows for %s" % to)
        self.assertTrue(wait_until(lambda: db_rows(
            self.data_dir, "SELECT sent_at FROM mail_outbox WHERE to_addr = ?", (to,))[0][0], 3),
            "mail_outbox.sent_at still NULL after the mail arrived")

    def test_mail_arrives_without_js(self):
        href = self.fresh_article()
        to = unique_address()
        name = "محمود"
        r = self.send(href, to, name, json_answer=False)
        self.assertStatus(r, 303, "POST %s (form)" % href)
        loc = r.header("Location") or ""
        loc.encode("ascii")
        u = urllib.parse.urlsplit(loc)
        self.assertEqual(urllib.parse.unquote(u.path), urllib.parse.unquote(href),
                         "Location %r is not the article" % loc)
        self.assertEqual(u.query, "sent=1", "Location %r" % loc)
        self.assertIn(DONE_NOTICE, self.page(u.path, "?sent=1"), "the notice after ?sent=1")
        self.assertNotIn(DONE_NOTICE, self.page(href), "the notice without ?sent=1")
        raw, msg = self.sink.wait_mail(to) or (None, None)
        self.assertIsNotNone(msg, "no mail to %s within %.0f s" % (to, MAIL_WAIT))
        self.check_mail(raw, msg, href, to, name)

    def test_page_has_button_and_dialog(self):
        p = parse_send(self.page(self.fresh_article()))
        self.assertEqual(p.buttons, 1, "button.send-friend on the article")
        self.assertEqual(p.dialogs, 1, "dialog#send-friend on the article")
        self.assertEqual(len(p.forms), 1)
        self.assertRegex(p.forms[0].action, r"^/\d{4}/\d{2}/[^/]+/send/$")
        self.assertTrue(p.forms[0].token, "hidden t is empty")


# ---------------------------------------------------------------- 2. bad input

class BadInputTest(SendCase):
    """Header injection and bad addresses queue nothing and send nothing;
    dangerous names are cleaned."""

    BAD_TO = [
        ("CRLF Bcc", "a@b.c\r\nBcc: x@y.z"),
        ("LF Bcc", "a@b.c\nBcc: x@y.z"),
        ("CR Bcc", "a@b.c\rBcc: x@y.z"),
        ("literal %0d%0a", "a@b.c%0d%0aBcc:x@y.z"),
        ("literal %0a", "a@b.c%0aBcc:x@y.z"),
        ("comma list", "a@b.c, x@y.z"),
        ("comma no space", "a@b.c,x@y.z"),
        ("semicolon list", "a@b.c;x@y.z"),
        ("angle brackets", "<a@b.c>"),
        ("display name", "Friend <a@b.c>"),
        ("NUL", "a@b.c\x00x@y.z"),
        ("RFC 2047 word", "=?utf-8?q?a=40b.c=0d=0aBcc:x@y.z?="),
        ("10 KB address", "a" * 10000 + "@b.c"),
        ("255 chars", "a" * 64 + "@" + ".".join(["b" * 60] * 3) + "." + "c" * 7),
        ("no domain", "a@"),
        ("no @", "friend.example.org"),
        ("two @", "a@b@c.d"),
        ("space", "a b@c.d"),
        ("empty", ""),
    ]
    # Sent as bytes: invalid UTF-8 (percent-encoded and raw).
    BAD_TO_BYTES = [
        ("invalid UTF-8 %FF", b"to=a%FF%FE@b.c"),
        ("invalid UTF-8 raw", b"to=a\xff\xfe@b.c"),
        ("overlong NUL", b"to=a%C0%80@b.c"),
        ("raw CRLF in body", b"to=a@b.c\r\nBcc: x@y.z"),
    ]

    def test_bad_addresses_queue_and_send_nothing(self):
        href = self.fresh_article()
        before = outbox_count(self.data_dir)
        files_before = self.sink.files()
        for what, to in self.BAD_TO:
            with self.subTest(to=what):
                r = self.send(href, to, "سارة")
                self.assertRefused(r, 400, "to=%r (%s)" % (to[:80], what))
        for what, raw in self.BAD_TO_BYTES:
            with self.subTest(to=what):
                form = self.form(href)
                body = urllib.parse.urlencode({"t": form.token, "name": "سارة"}).encode() + b"&" + raw
                r = self.post_raw(form.action, body)
                self.assertRefused(r, 400, "%s (%r)" % (what, raw[:60]))
        self.assertEqual(outbox_count(self.data_dir), before, "bad addresses queued mail")
        time.sleep(NOTHING_WAIT)
        self.assertEqual(self.sink.files(), files_before, "bad addresses sent mail")
        self.assertServing("bad addresses")

    def test_254_char_address_accepted(self):
        to = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + "." + "c" * 6
        self.assertEqual(len(to), 254)
        raw, msg, _ = self.sent("سارة", to=to)
        self.assertEqual([a.addr_spec for a in msg["to"].addresses], [to])

    def test_repeated_to_field_reaches_one_recipient(self):
        """to=A&to=B: refused, or sent to one address only."""
        href = self._unused[0]
        form = self.form(href)
        first, second = unique_address("first"), unique_address("second")
        body = "%s&to=%s&to=%s" % (urllib.parse.urlencode({"t": form.token, "name": "سارة"}),
                                   urllib.parse.quote(first), urllib.parse.quote(second))
        r = self.post_raw(form.action, body)
        self.assertIn(r.status, (202, 400), "repeated to: %d %r" % (r.status, r.body[:200]))
        time.sleep(NOTHING_WAIT if r.status == 400 else 0)
        if r.status == 202:
            self.assertIsNotNone(self.sink.wait_mail(first) or self.sink.wait_mail(second, 1))
        time.sleep(1)
        got = [envelope_rcpts(raw) + [str(m["to"])] for raw, m in self.sink.messages()
               if first in str(m["to"]) or second in str(m["to"])
               or any(a in (first, second) for a in envelope_rcpts(raw))]
        self.assertLessEqual(len(got), 1, "repeated to: mails %r" % got)
        for g in got:
            self.assertEqual(len(set(g)), 1, "repeated to: one mail to several: %r" % g)

    def test_empty_name_refused(self):
        href = self.fresh_article()
        before = outbox_count(self.data_dir)
        for name in ("", "   ", "\r\n", "http://spam.example/", "@@@", "\u200f\u202e"):
            with self.subTest(name=name):
                self.assertRefused(self.send(href, unique_address(), name), 400,
                                   "name=%r" % name)
        self.assertEqual(outbox_count(self.data_dir), before, "an empty name queued mail")

    def sent(self, name, to=None):
        """Posts `name` to a fresh recipient; returns (raw, msg, name in the mail)."""
        href = self._unused[0]
        to = to or unique_address()
        r = self.send(href, to, name)
        self.assertQueued(r, "name %r" % name[:80])
        raw, msg = self.sink.wait_mail(to) or (None, None)
        self.assertIsNotNone(msg, "no mail to %s within %.0f s" % (to, MAIL_WAIT))
        self.assertEqual(all_defects(msg), [], "parser defects for name %r" % name[:80])
        self.assertEqual(envelope_rcpts(raw), [to], "envelope recipients")
        got = subject_name(msg)
        text, html_body = bodies(msg)
        self.assertIn(got, text, "text part lacks the cleaned name")
        self.assertIn(got, html.unescape(html_body), "html part lacks the cleaned name")
        return raw, msg, got

    def test_long_name_cut_to_60(self):
        name = "عبدالرحمن " * 1000   # 10 KB of UTF-8
        _, _, got = self.sent(name)
        self.assertLessEqual(len(got), 60, "name in the mail is %d characters" % len(got))
        self.assertTrue(got, "name vanished")
        self.assertTrue(name.startswith(got), "name %r is not a prefix of the input" % got)
        ascii_name = "x" * 10240
        _, _, got = self.sent(ascii_name)
        self.assertEqual(got, "x" * 60)

    def test_name_with_line_breaks_and_bcc(self):
        for name in ("سارة\r\nBcc: victim@evil.example", "سارة\nBcc: victim@evil.example",
                     "سارة\rTo: victim@evil.example", "سارة%0d%0aBcc: victim@evil.example",
                     "سارة\x00\x1b\x7f\u0085Bcc: v@evil.example"):
            with self.subTest(name=name):
                raw, msg, got = self.sent(name)
                head = header_block(raw)
                self.assertNotRegex(head, r"(?mi)^(bcc|cc):", "injected header in %r" % head)
                self.assertEqual(len(re.findall(r"(?mi)^To:", head)), 1, "To headers: %r" % head)
                self.assertNotIn("victim", " ".join(msg.keys()).lower())
                for c in "\r\n\x00\x1b\x7f\u0085@":
                    self.assertNotIn(c, got, "name %r keeps %r" % (got, c))
                self.assertTrue(got.startswith("سارة"), "cleaned name %r" % got)

    def test_name_with_url(self):
        for name in ("سارة http://spam.example/win", "سارة www.spam-site.com",
                     "سارة spam-site.com", "سارة https://xn--mgbh0fb.xn--kgbechtv/"):
            with self.subTest(name=name):
                raw, msg, got = self.sent(name)
                self.assertEqual(got, "سارة", "URL not stripped from %r" % name)
                text, html_body = bodies(msg)
                for frag in ("spam", "xn--mgbh0fb"):
                    self.assertNotIn(frag, text + html_body + str(msg["subject"]),
                                     "%r reached the mail" % frag)

    def test_invalid_utf8_in_name(self):
        form = self.form(self._unused[0])
        to = unique_address()
        body = urllib.parse.urlencode({"t": form.token, "to": to}).encode() + b"&name=%D8%B3%FF%C3"
        r = self.post_raw(form.action, body)
        # Either refused or accepted with the invalid bytes dropped; the mail
        # must then be clean UTF-8.
        self.assertIn(r.status, (202, 400), "invalid UTF-8 name: %d %r" % (r.status, r.body[:200]))
        if r.status == 202:
            raw, msg = self.sink.wait_mail(to) or (None, None)
            self.assertIsNotNone(msg, "no mail to %s" % to)
            self.assertEqual(all_defects(msg), [])
            self.assertEqual(subject_name(msg), "س")


# ---------------------------------------------------------------- 3. limits

def flood(case, jobs, workers=16):
    """Runs jobs [(href, to, source)] concurrently, a fresh form (and token)
    read from the page for each. Returns [(job, status, json or None)]."""
    def one(job):
        href, to, source = job
        page = harness.request(case.port, "GET", href, headers={"User-Agent": BOT_UA})
        forms = parse_send(page.body.decode("utf-8")).forms
        if page.status != 200 or len(forms) != 1:
            return job, "GET %d" % page.status, None
        fields = dict(forms[0].fields, to=to, name="قارئ")
        r = harness.request(case.port, "POST", forms[0].action, source=source, headers={
            "Content-Type": FORM_CT, "Origin": case.origin(), "Accept": "application/json"},
            body=urllib.parse.urlencode(fields).encode())
        try:
            o = json.loads(r.body.decode("utf-8"))
        except ValueError:
            o = None
        return job, r.status, o
    with concurrent.futures.ThreadPoolExecutor(workers) as ex:
        return list(ex.map(one, jobs))


class LimitsTest(SendCase):
    """Defaults: 5 per IP per hour, 3 per recipient per day (site 200/h)."""

    start_sink = False    # nothing listens: mail stays in the outbox

    def check_429s(self, results, what):
        for job, status, o in results:
            if status == 429:
                self.assertIsNotNone(o, "%s: 429 is not JSON" % what)
                self.assertRegex(o.get("error", ""), ARABIC_RE, "%s: 429 message %r" % (what, o))
            else:
                self.assertEqual(status, 202, "%s: %r -> %r %r" % (what, job, status, o))

    def test_flood_per_ip_and_per_recipient(self):
        hrefs = [self.fresh_article() for _ in range(3)]
        before = outbox_count(self.data_dir)
        jobs = []
        # 20 readers x 15 mails, each to its own recipient: 5 per reader pass.
        ips = [Clients.take() for _ in range(20)]
        for i in range(15):
            for k, ip in enumerate(ips):
                jobs.append(("ip", hrefs[(i + k) % 3], unique_address("ip%d" % k), ip))
        # 10 recipients x 20 mails, each from its own reader (the address's
        # case varies: the limit counts the address, not its spelling).
        recipients = [unique_address("rcpt%d" % k) for k in range(10)]
        for i in range(20):
            for k, to in enumerate(recipients):
                spelled = to.upper() if i % 3 == 1 else (to.capitalize() if i % 3 == 2 else to)
                jobs.append(("rcpt", hrefs[(i + k) % 3], spelled, Clients.take()))
        self.assertEqual(len(jobs), 500)
        t0 = time.monotonic()
        results = flood(self, [j[1:] for j in jobs])
        took = time.monotonic() - t0
        self.check_429s(results, "flood")
        per_ip, per_rcpt = {}, {}
        for (kind, href, to, ip), (_, status, o) in zip(jobs, results):
            if kind == "ip":
                per_ip.setdefault(ip, []).append(status)
            else:
                per_rcpt.setdefault(to.lower(), []).append(status)
        for ip, statuses in per_ip.items():
            self.assertEqual(statuses.count(202), 5, "reader %s: %r" % (ip, statuses))
        for to, statuses in per_rcpt.items():
            self.assertEqual(statuses.count(202), 3, "recipient %s: %r" % (to, statuses))
        self.assertEqual(outbox_count(self.data_dir) - before, 20 * 5 + 10 * 3,
                         "mail_outbox grew by the wrong number (flood took %.1f s)" % took)
        self.assertServing("a flood of 500 send requests")


class SiteLimitTest(SendCase):
    """site_per_hour = 20: exactly 20 queued whoever asks."""

    start_sink = False
    limits = {"site_per_hour": 20, "per_ip_per_hour": 1000, "per_recipient_per_day": 1000}

    def test_flood_site_wide(self):
        hrefs = [self.fresh_article() for _ in range(3)]
        before = outbox_count(self.data_dir)
        jobs = [(hrefs[i % 3], unique_address("site%d" % i), Clients.take()) for i in range(120)]
        results = flood(self, jobs)
        statuses = [s for _, s, _ in results]
        for job, status, o in results:
            if status == 429:
                self.assertRegex((o or {}).get("error", ""), ARABIC_RE, "429 message %r" % o)
        self.assertEqual(statuses.count(202), 20, "accepted: %r" % sorted(set(statuses), key=str))
        self.assertEqual(statuses.count(429), 100, "refused: %r" % sorted(set(statuses), key=str))
        self.assertEqual(outbox_count(self.data_dir) - before, 20)
        self.assertServing("a site-wide flood")


# ---------------------------------------------------------------- 4. SMTP down, then up

class SmtpDownThenUpTest(SendCase):
    """Mail queued while nothing listens on [smtp] port arrives once an SMTP
    server listens there (after a restart of jarida: the outbox is durable).
    min_seconds = 2 here: a form posted at once is refused."""

    start_sink = False
    min_seconds = 2

    def test_too_fast_refused(self):
        href = self.fresh_article()
        before = outbox_count(self.data_dir)
        self.assertRefused(self.send(href, unique_address()), 400, "a form posted at once")
        self.assertEqual(outbox_count(self.data_dir), before)

    def test_queued_while_down_arrives_when_up(self):
        cls = type(self)
        href = self.fresh_article()
        to = unique_address("later")
        form = self.form(href)
        time.sleep(self.min_seconds + 0.2)
        self.assertQueued(self.send(href, to, "ليلى", form=form), "POST while SMTP is down")

        def failed_once():
            rows = db_rows(self.data_dir, "SELECT sent_at, attempts, last_error FROM mail_outbox "
                                          "WHERE to_addr = ?", (to,))
            return rows and rows[0][0] is None and (rows[0][1] >= 1 or rows[0][2]) and rows[0]
        row = wait_until(failed_once, 8)
        self.assertTrue(row, "no failed attempt recorded within 8 s: %r" % db_rows(
            self.data_dir, "SELECT sent_at, attempts, last_error FROM mail_outbox WHERE to_addr = ?",
            (to,)))
        self.assertTrue(row[2], "last_error is empty after a failed attempt: %r" % (row,))

        code, _ = cls.server.stop()
        self.assertEqual(code, 0, "jarida serve exit code on SIGTERM")
        # The backoff after one failure is 30 s, and a restart keeps it; to
        # keep the test short, make the mail due now (the server is stopped).
        con = sqlite3.connect(os.path.join(self.data_dir, "jarida.db"), timeout=5)
        try:
            with con:
                con.execute("UPDATE mail_outbox SET next_attempt_at = 0 WHERE sent_at IS NULL")
        finally:
            con.close()
        cls.sink = Sink(port=self.smtp_port)
        cls.server = Server(self.data_dir).start()
        cls.port = cls.server.port
        raw, msg = self.sink.wait_mail(to) or (None, None)
        self.assertIsNotNone(msg, "queued mail never arrived within %.0f s; outbox: %r" % (
            MAIL_WAIT, db_rows(self.data_dir, "SELECT to_addr, attempts, last_error, sent_at, "
                                              "next_attempt_at FROM mail_outbox")))
        self.assertEqual(all_defects(msg), [])
        title, _ = self.article_row(href)
        self.assertEqual(str(msg["subject"]), "ليلى" + SUBJECT_MIDDLE + title)
        self.assertTrue(wait_until(lambda: db_rows(
            self.data_dir, "SELECT sent_at FROM mail_outbox WHERE to_addr = ?", (to,))[0][0], 3),
            "sent_at still NULL after delivery")
        time.sleep(1.5)
        self.assertEqual(len(self.sink.mails_to(to)), 1, "the mail was delivered more than once")


# ---------------------------------------------------------------- 5. without [smtp]

class NoSmtpTest(SendCase):
    start_sink = False
    smtp_host = ""

    def test_no_button_and_503(self):
        href = self.fresh_article()
        page = self.page(href)
        p = parse_send(page)
        self.assertEqual((p.buttons, p.dialogs, len(p.forms)), (0, 0, 0),
                         "send-to-friend UI shown without [smtp]")
        self.assertNotIn("ارسل الى صديق", page)
        action = href + "send/"
        body = urllib.parse.urlencode({"t": "x", "to": unique_address(), "name": "سارة"})
        self.assertRefused(self.post_raw(action, body), 503, "POST %s without [smtp]" % action)
        r = self.post_raw(action, body, json_answer=False)
        self.assertStatus(r, 503, "POST %s without [smtp] (form)" % action)
        self.assertRegex(r.text, ARABIC_RE)
        self.assertEqual(outbox_count(self.data_dir), 0)


# ---------------------------------------------------------------- 6. Origin and token

class OriginAndTokenTest(SendCase):
    start_sink = False

    def test_foreign_origin_403(self):
        href = self.fresh_article()
        before = outbox_count(self.data_dir)
        for origin in ("http://evil.example", "null", "http://127.0.0.1:1",
                       "http://127.0.0.1:%d.evil.example" % self.port,
                       "http://evil.example:%d" % self.port,
                       "https://127.0.0.1:%d" % self.port):   # not the site's scheme
            with self.subTest(origin=origin):
                r = self.send(href, unique_address(), headers={"Origin": origin})
                self.assertRefused(r, 403, "Origin: %s" % origin)
        r = self.send(href, unique_address(), headers={"Sec-Fetch-Site": "cross-site"})
        self.assertRefused(r, 403, "Sec-Fetch-Site: cross-site")
        r = self.send(href, unique_address(), headers={"Origin": None,
                                                       "Referer": "http://evil.example/x"})
        self.assertRefused(r, 403, "no Origin, foreign Referer")
        self.assertEqual(outbox_count(self.data_dir), before)
        # No Origin (older browsers): a same-site Referer, or none, is let through.
        for referer in ("http://127.0.0.1:%d%s" % (self.port, harness.quote_lower(href)), None):
            with self.subTest(referer=referer):
                r = self.send(href, unique_address(), headers={"Origin": None, "Referer": referer})
                self.assertQueued(r, "no Origin, Referer %r" % referer)
        before += 2
        self.assertEqual(outbox_count(self.data_dir), before)

    def test_bad_tokens_400(self):
        href = self.fresh_article()
        other = self.fresh_article()
        before = outbox_count(self.data_dir)
        good = self.form(href).token
        other_token = self.form(other).token
        comment_token = re.search(r'<form[^>]*data-comment-form.*?name="t" value="([^"]*)"',
                                  self.page(href), re.S)
        flipped = good[:-2] + ("A" if good[-2] != "A" else "B") + good[-1]
        tokens = [("empty", ""), ("garbled", "garbage!!"), ("flipped char", flipped),
                  ("truncated", good[:len(good) // 2]), ("doubled", good + good),
                  ("other article's", other_token), ("10 KB", "A" * 10240)]
        if comment_token:
            tokens.append(("comment form's", comment_token.group(1)))
        for what, t in tokens:
            with self.subTest(token=what):
                r = self.send(href, unique_address(), override={"t": t})
                self.assertRefused(r, 400, "%s token" % what)
        r = self.post_raw(href + "send/", urllib.parse.urlencode(
            {"to": unique_address(), "name": "سارة"}))
        self.assertRefused(r, 400, "no token")
        self.assertEqual(outbox_count(self.data_dir), before, "a bad token queued mail")
        # The good token still works (and a token is not single-use).
        self.assertQueued(self.send(href, unique_address(), override={"t": good}), "good token")

    def test_unknown_article_404(self):
        href = self.fresh_article()
        form = self.form(href)
        for action in ("/2001/01/no-such-article/send/",
                       re.sub(r"^/\d{4}/", "/1999/", href) + "send/"):
            with self.subTest(action=action):
                body = urllib.parse.urlencode(dict(form.fields, to=unique_address(), name="سارة"))
                self.assertRefused(self.post_raw(action, body), 404, "POST %s" % action)


if __name__ == "__main__":
    unittest.main()
