#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(53)


def cases():
    yield "5 3\n1 2 1 -1 3\n"
    yield "4 0\n0 0 0 0\n"
    yield "1 5\n5\n"
    yield "1 -1000000000\n-10000\n"
    yield "6 -2\n-1 -1 2 -2 0 -2\n"
    yield "100 2\n%s\n" % ints(rng.randint(-3, 3) for _ in range(100))
    yield "400 10\n%s\n" % ints(rng.randint(-10**4, 10**4) for _ in range(400))
    # Large: sized so that adding up every stretch, even in C++, takes several times the limit.
    n = 200000
    yield "%d 0\n%s\n" % (n, ints([0] * n))
    yield "%d 7\n%s\n" % (n, ints(rng.randint(-10**4, 10**4) for _ in range(n)))
    yield "%d 1\n%s\n" % (n, ints(rng.choice((-1, 1)) for _ in range(n)))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
