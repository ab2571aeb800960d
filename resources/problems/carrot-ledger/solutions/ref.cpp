#include <cstdio>
#include <vector>

int main()
{
    int n = 0, q = 0;
    if (std::scanf("%d %d", &n, &q) != 2)
        return 1;
    std::vector<long long> values(n + 1), tree(n + 1, 0);
    auto add = [&](int i, long long delta) {
        for (; i <= n; i += i & -i)
            tree[i] += delta;
    };
    auto prefix = [&](int i) {
        long long total = 0;
        for (; i > 0; i -= i & -i)
            total += tree[i];
        return total;
    };
    for (int i = 1; i <= n; ++i) {
        if (std::scanf("%lld", &values[i]) != 1)
            return 1;
        add(i, values[i]);
    }
    for (int k = 0; k < q; ++k) {
        int kind = 0;
        long long a = 0, b = 0;
        if (std::scanf("%d %lld %lld", &kind, &a, &b) != 3)
            return 1;
        if (kind == 1) {
            add(static_cast<int>(a), b - values[a]);
            values[a] = b;
        } else {
            std::printf("%lld\n", prefix(static_cast<int>(b)) - prefix(static_cast<int>(a) - 1));
        }
    }
}
