#include <cstdio>
#include <unordered_map>

int main()
{
    int n = 0;
    long long target = 0;
    if (std::scanf("%d %lld", &n, &target) != 2)
        return 1;
    std::unordered_map<long long, long long> seen;
    seen.reserve(2 * n + 1);
    seen[0] = 1;
    long long prefix = 0, count = 0;
    for (int i = 0; i < n; ++i) {
        long long change = 0;
        if (std::scanf("%lld", &change) != 1)
            return 1;
        prefix += change;
        const auto found = seen.find(prefix - target);
        if (found != seen.end())
            count += found->second;
        ++seen[prefix];
    }
    std::printf("%lld\n", count);
}
