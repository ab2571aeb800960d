#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(11)


def cases():
    yield "5\n3 -2 7 7 1\n"
    yield "3\n-5 -1 -9\n"
    yield "1\n0\n"
    yield "1\n-1000000000\n"
    yield "4\n5 5 5 5\n"
    yield "6\n1000000000 1000000000 1000000000 1000000000 1000000000 1000000000\n"
    yield "6\n-1000000000 -1000000000 -1000000000 -1000000000 -1000000000 -999999999\n"
    yield "2\n-3 4\n"
    for n in (100, 5000):
        yield "%d\n%s\n" % (n, ints(rng.randint(-10**9, 10**9) for _ in range(n)))
    n = 20000
    yield "%d\n%s\n" % (n, ints(rng.randint(-10**9, 10**9) for _ in range(n)))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
