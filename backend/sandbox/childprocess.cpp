#include "sandbox/childprocess.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bunny::sandbox {

namespace {

// Formats a pid without allocating (we are between fork and exec).
size_t formatPid(pid_t pid, char *buffer)
{
    char digits[24];
    size_t n = 0;
    do {
        digits[n++] = static_cast<char>('0' + pid % 10);
        pid /= 10;
    } while (pid > 0);
    for (size_t i = 0; i < n; ++i)
        buffer[i] = digits[n - 1 - i];
    buffer[n] = '\n';
    return n + 1;
}

[[noreturn]] void childFail(int reportFd, const char *what)
{
    const int error = errno;
    [[maybe_unused]] auto a = write(reportFd, what, strlen(what));
    [[maybe_unused]] auto b = write(reportFd, ": ", 2);
    const char *reason = strerror(error);
    [[maybe_unused]] auto c = write(reportFd, reason, strlen(reason));
    _exit(127);
}

} // namespace

bool writeFully(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

Result<Spawned> spawnChild(const SpawnSpec &spec)
{
    if (spec.argv.empty())
        return makeError("nothing to start");
    std::vector<char *> argv, envp;
    for (const auto &arg : spec.argv)
        argv.push_back(const_cast<char *>(arg.c_str()));
    argv.push_back(nullptr);
    for (const auto &entry : spec.env)
        envp.push_back(const_cast<char *>(entry.c_str()));
    envp.push_back(nullptr);

    int in[2], out[2], err[2], report[2];
    if (pipe2(in, O_CLOEXEC) != 0)
        return makeError(std::string("pipe: ") + strerror(errno));
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0 || pipe2(report, O_CLOEXEC) != 0)
        return makeError(std::string("pipe: ") + strerror(errno));
    const bool dropPrivileges = spec.uid >= 0 && geteuid() == 0;

    const pid_t pid = fork();
    if (pid < 0) {
        for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1], report[0], report[1]})
            close(fd);
        return makeError(std::string("fork: ") + strerror(errno));
    }
    if (pid == 0) {
        char number[32];
        const size_t length = formatPid(getpid(), number);
        for (int fd : spec.cgroupProcFds) {
            if (write(fd, number, length) < 0)
                childFail(report[1], "joining the run's cgroup");
        }
        if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || dup2(spec.mergeStderr ? out[1] : err[1], 2) < 0)
            childFail(report[1], "dup2");
        const int reportFd = report[1] > 2 ? report[1] : 3;
        if (report[1] != reportFd)
            dup2(report[1], reportFd);
        // Nothing of the server (sockets, database files) may leak into the box.
        if (reportFd > 3)
            syscall(SYS_close_range, 3u, static_cast<unsigned>(reportFd - 1), 0u);
        syscall(SYS_close_range, static_cast<unsigned>(reportFd + 1), ~0u, 0u);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        signal(SIGPIPE, SIG_DFL);
        if (dropPrivileges) {
            // Raw syscalls: glibc's setuid() synchronises threads, which a forked child has not.
            if (syscall(SYS_setgroups, 0, nullptr) != 0 ||
                syscall(SYS_setresgid, spec.gid, spec.gid, spec.gid) != 0 ||
                syscall(SYS_setresuid, spec.uid, spec.uid, spec.uid) != 0)
                childFail(reportFd, "dropping privileges");
        }
        execve(argv[0], argv.data(), envp.data());
        childFail(reportFd, argv[0]);
    }
    for (int fd : {in[0], out[1], err[1], report[1]})
        close(fd);
    char message[512];
    ssize_t n;
    do {
        n = read(report[0], message, sizeof message - 1);
    } while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n > 0) {
        message[n] = '\0';
        for (int fd : {in[1], out[0], err[0]})
            close(fd);
        waitpid(pid, nullptr, 0);
        return makeError(std::string("cannot start ") + spec.argv[0] + ": " + message);
    }
    return Spawned{pid, in[1], out[0], err[0]};
}

Result<HostOutput> runHostCommand(const std::vector<std::string> &argv, int timeoutMs)
{
    SpawnSpec spec;
    spec.argv = argv;
    spec.env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/tmp"};
    spec.mergeStderr = true;
    auto child = spawnChild(spec);
    if (!child)
        return child.error();
    close(child->stdinFd);
    close(child->stderrFd);
    HostOutput result;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    char buffer[4096];
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                .count();
        if (left <= 0) {
            kill(child->pid, SIGKILL);
            break;
        }
        pollfd fd{child->stdoutFd, POLLIN, 0};
        if (poll(&fd, 1, static_cast<int>(left)) <= 0)
            continue;
        const ssize_t n = read(child->stdoutFd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        if (result.output.size() < 65536)
            result.output.append(buffer, static_cast<size_t>(n));
    }
    close(child->stdoutFd);
    int status = 0;
    waitpid(child->pid, &status, 0);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

} // namespace bunny::sandbox
