#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(22)


def cases():
    yield "4 10\n5 10\n4 40\n6 30\n3 50\n"
    yield "3 5\n6 100\n7 200\n5 1\n"
    yield "1 0\n1 5\n"
    yield "1 10000\n10000 1000000000\n"
    yield "3 4\n2 0\n2 0\n2 0\n"
    yield "5 9\n3 5\n3 5\n3 5\n3 5\n3 5\n"
    def case(n, cap, wmax, vmax):
        rows = ["%d %d" % (rng.randint(1, wmax), rng.randint(0, vmax)) for _ in range(n)]
        return "%d %d\n%s\n" % (n, cap, "\n".join(rows))
    yield case(10, 50, 20, 100)
    yield case(100, 10000, 10000, 10**9)
    yield case(100, 10000, 300, 10**9)
    yield case(100, 5000, 100, 1000)

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
