#pragma once

#include "sandbox/limits.h"

#include <core/result.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bunny::sandbox {

/// One piece of untrusted code to run: the JSON body of POST /runs, parsed.
struct Job
{
    std::string language;                     ///< an id from languages(), e.g. "python"
    std::map<std::string, std::string> files; ///< relative path -> text
    std::string entry; ///< the file to run; empty: the language's default or the only file
    std::string stdinData;
    Limits limits = Limits::unset(); ///< the caller's wishes (0 = default), clamped to operator maxima
};

enum class Status { Ok, CompileError, RuntimeError, TimeLimit, MemoryLimit, OutputLimit, InternalError };

/// "ok", "compile_error", ... as in the REST contract.
const char *statusName(Status status);

/// What a compiler said (compile errors and warnings all arrive on stderr).
struct CompileResult
{
    Status status = Status::Ok; ///< Ok or CompileError (TimeLimit, MemoryLimit when the compiler hit one)
    int exitCode = 0;
    std::string output;
    bool outputTruncated = false;
    long timeMs = 0;
};

struct RunResult
{
    Status status = Status::InternalError;
    int exitCode = -1;
    std::optional<std::string> signal; ///< "SIGKILL", or none when the program exited by itself
    std::string stdoutText;
    std::string stderrText;
    bool stdoutTruncated = false;
    bool stderrTruncated = false;
    long timeMs = 0;
    long cpuMs = 0;
    long memoryKb = 0;
    std::optional<CompileResult> compile;
    std::string message; ///< why, for internal_error (never shown the program's secrets)
};

/// What Sandbox::runBatch answers: one build, then one run per input that was run.
struct BatchResult
{
    /// Ok: built (or nothing to build) and `runs` holds the runs; CompileError: `compile` says
    /// why and nothing ran; InternalError: `message` says why.
    Status status = Status::InternalError;
    std::optional<CompileResult> compile;
    std::vector<RunResult> runs; ///< runs[i] is the run on inputs[i]; fewer when stopped early
    std::string message;
};

/// Asked after each run of a batch: whether to run the next input.
using BatchProceed = std::function<bool(size_t index, const RunResult &result)>;

struct LanguageInfo
{
    std::string id;
    std::string name;
    std::string version;
    std::vector<std::string> extensions;
    bool compiled = false;
};

/// Runs untrusted code. Implementations are thread-safe: run() may be called from many threads.
class Sandbox
{
public:
    virtual ~Sandbox() = default;
    /// "native" or "docker".
    virtual std::string backendName() const = 0;
    /// The languages whose toolchains work on this host, with their versions.
    virtual std::vector<LanguageInfo> languages() = 0;
    /// Runs one job to completion; never throws (failures are internal_error results).
    virtual RunResult run(const Job &job) = 0;
    /// Builds `job` once and runs it on each input in turn (job.stdinData is ignored), each run
    /// in a fresh box with the job's limits, until `proceed` says stop. Never throws. This
    /// generic version calls run() per input (so it builds every time); boxed backends build once.
    virtual BatchResult runBatch(const Job &job, const std::vector<std::string> &inputs,
                                 const BatchProceed &proceed);
    /// Empty when runs can work; otherwise why not (the server answers 503 with it).
    virtual std::string unavailableReason() { return {}; }
};

/// Checks a job before it costs anything: known language, sane paths and sizes, a valid entry.
/// Returns the entry file to run. The server maps a failure to 400.
[[nodiscard]] Result<std::string> validateJob(const Job &job);

/// The name of a signal ("SIGKILL"), or "SIG<n>" for one without a name.
std::string signalName(int signal);

} // namespace bunny::sandbox
