"""The newsroom over real HTTP (issue 6): signing in through the form, the
cookie flags, CSRF and roles on the wire, an edited title showing on every
cached page at the very next request, a scheduled article publishing itself
with no request, uploads (good ones served as WebP, bad ones refused with
an Arabic JSON error and nothing stored, 100 MB refused before it is read),
and `jarida user passwd` ending sessions.

    cd tests/integration && JARIDA_BIN=../../build/jarida \
        /usr/bin/python3 -m unittest newsroom_test -v
"""

import http.client
import json
import os
import re
import sqlite3
import threading
import time
import unittest
import urllib.parse

import harness
from harness import BOT_UA, ServerTestCase

ADMIN_PASSWORD = "integration-admin-pass"
AUTHOR_PASSWORD = "integration-author-pass"
FORM_CT = "application/x-www-form-urlencoded"
LOGO = os.path.join(harness.REPO, "themes", "default", "static", "logo.png")


class Browser:
    """Cookies and the CSRF token of one signed-in person."""

    def __init__(self, test, port, source=None):
        self.test = test
        self.port = port
        self.source = source  # a loopback address: another reader's IP
        self.cookies = {}
        self.csrf = None

    def _cookie_header(self):
        return "; ".join("%s=%s" % kv for kv in self.cookies.items())

    def request(self, method, path, body=None, headers=None):
        h = {"Cookie": self._cookie_header(), "Origin": "http://127.0.0.1:%d" % self.port}
        if body is not None and not isinstance(body, (bytes, bytearray)):
            body = urllib.parse.urlencode(body).encode()
            h["Content-Type"] = FORM_CT
        h.update(headers or {})
        r = harness.request(self.port, method, path, headers=h, body=body, timeout=30,
                            source=self.source)
        for v in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = v.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in v:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        m = re.search(rb'name="csrf-token" content="([^"]+)"', r.body)
        if m:
            self.csrf = m.group(1).decode()
        return r

    def sign_in(self, login, password):
        page = self.request("GET", "/admin/signin")
        self.test.assertEqual(page.status, 200)
        token = re.search(rb'name="csrf" value="([^"]+)"', page.body).group(1).decode()
        return self.request("POST", "/admin/signin",
                            {"csrf": token, "login": login, "password": password})

    def post(self, path, fields):
        fields = dict(fields)
        fields["csrf"] = self.csrf
        return self.request("POST", path, fields)


