use std::io::{self, Read};

// lines: the input's lines, without their line breaks. Return the number of moves, or -1.
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
