import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    values = [int(x) for x in data[1:1 + n]]
    best = 0
    for i in range(1, n):
        if values[i] > values[best]:
            best = i
    print(sum(values), best + 1)


main()
