package main

import (
	"bufio"
	"fmt"
	"os"
)

// lines: the input's lines, without their line breaks. Return the translated lines joined by line breaks.
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
