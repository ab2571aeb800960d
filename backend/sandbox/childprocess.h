#pragma once

#include <core/result.h>

#include <string>
#include <sys/types.h>
#include <vector>

namespace bunny::sandbox {

/// How to start a child: everything is prepared before fork(), so the child only makes
/// async-signal-safe calls (the server is multithreaded).
struct SpawnSpec
{
    std::vector<std::string> argv; ///< argv[0] is an absolute path
    std::vector<std::string> env;
    std::vector<int> cgroupProcFds; ///< open cgroup.procs files the child joins before exec
    int uid = -1;                   ///< when >= 0 (and we are root), drop to this uid/gid, no groups
    int gid = -1;
    bool mergeStderr = false; ///< stderr goes to the stdout pipe
};

/// A started child and our ends of its stdio pipes (all close-on-exec, owned by the caller).
struct Spawned
{
    pid_t pid = -1;
    int stdinFd = -1;
    int stdoutFd = -1;
    int stderrFd = -1;
};

[[nodiscard]] Result<Spawned> spawnChild(const SpawnSpec &spec);

struct HostOutput
{
    int exitCode = -1;
    std::string output;
};

/// Runs a trusted host command (no user input) with stdout+stderr captured, killed after timeoutMs.
[[nodiscard]] Result<HostOutput> runHostCommand(const std::vector<std::string> &argv, int timeoutMs);

/// write() all of data, retrying on EINTR; false on any error.
bool writeFully(int fd, const char *data, size_t size);

} // namespace bunny::sandbox
