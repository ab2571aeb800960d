#include <algorithm>
#include <cstdio>
#include <vector>

int main()
{
    int n = 0;
    if (std::scanf("%d", &n) != 1)
        return 1;
    std::vector<long long> colours(n);
    for (auto &colour : colours) {
        if (std::scanf("%lld", &colour) != 1)
            return 1;
    }
    std::sort(colours.begin(), colours.end());
    std::printf("%zu\n", static_cast<size_t>(std::unique(colours.begin(), colours.end()) - colours.begin()));
}
