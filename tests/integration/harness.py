"""Shared helpers for the black-box integration tests (standard library only).

The tests run the real `jarida` binary (path in $JARIDA_BIN, set by CTest)
against a temporary data folder filled by `jarida demo`, on an ephemeral
loopback port. Every process and network call is bounded in time.

    JARIDA_BIN=build/jarida /usr/bin/python3 -m unittest discover \
        -s tests/integration -p "*_test.py" -v
"""

import atexit
import http.client
import os
import queue
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# Bounds (seconds).
CLI_TIMEOUT = 120          # init / demo / user add
START_TIMEOUT = 20         # from spawn to the first answered request
STOP_TIMEOUT = 10          # SIGTERM to exit (the spec's figure)
NET_TIMEOUT = 10           # every socket operation

DEMO_ARTICLES = 60
DEMO_SEED = 7

# A desktop Chrome: counted as a reader.
BROWSER_UA = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
              "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36")
# A script: never counted (used where a request must not change a count).
BOT_UA = "curl/8.0"

SERVING_RE = re.compile(r"Jarida is serving .* on http://127\.0\.0\.1:(\d+)/")


def jarida_bin():
    path = os.environ.get("JARIDA_BIN") or os.path.join(REPO, "build", "jarida")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise unittest.SkipTest(
            "jarida binary not found at %r: build it and set JARIDA_BIN" % path)
    return path


def run_cli(args, input_text=None, timeout=CLI_TIMEOUT):
    """Runs `jarida ARGS`; returns CompletedProcess with text stdout/stderr."""
    return subprocess.run(
        [jarida_bin()] + list(args),
        input=input_text if input_text is not None else "",
        capture_output=True, text=True, timeout=timeout)


def check_cli(testcase_or_none, args, input_text=None):
    p = run_cli(args, input_text)
    if p.returncode != 0:
        msg = "jarida %s exited %d\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(args), p.returncode, p.stdout, p.stderr)
        if testcase_or_none is not None:
            testcase_or_none.fail(msg)
        raise RuntimeError(msg)
    return p


# ---------------------------------------------------------------- data folders

_tmp_root = None
_demo_template = None


def tmp_root():
    global _tmp_root
    if _tmp_root is None:
        _tmp_root = tempfile.mkdtemp(prefix="jarida-it-")
        atexit.register(shutil.rmtree, _tmp_root, True)
    return _tmp_root


def new_dir(prefix):
    return tempfile.mkdtemp(prefix=prefix, dir=tmp_root())


