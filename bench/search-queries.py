#!/usr/bin/env python3
"""bench/search-queries.py: the query side of bench/search.sh.

  search-queries.py generate DB OUTDIR [--seed N] [--per-class N]
      Reads the titles of the published articles (read-only connection) and
      writes, deterministically for a given seed and corpus, N queries per
      class, URL-encoded (percent-encoding, UTF-8), one per line:
        OUTDIR/one-word.txt  one content word of a random title
        OUTDIR/several.txt   2-3 content words of one title, in title order,
                             unquoted
        OUTDIR/phrase.txt    2-3 consecutive words of a title in "double
                             quotes" (function words allowed inside, at least
                             one content word)
        OUTDIR/typo.txt      a content word of >= 5 letters with one typo:
                             a letter replaced by its neighbour on the Arabic
                             keyboard, a letter deleted, or two adjacent
                             letters swapped
        OUTDIR/mixed.txt     all of the above, shuffled (same seed)
      and OUTDIR/queries-decoded.tsv (class, query) to read them.

  search-queries.py check PORT OUTDIR
      The warm-up: one pass over every query of mixed.txt, one keep-alive
      connection, sequential. Checks that every answer is HTTP 200 with the
      JSON of /api/v1/search, and prints per class how many queries found
      something and how many got a spelling suggestion, then a machine-
      readable line per class:
        CHECK class=.. queries=N http200=N non200=N bad_json=N hits=N
              zero=N suggestion=N
      Answers that are not 200 are listed (at most 10) on stderr.

  search-queries.py like DB PORT QUERYFILE [--n 100]
      The reference: what stock WordPress does for a search, i.e. SQL LIKE
      '%word%' over title and body, newest first, 10 per page, plus the
      count(*) it runs for the pagination (SQL_CALC_FOUND_ROWS). Single-
      threaded, read-only connection to the very same database, the first N
      queries of QUERYFILE (one-word). For the same N queries it also times
      Jarida sequentially (one client, keep-alive, /api/v1/search), so the
      two single-client numbers can be compared too. Prints
        LIKE queries=N p50_ms=.. p99_ms=.. mean_ms=.. max_ms=.. hits=N zero=N
        SEQ  queries=N p50_ms=.. p99_ms=.. mean_ms=.. max_ms=..
      LIKE is a speed reference only: it matches substrings of the raw HTML
      (no normalization of hamza/ta marbuta/harakat, no stemming, no
      ranking), so it also finds fewer of the relevant articles and ranks
      none of them.

Percentiles are nearest-rank (p99 of 100 samples = the 99th smallest).
"""

import argparse
import http.client
import json
import math
import os
import random
import re
import sqlite3
import statistics
import sys
import time
import urllib.parse

CLASSES = ("one-word", "several", "phrase", "typo")

# Function words that make poor one-word queries (and are not typed alone).
STOP = set("""
في من على إلى الى عن مع أن ان إن ما لا هذا هذه التي الذي الذين هل و أو او ثم
كما قد لم لن عند بين حتى خلال بعد قبل أمام امام وسط عقب يوم ضد منذ حول نحو
لدى عبر ذلك تلك كان كانت هو هي هم كل غير أي بل إذا اذا لكن عنه منه له لها به فيه
""".split())

# Arabic (101) keyboard rows; a letter's neighbours are the keys left and
# right of it. Alef variants are typed on the alef key's neighbours too.
ROWS = ("ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرىةوزظ")
NEIGHBOURS = {}
for row in ROWS:
    for i, ch in enumerate(row):
        NEIGHBOURS[ch] = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
for alef in "أإآ":
    NEIGHBOURS[alef] = NEIGHBOURS["ا"]

ARABIC_WORD = re.compile(r"^[\u0621-\u064A]+$")
STRIP = "“”\"'«»؟?!،,؛;:.()[]{}–—-%/…"


def words_of(title):
    """The title's tokens with surrounding punctuation removed; None for a
    token that is not a plain Arabic word (numbers, Latin, empty)."""
    out = []
    for tok in title.split():
        w = tok.strip(STRIP)
        out.append(w if ARABIC_WORD.match(w) else None)
    return out


def is_content(w):
    return w is not None and len(w) >= 3 and w not in STOP


def make_typo(rng, word):
    for _ in range(20):
        op = rng.choice(("substitute", "delete", "swap"))
        if op == "substitute":
            spots = [i for i, ch in enumerate(word) if NEIGHBOURS.get(ch)]
            if not spots:
                continue
            i = rng.choice(spots)
            out = word[:i] + rng.choice(NEIGHBOURS[word[i]]) + word[i + 1:]
        elif op == "delete":
            i = rng.randrange(len(word))
            out = word[:i] + word[i + 1:]
        else:
            i = rng.randrange(len(word) - 1)
            out = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if out != word:
            return out
    return None


def ro_connect(db):
    return sqlite3.connect("file:" + urllib.parse.quote(os.path.abspath(db)) + "?mode=ro", uri=True)


