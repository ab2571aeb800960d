#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(31)


def cases():
    yield "3\n1 5\n3 8\n10 12\n"
    yield "2\n-4 -1\n-1 2\n"
    yield "1\n0 0\n"
    yield "1\n-1000000000 1000000000\n"
    yield "3\n5 5\n5 5\n1 2\n"
    yield "4\n1 10\n2 3\n4 5\n6 7\n"
    yield "3\n0 5\n0 5\n0 5\n"
    def case(n, span, size):
        rows = []
        for _ in range(n):
            l = rng.randint(-span, span)
            rows.append("%d %d" % (l, min(10**9, l + rng.randint(0, size))))
        return "%d\n%s\n" % (n, "\n".join(rows))
    yield case(100, 1000, 50)
    yield case(20000, 10**9, 10**5)
    yield case(20000, 10**6, 100)

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