def enable_mail(data_dir, host="127.0.0.1", port=None):
    """Turns on [smtp] in a data folder's jarida.toml (the send-to-friend
    button is hidden without it). Nothing needs to listen: mail waits in the
    outbox until a server answers."""
    path = os.path.join(data_dir, "jarida.toml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = text.replace('host = ""', 'host = "%s"' % host, 1)
    text = text.replace('from_address = ""', 'from_address = "news@example.com"', 1)
    if port is not None:
        text = re.sub(r"(?m)^port = \d+$", "port = %d" % port, text, count=1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def db_rows(data_dir, sql, args=()):
    """Rows of a read-only query on DATA/jarida.db (the server may be running)."""
    uri = "file:%s?mode=ro" % urllib.parse.quote(os.path.join(data_dir, "jarida.db"))
    con = sqlite3.connect(uri, uri=True, timeout=5)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def db_execute(data_dir, *statements):
    """Writes to DATA/jarida.db as another program would (statements are SQL
    text or (SQL, args) pairs), in one transaction. Only tables that need no
    Jarida function: triggers record article changes for the search index,
    which the server's next write brings up to date."""
    con = sqlite3.connect(os.path.join(data_dir, "jarida.db"), timeout=5)
    try:
        for st in statements:
            sql, args = (st, ()) if isinstance(st, str) else st
            con.execute(sql, args)
        con.commit()
    finally:
        con.close()


def demo_data_dir():
    """A fresh data folder with demo content: `init` + `demo` run once per
    test process, then each caller gets its own copy (the CLI has exited, so
    the SQLite files are consistent on disk)."""
    global _demo_template
    if _demo_template is None:
        d = os.path.join(new_dir("template-"), "data")
        check_cli(None, ["init", "--data", d])
        enable_mail(d)
        check_cli(None, ["demo", "--data", d, "--articles", str(DEMO_ARTICLES),
                         "--seed", str(DEMO_SEED)])
        _demo_template = d
    copy = os.path.join(new_dir("site-"), "data")
    shutil.copytree(_demo_template, copy)
    return copy


# ---------------------------------------------------------------- the server

class Server:
    """One `jarida serve` process on 127.0.0.1:<ephemeral>."""

    def __init__(self, data_dir, threads=2):
        self.data_dir = data_dir
        self.threads = threads
        self.proc = None
        self.port = None
        self.stdout_lines = []
        self._lines = queue.Queue()
        self._stderr_path = None

    def start(self):
        self._stderr_path = os.path.join(
            os.path.dirname(self.data_dir), "serve-stderr-%d.txt" % int(time.time() * 1000))
        self._stderr = open(self._stderr_path, "wb")
        self.proc = subprocess.Popen(
            [jarida_bin(), "serve", "--data", self.data_dir,
             "--listen", "127.0.0.1:0", "--threads", str(self.threads)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._stderr)
        # A thread drains stdout, so the pipe never fills and blocks the server.
        threading.Thread(target=self._drain, args=(self.proc.stdout,), daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT
        while self.port is None:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None and self._lines.empty():
                self.kill()
                raise RuntimeError("jarida serve did not print its address (exit %s)\n"
                                   "stdout: %r\nstderr: %s" % (
                                       self.proc.returncode, self.stdout_lines, self.stderr()))
            try:
                line = self._lines.get(timeout=min(left, 0.2))
            except queue.Empty:
                continue
            if line is None:
                continue
            m = SERVING_RE.search(line)
            if m:
                self.port = int(m.group(1))
        # Wait until it answers.
        while True:
            try:
                r = request(self.port, "GET", "/", headers={"User-Agent": BOT_UA}, timeout=2)
                if r.status == 200:
                    return self
            except OSError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.kill()
                raise RuntimeError("jarida serve never answered GET / on port %s; stderr: %s"
                                   % (self.port, self.stderr()))
            time.sleep(0.05)

    def _drain(self, pipe):
        for raw in iter(pipe.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.stdout_lines.append(line)
            self._lines.put(line)
        self._lines.put(None)

    def stderr(self):
        try:
            with open(self._stderr_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM and wait; returns (exit code, seconds taken). Kills (and
        returns code None) if it does not exit in time."""
        if self.proc is None:
            return None, 0.0
        t0 = time.monotonic()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            code = None
        took = time.monotonic() - t0
        self._close_files()
        return code, took

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        self._close_files()

    def _close_files(self):
        try:
            self._stderr.close()
        except Exception:
            pass
        try:
            if self.proc is not None and self.proc.stdout:
                self.proc.stdout.close()
        except Exception:
            pass


class ServerTestCase(unittest.TestCase):
    """Starts one server on a fresh demo data folder per test class."""

    server = None
    port = None
    data_dir = None
    config_text = None  # a class may set its own jarida.toml

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data_dir = demo_data_dir()
        if cls.config_text is not None:
            with open(os.path.join(cls.data_dir, "jarida.toml"), "w", encoding="utf-8") as f:
                f.write(cls.config_text)
        cls.prepare_data(cls.data_dir)
        cls.server = Server(cls.data_dir).start()
        cls.port = cls.server.port

    @classmethod
    def prepare_data(cls, data_dir):
        """Hook: change the data folder before the server starts."""

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            cls.server.stop()
            cls.server.kill()
        super().tearDownClass()

    # -- shorthands
    def get(self, path, **kw):
        return request(self.port, "GET", path, **kw)

    def head(self, path, **kw):
        return request(self.port, "HEAD", path, **kw)

    def fresh_article(self):
        """An article no other test of the class used (set cls._unused first)."""
        return type(self)._unused.pop(0)

    def origin(self):
        return "http://127.0.0.1:%d" % self.port

    def page(self, href, query=""):
        """The page's HTML, read by a bot (which the visit counter ignores)."""
        r = self.get(href + query, headers={"User-Agent": BOT_UA})
        self.assertStatus(r, 200, "GET %s%s" % (href, query))
        return r.text

    def assertServing(self, context=""):
        """The server process is alive and answers GET / with 200."""
        self.assertTrue(self.server.alive(),
                        "server process died %s; stderr:\n%s" % (context, self.server.stderr()))
        r = self.get("/", headers={"User-Agent": BOT_UA})
        self.assertEqual(r.status, 200, "GET / after %s" % context)

    def assertStatus(self, resp, status, what):
        self.assertEqual(resp.status, status, "%s: expected %d, got %d (body starts %r)" % (
            what, status, resp.status, resp.body[:200]))


# ---------------------------------------------------------------- HTTP

class Resp:
    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers      # http.client.HTTPMessage (case-insensitive)
        self.body = body            # bytes

    def header(self, name, default=None):
        return self.headers.get(name, default)

    @property
    def text(self):
        return self.body.decode("utf-8")

    def __repr__(self):
        return "<Resp %d %d bytes>" % (self.status, len(self.body))


def _quote_lower(path):
    """Percent-encodes a decoded (UTF-8) path for the request line, lower-case
    hex; ASCII path characters (and existing %XX) are kept."""
    out = []
    for b in path.encode("utf-8"):
        c = chr(b)
        if b < 0x80 and (c.isalnum() or c in "/-._~:@!$&'()*+,;=?%"):
            out.append(c)
        else:
            out.append("%%%02x" % b)
    return "".join(out)


def quote_lower(path):
    return _quote_lower(path)


def quote_upper(path):
    return re.sub(r"%[0-9a-f]{2}", lambda m: m.group(0).upper(), _quote_lower(path))


def request(port, method, path, headers=None, source=None, timeout=NET_TIMEOUT, body=None):
    """One request on a new connection. `path` may hold raw UTF-8 (it is
    percent-encoded, lower-case hex); `source` is a loopback address to bind
    the client socket to (a distinct 'client')."""
    if any(ord(c) > 127 for c in path):
        path = _quote_lower(path)
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout,
        source_address=(source, 0) if source else None)
    try:
        h = {"User-Agent": BROWSER_UA}
        h.update(headers or {})
        h = {k: v for k, v in h.items() if v is not None}
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        return Resp(r.status, r.reason, r.headers, data)
    finally:
        conn.close()


def raw_connect(port, source=None, timeout=NET_TIMEOUT):
    return socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                    source_address=(source, 0) if source else None)


class RawResponse:
    def __init__(self, status, head, body):
        self.status = status
        self.head = head          # header block as text (latin-1)
        self.body = body

    def header(self, name):
        m = re.search(r"(?im)^%s:\s*(.*?)\r?$" % re.escape(name), self.head)
        return m.group(1) if m else None


class RawReader:
    """Reads HTTP/1.1 responses (Content-Length framed) from a socket."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.closed = False

    def _fill(self):
        try:
            chunk = self.sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            chunk = b""
        if not chunk:
            self.closed = True
        self.buf += chunk
        return bool(chunk)

    def read_response(self, head_only=False):
        """Returns a RawResponse, or None if the server closed the connection
        before a whole response arrived. Raises socket.timeout on a hang."""
        while b"\r\n\r\n" not in self.buf:
            if not self._fill():
                return None
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        head = head.decode("latin-1")
        m = re.match(r"HTTP/1\.[01] (\d{3})", head)
        if not m:
            raise AssertionError("not an HTTP response: %r" % head[:200])
        status = int(m.group(1))
        length = 0
        lm = re.search(r"(?im)^content-length:\s*(\d+)", head)
        if lm and not head_only and status not in (204, 304):
            length = int(lm.group(1))
        while len(self.buf) < length:
            if not self._fill():
                return None
        body, self.buf = self.buf[:length], self.buf[length:]
        return RawResponse(status, head, body)

    def wait_closed(self, timeout=NET_TIMEOUT):
        """True if the peer closes (EOF or reset) within `timeout`."""
        self.sock.settimeout(timeout)
        try:
            while self._fill():
                pass
            return True
        except socket.timeout:
            return False


def raw_exchange(port, data, timeout=NET_TIMEOUT, source=None):
    """Sends raw bytes on a new connection and reads one response.
    Returns a RawResponse, or None if the connection was closed first."""
    s = raw_connect(port, source, timeout)
    try:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return RawReader(s).read_response()
    finally:
        s.close()


# ---------------------------------------------------------------- HTML

class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href is not None:
                self.links.append(href)


def links(html):
    p = LinkParser()
    p.feed(html)
    return p.links


ARTICLE_HREF_RE = re.compile(r"^/(\d{4})/(\d{2})/([^/?#]+)/$")


def article_links(html):
    """Article hrefs of a page, in order, without duplicates."""
    seen, out = set(), []
    for h in links(html):
        if ARTICLE_HREF_RE.match(h) and h not in seen:
            seen.add(h)
            out.append(h)
    return out


def card_links(html):
    """The hrefs of the article cards of a list page (not the sidebars)."""
    return re.findall(r'<article class="card">\s*<h2><a href="([^"]+)"', html)


def card_counts(html):
    """{article href: visit count} from a list page's cards."""
    out = {}
    for m in re.finditer(r'<article class="card">.*?</article>', html, re.S):
        card = m.group(0)
        href = re.search(r'<h2><a href="([^"]+)"', card)
        count = re.search(r'<span class="count">([0-9٠-٩]+)</span>', card)
        if href and count:
            out[href.group(1)] = int(count.group(1))
    return out


ARTICLE_COUNT_RE = re.compile(
    r'<span class="visits">\s*زيارة:\s*<span class="count">([0-9٠-٩]+)</span>')


def article_count(html):
    m = ARTICLE_COUNT_RE.search(html)
    if not m:
        raise AssertionError("no 'زيارة: <span class=\"count\">N</span>' on the page")
    return int(m.group(1))


def slug_of(href):
    return ARTICLE_HREF_RE.match(href).group(3)
