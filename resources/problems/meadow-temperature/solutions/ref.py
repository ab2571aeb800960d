import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    print("%.9f" % (sum(int(x) for x in data[1:1 + n]) / n))


main()
