#include <cstdio>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

int main()
{
    int n = 0, m = 0, s = 0, t = 0;
    if (std::scanf("%d %d %d %d", &n, &m, &s, &t) != 4)
        return 1;
    std::vector<std::vector<std::pair<int, long long>>> edges(n + 1);
    for (int i = 0; i < m; ++i) {
        int u = 0, v = 0;
        long long w = 0;
        if (std::scanf("%d %d %lld", &u, &v, &w) != 3)
            return 1;
        edges[u].push_back({v, w});
    }
    std::vector<long long> dist(n + 1, -1);
    using Item = std::pair<long long, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    heap.push({0, s});
    while (!heap.empty()) {
        const auto [d, u] = heap.top();
        heap.pop();
        if (dist[u] >= 0)
            continue;
        dist[u] = d;
        for (const auto &[v, w] : edges[u]) {
            if (dist[v] < 0)
                heap.push({d + w, v});
        }
    }
    std::printf("%lld\n", dist[t]);
}
