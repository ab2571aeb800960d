// Correct but slow: for each stone, the best climb ending there from every earlier stone (O(n^2)).
#include <algorithm>
#include <cstdio>
#include <vector>

int main()
{
    int n = 0;
    if (std::scanf("%d", &n) != 1)
        return 1;
    std::vector<long long> heights(n);
    for (auto &h : heights) {
        if (std::scanf("%lld", &h) != 1)
            return 1;
    }
    std::vector<int> best(n, 1);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < i; ++j)
            if (heights[j] < heights[i] && best[j] + 1 > best[i])
                best[i] = best[j] + 1;
    std::printf("%d\n", n == 0 ? 0 : *std::max_element(best.begin(), best.end()));
}
