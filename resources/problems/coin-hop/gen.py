#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(16)


def cases():
    yield "3\n30\n7\n99\n"
    yield "2\n0\n1\n"
    yield "1\n1000000000\n"
    yield "1\n999999999\n"
    yield "4\n4\n9\n24\n26\n"
    yield "30\n%s\n" % "\n".join(str(i) for i in range(30))
    yield "100\n%s\n" % "\n".join(str(rng.randint(0, 1000)) for _ in range(100))
    yield "5000\n%s\n" % "\n".join(str(rng.randint(0, 10**9)) for _ in range(5000))
    yield "20000\n%s\n" % "\n".join(str(rng.randint(0, 10**9)) for _ in range(20000))
    yield "20000\n%s\n" % "\n".join(str(rng.randint(0, 100)) for _ in range(20000))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
