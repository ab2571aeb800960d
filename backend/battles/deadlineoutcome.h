#pragma once

#include <cstdint>
#include <string>

namespace bunny::backend::battles {

/// Both players' best submissions when the deadline passes.
struct BestSubmission
{
    int passed = -1;     ///< tests passed by the best submission; -1: never submitted
    std::int64_t at = 0; ///< when that submission was made (recording t, ms)
};

/// How a battle ends at its deadline (DESIGN.md): more tests passed wins; the same number:
/// who reached it first; both at zero (or never submitting), or reaching it at the same
/// moment: a draw. winner is "p1", "p2" or empty; reason "deadline" or "draw".
struct DeadlineOutcome
{
    std::string winner;
    std::string reason;
};
DeadlineOutcome deadlineOutcome(const BestSubmission &p1, const BestSubmission &p2);

} // namespace bunny::backend::battles
