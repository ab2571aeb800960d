import sys

MOD = 1_000_000_007


def main():
    data = list(map(int, sys.stdin.read().split()))
    heights = data[1:1 + data[0]]
    top = max(heights)
    ways = [1, 1, 2] + [0] * max(0, top - 2)
    for i in range(3, top + 1):
        ways[i] = (ways[i - 1] + ways[i - 2] + ways[i - 3]) % MOD
    print("\n".join(str(ways[h]) for h in heights))


main()
