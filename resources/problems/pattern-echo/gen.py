#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(52)


def cases():
    yield "abababa\naba\n"
    yield "carrot\nrots\n"
    yield "a\na\n"
    yield "a\nb\n"
    yield "aaaa\naa\n"
    yield "abcabcabc\nabcabcabc\n"
    def rand(n, letters):
        return "".join(rng.choice(letters) for _ in range(n))
    yield "%s\n%s\n" % (rand(200, "ab"), rand(3, "ab"))
    # Large: every one makes letter-by-letter comparing quadratic (long partial matches).
    yield "%s\n%s\n" % ("a" * 300000, "a" * 99999 + "b")
    yield "%s\n%s\n" % ("a" * 300000, "a" * 150000)
    yield "%s\n%s\n" % ("ab" * 150000, "ab" * 50000 + "b")

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
