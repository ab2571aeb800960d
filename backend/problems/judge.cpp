#include "problems/judge.h"

#include "problems/outputmatch.h"

#include <sandbox/sandbox.h>

#include <algorithm>

namespace bunny::problems {

namespace {

/// Where the submission goes: the starter's file name, so Java's class Main is in Main.java.
std::string entryFile(const std::string &language)
{
    for (const auto &starter : starterFiles()) {
        if (language == starter.language)
            return starter.file;
    }
    return {};
}

sandbox::Limits testLimits(const Problem &problem)
{
    sandbox::Limits limits = sandbox::Limits::unset();
    limits.cpuMs = problem.timeLimitMs;
    // The wall clock only catches programs that sleep or block; CPU time is the real limit.
    limits.wallMs = std::max(2 * problem.timeLimitMs, problem.timeLimitMs + 2000);
    limits.memoryKb = problem.memoryLimitKb;
    limits.outputKb = 1024; // capped by the operator's maxima; tests' outputs stay well under
    return limits;
}

} // namespace

Judge::Judge(sandbox::Sandbox &sandbox)
    : m_sandbox(sandbox)
{}

Verdict Judge::judge(const Problem &problem, const std::string &language, const std::string &code)
{
    Verdict verdict;
    verdict.total = static_cast<int>(problem.tests.size());
    const std::string entry = entryFile(language);
    if (entry.empty()) {
        verdict.status = "internal_error";
        verdict.message = "unknown language '" + language + "'";
        return verdict;
    }
    sandbox::Job job;
    job.language = language;
    job.files[entry] = code;
    job.entry = entry;
    job.limits = testLimits(problem);

    std::vector<std::string> inputs;
    for (const auto &test : problem.tests)
        inputs.push_back(test.input);
    bool sampleFailed = false;
    const auto proceed = [&](size_t index, const sandbox::RunResult &run) {
        const TestCase &test = problem.tests[index];
        TestVerdict result;
        result.name = test.name;
        result.sample = test.sample;
        result.timeMs = run.cpuMs;
        if (run.status != sandbox::Status::Ok)
            result.status = sandbox::statusName(run.status);
        else if (!outputsMatch(test.expected, run.stdoutText, problem.tolerance))
            result.status = "wrong_answer";
        else
            result.status = "ok";
        if (test.sample) {
            result.input = test.input;
            result.expected = test.expected;
            result.actual = run.stdoutText;
        }
        const bool passed = result.status == "ok";
        verdict.passed += passed ? 1 : 0;
        if (!passed && verdict.status.empty()) {
            verdict.status = result.status;
            if (result.status == "internal_error")
                verdict.message = run.message;
        }
        verdict.tests.push_back(std::move(result));
        // Every sample runs, so the player sees each one; hidden tests stop at the first failure
        // (they reveal nothing more, and a wrong program must not cost the whole set's time).
        sampleFailed = sampleFailed || (test.sample && !passed);
        const bool nextIsSample = index + 1 < problem.tests.size() && problem.tests[index + 1].sample;
        if (nextIsSample)
            return true;
        return !sampleFailed && passed;
    };
    const sandbox::BatchResult batch = m_sandbox.runBatch(job, inputs, proceed);
    if (batch.compile)
        verdict.compileOutput = batch.compile->output;
    if (batch.status == sandbox::Status::CompileError) {
        verdict.status = "compile_error";
        verdict.tests.clear();
        verdict.passed = 0;
        return verdict;
    }
    if (batch.status != sandbox::Status::Ok) {
        verdict.status = "internal_error";
        verdict.message = batch.message;
        return verdict;
    }
    if (verdict.status.empty())
        verdict.status = verdict.passed == verdict.total ? "accepted" : "internal_error";
    return verdict;
}

} // namespace bunny::problems
