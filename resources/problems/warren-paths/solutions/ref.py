import sys
from collections import deque


def main():
    lines = sys.stdin.read().split("\n")
    h, w = map(int, lines[0].split())
    grid = "".join(lines[1 + r][:w] for r in range(h))
    start, end = grid.index("S"), grid.index("E")
    dist = [-1] * (h * w)
    dist[start] = 0
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        if cell == end:
            break
        r, c = divmod(cell, w)
        for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
            if 0 <= nr < h and 0 <= nc < w:
                nxt = nr * w + nc
                if dist[nxt] < 0 and grid[nxt] != "#":
                    dist[nxt] = dist[cell] + 1
                    queue.append(nxt)
    print(dist[end])


main()
