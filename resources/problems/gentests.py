"""Shared by every problem's gen.py: writes tests/NN.in and, by running solutions/ref.py on each
input, tests/NN.out. The generators use fixed seeds, so a rerun rewrites the same bytes."""
import glob
import os
import subprocess
import sys


def write_tests(folder, cases):
    """cases: the input texts in order; problem.json names which ones are samples."""
    tests = os.path.join(folder, "tests")
    os.makedirs(tests, exist_ok=True)
    for old in glob.glob(os.path.join(tests, "*.in")) + glob.glob(os.path.join(tests, "*.out")):
        os.remove(old)
    ref = os.path.join(folder, "solutions", "ref.py")
    for index, text in enumerate(cases, 1):
        name = os.path.join(tests, "%02d" % index)
        with open(name + ".in", "w", newline="\n") as out:
            out.write(text)
        answer = subprocess.run([sys.executable, ref], input=text, capture_output=True, text=True, check=True)
        with open(name + ".out", "w", newline="\n") as out:
            out.write(answer.stdout)
    print("%s: %d tests" % (os.path.basename(folder), len(cases)))


def ints(values):
    return " ".join(str(v) for v in values)
