#pragma once

#include "problems/problem.h"

#include <core/result.h>

#include <memory>
#include <string>
#include <vector>

namespace bunny::problems {

/// The problems of one or more folders. Immutable after load, so reads are thread-safe; copies
/// share the problems.
class ProblemSet
{
public:
    /// Loads and validates every problem folder under `dir`. The error names the file and the
    /// reason; nothing is half-loaded.
    static Result<ProblemSet> load(const std::string &dir);
    /// Loads several sets into one (the bundled set, then imported ones). A slug twice is an error.
    static Result<ProblemSet> loadAll(const std::vector<std::string> &dirs);

    /// Null when no problem has that slug.
    const Problem *find(const std::string &slug) const;
    /// The same, as an owner: the problem outlives this set (a battle keeps its problem across
    /// a reload of the server's problems).
    std::shared_ptr<const Problem> shared(const std::string &slug) const;
    /// Every problem: easy, medium, hard, each by slug.
    std::vector<const Problem *> all() const;
    std::vector<const Problem *> byLevel(const std::string &level) const;
    size_t size() const { return m_problems.size(); }

private:
    std::vector<std::shared_ptr<const Problem>> m_problems; // sorted as all() answers
};

} // namespace bunny::problems
