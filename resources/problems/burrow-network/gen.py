#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(24)


def cases():
    yield "6 4\n1 2\n2 3\n4 5\n5 4\n"
    yield "3 0\n"
    yield "1 0\n"
    yield "1 3\n1 1\n1 1\n1 1\n"
    yield "4 3\n1 2\n3 4\n2 3\n"
    def case(n, m):
        edges = ["%d %d" % (rng.randint(1, n), rng.randint(1, n)) for _ in range(m)]
        return "%d %d\n%s\n" % (n, m, "\n".join(edges))
    yield case(20, 10)
    yield case(1000, 800)
    yield case(20000, 20000)
    yield case(20000, 20000)
    # One long chain given backwards: deep trees without path compression.
    n = 20000
    yield "%d %d\n%s\n" % (n, n - 1, "\n".join("%d %d" % (i + 1, i) for i in range(n - 1, 0, -1)))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
