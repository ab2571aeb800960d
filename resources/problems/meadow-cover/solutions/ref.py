import sys


def main():
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    stretches = sorted((data[1 + 2 * i], data[2 + 2 * i]) for i in range(n))
    total = 0
    end = None
    for l, r in stretches:
        if end is None or l > end:
            total += r - l
            end = r
        elif r > end:
            total += r - end
            end = r
    print(total)


main()
