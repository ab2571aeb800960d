// A run's cgroup fails closed: a limit the kernel refused is reported, never silently skipped
// (a skipped limit meant an unlimited run).
#include <sandbox/cgroup.h>
#include <sandbox/childprocess.h>

#include <QTest>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace bunny::sandbox;

class tst_Cgroup : public QObject
{
    Q_OBJECT

private:
    static bool hostHasCgroups() { return Cgroup::unavailableReason().empty(); }

private Q_SLOTS:
    void init()
    {
        // A host without usable cgroups runs on rlimits (the sandbox warns); nothing to test here.
        if (!hostHasCgroups())
            QSKIP(qPrintable(QString::fromStdString(Cgroup::unavailableReason())));
    }

    void sensibleLimitsAreSet()
    {
        auto group = Cgroup::create();
        QVERIFY(group);
        QCOMPARE(group->setLimits(64 * 1024, 16), std::string());
    }

    void refusedProcessLimitIsReported()
    {
        auto group = Cgroup::create();
        QVERIFY(group);
        const std::string failure = group->setLimits(64 * 1024, -1);
        QVERIFY2(failure.find("pids.max") != std::string::npos, failure.c_str());
    }

    void memoryLimitBelowUsageIsReportedNotIgnored()
    {
        if (access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0)
            QSKIP("cgroup v2 takes a memory.max below the usage (it reclaims or OOM-kills); only v1 refuses");
        auto group = Cgroup::create();
        QVERIFY(group);
        SpawnSpec spec;
        spec.argv = {"/usr/bin/python3", "-c",
                     "import sys\nx = b'x' * (32 << 20)\nprint('ready', flush=True)\nsys.stdin.read()\n"};
        spec.env = {"PATH=/usr/bin:/bin"};
        spec.cgroupProcFds = group->procFds();
        auto child = spawnChild(spec);
        group->closeProcFds();
        QVERIFY2(child.ok(), child.ok() ? "" : child.message().c_str());
        std::string said;
        char buffer[64];
        pollfd fd{child->stdoutFd, POLLIN, 0};
        while (said.find("ready") == std::string::npos && poll(&fd, 1, 20000) > 0) {
            const ssize_t n = read(child->stdoutFd, buffer, sizeof buffer);
            if (n <= 0)
                break;
            said.append(buffer, static_cast<size_t>(n));
        }
        QVERIFY2(said.find("ready") != std::string::npos, said.c_str());
        // 32 MiB are in use and cannot be swapped out: the kernel refuses a 1 MiB limit.
        const std::string failure = group->setLimits(1024, 16);
        close(child->stdinFd);
        close(child->stdoutFd);
        close(child->stderrFd);
        int status = 0;
        waitpid(child->pid, &status, 0);
        QVERIFY2(failure.find("memory.limit_in_bytes") != std::string::npos, failure.c_str());
    }
};

QTEST_GUILESS_MAIN(tst_Cgroup)
#include "tst_cgroup.moc"
