#include <cstdio>
#include <deque>
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
    std::deque<int> window;
    long long total = 0;
    for (int i = 0; i < n; ++i) {
        while (!window.empty() && heights[window.back()] <= heights[i])
            window.pop_back();
        window.push_back(i);
        if (window.front() <= i - k)
            window.pop_front();
        if (i >= k - 1)
            total += heights[window.front()];
    }
    std::printf("%lld\n", total);
}
