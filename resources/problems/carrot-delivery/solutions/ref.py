import heapq
import sys


def main():
    data = list(map(int, sys.stdin.read().split()))
    n, m, s, t = data[:4]
    edges = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = data[4 + 3 * i:7 + 3 * i]
        edges[u].append((v, w))
    dist = [-1] * (n + 1)
    heap = [(0, s)]
    while heap:
        d, u = heapq.heappop(heap)
        if dist[u] >= 0:
            continue
        dist[u] = d
        if u == t:
            break
        for v, w in edges[u]:
            if dist[v] < 0:
                heapq.heappush(heap, (d + w, v))
    print(dist[t])


main()
