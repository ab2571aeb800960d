#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(32)


def cases():
    yield "6\neat\ntea\ntan\nate\nnat\nbat\n"
    yield "3\nabc\nabc\nabc\n"
    yield "1\nz\n"
    yield "4\na\nb\nc\nd\n"
    yield "3\nab\nba\naab\n"
    yield "2\naaaaaaaaaaaaaaaaaaaa\naaaaaaaaaaaaaaaaaaab\n"
    def word(letters, length):
        return "".join(rng.choice(letters) for _ in range(length))
    words = [word("abc", rng.randint(1, 4)) for _ in range(200)]
    yield "%d\n%s\n" % (len(words), "\n".join(words))
    words = [word("abcdefghijklmnopqrstuvwxyz", rng.randint(1, 20)) for _ in range(20000)]
    yield "%d\n%s\n" % (len(words), "\n".join(words))
    words = [word("abcde", 6) for _ in range(20000)]
    yield "%d\n%s\n" % (len(words), "\n".join(words))
    base = ["".join(rng.sample("abcdefghijklmnopqrst", 20)) for _ in range(5)]
    words = ["".join(rng.sample(rng.choice(base), 20)) for _ in range(20000)]
    yield "%d\n%s\n" % (len(words), "\n".join(words))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
