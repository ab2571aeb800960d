import sys


# Correct but slow: adds up every stretch.
def main():
    data = sys.stdin.read().split()
    n, target = int(data[0]), int(data[1])
    changes = [int(x) for x in data[2:2 + n]]
    count = 0
    for i in range(n):
        total = 0
        for j in range(i, n):
            total += changes[j]
            if total == target:
                count += 1
    print(count)


main()
