#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(42)


def cases():
    yield "5\n3 1 4 1 5\n"
    yield "4\n4 3 2 1\n"
    yield "1\n0\n"
    yield "3\n2 2 2\n"
    yield "6\n-1 -2 -3 3 2 1\n"
    yield "50\n%s\n" % ints(rng.randint(-5, 5) for _ in range(50))
    yield "300\n%s\n" % ints(rng.randint(-10**6, 10**6) for _ in range(300))
    # Large: sized so that looking at every pair, even in C++, takes several times the limit.
    yield "200000\n%s\n" % ints(range(200000, 0, -1))
    yield "200000\n%s\n" % ints(rng.randint(-10**6, 10**6) for _ in range(200000))
    yield "200000\n%s\n" % ints(rng.randint(1, 3) for _ in range(200000))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
