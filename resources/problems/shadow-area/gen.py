#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(34)


def cases():
    yield "4\n0 0\n4 0\n4 3\n0 3\n"
    yield "3\n0 0\n1 0\n0 1\n"
    yield "3\n0 0\n1 1\n2 2\n"
    yield "4\n-1000000 -1000000\n-1000000 1000000\n1000000 1000000\n1000000 -1000000\n"
    yield "5\n0 0\n2 0\n1 1\n2 2\n0 2\n"
    import math
    def star(n, radius):
        pts = []
        for i in range(n):
            angle = 2 * math.pi * i / n
            r = radius if i % 2 == 0 else radius // 3
            pts.append((int(r * math.cos(angle)), int(r * math.sin(angle))))
        return "%d\n%s\n" % (n, "\n".join("%d %d" % p for p in pts))
    yield star(10, 100)
    yield star(1000, 10**6)
    yield star(20000, 10**6)
    # A comb: many thin teeth, clockwise.
    teeth = 5000
    pts = [(0, 0)]
    for i in range(teeth):
        pts += [(2 * i, 1000), (2 * i + 1, 1000), (2 * i + 1, 1)]
    pts += [(2 * teeth, 1), (2 * teeth, 0)]
    yield "%d\n%s\n" % (len(pts), "\n".join("%d %d" % p for p in pts))
    yield "3\n-1000000 -1000000\n1000000 -999999\n-999999 1000000\n"

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
