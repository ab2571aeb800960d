const data = require("fs").readFileSync(0, "utf8");

// lines: the input's lines, without their line breaks. Return one YES or NO per plan.
function solve(lines) {
  // TODO: your solution
  return "";
}

const lines = data.split("\n").map((line) => line.replace(/\r$/, ""));
if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
console.log(String(solve(lines)));
