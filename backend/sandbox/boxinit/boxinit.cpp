// bunny-box-init: the first process of every box (PID 1 of its PID namespace or container).
// It waits on stdin for a job (boxprotocol.h), writes the job's files from inside the box, starts
// the program under its rlimits and seccomp filter, relays its output as records, enforces the
// wall clock and output limits, reaps everything and reports one status record.
//
// Being PID 1 matters: signals from inside the namespace cannot kill it, so a hostile program
// can neither kill its supervisor nor outlive it (when PID 1 exits the kernel kills the rest).
// Static, libc only, no allocations beyond the job, so it starts in well under a millisecond.
#include "../boxprotocol.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace proto = bunny::sandbox::protocol;

namespace {

struct Job
{
    std::string workdir = "/tmp/box";
    std::vector<std::pair<std::string, std::pair<unsigned, std::string>>> files;
    std::vector<std::string> args;
    std::vector<std::string> env;
    std::vector<std::pair<unsigned, unsigned long long>> limits;
    std::string seccomp;
    std::vector<std::string> collect;
    unsigned long long wallMs = 5000;
    unsigned long long outputLimit = 64 * 1024;
    bool merge = false;
};

int s_wakeWrite = -1;

void onChild(int)
{
    const int saved = errno;
    const char byte = 0;
    [[maybe_unused]] auto n = write(s_wakeWrite, &byte, 1);
    errno = saved;
}

bool writeAll(int fd, const char *data, size_t size)
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

bool readExact(int fd, void *buffer, size_t size)
{
    auto *out = static_cast<char *>(buffer);
    while (size > 0) {
        const ssize_t n = read(fd, out, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        out += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

void sendRecord(char tag, const char *data, size_t size)
{
    char head[5];
    head[0] = tag;
    const auto length = static_cast<std::uint32_t>(size);
    std::memcpy(head + 1, &length, 4);
    writeAll(1, head, 5);
    writeAll(1, data, size);
}

[[noreturn]] void fail(const std::string &message)
{
    const std::string text = "bunny-box-init: " + message + "\n";
    sendRecord(proto::kStderr, text.data(), text.size());
    const std::string status = "reason=setup";
    sendRecord(proto::kStatus, status.data(), status.size());
    _exit(0);
}

std::uint32_t u32(const std::string &s, size_t at)
{
    std::uint32_t v = 0;
    std::memcpy(&v, s.data() + at, 4);
    return v;
}

unsigned long long u64(const std::string &s, size_t at)
{
    unsigned long long v = 0;
    std::memcpy(&v, s.data() + at, 8);
    return v;
}

Job readJob()
{
    char magic[4];
    if (!readExact(0, magic, 4))
        _exit(0); // the host dropped a prepared box without using it
    if (std::memcmp(magic, proto::kMagic, 4) != 0)
        fail("bad job magic");
    Job job;
    for (;;) {
        char tag = 0;
        std::uint32_t length = 0;
        if (!readExact(0, &tag, 1) || !readExact(0, &length, 4))
            fail("truncated job");
        if (length > proto::kMaxRecord)
            fail("job record too large");
        std::string payload(length, '\0');
        if (length > 0 && !readExact(0, payload.data(), length))
            fail("truncated job record");
        switch (tag) {
        case proto::kWorkdir:
            job.workdir = payload;
            break;
        case proto::kArg:
            job.args.push_back(payload);
            break;
        case proto::kEnv:
            job.env.push_back(payload);
            break;
        case proto::kSeccomp:
            job.seccomp = payload;
            break;
        case proto::kCollect:
            job.collect.push_back(payload);
            break;
        case proto::kMerge:
            job.merge = true;
            break;
        case proto::kWall:
            if (length != 8)
                fail("bad wall record");
            job.wallMs = u64(payload, 0);
            break;
        case proto::kOutput:
            if (length != 8)
                fail("bad output record");
            job.outputLimit = u64(payload, 0);
            break;
        case proto::kLimit:
            if (length != 12)
                fail("bad limit record");
            job.limits.emplace_back(u32(payload, 0), u64(payload, 4));
            break;
        case proto::kFile: {
            if (length < 8 || u32(payload, 4) > length - 8)
                fail("bad file record");
            const std::uint32_t pathLength = u32(payload, 4);
            job.files.push_back(
                {payload.substr(8, pathLength), {u32(payload, 0), payload.substr(8 + pathLength)}});
            break;
        }
        case proto::kEnd:
            return job;
        default:
            fail("unknown job record");
        }
    }
}

void makeParents(const std::string &path)
{
    for (size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1))
        mkdir(path.substr(0, slash).c_str(), 0755);
}

void writeFiles(const Job &job)
{
    makeParents(job.workdir + "/");
    if (chdir(job.workdir.c_str()) != 0)
        fail("cannot enter " + job.workdir + ": " + std::strerror(errno));
    for (const auto &[path, file] : job.files) {
        if (path.empty() || path[0] == '/' || path.find("..") != std::string::npos)
            fail("bad file path " + path);
        makeParents(path);
        const int fd =
            open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, file.first & 0777);
        if (fd < 0 || !writeAll(fd, file.second.data(), file.second.size()))
            fail("cannot write " + path + ": " + std::strerror(errno));
        close(fd);
    }
}

[[noreturn]] void startProgram(const Job &job, int out, int err)
{
    dup2(job.merge ? err : out, 1);
    dup2(err, 2);
    for (const auto &[resource, value] : job.limits) {
        rlimit limit{value, value};
        if (resource == RLIMIT_CPU)
            limit.rlim_max = value + 1; // SIGXCPU first, SIGKILL a second later
        setrlimit(static_cast<int>(resource), &limit);
    }
    signal(SIGCHLD, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    std::vector<char *> argv, envp;
    for (const auto &a : job.args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    for (const auto &e : job.env)
        envp.push_back(const_cast<char *>(e.c_str()));
    envp.push_back(nullptr);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (!job.seccomp.empty()) {
        sock_fprog program{static_cast<unsigned short>(job.seccomp.size() / sizeof(sock_filter)),
                           reinterpret_cast<sock_filter *>(const_cast<char *>(job.seccomp.data()))};
        if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) {
            const std::string text = std::string("bunny-box-init: seccomp: ") + std::strerror(errno) + "\n";
            writeAll(2, text.data(), text.size());
            _exit(126);
        }
    }
    execve(argv[0], argv.data(), envp.data());
    const std::string text = "bunny-box-init: cannot run " + job.args[0] + ": " + std::strerror(errno) + "\n";
    writeAll(2, text.data(), text.size());
    _exit(127);
}

long long nowUs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

void collectPath(const std::string &path)
{
    struct stat st
    {
    };
    if (lstat(path.c_str(), &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(path.c_str());
        if (!dir)
            return;
        std::vector<std::string> names;
        while (dirent *entry = readdir(dir)) {
            if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0)
                names.emplace_back(entry->d_name);
        }
        closedir(dir);
        for (const auto &name : names)
            collectPath(path + "/" + name);
        return;
    }
    if (!S_ISREG(st.st_mode))
        return;
    const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    std::string content;
    char buffer[65536];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0)
        content.append(buffer, static_cast<size_t>(n));
    close(fd);
    std::string payload(8, '\0');
    const std::uint32_t mode = st.st_mode & 0777, length = static_cast<std::uint32_t>(path.size());
    std::memcpy(payload.data(), &mode, 4);
    std::memcpy(payload.data() + 4, &length, 4);
    payload += path;
    payload += content;
    sendRecord(proto::kFile, payload.data(), payload.size());
}

} // namespace

int main()
{
    signal(SIGPIPE, SIG_IGN);
    // Not dumpable: the program (same uid) cannot open /proc/1/mem or attach to its supervisor.
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    const Job job = readJob();
    if (job.args.empty())
        fail("no command");
    writeFiles(job);

    int wake[2], out[2], err[2];
    if (pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
        fail(std::string("pipe: ") + std::strerror(errno));
    s_wakeWrite = wake[1];
    struct sigaction action
    {
    };
    action.sa_handler = onChild;
    action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &action, nullptr);

    const long long started = nowUs();
    const pid_t child = fork();
    if (child < 0)
        fail(std::string("fork: ") + std::strerror(errno));
    if (child == 0)
        startProgram(job, out[1], err[1]);
    close(out[1]);
    close(err[1]);
    close(0); // the program owns stdin now

    const long long deadline = started + static_cast<long long>(job.wallMs) * 1000;
    unsigned long long written[2] = {0, 0};
    bool open[2] = {true, true};
    bool exited = false, killed = false;
    int status = 0;
    long long ended = 0;
    const char *reason = nullptr;
    char buffer[65536];
    while (open[0] || open[1] || !exited) {
        pollfd fds[3] = {
            {wake[0], POLLIN, 0}, {open[0] ? out[0] : -1, POLLIN, 0}, {open[1] ? err[0] : -1, POLLIN, 0}};
        const long long left = deadline - nowUs();
        if (left <= 0 && !killed) {
            reason = "wall";
            kill(-1, SIGKILL);
            killed = true;
        }
        poll(fds, 3, killed ? 100 : static_cast<int>(left / 1000 + 1));
        if (fds[0].revents & POLLIN) {
            while (read(wake[0], buffer, sizeof buffer) > 0) {
            }
        }
        for (int stream = 0; stream < 2; ++stream) {
            if (!(fds[stream + 1].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = read(stream == 0 ? out[0] : err[0], buffer, sizeof buffer);
            if (n <= 0) {
                open[stream] = false;
                continue;
            }
            const unsigned long long room = job.outputLimit - std::min(job.outputLimit, written[stream]);
            const auto keep = static_cast<size_t>(std::min<unsigned long long>(room, static_cast<size_t>(n)));
            if (keep > 0)
                sendRecord(stream == 0 ? proto::kStdout : proto::kStderr, buffer, keep);
            written[stream] += static_cast<unsigned long long>(n);
            if (written[stream] > job.outputLimit && !killed) {
                reason = "output";
                kill(-1, SIGKILL);
                killed = true;
            }
        }
        // Reap the program and every orphan that was reparented to us.
        for (;;) {
            int st = 0;
            const pid_t pid = waitpid(-1, &st, WNOHANG);
            if (pid <= 0)
                break;
            if (pid == child) {
                exited = true;
                status = st;
                ended = nowUs();
                if (!killed) {
                    // The program is done: whatever it left behind dies now, so it cannot hold
                    // the output pipes open or outlive the run.
                    kill(-1, SIGKILL);
                    killed = true;
                }
            }
        }
        if (killed && exited && (open[0] || open[1]) && nowUs() > ended + 2000000)
            break; // a stuck pipe (should not happen once everything is dead)
    }
    while (waitpid(-1, nullptr, 0) > 0) {
    }

    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !reason) {
        for (const auto &path : job.collect)
            collectPath(path);
    }
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    const long long cpuUs = usage.ru_utime.tv_sec * 1000000LL + usage.ru_utime.tv_usec +
                            usage.ru_stime.tv_sec * 1000000LL + usage.ru_stime.tv_usec;
    char text[256];
    std::snprintf(text, sizeof text,
                  "reason=%s exit=%d signal=%d cpu_us=%lld maxrss_kb=%ld wall_us=%lld out=%llu err=%llu",
                  reason ? reason : (WIFSIGNALED(status) ? "signaled" : "exited"),
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1, WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                  cpuUs, usage.ru_maxrss, (ended ? ended : nowUs()) - started, written[0], written[1]);
    sendRecord(proto::kStatus, text, std::strlen(text));
    return 0;
}
