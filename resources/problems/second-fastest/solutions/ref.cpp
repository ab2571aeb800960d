#include <climits>
#include <cstdio>

int main()
{
    int n = 0;
    if (std::scanf("%d", &n) != 1)
        return 1;
    long long best = LLONG_MIN, second = LLONG_MIN;
    bool haveSecond = false;
    for (int i = 0; i < n; ++i) {
        long long speed = 0;
        if (std::scanf("%lld", &speed) != 1)
            return 1;
        if (i == 0 || speed > best) {
            if (i > 0) {
                second = best;
                haveSecond = true;
            }
            best = speed;
        } else if (speed < best && (!haveSecond || speed > second)) {
            second = speed;
            haveSecond = true;
        }
    }
    if (haveSecond)
        std::printf("%lld\n", second);
    else
        std::printf("NONE\n");
}
