import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    heights = [int(x) for x in data[1:1 + n]]
    ranks = {v: i + 1 for i, v in enumerate(sorted(set(heights)))}
    size = len(ranks)
    tree = [0] * (size + 1)
    total = 0
    seen = 0
    for h in heights:
        r = ranks[h]
        # Bunnies in front that are not taller than this one.
        i, not_taller = r, 0
        while i > 0:
            not_taller += tree[i]
            i -= i & -i
        total += seen - not_taller
        seen += 1
        while r <= size:
            tree[r] += 1
            r += r & -r
    print(total)


main()
