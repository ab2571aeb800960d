#include <cstdio>
#include <cstdlib>
#include <vector>

int main()
{
    int n = 0;
    if (std::scanf("%d", &n) != 1)
        return 1;
    std::vector<long long> x(n), y(n);
    for (int i = 0; i < n; ++i) {
        if (std::scanf("%lld %lld", &x[i], &y[i]) != 2)
            return 1;
    }
    long long twice = 0;
    for (int i = 0; i < n; ++i) {
        const int j = (i + 1) % n;
        twice += x[i] * y[j] - x[j] * y[i];
    }
    twice = std::llabs(twice);
    std::printf("%lld.%d\n", twice / 2, twice % 2 ? 5 : 0);
}
