import sys
from collections import defaultdict


def main():
    data = sys.stdin.buffer.read().split()
    n, target = int(data[0]), int(data[1])
    seen = defaultdict(int)
    seen[0] = 1
    prefix = count = 0
    for token in data[2:2 + n]:
        prefix += int(token)
        count += seen[prefix - target]
        seen[prefix] += 1
    print(count)


main()
