#include <algorithm>
#include <cstdio>
#include <vector>

int main()
{
    int n = 0;
    if (std::scanf("%d", &n) != 1)
        return 1;
    std::vector<long long> tops;
    for (int i = 0; i < n; ++i) {
        long long h = 0;
        if (std::scanf("%lld", &h) != 1)
            return 1;
        const auto at = std::lower_bound(tops.begin(), tops.end(), h);
        if (at == tops.end())
            tops.push_back(h);
        else
            *at = h;
    }
    std::printf("%zu\n", tops.size());
}
