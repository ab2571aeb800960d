#include <algorithm>
#include <cstdio>
#include <vector>

int main()
{
    const long long mod = 1000000007;
    int q = 0;
    if (std::scanf("%d", &q) != 1)
        return 1;
    std::vector<int> heights(q);
    for (auto &h : heights) {
        if (std::scanf("%d", &h) != 1)
            return 1;
    }
    const int top = std::max(2, *std::max_element(heights.begin(), heights.end()));
    std::vector<long long> ways(top + 1);
    ways[0] = 1;
    ways[1] = 1;
    ways[2] = 2;
    for (int i = 3; i <= top; ++i)
        ways[i] = (ways[i - 1] + ways[i - 2] + ways[i - 3]) % mod;
    for (int h : heights)
        std::printf("%lld\n", ways[h]);
}
