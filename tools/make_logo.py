#!/usr/bin/python3
"""Draws themes/default/static/logo.png, the publisher logo in article
JSON-LD (search engines want a raster image there, not the SVG favicon),
from the same shapes as themes/default/static/favicon.svg. Python standard
library only; run it again after changing the favicon:

    /usr/bin/python3 tools/make_logo.py
"""

import math
import os
import struct
import zlib

SIZE = 256          # pixels; search engines ask for at least 112
SAMPLES = 4         # per pixel side, for smooth edges
RED = (0xA4, 0x16, 0x1A)
WHITE = (0xFF, 0xFF, 0xFF)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "themes", "default",
                   "static", "logo.png")


def in_rounded_rect(x, y, size=64.0, r=12.0):
    cx = min(max(x, r), size - r)
    cy = min(max(y, r), size - r)
    return 0 <= x <= size and 0 <= y <= size and (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def bezier(p0, p1, p2, p3, n=48):
    pts = []
    for i in range(n + 1):
        t = i / n
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
        pts.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return [(pts[i], pts[i + 1]) for i in range(n)]


# favicon.svg: "M18 40h28" and "M44 40c0-10-6-16-14-16", stroke 6, round caps;
# a circle of radius 4 at (32, 50).
SEGMENTS = [((18.0, 40.0), (46.0, 40.0))] + bezier((44, 40), (44, 30), (38, 24), (30, 24))
HALF_STROKE = 3.0


def near_segment(x, y, a, b, d):
    (ax, ay), (bx, by) = a, b
    vx, vy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)))
    px, py = ax + t * vx, ay + t * vy
    return (x - px) ** 2 + (y - py) ** 2 <= d * d


def colour_at(x, y):
    if not in_rounded_rect(x, y):
        return None
    if (x - 32) ** 2 + (y - 50) ** 2 <= 16:
        return WHITE
    for a, b in SEGMENTS:
        if near_segment(x, y, a, b, HALF_STROKE):
            return WHITE
    return RED


def pixel(px, py):
    scale = 64.0 / SIZE
    r = g = b = a = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            c = colour_at((px + (sx + 0.5) / SAMPLES) * scale, (py + (sy + 0.5) / SAMPLES) * scale)
            if c is not None:
                r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
    if a == 0:
        return (0, 0, 0, 0)
    return (round(r / a), round(g / a), round(b / a), round(255 * a / SAMPLES ** 2))


def png(width, height, rows):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes(v for p in row for v in p) for row in rows)
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
    with open(OUT, "wb") as f:
        f.write(png(SIZE, SIZE, rows))
    print("wrote %s (%dx%d)" % (os.path.normpath(OUT), SIZE, SIZE))


if __name__ == "__main__":
    main()
