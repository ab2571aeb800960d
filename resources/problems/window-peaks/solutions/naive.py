import sys


# Correct but slow: scans the whole window at every position.
def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    heights = [int(x) for x in data[2:2 + n]]
    total = 0
    for start in range(n - k + 1):
        best = heights[start]
        for i in range(start + 1, start + k):
            if heights[i] > best:
                best = heights[i]
        total += best
    print(total)


main()
