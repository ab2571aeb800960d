#include <iostream>
#include <string>
#include <vector>

// lines: the input's lines, without their line breaks. Return one YES or NO per plan.
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
    std::cout << solve(lines) << '\n';
}
