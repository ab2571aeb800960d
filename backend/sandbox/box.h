#pragma once

#include "sandbox/sandbox.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace bunny::sandbox {

struct BoxFile
{
    std::string path; ///< relative to the workdir
    std::string content;
    unsigned mode = 0644;
};

/// One step (compile or run) for bunny-box-init.
struct BoxSpec
{
    std::vector<BoxFile> files;
    std::vector<std::string> argv;
    std::vector<std::string> env;
    std::vector<std::pair<int, std::int64_t>> rlimits; ///< RLIMIT_* -> value
    std::string seccomp;
    std::vector<std::string> collect; ///< paths sent back after a clean exit (compile step)
    bool mergeStdout = false;
    Limits limits; ///< wall, output, memory, processes are enforced by the box
    std::string stdinData;
};

/// What came out of a box.
struct BoxOutcome
{
    std::string reason; ///< exited, signaled, wall, output, setup, lost (no status from the box)
    int exitCode = -1;
    int signal = 0;
    std::int64_t cpuUs = 0;
    std::int64_t memoryKb = 0;
    std::int64_t wallUs = 0;
    std::string stdoutText, stderrText;
    std::uint64_t stdoutBytes = 0, stderrBytes = 0; ///< as written by the program
    std::vector<BoxFile> artifacts;
    bool oomKilled = false;
    bool cpuExceeded = false;  ///< the host saw the run's cgroup pass its CPU limit
    std::string internalError; ///< set when the box itself failed
};

/// A prepared, single-use box: bunny-box-init waiting for its job.
class Box
{
public:
    virtual ~Box() = default;
    /// Sends the job, relays until the box reports, and destroys the box.
    virtual BoxOutcome execute(const BoxSpec &spec) = 0;
};

/// The job's bytes for bunny-box-init's stdin (stdin data not included).
std::string encodeJob(const BoxSpec &spec);

/// Splits the box's output stream into records and fills a BoxOutcome.
class OutcomeDecoder
{
public:
    explicit OutcomeDecoder(BoxOutcome &outcome, std::uint64_t maxArtifactBytes = 64u << 20);
    /// Feeds bytes; returns false on a malformed stream (then the box must be killed).
    bool feed(const char *data, size_t size);
    bool finished() const { return m_finished; }

private:
    bool handle(char tag, const std::string &payload);
    BoxOutcome &m_outcome;
    std::string m_buffer;
    std::uint64_t m_artifactBytes = 0, m_maxArtifactBytes;
    bool m_finished = false;
};

} // namespace bunny::sandbox
