#include <algorithm>
#include <cstdio>
#include <vector>

int main()
{
    int n = 0, cap = 0;
    if (std::scanf("%d %d", &n, &cap) != 2)
        return 1;
    std::vector<long long> best(cap + 1, 0);
    for (int i = 0; i < n; ++i) {
        int w = 0;
        long long v = 0;
        if (std::scanf("%d %lld", &w, &v) != 2)
            return 1;
        for (int j = cap; j >= w; --j)
            best[j] = std::max(best[j], best[j - w] + v);
    }
    std::printf("%lld\n", best[cap]);
}
