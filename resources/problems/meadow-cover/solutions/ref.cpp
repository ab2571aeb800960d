#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

int main()
{
    int n = 0;
    if (std::scanf("%d", &n) != 1)
        return 1;
    std::vector<std::pair<long long, long long>> stretches(n);
    for (auto &[l, r] : stretches) {
        if (std::scanf("%lld %lld", &l, &r) != 2)
            return 1;
    }
    std::sort(stretches.begin(), stretches.end());
    long long total = 0, end = 0;
    bool started = false;
    for (const auto &[l, r] : stretches) {
        if (!started || l > end) {
            total += r - l;
            end = r;
            started = true;
        } else if (r > end) {
            total += r - end;
            end = r;
        }
    }
    std::printf("%lld\n", total);
}
