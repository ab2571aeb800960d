#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(25)


def cases():
    yield "3\n3\n4\n10\n"
    yield "2\n0\n1\n"
    yield "1\n2\n"
    yield "1\n1000000\n"
    yield "1\n0\n"
    yield "40\n%s\n" % "\n".join(str(i) for i in range(40))
    yield "100\n%s\n" % "\n".join(str(rng.randint(0, 1000)) for _ in range(100))
    yield "10000\n%s\n" % "\n".join(str(rng.randint(0, 10**6)) for _ in range(10000))
    yield "10000\n%s\n" % "\n".join(str(10**6 - i) for i in range(10000))
    yield "5\n999999\n999998\n999997\n35\n36\n"

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
