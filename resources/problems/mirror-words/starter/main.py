import sys


def solve(lines):
    """lines: the input's lines, without their line breaks. Return the translated lines joined by line breaks."""
    # TODO: your solution
    return ""


def main():
    lines = sys.stdin.read().splitlines()
    print(solve(lines))


if __name__ == "__main__":
    main()
