import sys


# Correct but slow: compares the tune letter by letter at every position.
def main():
    lines = sys.stdin.read().split()
    song, tune = lines[0], lines[1]
    n, m = len(song), len(tune)
    count = 0
    for start in range(n - m + 1):
        i = 0
        while i < m and song[start + i] == tune[i]:
            i += 1
        if i == m:
            count += 1
    print(count)


main()
