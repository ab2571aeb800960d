#!/usr/bin/env python3
"""Generates this problem's tests (fixed seed): python3 gen.py"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gentests import ints, write_tests  # noqa: E402

rng = random.Random(17)


def cases():
    yield "4\n([]{})\n([)]\n((\n{[()()]}\n"
    yield "3\n\n)(\n[]\n"
    yield "1\n\n"
    yield "1\n)\n"
    yield "1\n(\n"
    yield "5\n()\n[]\n{}\n(]\n{)\n"
    def balanced(n):
        out, stack = [], []
        for _ in range(n):
            if stack and rng.random() < 0.5:
                out.append({"(": ")", "[": "]", "{": "}"}[stack.pop()])
            else:
                c = rng.choice("([{")
                stack.append(c)
                out.append(c)
        while stack:
            out.append({"(": ")", "[": "]", "{": "}"}[stack.pop()])
        return "".join(out)
    def spoil(plan):
        if not plan:
            return ")"
        i = rng.randrange(len(plan))
        return plan[:i] + rng.choice("()[]{}".replace(plan[i], "")) + plan[i + 1:]
    plans = [balanced(rng.randint(0, 20)) for _ in range(100)]
    yield "%d\n%s\n" % (len(plans), "\n".join(p if rng.random() < 0.5 else spoil(p) for p in plans))
    yield "2\n%s\n%s\n" % ("(" * 50000 + ")" * 50000, "(" * 50000 + ")" * 49999 + "]")
    plans = [balanced(rng.randint(0, 1000)) for _ in range(200)]
    yield "%d\n%s\n" % (len(plans), "\n".join(p if rng.random() < 0.5 else spoil(p) for p in plans))
    yield "1\n%s\n" % balanced(99990)

if __name__ == "__main__":
    write_tests(HERE, list(cases()))
