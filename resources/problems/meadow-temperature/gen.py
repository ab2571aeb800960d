#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(14)


def cases():
    yield "4\n1 2 3 4\n"
    yield "3\n-5 0 6\n"
    yield "1\n-100\n"
    yield "1\n100\n"
    yield "3\n1 1 2\n"
    yield "7\n-1 -1 -1 -1 -1 -1 0\n"
    yield "2\n100 -100\n"
    yield "5\n%s\n" % ints(rng.randint(-100, 100) for _ in range(5))
    yield "999\n%s\n" % ints(rng.randint(-100, 100) for _ in range(999))
    yield "20000\n%s\n" % ints(rng.randint(-100, 100) for _ in range(20000))
    yield "20000\n%s\n" % ints([100] * 19999 + [99])

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
