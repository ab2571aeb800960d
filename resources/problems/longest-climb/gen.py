#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(43)


def cases():
    yield "8\n5 2 8 6 3 6 9 7\n"
    yield "5\n4 4 4 4 4\n"
    yield "1\n-1000000000\n"
    yield "5\n5 4 3 2 1\n"
    yield "6\n-3 -2 -1 0 1 2\n"
    yield "100\n%s\n" % ints(rng.randint(-20, 20) for _ in range(100))
    yield "400\n%s\n" % ints(rng.randint(-10**9, 10**9) for _ in range(400))
    # Large: sized so that the quadratic climb, even in C++, takes several times the limit.
    n = 200000
    yield "%d\n%s\n" % (n, ints(rng.randint(-10**6, 10**6) for _ in range(n)))
    yield "%d\n%s\n" % (n, ints(i // 2 for i in range(n)))
    yield "%d\n%s\n" % (n, ints((i % 1000) * 1000 + i // 200 for i in range(n)))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
