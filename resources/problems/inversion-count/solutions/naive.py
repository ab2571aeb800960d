import sys


# Correct but slow: looks at every pair.
def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    heights = [int(x) for x in data[1:1 + n]]
    total = 0
    for i in range(n):
        hi = heights[i]
        for j in range(i + 1, n):
            if hi > heights[j]:
                total += 1
    print(total)


main()
