#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(41)


def cases():
    yield "5 5\n1 2 3 4 5\n2 1 5\n1 3 -10\n2 2 4\n2 3 3\n1 5 0\n"
    yield "1 3\n7\n2 1 1\n1 1 -7\n2 1 1\n"
    yield "3 1\n-1000000 -1000000 -1000000\n2 1 3\n"
    yield "2 2\n5 5\n1 1 5\n2 1 2\n"
    def case(n, q, vmax):
        rows = []
        for _ in range(q):
            if rng.random() < 0.5:
                rows.append("1 %d %d" % (rng.randint(1, n), rng.randint(-vmax, vmax)))
            else:
                l = rng.randint(1, n)
                rows.append("2 %d %d" % (l, rng.randint(l, n)))
        return "%d %d\n%s\n%s\n" % (n, q, ints(rng.randint(-vmax, vmax) for _ in range(n)), "\n".join(rows))
    yield case(10, 20, 10)
    yield case(100, 100, 10**6)
    yield case(300, 300, 10**6)
    # Large: (almost) every question spans (almost) the whole store, so rereading the shelves,
    # even in C++, takes several times the limit. Small counts keep the files small.
    n, q = 200000, 100000
    rows = []
    for k in range(q):
        if k % 4 == 3:
            rows.append("1 %d %d" % (rng.randint(1, n), rng.randint(-10**6, 10**6)))
        else:
            rows.append("2 %d %d" % (rng.randint(1, 10), rng.randint(n - 10, n)))
    yield "%d %d\n%s\n%s\n" % (n, q, ints(rng.randint(-999, 999) for _ in range(n)), "\n".join(rows))
    rows = ["2 %d %d" % (rng.randint(1, 5), rng.randint(n - 5, n)) for _ in range(q)]
    yield "%d %d\n%s\n%s\n" % (n, q, ints(rng.randint(0, 9) for _ in range(n)), "\n".join(rows))
    yield "3 4\n0 0 0\n2 1 3\n1 2 1000000\n1 2 -1000000\n2 2 2\n"

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
