#include "sandbox/nativebox.h"

#include <Poco/Logger.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bunny::sandbox {

namespace {

using Clock = std::chrono::steady_clock;

void closeFd(int &fd)
{
    if (fd >= 0)
        close(fd);
    fd = -1;
}

} // namespace

NativeBox::NativeBox(Spawned process, std::unique_ptr<Cgroup> cgroup, std::function<void()> onDestroyed)
    : m_process(process)
    , m_cgroup(std::move(cgroup))
    , m_onDestroyed(std::move(onDestroyed))
{}

NativeBox::~NativeBox()
{
    closeFd(m_process.stdinFd); // an unused box's stub sees EOF and exits
    closeFd(m_process.stdoutFd);
    closeFd(m_process.stderrFd);
    if (!m_reaped) {
        int status = 0;
        // Give an idle stub a moment to exit on EOF, then make sure.
        for (int i = 0; i < 20 && waitpid(m_process.pid, &status, WNOHANG) == 0; ++i)
            usleep(1000);
        kill(m_process.pid, SIGKILL);
        waitpid(m_process.pid, &status, 0);
    }
    m_cgroup.reset(); // kills leftovers and removes the group
    if (m_onDestroyed)
        m_onDestroyed();
}

void NativeBox::killBox()
{
    // The outer bwrap dies, its PID 1 gets SIGKILL (--die-with-parent) and with it the whole
    // PID namespace; the cgroup sweep catches anything mid-exit.
    kill(m_process.pid, SIGKILL);
    if (m_cgroup)
        m_cgroup->killAll();
}

BoxOutcome NativeBox::execute(const BoxSpec &spec)
{
    BoxOutcome outcome;
    if (m_cgroup) {
        // Fail closed: the program never starts without its memory and process limits.
        if (const std::string failure = m_cgroup->setLimits(spec.limits.memoryKb, spec.limits.processes + 2);
            !failure.empty()) {
            Poco::Logger::get("bunny.sandbox")
                .error("sandbox: refusing a run without its limits: %s", failure);
            outcome.reason = "lost";
            outcome.internalError = "the run's cgroup limits could not be set: " + failure;
            killBox();
            return outcome;
        }
    }
    const std::string input = encodeJob(spec) + spec.stdinData;
    size_t written = 0;
    fcntl(m_process.stdinFd, F_SETFL, O_NONBLOCK);

    OutcomeDecoder decoder(outcome);
    std::string boxErrors;
    const auto started = Clock::now();
    // The stub enforces the wall clock; this is the backstop for a box that stops answering.
    const auto hardDeadline = started + std::chrono::milliseconds(spec.limits.wallMs + 3000);
    const std::int64_t cpuLimitUs = spec.limits.cpuMs * 1000;
    bool stdoutOpen = true, stderrOpen = true;
    char buffer[65536];
    // Done at the status record: by then bunny-box-init has killed and reaped everything of the
    // program; the box's own exit and clean-up happen off the request's path (destructor).
    while (stdoutOpen && !decoder.finished()) {
        pollfd fds[3] = {{m_process.stdinFd, POLLOUT, 0},
                         {m_process.stdoutFd, POLLIN, 0},
                         {stderrOpen ? m_process.stderrFd : -1, POLLIN, 0}};
        const auto now = Clock::now();
        if (now >= hardDeadline) {
            outcome.reason = "lost";
            killBox();
            break;
        }
        const int timeout = m_cgroup ? 50 : 250;
        poll(fds, 3, timeout);
        if (m_process.stdinFd >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t n = write(m_process.stdinFd, input.data() + written, input.size() - written);
            if (n > 0)
                written += static_cast<size_t>(n);
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size())
                closeFd(m_process.stdinFd); // the program reads EOF after its stdin
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = read(m_process.stdoutFd, buffer, sizeof buffer);
            if (n <= 0 && !(n < 0 && errno == EINTR)) {
                stdoutOpen = false;
            } else if (n > 0 && !decoder.feed(buffer, static_cast<size_t>(n))) {
                outcome.internalError = "the box sent a malformed stream";
                killBox();
                break;
            }
        }
        if (stderrOpen && (fds[2].revents & (POLLIN | POLLHUP | POLLERR))) {
            const ssize_t n = read(m_process.stderrFd, buffer, sizeof buffer);
            if (n <= 0)
                stderrOpen = false;
            else if (boxErrors.size() < 4096)
                boxErrors.append(buffer, static_cast<size_t>(std::min<ssize_t>(n, 4096)));
        }
        if (m_cgroup && !decoder.finished()) {
            const auto stats = m_cgroup->stats();
            if (stats.cpuUs > cpuLimitUs + 50000) { // the box's own set-up costs a little
                outcome.cpuExceeded = true;
                killBox();
            }
        }
    }
    closeFd(m_process.stdinFd);
    if (!decoder.finished()) {
        int status = 0;
        waitpid(m_process.pid, &status, 0);
        m_reaped = true;
    }
    if (m_cgroup) {
        const auto stats = m_cgroup->stats();
        outcome.oomKilled = stats.oomKilled;
        if (!decoder.finished() && stats.cpuUs >= 0)
            outcome.cpuUs = stats.cpuUs;
        if (outcome.oomKilled)
            outcome.memoryKb = std::max<std::int64_t>(outcome.memoryKb, stats.peakMemoryKb);
    }
    if (!decoder.finished() && outcome.reason.empty()) {
        outcome.reason = "lost";
        if (!outcome.cpuExceeded && !outcome.oomKilled && outcome.internalError.empty())
            outcome.internalError = "the box ended without a status" +
                                    (boxErrors.empty() ? std::string() : ": " + boxErrors.substr(0, 512));
    }
    if (outcome.wallUs == 0)
        outcome.wallUs =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
    return outcome;
}

} // namespace bunny::sandbox
