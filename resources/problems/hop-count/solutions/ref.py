import sys


def main():
    data = sys.stdin.read().split()
    q = int(data[0])
    out = []
    for i in range(q):
        d, k = int(data[1 + 2 * i]), int(data[2 + 2 * i])
        out.append(str((d + k - 1) // k))
    print("\n".join(out))


main()