class NewsroomTest(ServerTestCase):

    @classmethod
    def prepare_data(cls, data_dir):
        harness.check_cli(None, ["user", "passwd", "--login", "admin", "--data", data_dir],
                          input_text=ADMIN_PASSWORD + "\n")
        harness.check_cli(None, ["user", "add", "--login", "sara", "--role", "author",
                                 "--name", "سارة", "--data", data_dir],
                          input_text=AUTHOR_PASSWORD + "\n")

    def signed_in(self, login="admin", password=ADMIN_PASSWORD):
        b = Browser(self, self.port)
        r = b.sign_in(login, password)
        self.assertEqual(r.status, 303, r.body[:300])
        b.request("GET", "/admin/")
        self.assertIsNotNone(b.csrf)
        return b

    def category_id(self, slug):
        rows = harness.db_rows(self.data_dir, "SELECT id FROM categories WHERE slug = ?", (slug,))
        return rows[0][0]

    def any_category(self):
        return harness.db_rows(self.data_dir, "SELECT id, slug FROM categories ORDER BY id LIMIT 1")[0]

    def write(self, b, fields):
        r = b.post("/admin/articles/new", fields)
        self.assertEqual(r.status, 303, r.body[:500])
        return int(re.search(r"/admin/articles/(\d+)/edit", r.header("Location")).group(1))

    # ------------------------------------------------------------ accounts

    def test_sign_in_sets_a_private_cookie_and_opens_the_dashboard(self):
        b = Browser(self, self.port)
        r = b.sign_in("admin", ADMIN_PASSWORD)
        self.assertEqual(r.status, 303)
        cookie = [c for c in r.headers.get_all("Set-Cookie") if c.startswith("jarida_session=")][0]
        for flag in ("HttpOnly", "SameSite=Lax", "Path=/admin/"):
            self.assertIn(flag, cookie)
        self.assertNotIn("Secure", cookie)  # the test site is plain http
        page = b.request("GET", "/admin/")
        self.assertEqual(page.status, 200)
        self.assertIn("أهلًا", page.text)
        self.assertEqual(page.header("Cache-Control"), "no-store")
        # The session is stored hashed: the cookie's value is nowhere in the database.
        token = cookie.split(";")[0].split("=", 1)[1]
        with open(os.path.join(self.data_dir, "jarida.db"), "rb") as f:
            self.assertNotIn(token.encode(), f.read())

    def test_wrong_password_and_unknown_login_get_the_same_answer(self):
        def attempt(login):
            b = Browser(self, self.port)
            r = b.sign_in(login, "definitely wrong")
            body = r.text.replace('value="%s"' % login, "")
            return r.status, re.sub(r'name="csrf" value="[^"]+"', "", body)
        self.assertEqual(attempt("admin-x"), attempt("nobody-y"))
        self.assertEqual(attempt("admin-x")[0], 401)

    def test_sign_in_burst_is_throttled_and_the_site_keeps_serving(self):
        answers = []
        def spray(i):
            b = Browser(self, self.port, source="127.9.0.1")  # one address for the whole burst
            answers.append(b.sign_in("spray-%d" % (i % 2), "wrong").status)
        threads = [threading.Thread(target=spray, args=(i,)) for i in range(12)]
        for t in threads:
            t.start()
        # Readers are served while the hashes run on their own two threads.
        for _ in range(10):
            self.assertEqual(self.get("/", headers={"User-Agent": BOT_UA}).status, 200)
        for t in threads:
            t.join(60)
        self.assertEqual(len(answers), 12)
        self.assertIn(429, answers)
        self.assertTrue(set(answers) <= {401, 429}, answers)

    def test_roles_and_csrf_on_the_wire(self):
        author = self.signed_in("sara", AUTHOR_PASSWORD)
        self.assertEqual(author.request("GET", "/admin/users").status, 403)
        self.assertEqual(author.request("GET", "/admin/comments").status, 403)
        r = author.request("POST", "/admin/account/sessions/end-others", {"csrf": "forged"})
        self.assertEqual(r.status, 403)
        anonymous = harness.request(self.port, "GET", "/admin/articles")
        self.assertEqual(anonymous.status, 303)
        self.assertTrue(anonymous.header("Location").startswith("/admin/signin"))

    def test_user_passwd_from_the_cli_ends_sessions(self):
        harness.check_cli(None, ["user", "add", "--login", "temp", "--role", "editor",
                                 "--data", self.data_dir], input_text="temporary-pass-1\n")
        b = self.signed_in("temp", "temporary-pass-1")
        r = harness.check_cli(None, ["user", "passwd", "--login", "temp", "--data", self.data_dir],
                              input_text="another-pass-22\n")
        self.assertIn("1 signed-in session(s) ended", r.stdout)
        self.assertEqual(b.request("GET", "/admin/").status, 303)
        self.signed_in("temp", "another-pass-22")

    # ------------------------------------------------------------ articles

    def test_a_new_title_shows_on_every_page_at_the_next_request(self):
        b = self.signed_in()
        cat_id, cat_slug = self.any_category()
        aid = self.write(b, {"title": "عنوان قبل التعديل", "category_id": cat_id,
                             "tags": "وسم-الاختبار", "body_html": "<p>نص الخبر</p>",
                             "action": "publish"})
        row = harness.db_rows(self.data_dir, "SELECT a.slug, a.published_at, u.slug FROM articles a "
                              "JOIN users u ON u.id = a.author_id WHERE a.id = ?", (aid,))[0]
        slug, published_at, author_slug = row
        month = time.strftime("%Y/%m", time.gmtime(published_at))
        pages = ["/%s/%s/" % (month, slug), "/", "/category/%s/" % cat_slug,
                 "/tag/وسم-الاختبار/", "/author/%s/" % author_slug, "/feed/"]
        for p in pages:  # now cached
            self.assertIn("عنوان قبل التعديل", self.page(p), p)
        r = b.post("/admin/articles/%d/edit" % aid, {
            "title": "عنوان بعد التعديل", "slug": slug, "category_id": cat_id,
            "tags": "وسم-الاختبار", "body_html": "<p>نص الخبر</p>", "action": "publish",
            "publish_at": time.strftime("%Y-%m-%dT%H:%M", time.localtime(published_at))})
        self.assertEqual(r.status, 303, r.body[:500])
        for p in pages:  # no waiting: the very next request
            text = self.page(p)
            self.assertIn("عنوان بعد التعديل", text, p)
            self.assertNotIn("عنوان قبل التعديل", text, p)

    def test_a_scheduled_article_publishes_itself(self):
        b = self.signed_in()
        cat_id, _ = self.any_category()
        aid = self.write(b, {"title": "خبر مجدول للاختبار", "category_id": cat_id,
                             "body_html": "<p>سيظهر وحده</p>", "status": "scheduled",
                             "publish_at": "2099-01-01T09:00"})
        self.assertEqual(harness.db_rows(self.data_dir, "SELECT status FROM articles WHERE id = ?",
                                         (aid,))[0][0], "scheduled")
        slug = harness.db_rows(self.data_dir, "SELECT slug FROM articles WHERE id = ?", (aid,))[0][0]
        self.assertNotIn("خبر مجدول للاختبار", self.page("/"))
        # Bring its time to two seconds from now (a minute's wait is the browser test's).
        due = int(time.time()) + 2
        harness.db_execute(self.data_dir, "UPDATE articles SET published_at = %d WHERE id = %d" % (due, aid))
        path = "/%s/%s/" % (time.strftime("%Y/%m", time.gmtime(due)), slug)
        deadline = time.time() + 15
        status = None
        while time.time() < deadline:
            status = self.get(path, headers={"User-Agent": BOT_UA}).status
            if status == 200:
                break
            time.sleep(0.5)
        self.assertEqual(status, 200, "the scheduled article never appeared")
        self.assertIn("خبر مجدول للاختبار", self.page("/"))
        self.assertEqual(harness.db_rows(self.data_dir, "SELECT status FROM articles WHERE id = ?",
                                         (aid,))[0][0], "published")

    # ------------------------------------------------------------ media

    def upload(self, b, data, name, alt="صورة اختبار", content_type="image/jpeg"):
        path = "/admin/media/upload?" + urllib.parse.urlencode({"alt": alt, "name": name})
        return b.request("POST", path, body=data,
                         headers={"Content-Type": content_type, "X-CSRF-Token": b.csrf})

    def media_state(self):
        files = []
        for root, _, names in os.walk(os.path.join(self.data_dir, "media")):
            files += [os.path.join(root, n) for n in names]
        rows = harness.db_rows(self.data_dir, "SELECT count(*) FROM media")[0][0]
        return sorted(files), rows

    def test_upload_is_reencoded_and_served_as_webp(self):
        b = self.signed_in()
        with open(LOGO, "rb") as f:
            r = self.upload(b, f.read(), "شعار الجريدة.png", content_type="image/png")
        self.assertEqual(r.status, 201, r.body[:300])
        item = json.loads(r.body)
        self.assertTrue(item["url"].endswith(".webp"), item)
        self.assertEqual(item["alt"], "صورة اختبار")
        served = harness.request(self.port, "GET", item["url"])
        self.assertEqual(served.status, 200)
        self.assertEqual(served.header("Content-Type"), "image/webp")
        self.assertEqual(served.body[:4], b"RIFF")
        listing = json.loads(b.request("GET", "/admin/media.json").body)
        self.assertIn(item["id"], [i["id"] for i in listing["items"]])

    def test_bad_uploads_are_refused_and_nothing_is_stored(self):
        b = self.signed_in()
        before = self.media_state()
        with open(LOGO, "rb") as f:
            png = f.read()
        bad = {
            "php named .jpg": b"<?php system($_GET['c']); ?>",
            "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "truncated png": png[: len(png) // 3],
            "html": b"<html><script>alert(1)</script></html>",
        }
        for what, data in bad.items():
            r = self.upload(b, data, "x.jpg")
            self.assertEqual(r.status, 422, what)
            message = json.loads(r.body)["error"]
            self.assertRegex(message, "[\u0600-\u06FF]", what)
        r = self.upload(b, png, "x.png", alt=" ")
        self.assertEqual(r.status, 422)
        self.assertIn("نصًا بديلًا", json.loads(r.body)["error"])
        self.assertEqual(self.media_state(), before)

    def test_a_100_mb_upload_is_refused_before_it_is_read(self):
        b = self.signed_in()
        sock = harness.raw_connect(self.port)
        try:
            head = ("POST /admin/media/upload?alt=x&name=big.jpg HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    "Cookie: %s\r\nX-CSRF-Token: %s\r\nContent-Type: image/jpeg\r\n"
                    "Content-Length: %d\r\n\r\n" % (b._cookie_header(), b.csrf, 100 << 20))
            sock.sendall(head.encode() + b"\xff\xd8\xff" + b"\0" * 65536)
            reader = harness.RawReader(sock)
            resp = reader.read_response()
            self.assertIsNotNone(resp)
            self.assertEqual(resp.status, 413)
        finally:
            sock.close()
        self.assertServing("a 100 MB upload")


