#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(21)


def cases():
    yield "3 4\nS..#\n.#..\n...E\n"
    yield "2 3\nS#E\n.#.\n"
    yield "1 2\nSE\n"
    yield "2 1\nE\nS\n"
    yield "1 5\nS.#.E\n"
    def grid(h, w, rock):
        cells = [["#" if rng.random() < rock else "." for _ in range(w)] for _ in range(h)]
        s, e = rng.sample(range(h * w), 2)
        cells[s // w][s % w] = "S"
        cells[e // w][e % w] = "E"
        return "%d %d\n%s\n" % (h, w, "\n".join("".join(row) for row in cells))
    yield grid(10, 10, 0.3)
    yield grid(50, 80, 0.35)
    yield grid(500, 500, 0.3)
    yield grid(500, 500, 0.0)
    # A snake: one long corridor through the whole grid.
    h = w = 499
    rows = []
    for r in range(h):
        if r % 2 == 0:
            rows.append(["."] * w)
        else:
            row = ["#"] * w
            row[w - 1 if r % 4 == 1 else 0] = "."
            rows.append(row)
    rows[0][0] = "S"
    rows[h - 1][w - 1 if (h - 1) % 4 == 0 else 0] = "E"
    yield "%d %d\n%s\n" % (h, w, "\n".join("".join(row) for row in rows))
    yield grid(300, 300, 0.6)

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