def generate(args):
    con = ro_connect(args.db)
    titles = [r[0] for r in con.execute(
        "SELECT title FROM articles WHERE status = 'published' ORDER BY id")]
    con.close()
    if not titles:
        sys.exit("search-queries.py: no published articles")
    rng = random.Random(args.seed)
    n = args.per_class
    out = {c: [] for c in CLASSES}

    def pick():
        return words_of(rng.choice(titles))

    while len(out["one-word"]) < n:
        cw = [w for w in pick() if is_content(w)]
        if cw:
            out["one-word"].append(rng.choice(cw))
    while len(out["several"]) < n:
        cw = list(dict.fromkeys(w for w in pick() if is_content(w)))
        k = rng.choice((2, 3))
        if len(cw) >= k:
            idx = sorted(rng.sample(range(len(cw)), k))
            out["several"].append(" ".join(cw[i] for i in idx))
    while len(out["phrase"]) < n:
        ws = pick()
        k = rng.choice((2, 3))
        starts = [i for i in range(len(ws) - k + 1)
                  if all(ws[i:i + k]) and any(is_content(w) for w in ws[i:i + k])]
        if starts:
            i = rng.choice(starts)
            out["phrase"].append('"' + " ".join(ws[i:i + k]) + '"')
    while len(out["typo"]) < n:
        cw = [w for w in pick() if is_content(w) and len(w) >= 5]
        if cw:
            t = make_typo(rng, rng.choice(cw))
            if t:
                out["typo"].append(t)

    mixed = [(c, q) for c in CLASSES for q in out[c]]
    rng.shuffle(mixed)
    os.makedirs(args.outdir, exist_ok=True)
    for c in CLASSES:
        with open(os.path.join(args.outdir, c + ".txt"), "w", encoding="ascii") as f:
            f.writelines(urllib.parse.quote(q, safe="") + "\n" for q in out[c])
    with open(os.path.join(args.outdir, "mixed.txt"), "w", encoding="ascii") as f:
        f.writelines(urllib.parse.quote(q, safe="") + "\n" for _, q in mixed)
    with open(os.path.join(args.outdir, "mixed-classes.txt"), "w", encoding="ascii") as f:
        f.writelines(c + "\n" for c, _ in mixed)
    with open(os.path.join(args.outdir, "queries-decoded.tsv"), "w", encoding="utf-8") as f:
        f.writelines(f"{c}\t{q}\n" for c in CLASSES for q in out[c])
    print(f"generated {len(mixed)} queries ({n} per class) from {len(titles)} published titles, seed {args.seed}")


def api_path(encoded):
    return "/api/v1/search?q=" + encoded + "&page=1&per_page=10"


def read_lines(path):
    with open(path, encoding="ascii") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def check(args):
    queries = read_lines(os.path.join(args.outdir, "mixed.txt"))
    classes = read_lines(os.path.join(args.outdir, "mixed-classes.txt"))
    stats = {c: dict(queries=0, http200=0, non200=0, bad_json=0, hits=0, zero=0, suggestion=0)
             for c in CLASSES}
    shown = 0
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
    for cls, q in zip(classes, queries):
        s = stats[cls]
        s["queries"] += 1
        conn.request("GET", api_path(q))
        res = conn.getresponse()
        body = res.read()
        if res.status != 200:
            s["non200"] += 1
            if shown < 10:
                print(f"  non-200: {res.status} for {cls} q={urllib.parse.unquote(q)}: {body[:200]!r}",
                      file=sys.stderr)
                shown += 1
            continue
        s["http200"] += 1
        try:
            j = json.loads(body)
            total = int(j["total"])
            results = j["results"]
            if not isinstance(results, list):
                raise ValueError("results")
        except (ValueError, KeyError, TypeError):
            s["bad_json"] += 1
            continue
        s["hits" if total > 0 else "zero"] += 1
        if j.get("suggestion"):
            s["suggestion"] += 1
    conn.close()
    for c in CLASSES:
        s = stats[c]
        print("CHECK class=%s %s" % (c, " ".join(f"{k}={v}" for k, v in s.items())))


def pct(samples, p):
    s = sorted(samples)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def report(tag, ms, extra=""):
    print(f"{tag} queries={len(ms)} p50_ms={pct(ms, 50):.3f} p99_ms={pct(ms, 99):.3f} "
          f"mean_ms={statistics.fmean(ms):.3f} max_ms={max(ms):.3f}{extra}")


def like(args):
    words = [urllib.parse.unquote(q) for q in read_lines(args.queryfile)[:args.n]]
    # Jarida, one client, sequential (after the warm-up and the wrk runs)
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
    seq = []
    for w in words:
        t0 = time.perf_counter()
        conn.request("GET", api_path(urllib.parse.quote(w, safe="")))
        res = conn.getresponse()
        res.read()
        seq.append((time.perf_counter() - t0) * 1e3)
    conn.close()

    con = ro_connect(args.db)
    where = "status = 'published' AND (title LIKE ? OR body_html LIKE ?)"
    page_sql = f"SELECT id FROM articles WHERE {where} ORDER BY published_at DESC LIMIT 10"
    count_sql = f"SELECT count(*) FROM articles WHERE {where}"
    # one untimed pass over the table so the first timed query does not pay
    # for reading the file into the page cache
    con.execute(count_sql, ("%\x01%", "%\x01%")).fetchone()
    ms, hits, zero = [], 0, 0
    for w in words:
        pat = "%" + w + "%"
        t0 = time.perf_counter()
        con.execute(page_sql, (pat, pat)).fetchall()
        n = con.execute(count_sql, (pat, pat)).fetchone()[0]
        ms.append((time.perf_counter() - t0) * 1e3)
        if n:
            hits += 1
        else:
            zero += 1
    con.close()
    report("LIKE", ms, f" hits={hits} zero={zero}")
    report("SEQ ", seq)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("db")
    g.add_argument("outdir")
    g.add_argument("--seed", type=int, default=5)
    g.add_argument("--per-class", type=int, default=250)
    c = sub.add_parser("check")
    c.add_argument("port", type=int)
    c.add_argument("outdir")
    lk = sub.add_parser("like")
    lk.add_argument("db")
    lk.add_argument("port", type=int)
    lk.add_argument("queryfile")
    lk.add_argument("--n", type=int, default=100)
    args = ap.parse_args()
    {"generate": generate, "check": check, "like": like}[args.cmd](args)


if __name__ == "__main__":
    main()
