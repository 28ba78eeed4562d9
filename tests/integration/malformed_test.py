"""Malformed paths get a 400 (never a 500) and the server goes on serving;
raw-byte abuse (broken request lines, huge headers, invalid UTF-8, idle
connections, pipelining, oversized bodies) leaves it serving (issue 3,
"Errors" and "Security baseline"). Everything here goes over raw sockets:
http.client would normalize or refuse some of these requests."""

import socket
import threading
import time
import unittest

import harness
from harness import RawReader, ServerTestCase, raw_connect, raw_exchange


def get_bytes(target, extra=b""):
    if isinstance(target, str):
        target = target.encode("latin-1")
    return (b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: curl/8\r\n" + extra +
            b"Connection: close\r\n\r\n")


class MalformedPathTest(ServerTestCase):

    def _assert_400(self, target):
        r = raw_exchange(self.port, get_bytes(target))
        self.assertIsNotNone(r, "%r: connection closed without a response" % target)
        self.assertNotEqual(r.status, 500, "%r answered 500" % target)
        self.assertEqual(r.status, 400, "%r: expected 400, got %d" % (target, r.status))
        self.assertIn("طلب غير صالح".encode(), r.body, "%r: the 400 page should be Arabic" % target)
        self.assertServing("GET %r" % target)

    def test_bad_percent_encoding_is_400(self):
        for t in ("/%zz/", "/%/", "/%4/", "/abc%", "/%g1/", "/about/%2"):
            with self.subTest(target=t):
                self._assert_400(t)

    def test_invalid_utf8_after_decoding_is_400(self):
        for t in ("/%ff/", "/%c0%af/", "/%d8/", "/%ed%a0%80/", "/category/%fe%ff/",
                  "/2019/05/%e0%80%af/"):
            with self.subTest(target=t):
                self._assert_400(t)

    def test_dot_segments_are_400(self):
        for t in ("/../etc/passwd", "/%2e%2e/", "/%2E%2E/", "/static/../../etc/passwd",
                  "/static/%2e%2e/%2e%2e/etc/passwd", "/./", "/about/%2e/", "/.."):
            with self.subTest(target=t):
                self._assert_400(t)

    def test_nul_and_control_bytes_are_400(self):
        for t in ("/%00/", "/about%00/", "/%0a/", "/%0d%0aSet-Cookie:x/", "/%7f/"):
            with self.subTest(target=t):
                self._assert_400(t)

    def test_url_over_8kb_is_400(self):
        self._assert_400("/" + "a" * 8199)              # 8,200 bytes
        self._assert_400("/%d8%a7" * 1400)              # 8,400 bytes of encoded Arabic
        self._assert_400("/" + "a" * 15999)             # 16,000 bytes, under the header limit

    def test_url_over_16kb_is_refused_not_500(self):
        # Past the 16 KB header limit the parser refuses it before routing:
        # 431 (or 414/400) is fine, a 500 or a crash is not.
        for n in (17000, 70000):
            with self.subTest(bytes=n):
                try:
                    r = raw_exchange(self.port, get_bytes("/" + "a" * (n - 1)))
                except OSError:
                    r = None
                if r is not None:
                    self.assertIn(r.status, (400, 414, 431), "%d-byte URL" % n)
                self.assertServing("a %d-byte URL" % n)

    def test_url_just_under_8kb_is_not_refused(self):
        r = raw_exchange(self.port, get_bytes("/" + "a" * 8000 + "/"))
        self.assertIsNotNone(r)
        self.assertEqual(r.status, 404, "an 8,002-byte URL is within the limit: 404, not %d" % r.status)

    def test_query_string_does_not_break_routing(self):
        r = raw_exchange(self.port, get_bytes("/about/?utm_source=x&q=%D8%A7"))
        self.assertEqual(r.status, 200)


