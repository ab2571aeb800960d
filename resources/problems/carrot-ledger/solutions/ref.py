import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    values = [0] + [int(x) for x in data[2:2 + n]]
    tree = [0] * (n + 1)
    for i in range(1, n + 1):
        tree[i] += values[i]
        j = i + (i & -i)
        if j <= n:
            tree[j] += tree[i]

    def prefix(i):
        total = 0
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    out = []
    at = 2 + n
    for _ in range(q):
        kind, a, b = int(data[at]), int(data[at + 1]), int(data[at + 2])
        at += 3
        if kind == 1:
            delta = b - values[a]
            values[a] = b
            while a <= n:
                tree[a] += delta
                a += a & -a
        else:
            out.append(prefix(b) - prefix(a - 1))
    print("\n".join(map(str, out)))


main()
