// Correct but slow: looks at every pair (O(n^2)).
#include <cstdio>
#include <vector>

int main()
{
    int n = 0;
    if (std::scanf("%d", &n) != 1)
        return 1;
    std::vector<int> heights(n);
    for (auto &h : heights) {
        if (std::scanf("%d", &h) != 1)
            return 1;
    }
    long long total = 0;
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            if (heights[i] > heights[j])
                ++total;
    std::printf("%lld\n", total);
}
