"""The media folder over HTTP (src/site/media_files.cpp): GET and HEAD
/media/<path> serve the images under DATA/media with their type, nosniff,
a year of immutable caching, ETag/Last-Modified and 304s; nothing else in
that folder (other types, hidden files, folders, symlinks) and nothing
outside it is ever served."""

import email.utils
import os
import struct
import unittest

from harness import BOT_UA, ServerTestCase

NOT_FOUND_TITLE = "الصفحة غير موجودة"
ARABIC_NAME = "صورة-الحديقة.webp"


def tiny_webp():
    """A valid 2 x 2 black lossless WebP (one VP8L chunk)."""
    vp8l = bytes.fromhex("2f01400000071011fd0f4444ff03")
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(vp8l)) + vp8l
    return b"RIFF" + struct.pack("<I", len(body)) + body


WEBP = tiny_webp()
SECRET = b"# not for readers\nsecret = \"s3cr3t-value\"\n"


def bot(extra=None):
    h = {"User-Agent": BOT_UA}
    h.update(extra or {})
    return h


class MediaTest(ServerTestCase):

    @classmethod
    def prepare_data(cls, data_dir):
        media = os.path.join(data_dir, "media")
        month = os.path.join(media, "2024", "03")
        os.makedirs(month)
        for name in ("park.webp", ARABIC_NAME):
            with open(os.path.join(month, name), "wb") as f:
                f.write(WEBP)
        # What must never be served from the folder, whatever its name.
        for name, data in (("site.toml", SECRET), ("copy.db", SECRET), ("page.html", SECRET),
                           ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
                           (".hidden.webp", WEBP), (".tmp-a1b2c3.webp", WEBP),
                           ("noext", SECRET)):
            with open(os.path.join(media, name), "wb") as f:
                f.write(data)
        os.makedirs(os.path.join(media, ".git"))
        with open(os.path.join(media, ".git", "x.webp"), "wb") as f:
            f.write(WEBP)
        # Symlinks out of the root: to a file and to a folder.
        with open(os.path.join(data_dir, "outside.webp"), "wb") as f:
            f.write(WEBP)
        os.symlink(os.path.join(data_dir, "outside.webp"), os.path.join(media, "link.webp"))
        os.symlink(data_dir, os.path.join(media, "up"))
        cls.media = media

    def assertNotFoundPage(self, r, what):
        self.assertStatus(r, 404, what)
        self.assertIn(NOT_FOUND_TITLE, r.text, what)
        self.assertTrue(r.header("Content-Type", "").startswith("text/html"), what)
        self.assertNotIn(b"s3cr3t", r.body, what)

    # ------------------------------------------------------------ served

    def test_get_serves_the_file_with_its_headers(self):
        r = self.get("/media/2024/03/park.webp", headers=bot())
        self.assertStatus(r, 200, "GET a media file")
        self.assertEqual(r.body, WEBP)
        self.assertEqual(r.header("Content-Type"), "image/webp")
        self.assertEqual(r.header("Content-Length"), str(len(WEBP)))
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.header("Cache-Control"), "public, max-age=31536000, immutable")
        self.assertRegex(r.header("ETag", ""), r'^"[0-9a-f]+-[0-9a-f]+"$')
        mtime = os.stat(os.path.join(self.media, "2024", "03", "park.webp")).st_mtime
        last_modified = email.utils.parsedate_to_datetime(r.header("Last-Modified"))
        self.assertEqual(int(last_modified.timestamp()), int(mtime))
        self.assertTrue(r.header("Last-Modified").endswith(" GMT"))

    def test_arabic_file_names_are_served(self):
        r = self.get("/media/2024/03/" + ARABIC_NAME, headers=bot())  # percent-encoded
        self.assertStatus(r, 200, "Arabic name")
        self.assertEqual(r.body, WEBP)
        self.assertEqual(r.header("Content-Type"), "image/webp")

    def test_head_sends_the_headers_only(self):
        r = self.head("/media/2024/03/park.webp", headers=bot())
        self.assertStatus(r, 200, "HEAD")
        self.assertEqual(r.body, b"")
        self.assertEqual(r.header("Content-Length"), str(len(WEBP)))
        self.assertEqual(r.header("Content-Type"), "image/webp")
        self.assertEqual(r.header("ETag"), self.get("/media/2024/03/park.webp",
                                                    headers=bot()).header("ETag"))
        missing = self.head("/media/2024/03/none.webp", headers=bot())
        self.assertStatus(missing, 404, "HEAD of a missing file")
        self.assertEqual(missing.body, b"")

    def test_etag_and_last_modified_give_304(self):
        first = self.get("/media/2024/03/park.webp", headers=bot())
        etag, last_modified = first.header("ETag"), first.header("Last-Modified")
        for headers in ({"If-None-Match": etag},
                        {"If-None-Match": '"other", W/%s' % etag},
                        {"If-None-Match": "*"},
                        {"If-Modified-Since": last_modified}):
            with self.subTest(headers=headers):
                r = self.get("/media/2024/03/park.webp", headers=bot(headers))
                self.assertStatus(r, 304, "revalidation with %r" % headers)
                self.assertEqual(r.body, b"")
                self.assertEqual(r.header("ETag"), etag)
                self.assertEqual(r.header("Cache-Control"), "public, max-age=31536000, immutable")
        for headers in ({"If-None-Match": '"stale-1"'},
                        {"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"},
                        # If-None-Match wins over If-Modified-Since (RFC 9110).
                        {"If-None-Match": '"stale-1"', "If-Modified-Since": last_modified},
                        {"If-Modified-Since": "yesterday"}):
            with self.subTest(headers=headers):
                r = self.get("/media/2024/03/park.webp", headers=bot(headers))
                self.assertStatus(r, 200, "changed or unusable validator %r" % headers)
                self.assertEqual(r.body, WEBP)

    # ------------------------------------------------------------ refused

    def test_traversal_never_leaves_the_folder(self):
        # The HTTP layer refuses dot segments, raw or encoded, before any
        # route sees them (malformed_test.py): a 400, never the file.
        for path in ("/media/../jarida.toml", "/media/%2e%2e/jarida.toml",
                     "/media/%2E%2E/%2e%2e/etc/passwd", "/media/2024/../../jarida.toml",
                     "/media/./2024/03/park.webp", "/media/..%2fjarida.toml",
                     "/media/%2e%2e%2fjarida.toml"):
            with self.subTest(path=path):
                r = self.get(path, headers=bot())
                self.assertStatus(r, 400, path)
                self.assertNotIn(b"[site]", r.body)
        for path in ("/media/..%5cjarida.toml", "/media/%5c..%5cjarida.toml",
                     "/media//etc/passwd", "/media/2024//03/park.webp"):
            with self.subTest(path=path):
                self.assertNotFoundPage(self.get(path, headers=bot()), path)
        self.assertServing("traversal attempts")

    def test_other_types_in_the_folder_are_404(self):
        for name in ("site.toml", "copy.db", "page.html", "logo.svg", "noext"):
            with self.subTest(name=name):
                self.assertNotFoundPage(self.get("/media/" + name, headers=bot()), name)

    def test_hidden_files_folders_and_symlinks_are_404(self):
        for path in ("/media/.hidden.webp", "/media/.tmp-a1b2c3.webp", "/media/.git/x.webp",
                     "/media/%2ehidden.webp", "/media/link.webp", "/media/up/outside.webp",
                     "/media/up/media/2024/03/park.webp", "/media/2024", "/media/2024/03/",
                     "/media/2024/03", "/media/", "/media", "/media/2024/03/none.webp",
                     "/media/2025/01/park.webp"):
            with self.subTest(path=path):
                self.assertNotFoundPage(self.get(path, headers=bot()), path)

    def test_files_added_while_running_are_served(self):
        os.makedirs(os.path.join(self.media, "2026", "01"), exist_ok=True)
        with open(os.path.join(self.media, "2026", "01", "new.webp"), "wb") as f:
            f.write(WEBP)
        r = self.get("/media/2026/01/new.webp", headers=bot())
        self.assertStatus(r, 200, "a file written after start-up")
        self.assertEqual(r.body, WEBP)


if __name__ == "__main__":
    unittest.main()
