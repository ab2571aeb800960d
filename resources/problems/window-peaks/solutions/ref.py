import sys
from collections import deque


def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    heights = [int(x) for x in data[2:2 + n]]
    window = deque()  # positions whose heights decrease from front to back
    total = 0
    for i, h in enumerate(heights):
        while window and heights[window[-1]] <= h:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            total += heights[window[0]]
    print(total)


main()
