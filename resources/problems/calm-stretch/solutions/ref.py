import sys


def main():
    data = list(map(int, sys.stdin.read().split()))
    n, limit = data[0], data[1]
    noise = data[2:2 + n]
    best = left = total = 0
    for right in range(n):
        total += noise[right]
        while total > limit:
            total -= noise[left]
            left += 1
        best = max(best, right - left + 1)
    print(best)


main()
