#!/usr/bin/env python3
"""Writes starter/ for every problem from two templates: "ints" problems read every integer of
the input, "text" problems read its lines. Each starter reads the input, calls a stub and prints
what it returns. Run after adding a problem: python3 make_starters.py"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

INTS = {
    "main.py": '''import sys


def solve(nums):
    """nums: every integer of the input, in order. @DESC@"""
    # TODO: your solution
    return ""


def main():
    nums = [int(token) for token in sys.stdin.read().split()]
    print(solve(nums))


if __name__ == "__main__":
    main()
''',
    "main.js": '''const data = require("fs").readFileSync(0, "utf8");

// nums: every integer of the input, in order (Numbers: use BigInt past 2^53). @DESC@
function solve(nums) {
  // TODO: your solution
  return "";
}

const nums = data.split(/\\s+/).filter((token) => token.length > 0).map(Number);
console.log(String(solve(nums)));
''',
    "main.c": '''#include <stdio.h>
#include <stdlib.h>

/* nums: every integer of the input, in order; count: how many. @DESC@
   Print the answer. */
static void solve(const long long *nums, size_t count)
{
    /* TODO: your solution */
    (void)nums;
    (void)count;
    printf("\\n");
}

int main(void)
{
    size_t count = 0, capacity = 1024;
    long long *nums = malloc(capacity * sizeof *nums);
    long long value;
    if (!nums)
        return 1;
    while (scanf("%lld", &value) == 1) {
        if (count == capacity) {
            long long *grown = realloc(nums, 2 * capacity * sizeof *nums);
            if (!grown)
                return 1;
            nums = grown;
            capacity *= 2;
        }
        nums[count++] = value;
    }
    solve(nums, count);
    free(nums);
    return 0;
}
''',
    "main.cpp": '''#include <iostream>
#include <string>
#include <vector>

// nums: every integer of the input, in order. @DESC@
std::string solve(const std::vector<long long> &nums)
{
    // TODO: your solution
    (void)nums;
    return "";
}

int main()
{
    std::ios::sync_with_stdio(false);
    std::cin.tie(nullptr);
    std::vector<long long> nums;
    for (long long value; std::cin >> value;)
        nums.push_back(value);
    std::cout << solve(nums) << '\\n';
}
''',
    "Main.java": '''import java.io.IOException;
import java.nio.charset.StandardCharsets;

public class Main {
    // nums: every integer of the input, in order. @DESC@
    static String solve(long[] nums) {
        // TODO: your solution
        return "";
    }

    public static void main(String[] args) throws IOException {
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim();
        String[] tokens = input.isEmpty() ? new String[0] : input.split("\\\\s+");
        long[] nums = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            nums[i] = Long.parseLong(tokens[i]);
        }
        System.out.println(solve(nums));
    }
}
''',
    "main.go": '''package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
)

// nums: every integer of the input, in order. @DESC@
func solve(nums []int64) string {
	// TODO: your solution
	_ = nums
	return ""
}

func main() {
	scanner := bufio.NewScanner(bufio.NewReader(os.Stdin))
	scanner.Buffer(make([]byte, 1<<16), 1<<20)
	scanner.Split(bufio.ScanWords)
	var nums []int64
	for scanner.Scan() {
		value, err := strconv.ParseInt(scanner.Text(), 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "not an integer:", scanner.Text())
			os.Exit(1)
		}
		nums = append(nums, value)
	}
	fmt.Println(solve(nums))
}
''',
    "main.rs": '''use std::io::{self, Read};

// nums: every integer of the input, in order. @DESC@
fn solve(nums: &[i64]) -> String {
    // TODO: your solution
    let _ = nums;
    String::new()
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).expect("read stdin");
    let nums: Vec<i64> = input
        .split_whitespace()
        .map(|token| token.parse().expect("an integer"))
        .collect();
    println!("{}", solve(&nums));
}
''',
}

TEXT = {
    "main.py": '''import sys


def solve(lines):
    """lines: the input's lines, without their line breaks. @DESC@"""
    # TODO: your solution
    return ""


