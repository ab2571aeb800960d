import sys
from bisect import bisect_left


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    tops = []  # tops[k]: the lowest last height of a climb of k + 1 stones
    for token in data[1:1 + n]:
        h = int(token)
        k = bisect_left(tops, h)
        if k == len(tops):
            tops.append(h)
        else:
            tops[k] = h
    print(len(tops))


main()
