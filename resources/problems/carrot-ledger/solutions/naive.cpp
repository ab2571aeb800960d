// Correct but slow: every question adds up its shelves again (O(n) per question).
#include <cstdio>
#include <vector>

int main()
{
    int n = 0, q = 0;
    if (std::scanf("%d %d", &n, &q) != 2)
        return 1;
    std::vector<long long> values(n + 1);
    for (int i = 1; i <= n; ++i) {
        if (std::scanf("%lld", &values[i]) != 1)
            return 1;
    }
    for (int k = 0; k < q; ++k) {
        int kind = 0, a = 0;
        long long b = 0;
        if (std::scanf("%d %d %lld", &kind, &a, &b) != 3)
            return 1;
        if (kind == 1) {
            values[a] = b;
        } else {
            long long total = 0;
            for (int i = a; i <= b; ++i)
                total += values[i];
            std::printf("%lld\n", total);
        }
    }
}
