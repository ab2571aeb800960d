#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(18)


def cases():
    yield "5\n4 9 2 9 7\n"
    yield "3\n5 5 5\n"
    yield "1\n-3\n"
    yield "2\n-1000000000 1000000000\n"
    yield "2\n1000000000 -1000000000\n"
    yield "4\n-5 -2 -2 -9\n"
    yield "6\n1 1 1 1 1 2\n"
    yield "6\n2 1 1 1 1 1\n"
    yield "1000\n%s\n" % ints(rng.randint(-50, 50) for _ in range(1000))
    yield "20000\n%s\n" % ints(rng.randint(-10**9, 10**9) for _ in range(20000))
    yield "20000\n%s\n" % ints([7] * 20000)

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
