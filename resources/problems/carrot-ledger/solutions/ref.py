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

    def between(lo, hi):
        # prefix(hi) - prefix(lo): both walks meet at a common node, and what lies below it
        # cancels, so neither walk goes past it.
        total = 0
        while hi > lo:
            total += tree[hi]
            hi -= hi & -hi
        while lo > hi:
            total -= tree[lo]
            lo -= lo & -lo
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
            out.append(between(a - 1, b))
    print("\n".join(map(str, out)))


main()
