#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(13)


def cases():
    yield "hop along little bunny\ncarrots are orange\n"
    yield "a\n\nb  c\n"
    yield "\n"
    yield "single\n"
    yield "   leading and trailing spaces   \n"
    yield "racecar level noon\n\n\nend\n"
    yield "12345 !?.,; x\n"
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?"
    def word():
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
    lines = [" ".join(word() for _ in range(rng.randint(0, 8))) for _ in range(50)]
    yield "\n".join(lines) + "\n"
    lines = [(" " * rng.randint(1, 3)).join(word() for _ in range(rng.randint(0, 60))) for _ in range(500)]
    yield "\n".join(lines) + "\n"
    yield ("x" * 1000) + "\n"

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
