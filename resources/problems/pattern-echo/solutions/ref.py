import sys


def main():
    lines = sys.stdin.read().split()
    song, tune = lines[0], lines[1]
    m = len(tune)
    # fail[i]: the length of the longest proper border of tune[:i + 1].
    fail = [0] * m
    k = 0
    for i in range(1, m):
        while k and tune[i] != tune[k]:
            k = fail[k - 1]
        if tune[i] == tune[k]:
            k += 1
        fail[i] = k
    count = k = 0
    for c in song:
        while k and c != tune[k]:
            k = fail[k - 1]
        if c == tune[k]:
            k += 1
        if k == m:
            count += 1
            k = fail[k - 1]
    print(count)


main()
