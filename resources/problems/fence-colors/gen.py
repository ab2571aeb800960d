#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(15)


def cases():
    yield "6\n3 1 3 2 1 3\n"
    yield "4\n-7 -7 -7 -7\n"
    yield "1\n42\n"
    yield "5\n1 2 3 4 5\n"
    yield "4\n0 -0 0 0\n".replace("-0", "0")
    yield "3\n-1000000000 1000000000 -1000000000\n"
    yield "20\n%s\n" % ints(rng.randint(-3, 3) for _ in range(20))
    yield "1000\n%s\n" % ints(rng.randint(1, 100) for _ in range(1000))
    yield "20000\n%s\n" % ints(rng.randint(-10**9, 10**9) for _ in range(20000))
    yield "20000\n%s\n" % ints(rng.randint(-1000, 1000) for _ in range(20000))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
