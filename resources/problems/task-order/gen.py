#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(35)


def cases():
    yield "5 4\n3 1\n1 2\n5 2\n4 5\n"
    yield "3 3\n1 2\n2 3\n3 1\n"
    yield "1 0\n"
    yield "1 1\n1 1\n"
    yield "4 0\n"
    yield "3 4\n3 2\n3 2\n2 1\n3 1\n"
    def dag(n, m):
        perm = list(range(1, n + 1))
        rng.shuffle(perm)
        rows = []
        for _ in range(m):
            i, j = sorted(rng.sample(range(n), 2))
            rows.append("%d %d" % (perm[i], perm[j]))
        return n, rows
    n, rows = dag(50, 80)
    yield "%d %d\n%s\n" % (n, len(rows), "\n".join(rows))
    n, rows = dag(10000, 20000)
    yield "%d %d\n%s\n" % (n, len(rows), "\n".join(rows))
    n, rows = dag(10000, 19999)
    rows.append(rows[0].split()[1] + " " + rows[0].split()[0])
    yield "%d %d\n%s\n" % (n, len(rows), "\n".join(rows))
    n = 10000
    rows = ["%d %d" % (i + 1, i) for i in range(1, n)]
    yield "%d %d\n%s\n" % (n, len(rows), "\n".join(rows))

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
