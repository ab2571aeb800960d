import sys


def solve(nums):
    """nums: every integer of the input, in order. Return one answer per line."""
    # TODO: your solution
    return ""


def main():
    nums = [int(token) for token in sys.stdin.read().split()]
    print(solve(nums))


if __name__ == "__main__":
    main()
