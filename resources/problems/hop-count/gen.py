#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(12)


def cases():
    yield "3\n10 3\n9 3\n0 5\n"
    yield "2\n1 1000\n1000000000000000000 1\n"
    yield "1\n0 1\n"
    yield "1\n1000000000000000000 1000000000000000000\n"
    yield "1\n999999999999999999 1000000000000000000\n"
    yield "2\n1000000000000000000 999999999999999999\n1 1\n"
    yield "3\n7 7\n8 7\n6 7\n"
    rows = [(rng.randint(0, 100), rng.randint(1, 10)) for _ in range(50)]
    yield "%d\n%s\n" % (len(rows), "\n".join("%d %d" % r for r in rows))
    rows = [(rng.randint(0, 10**18), rng.randint(1, 10**18)) for _ in range(1000)]
    yield "%d\n%s\n" % (len(rows), "\n".join("%d %d" % r for r in rows))
    rows = [(rng.randint(0, 10**18), rng.randint(1, 10**rng.randint(0, 18))) for _ in range(20000)]
    yield "%d\n%s\n" % (len(rows), "\n".join("%d %d" % r for r in rows))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
