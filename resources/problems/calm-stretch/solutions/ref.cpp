#include <algorithm>
#include <cstdio>
#include <vector>

int main()
{
    int n = 0;
    long long limit = 0;
    if (std::scanf("%d %lld", &n, &limit) != 2)
        return 1;
    std::vector<long long> noise(n);
    for (auto &value : noise) {
        if (std::scanf("%lld", &value) != 1)
            return 1;
    }
    long long total = 0;
    int best = 0, left = 0;
    for (int right = 0; right < n; ++right) {
        total += noise[right];
        while (total > limit)
            total -= noise[left++];
        best = std::max(best, right - left + 1);
    }
    std::printf("%d\n", best);
}
