// Correct but slow: scans the whole window at every position (O(n k)).
#include <cstdio>
#include <vector>

int main()
{
    int n = 0, k = 0;
    if (std::scanf("%d %d", &n, &k) != 2)
        return 1;
    std::vector<long long> heights(n);
    for (auto &h : heights) {
        if (std::scanf("%lld", &h) != 1)
            return 1;
    }
    long long total = 0;
    for (int start = 0; start + k <= n; ++start) {
        long long best = heights[start];
        for (int i = start + 1; i < start + k; ++i)
            if (heights[i] > best)
                best = heights[i];
        total += best;
    }
    std::printf("%lld\n", total);
}
