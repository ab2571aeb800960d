import sys


# Correct but slow: every question adds up its shelves again.
def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    values = [0] + [int(x) for x in data[2:2 + n]]
    out = []
    at = 2 + n
    for _ in range(q):
        kind, a, b = int(data[at]), int(data[at + 1]), int(data[at + 2])
        at += 3
        if kind == 1:
            values[a] = b
        else:
            total = 0
            for i in range(a, b + 1):
                total += values[i]
            out.append(total)
    print("\n".join(map(str, out)))


main()
