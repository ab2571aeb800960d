// Correct but slow: adds up every stretch (O(n^2)).
#include <cstdio>
#include <vector>

int main()
{
    int n = 0;
    long long target = 0;
    if (std::scanf("%d %lld", &n, &target) != 2)
        return 1;
    std::vector<long long> changes(n);
    for (auto &c : changes) {
        if (std::scanf("%lld", &c) != 1)
            return 1;
    }
    long long count = 0;
    for (int i = 0; i < n; ++i) {
        long long total = 0;
        for (int j = i; j < n; ++j) {
            total += changes[j];
            if (total == target)
                ++count;
        }
    }
    std::printf("%lld\n", count);
}