class RobustnessTest(ServerTestCase):

    def _assert_refused(self, data, allowed, what):
        """The server answers one of `allowed` or closes the connection; it
        never answers 500 and keeps serving."""
        try:
            r = raw_exchange(self.port, data)
        except ConnectionResetError:
            r = None
        if r is not None:
            self.assertIn(r.status, allowed, "%s: got %d" % (what, r.status))
            for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
                self.assertIsNotNone(r.header(name), "%s: %d response without %s" % (what, r.status, name))
        self.assertServing(what)
        return r

    def test_broken_request_line_is_400_or_closed(self):
        for data in (b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                     b"\r\n\r\n\r\n", b"GET / HTTP/1.1 extra\r\n\r\n", b"\x00\x01\x02\r\n\r\n",
                     b"GET  / HTTP/1.1\r\n\r\n", b"GET / HTTP/1.1\r\nNo-Colon\r\n\r\n"):
            with self.subTest(data=data):
                self._assert_refused(data, (400,), repr(data))

    def test_64kb_header_is_431_or_closed(self):
        data = (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n")
        self._assert_refused(data, (431, 400), "64 KB header")

    def test_many_headers_totalling_over_16kb_is_431_or_closed(self):
        data = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(
            b"X-H%d: %s\r\n" % (i, b"v" * 100) for i in range(300)) + b"\r\n"
        self._assert_refused(data, (431, 400), "300 headers")

    def test_invalid_utf8_bytes_in_request_line_is_400(self):
        for target in (b"/\xff\xfe/", b"/\xc0\xaf/", b"/about/\x80/", b"/\xd8/"):
            with self.subTest(target=target):
                r = self._assert_refused(get_bytes(target), (400,), "raw %r" % target)
                self.assertIsNotNone(r, "raw %r: closed without a 400" % target)

    def test_post_body_over_64kb_is_413_or_closed(self):
        data = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 70000\r\n\r\n" + b"a" * 1000)
        self._assert_refused(data, (413,), "POST with Content-Length 70000")

    def test_huge_content_length_is_refused(self):
        data = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n")
        self._assert_refused(data, (400, 413), "absurd Content-Length")

    def test_fifty_idle_connections_do_not_block_service(self):
        idle = []
        try:
            for i in range(50):
                s = raw_connect(self.port)
                if i % 5 == 0:
                    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nUser-Ag")  # stalls mid-header
                idle.append(s)
            t0 = time.monotonic()
            r = self.get("/", headers={"User-Agent": harness.BOT_UA}, timeout=5)
            self.assertEqual(r.status, 200)
            self.assertLess(time.monotonic() - t0, 2.0, "GET / was slow with 50 idle connections")
            # A stalled half-header is finished later and still answered.
            idle[0].sendall(b"ent: curl/8\r\nConnection: close\r\n\r\n")
            late = RawReader(idle[0]).read_response()
            self.assertIsNotNone(late)
            self.assertEqual(late.status, 200)
        finally:
            for s in idle:
                s.close()
        self.assertServing("50 idle connections")

    def test_slow_and_idle_clients_are_cut_off_after_the_header_timeout(self):
        # limits::kHeaderReadTimeout is 10 s; deadlines are swept once a second.
        slow = harness.raw_connect(self.port, timeout=20)
        idle = harness.raw_connect(self.port, timeout=20)
        try:
            slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nUser-Ag")  # never finishes
            t0 = time.monotonic()
            data = b""
            while True:
                chunk = slow.recv(65536)
                if not chunk:
                    break
                data += chunk
            waited = time.monotonic() - t0
            self.assertTrue(data.startswith(b"HTTP/1.1 408"), "expected 408, got %r" % data[:40])
            self.assertTrue(9 <= waited <= 15, "cut off after %.1f s" % waited)
            self.assertEqual(idle.recv(1), b"", "an idle keep-alive connection stayed open")
        finally:
            slow.close()
            idle.close()
        self.assertServing("after timing out slow clients")

    def test_pipelined_requests_answered_in_order(self):
        ua = b"User-Agent: curl/8\r\n"
        data = (b"GET /static/site.css HTTP/1.1\r\nHost: x\r\n" + ua + b"\r\n" +
                b"GET /nope/ HTTP/1.1\r\nHost: x\r\n" + ua + b"\r\n" +
                b"GET /about/ HTTP/1.1\r\nHost: x\r\n" + ua + b"\r\n")
        s = raw_connect(self.port)
        try:
            s.sendall(data)
            reader = RawReader(s)
            got = [reader.read_response() for _ in range(3)]
        finally:
            s.close()
        self.assertTrue(all(got), "fewer than 3 responses to 3 pipelined requests")
        self.assertEqual([r.status for r in got], [200, 404, 200])
        self.assertTrue(got[0].header("Content-Type").startswith("text/css"))
        self.assertIn("الصفحة غير موجودة".encode(), got[1].body)
        self.assertIn(b'<h1 class="headline">', got[2].body)

    def test_http_1_0_without_host_is_answered_and_closed(self):
        s = raw_connect(self.port)
        try:
            s.sendall(b"GET / HTTP/1.0\r\nUser-Agent: curl/8\r\n\r\n")
            reader = RawReader(s)
            r = reader.read_response()
            self.assertIsNotNone(r)
            self.assertEqual(r.status, 200)
            self.assertTrue(reader.wait_closed(5), "HTTP/1.0 connection left open")
        finally:
            s.close()

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        s = raw_connect(self.port)
        try:
            reader = RawReader(s)
            for i in range(20):
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/8\r\n\r\n")
                r = reader.read_response()
                self.assertIsNotNone(r, "connection closed after %d keep-alive requests" % i)
                self.assertEqual(r.status, 200)
        finally:
            s.close()

    def test_burst_of_malformed_requests_leaves_server_serving(self):
        payloads = [
            b"GARBAGE\r\n\r\n", get_bytes("/%zz/"), get_bytes("/%ff/"), get_bytes("/%c0%af/"),
            get_bytes("/../etc/passwd"), get_bytes("/%2e%2e/"), get_bytes("/%00/"),
            get_bytes("/" + "a" * 8199), get_bytes(b"/\xff/"),
            b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n",
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n",
            b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\n",  # never finished: closed by us
        ]
        statuses, errors = [], []

        def worker(k):
            for i in range(k, k + 3 * len(payloads), 3):
                data = payloads[i % len(payloads)]
                try:
                    s = raw_connect(self.port, timeout=5)
                    try:
                        s.sendall(data)
                        s.shutdown(socket.SHUT_WR)  # so an unfinished request ends now
                        r = RawReader(s).read_response()
                        statuses.append(r.status if r else None)
                    finally:
                        s.close()
                except socket.timeout as e:  # a hang: report it
                    errors.append("%r: %r" % (data[:40], e))
                except OSError:  # reset, broken pipe, not connected: the server closed
                    statuses.append(None)

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        self.assertFalse(any(t.is_alive() for t in threads), "burst workers hung")
        self.assertFalse(errors, "\n".join(errors))
        self.assertNotIn(500, statuses)
        self.assertTrue(all(s in (None, 200, 400, 404, 408, 413, 431) for s in statuses), statuses)
        for _ in range(3):
            self.assertServing("a burst of %d malformed requests" % len(statuses))


if __name__ == "__main__":
    unittest.main()
