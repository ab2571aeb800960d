#include <cstdio>
#include <functional>
#include <queue>
#include <vector>

int main()
{
    int n = 0, m = 0;
    if (std::scanf("%d %d", &n, &m) != 2)
        return 1;
    std::vector<std::vector<int>> after(n + 1);
    std::vector<int> indegree(n + 1, 0);
    for (int i = 0; i < m; ++i) {
        int a = 0, b = 0;
        if (std::scanf("%d %d", &a, &b) != 2)
            return 1;
        after[a].push_back(b);
        ++indegree[b];
    }
    std::priority_queue<int, std::vector<int>, std::greater<>> ready;
    for (int v = 1; v <= n; ++v) {
        if (indegree[v] == 0)
            ready.push(v);
    }
    std::vector<int> order;
    while (!ready.empty()) {
        const int v = ready.top();
        ready.pop();
        order.push_back(v);
        for (int w : after[v]) {
            if (--indegree[w] == 0)
                ready.push(w);
        }
    }
    if (static_cast<int>(order.size()) != n) {
        std::printf("CYCLE\n");
        return 0;
    }
    for (int i = 0; i < n; ++i)
        std::printf(i ? " %d" : "%d", order[i]);
    std::printf("\n");
}
