import sys
from collections import Counter


def main():
    lines = sys.stdin.read().split()
    n = int(lines[0])
    groups = Counter("".join(sorted(word)) for word in lines[1:1 + n])
    print(len(groups), max(groups.values()))


main()
