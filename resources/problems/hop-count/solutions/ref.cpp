#include <cstdio>

int main()
{
    int q = 0;
    if (std::scanf("%d", &q) != 1)
        return 1;
    for (int i = 0; i < q; ++i) {
        unsigned long long d = 0, k = 1;
        if (std::scanf("%llu %llu", &d, &k) != 2)
            return 1;
        std::printf("%llu\n", d / k + (d % k != 0));
    }
}
