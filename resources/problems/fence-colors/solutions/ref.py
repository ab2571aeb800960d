import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    print(len(set(data[1:1 + n])))


main()
