#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(23)


def cases():
    yield "6 7\n2 1 5 1 1 3\n"
    yield "3 1\n5 6 7\n"
    yield "1 0\n0\n"
    yield "1 0\n1\n"
    yield "5 0\n0 0 1 0 0\n"
    yield "4 100000000000000\n1000000000 1000000000 1000000000 1000000000\n"
    yield "7 10\n10 10 10 10 10 10 10\n"
    yield "100 50\n%s\n" % ints(rng.randint(0, 10) for _ in range(100))
    yield "20000 1000000000000\n%s\n" % ints(rng.randint(0, 10**9) for _ in range(20000))
    yield "20000 1000\n%s\n" % ints(rng.choice([0, 0, 1, 5, 100]) for _ in range(20000))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
