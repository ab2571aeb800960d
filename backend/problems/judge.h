#pragma once

#include "problems/problem.h"

#include <string>
#include <vector>

namespace bunny::sandbox {
class Sandbox;
}

namespace bunny::problems {

/// One test's outcome.
struct TestVerdict
{
    std::string name;
    bool sample = false;
    std::string
        status; ///< ok, wrong_answer, time_limit, memory_limit, output_limit, runtime_error, internal_error
    long timeMs = 0;
    std::string input, expected, actual; ///< filled for samples only: hidden tests never leave the server
};

/// A submission's outcome.
struct Verdict
{
    /// accepted, wrong_answer, compile_error, runtime_error, time_limit, memory_limit,
    /// output_limit, internal_error: the first failing test's status, or accepted.
    std::string status;
    int passed = 0;                 ///< tests that passed (tests after the first hidden failure are not run)
    int total = 0;                  ///< every test of the problem
    std::vector<TestVerdict> tests; ///< the tests that ran, in order
    std::string compileOutput;      ///< the compiler's messages (compile errors, warnings)
    std::string message;            ///< why, for internal_error
};

/// Judges submissions: compiles once, then runs the tests in the sandbox with the problem's
/// limits, each in a fresh box. Every sample runs; hidden tests run until the first failure.
/// Thread-safe (the sandbox is); the sandbox must outlive the judge.
class Judge
{
public:
    explicit Judge(sandbox::Sandbox &sandbox);
    Verdict judge(const Problem &problem, const std::string &language, const std::string &code);

private:
    sandbox::Sandbox &m_sandbox;
};

} // namespace bunny::problems
