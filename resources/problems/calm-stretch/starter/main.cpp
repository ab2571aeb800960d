#include <iostream>
#include <string>
#include <vector>

// nums: every integer of the input, in order. Return the length of the longest calm run.
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
    std::cout << solve(nums) << '\n';
}
