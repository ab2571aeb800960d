#include <cstdio>

int main()
{
    int n = 0;
    if (std::scanf("%d", &n) != 1 || n <= 0)
        return 1;
    long long sum = 0;
    for (int i = 0; i < n; ++i) {
        int value = 0;
        if (std::scanf("%d", &value) != 1)
            return 1;
        sum += value;
    }
    std::printf("%.9f\n", static_cast<double>(sum) / n);
}
