#!/usr/bin/python3
"""Sign-in flood for bench/newsroom.sh: THREADS clients post wrong passwords
to /admin/signin for SECONDS, each attempt from its own loopback address and
login (so the throttle never short-cuts it: every attempt costs a real
argon2id check), and print what came back.

    sign-in-flood.py PORT SECONDS THREADS
"""
import http.client
import re
import sys
import threading
import time
import urllib.parse

port, seconds, threads = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
deadline = time.time() + seconds
lock = threading.Lock()
counts = {}
latencies = []


def attempt(n):
    src = "127.%d.%d.%d" % (20 + n // 65025 % 200, n // 255 % 255, 1 + n % 254)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(src, 0))
    conn.request("GET", "/admin/signin")
    r = conn.getresponse()
    body = r.read().decode()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    csrf = re.search(r'name="csrf" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "login": "flood-%d" % n, "password": "wrong"})
    started = time.time()
    conn.request("POST", "/admin/signin", body=form, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    r = conn.getresponse()
    r.read()
    conn.close()
    return r.status, time.time() - started


def client(k):
    n = k
    while time.time() < deadline:
        status, took = attempt(n)
        with lock:
            counts[status] = counts.get(status, 0) + 1
            latencies.append(took)
        n += threads


ts = [threading.Thread(target=client, args=(k,)) for k in range(threads)]
for t in ts:
    t.start()
for t in ts:
    t.join()
latencies.sort()
total = sum(counts.values())
p50 = latencies[len(latencies) // 2] if latencies else 0
print("sign-ins %d (%.1f/s) statuses %s p50 %.0f ms max %.0f ms" % (
    total, total / seconds, dict(sorted(counts.items())), p50 * 1000,
    (latencies[-1] if latencies else 0) * 1000))
