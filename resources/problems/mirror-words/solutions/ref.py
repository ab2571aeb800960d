import sys


def main():
    for line in sys.stdin.read().splitlines():
        print(" ".join(word[::-1] for word in line.split()))


main()
