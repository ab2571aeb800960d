#include <stdio.h>
#include <stdlib.h>

/* nums: every integer of the input, in order; count: how many. Return one count per line.
   Print the answer. */
static void solve(const long long *nums, size_t count)
{
    /* TODO: your solution */
    (void)nums;
    (void)count;
    printf("\n");
}

int main(void)
{
    size_t count = 0, capacity = 1024;
    long long *nums = malloc(capacity * sizeof *nums);
    long long value;
    if (!nums)
        return 1;
    while (scanf("%lld", &value) == 1) {
        if (count == capacity) {
            long long *grown = realloc(nums, 2 * capacity * sizeof *nums);
            if (!grown)
                return 1;
            nums = grown;
            capacity *= 2;
        }
        nums[count++] = value;
    }
    solve(nums, count);
    free(nums);
    return 0;
}
