import sys


def main():
    data = list(map(int, sys.stdin.read().split()))
    n, m = data[0], data[1]
    parent = list(range(n + 1))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    colonies = n
    for i in range(m):
        a, b = find(data[2 + 2 * i]), find(data[3 + 2 * i])
        if a != b:
            parent[a] = b
            colonies -= 1
    print(colonies)


main()
