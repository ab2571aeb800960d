import sys

PAIRS = {")": "(", "]": "[", "}": "{"}


def sound(plan):
    stack = []
    for c in plan:
        if c in PAIRS:
            if not stack or stack.pop() != PAIRS[c]:
                return False
        else:
            stack.append(c)
    return not stack


def main():
    lines = sys.stdin.read().split("\n")
    t = int(lines[0])
    print("\n".join("YES" if sound(lines[1 + i].strip()) else "NO" for i in range(t)))


main()
