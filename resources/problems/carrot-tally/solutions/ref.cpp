#include <cstdio>

int main()
{
    int n = 0;
    if (std::scanf("%d", &n) != 1)
        return 1;
    long long sum = 0, best = 0;
    int bestAt = 1;
    for (int i = 1; i <= n; ++i) {
        long long value = 0;
        if (std::scanf("%lld", &value) != 1)
            return 1;
        sum += value;
        if (i == 1 || value > best) {
            best = value;
            bestAt = i;
        }
    }
    std::printf("%lld %d\n", sum, bestAt);
}
