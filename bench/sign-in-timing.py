#!/usr/bin/python3
"""Sign-in timing for bench/newsroom.sh: N wrong-password attempts for
existing logins (bench-writer-1..N/2, two each: under the throttle's three
free attempts) and N for logins that don't exist, alternating, one at a
time, each from its own loopback address; prints the median and mean of
each, in ms. The answer must not tell the two apart.

    sign-in-timing.py PORT N
"""
import http.client
import re
import statistics
import sys
import time
import urllib.parse

port, n = int(sys.argv[1]), int(sys.argv[2])


def attempt(login, k):
    src = "127.60.%d.%d" % (k // 250, 1 + k % 250)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(src, 0))
    conn.request("GET", "/admin/signin")
    r = conn.getresponse()
    body = r.read().decode()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    csrf = re.search(r'name="csrf" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "login": login, "password": "not the password"})
    started = time.perf_counter()
    conn.request("POST", "/admin/signin", body=form, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    r = conn.getresponse()
    r.read()
    took = time.perf_counter() - started
    conn.close()
    assert r.status == 401, r.status
    return took * 1000


times = {"existing": [], "unknown": []}
for k in range(n):
    times["existing"].append(attempt("bench-writer-%d" % (k // 2 + 1), 2 * k))
    times["unknown"].append(attempt("nobody-%d" % k, 2 * k + 1))
for name, t in times.items():
    print("%-8s login: median %.1f ms, mean %.1f ms (n=%d)" % (
        name, statistics.median(t), statistics.mean(t), len(t)))
