const data = require("fs").readFileSync(0, "utf8");

// nums: every integer of the input, in order (Numbers: use BigInt past 2^53). Return the answer (a number or NONE).
function solve(nums) {
  // TODO: your solution
  return "";
}

const nums = data.split(/\s+/).filter((token) => token.length > 0).map(Number);
console.log(String(solve(nums)));
