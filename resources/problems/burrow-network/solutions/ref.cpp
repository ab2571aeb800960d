#include <cstdio>
#include <numeric>
#include <vector>

int main()
{
    int n = 0, m = 0;
    if (std::scanf("%d %d", &n, &m) != 2)
        return 1;
    std::vector<int> parent(n + 1);
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](int x) {
        while (parent[x] != x)
            x = parent[x] = parent[parent[x]];
        return x;
    };
    int colonies = n;
    for (int i = 0; i < m; ++i) {
        int a = 0, b = 0;
        if (std::scanf("%d %d", &a, &b) != 2)
            return 1;
        a = find(a);
        b = find(b);
        if (a != b) {
            parent[a] = b;
            --colonies;
        }
    }
    std::printf("%d\n", colonies);
}
