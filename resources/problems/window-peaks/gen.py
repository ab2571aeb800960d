#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(51)


def cases():
    yield "6 3\n1 3 -1 -3 5 3\n"
    yield "4 4\n2 7 1 8\n"
    yield "1 1\n-1000000\n"
    yield "5 1\n-1 -2 -3 -4 -5\n"
    yield "5 2\n5 5 5 5 5\n"
    yield "100 7\n%s\n" % ints(rng.randint(-10, 10) for _ in range(100))
    yield "500 250\n%s\n" % ints(rng.randint(-10**6, 10**6) for _ in range(500))
    # Large: the windows are wide and many ((n - k + 1) k near n^2 / 4), so scanning every
    # window, even in C++, takes several times the limit.
    n = 250000
    yield "%d 125000\n%s\n" % (n, ints(rng.randint(-10**6, 10**6) for _ in range(n)))
    yield "%d 100000\n%s\n" % (n, ints(range(-125000, 125000)))
    yield "%d 150000\n%s\n" % (n, ints(range(125000, -125000, -1)))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
