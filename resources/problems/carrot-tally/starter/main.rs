use std::io::{self, Read};

// nums: every integer of the input, in order. Return the sum and the position, separated by a space.
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
