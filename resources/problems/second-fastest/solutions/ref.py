import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    speeds = set(int(x) for x in data[1:1 + n])
    if len(speeds) < 2:
        print("NONE")
    else:
        speeds.discard(max(speeds))
        print(max(speeds))


main()
