import sys


def main():
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    xs, ys = data[1:1 + 2 * n:2], data[2:2 + 2 * n:2]
    twice = 0
    for i in range(n):
        j = (i + 1) % n
        twice += xs[i] * ys[j] - xs[j] * ys[i]
    print("%.1f" % (abs(twice) / 2))


main()
