#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(33)


def cases():
    yield "4 5 1 4\n1 2 5\n1 3 2\n3 2 1\n2 4 1\n3 4 7\n"
    yield "3 1 1 3\n3 1 4\n"
    yield "1 0 1 1\n"
    yield "2 1 2 2\n1 2 0\n"
    yield "3 3 1 3\n1 2 0\n2 3 0\n1 3 1\n"
    yield "3 2 1 3\n1 2 1000000000\n2 3 1000000000\n"
    def case(n, m, wmax):
        rows = ["%d %d %d" % (rng.randint(1, n), rng.randint(1, n), rng.randint(0, wmax)) for _ in range(m)]
        s, t = rng.randint(1, n), rng.randint(1, n)
        return "%d %d %d %d\n%s\n" % (n, m, s, t, "\n".join(rows))
    yield case(10, 20, 10)
    yield case(10000, 20000, 10**9)
    yield case(10000, 20000, 10)
    # A long path with shortcuts that look cheap but lead nowhere faster.
    n = 10000
    rows = ["%d %d 1" % (i, i + 1) for i in range(1, n)] + ["%d %d %d" % (i, min(n, i + 100), 150) for i in range(1, n, 7)]
    yield "%d %d 1 %d\n%s\n" % (n, len(rows), n, "\n".join(rows))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
