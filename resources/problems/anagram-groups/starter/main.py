import sys


def solve(lines):
    """lines: the input's lines, without their line breaks. Return the number of groups and the largest group's size."""
    # TODO: your solution
    return ""


def main():
    lines = sys.stdin.read().splitlines()
    print(solve(lines))


if __name__ == "__main__":
    main()
