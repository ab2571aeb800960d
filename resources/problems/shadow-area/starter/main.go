package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
)

// nums: every integer of the input, in order. Return the area.
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
