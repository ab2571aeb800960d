import sys


def main():
    data = list(map(int, sys.stdin.read().split()))
    n, cap = data[0], data[1]
    best = [0] * (cap + 1)
    for i in range(n):
        w, v = data[2 + 2 * i], data[3 + 2 * i]
        if w > cap:
            continue
        # Slices keep the inner loop in C: best[j] = max(best[j], best[j - w] + v) for j >= w,
        # computed from the row before this item.
        shifted = [x + v for x in best[:cap + 1 - w]]
        best[w:] = [a if a > b else b for a, b in zip(best[w:], shifted)]
    print(best[cap])


main()