if __name__ == "__main__":
    unittest.main()


class NewsroomSettingsTest(ServerTestCase):
    """Settings saved in the newsroom take effect at the next request, survive
    a restart, and bad values are refused in Arabic with nothing saved."""

    @classmethod
    def prepare_data(cls, data_dir):
        harness.check_cli(None, ["user", "passwd", "--login", "admin", "--data", data_dir],
                          input_text=ADMIN_PASSWORD + "\n")

    def settings_form(self, b):
        import html
        page = b.request("GET", "/admin/settings")
        self.assertEqual(page.status, 200)
        fields = {}
        for m in re.finditer(r'<input id="[^"]+" name="([^"]+)" type="([^"]+)" dir="[^"]*" value="([^"]*)"',
                             page.text):
            fields[m.group(1)] = html.unescape(m.group(3))
        for m in re.finditer(r'<select id="[^"]+" name="([^"]+)">(.*?)</select>', page.text):
            sel = re.search(r'<option value="([^"]+)" selected', m.group(2))
            fields[m.group(1)] = sel.group(1) if sel else ""
        for m in re.finditer(r'<textarea id="([^"]+)" name="[^"]+"[^>]*>(.*?)</textarea>', page.text, re.S):
            fields[m.group(1)] = html.unescape(m.group(2))
        for m in re.finditer(r'<input type="checkbox" value="1" name="([^"]+)"( checked)?', page.text):
            if m.group(2):
                fields[m.group(1)] = "1"
        return fields

    def test_saved_settings_apply_at_once_and_survive_a_restart(self):
        b = Browser(self, self.port)
        self.assertEqual(b.sign_in("admin", ADMIN_PASSWORD).status, 303)
        fields = self.settings_form(b)
        fields["site_name"] = "صحيفة الإعدادات الحية"
        fields["digits"] = "arab"
        r = b.post("/admin/settings", fields)
        self.assertEqual(r.status, 303, r.body[:800])
        home = self.page("/")
        self.assertIn("صحيفة الإعدادات الحية", home)
        # Arabic-Indic digits in dates now (e.g. "١٣ مايو ٢٠١٩").
        self.assertRegex(home, "[\u0660-\u0669]")
        # A bad value: refused in Arabic, nothing changes.
        fields["time_zone"] = "Mars/Olympus"
        fields["site_name"] = "اسم لن يُحفظ"
        r = b.post("/admin/settings", fields)
        self.assertEqual(r.status, 422)
        self.assertIn("المنطقة الزمنية", r.text)
        self.assertNotIn("اسم لن يُحفظ", self.page("/"))
        # Restart: the saved settings are still there.
        type(self).server.stop()
        type(self).server = harness.Server(self.data_dir).start()
        type(self).port = self.server.port
        self.assertIn("صحيفة الإعدادات الحية", self.page("/"))

    def test_only_admins_see_the_settings(self):
        harness.check_cli(None, ["user", "add", "--login", "ed", "--role", "editor", "--data", self.data_dir],
                          input_text="editor-pass-123\n")
        b = Browser(self, self.port)
        self.assertEqual(b.sign_in("ed", "editor-pass-123").status, 303)
        self.assertEqual(b.request("GET", "/admin/settings").status, 403)
