#include <cstdio>
#include <vector>

namespace {

long long sortCount(std::vector<int> &a, std::vector<int> &scratch, int lo, int hi)
{
    if (hi - lo < 2)
        return 0;
    const int mid = (lo + hi) / 2;
    long long count = sortCount(a, scratch, lo, mid) + sortCount(a, scratch, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid || j < hi) {
        if (j >= hi || (i < mid && a[i] <= a[j])) {
            scratch[k++] = a[i++];
        } else {
            count += mid - i;
            scratch[k++] = a[j++];
        }
    }
    for (k = lo; k < hi; ++k)
        a[k] = scratch[k];
    return count;
}

} // namespace

int main()
{
    int n = 0;
    if (std::scanf("%d", &n) != 1)
        return 1;
    std::vector<int> heights(n), scratch(n);
    for (auto &h : heights) {
        if (std::scanf("%d", &h) != 1)
            return 1;
    }
    std::printf("%lld\n", sortCount(heights, scratch, 0, n));
}
