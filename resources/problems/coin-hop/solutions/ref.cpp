#include <cstdio>

int main()
{
    int q = 0;
    if (std::scanf("%d", &q) != 1)
        return 1;
    for (int i = 0; i < q; ++i) {
        long long x = 0;
        if (std::scanf("%lld", &x) != 1)
            return 1;
        long long coins = 0;
        for (long long coin : {25LL, 10LL, 5LL, 1LL}) {
            coins += x / coin;
            x %= coin;
        }
        std::printf("%lld\n", coins);
    }
}
