import sys


def main():
    data = sys.stdin.read().split()
    out = []
    for token in data[1:1 + int(data[0])]:
        x = int(token)
        coins = 0
        for coin in (25, 10, 5, 1):
            coins += x // coin
            x %= coin
        out.append(str(coins))
    print("\n".join(out))


main()
