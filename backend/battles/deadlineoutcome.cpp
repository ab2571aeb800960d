#include "battles/deadlineoutcome.h"

#include <algorithm>

namespace bunny::backend::battles {

DeadlineOutcome deadlineOutcome(const BestSubmission &p1, const BestSubmission &p2)
{
    if (std::max(p1.passed, p2.passed) <= 0)
        return {"", "draw"};
    if (p1.passed != p2.passed)
        return {p1.passed > p2.passed ? "p1" : "p2", "deadline"};
    if (p1.at != p2.at)
        return {p1.at < p2.at ? "p1" : "p2", "deadline"};
    return {"", "draw"};
}

} // namespace bunny::backend::battles