def main():
    lines = sys.stdin.read().splitlines()
    print(solve(lines))


if __name__ == "__main__":
    main()
''',
    "main.js": '''const data = require("fs").readFileSync(0, "utf8");

// lines: the input's lines, without their line breaks. @DESC@
function solve(lines) {
  // TODO: your solution
  return "";
}

const lines = data.split("\\n").map((line) => line.replace(/\\r$/, ""));
if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
console.log(String(solve(lines)));
''',
    "main.c": '''#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* lines: the input's lines, without their line breaks; count: how many. @DESC@
   Print the answer. */
static void solve(char **lines, size_t count)
{
    /* TODO: your solution */
    (void)lines;
    (void)count;
    printf("\\n");
}

int main(void)
{
    size_t count = 0, capacity = 256;
    char **lines = malloc(capacity * sizeof *lines);
    char *line = NULL;
    size_t size = 0;
    ssize_t length;
    if (!lines)
        return 1;
    while ((length = getline(&line, &size, stdin)) >= 0) {
        if (length > 0 && line[length - 1] == '\\n')
            line[--length] = '\\0';
        if (count == capacity) {
            char **grown = realloc(lines, 2 * capacity * sizeof *lines);
            if (!grown)
                return 1;
            lines = grown;
            capacity *= 2;
        }
        lines[count++] = strdup(line);
    }
    free(line);
    solve(lines, count);
    for (size_t i = 0; i < count; i++)
        free(lines[i]);
    free(lines);
    return 0;
}
''',
    "main.cpp": '''#include <iostream>
#include <string>
#include <vector>

// lines: the input's lines, without their line breaks. @DESC@
std::string solve(const std::vector<std::string> &lines)
{
    // TODO: your solution
    (void)lines;
    return "";
}

int main()
{
    std::ios::sync_with_stdio(false);
    std::vector<std::string> lines;
    for (std::string line; std::getline(std::cin, line);)
        lines.push_back(line);
    std::cout << solve(lines) << '\\n';
}
''',
    "Main.java": '''import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

public class Main {
    // lines: the input's lines, without their line breaks. @DESC@
    static String solve(List<String> lines) {
        // TODO: your solution
        return "";
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
        }
        System.out.println(solve(lines));
    }
}
''',
    "main.go": '''package main

import (
	"bufio"
	"fmt"
	"os"
)

// lines: the input's lines, without their line breaks. @DESC@
func solve(lines []string) string {
	// TODO: your solution
	_ = lines
	return ""
}

func main() {
	scanner := bufio.NewScanner(bufio.NewReader(os.Stdin))
	scanner.Buffer(make([]byte, 1<<16), 4<<20)
	var lines []string
	for scanner.Scan() {
		lines = append(lines, scanner.Text())
	}
	fmt.Println(solve(lines))
}
''',
    "main.rs": '''use std::io::{self, Read};

// lines: the input's lines, without their line breaks. @DESC@
fn solve(lines: &[&str]) -> String {
    // TODO: your solution
    let _ = lines;
    String::new()
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).expect("read stdin");
    let lines: Vec<&str> = input.lines().collect();
    println!("{}", solve(&lines));
}
''',
}


def main():
    for slug in sorted(os.listdir(HERE)):
        folder = os.path.join(HERE, slug)
        spec = os.path.join(folder, "starter.json")
        if not os.path.isfile(spec):
            continue
        with open(spec) as f:
            starter = json.load(f)
        templates = INTS if starter["kind"] == "ints" else TEXT
        os.makedirs(os.path.join(folder, "starter"), exist_ok=True)
        for name, text in templates.items():
            with open(os.path.join(folder, "starter", name), "w", newline="\n") as out:
                out.write(text.replace("@DESC@", starter["describe"]))


if __name__ == "__main__":
    main()
