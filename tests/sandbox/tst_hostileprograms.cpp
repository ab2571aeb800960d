// Hostile programs against every backend: each gets the right verdict and cannot reach the host.
#include "sandboxfixture.h"

#include <QTest>

#include <optional>

using namespace bunny;
using sandbox::Status;

Q_DECLARE_METATYPE(sandbox::Status)

namespace {

struct Hostile
{
    const char *name;
    const char *language;
    const char *file;
    const char *code;
    Status expected;
    const char *stdoutHas; // empty: no check
    /// Another verdict that is as right: a Python fork bomb's children each copy the pages
    /// refcounting writes to, so it may run out of memory before it runs out of time.
    std::optional<Status> orElse = std::nullopt;
    const char *signal = ""; ///< the signal a runtime_error must name (empty: no check)
};

const Hostile kHostile[] = {
    {"pythonForkBomb", "python", "main.py",
     "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
     Status::TimeLimit, "", Status::MemoryLimit},
    {"cForkBomb", "c", "main.c", "#include <unistd.h>\nint main(void){for(;;)fork();}\n", Status::TimeLimit,
     ""},
    {"pythonMemoryHog", "python", "main.py",
     "chunks = []\nwhile True:\n    chunks.append(bytearray(8 << 20))\n", Status::MemoryLimit, ""},
    {"cMemoryHog", "c", "main.c",
     "#include <stdlib.h>\n#include <string.h>\nint "
     "main(void){for(;;){char*p=malloc(8<<20);if(p)memset(p,1,8<<20);}}\n",
     Status::MemoryLimit, ""},
    {"infiniteLoop", "python", "main.py", "while True:\n    pass\n", Status::TimeLimit, ""},
    {"sleepPastWall", "python", "main.py", "import time\ntime.sleep(60)\n", Status::TimeLimit, ""},
    {"outputFlood", "python", "main.py", "while True:\n    print('x' * 1000)\n", Status::OutputLimit, ""},
    {"writeOutsideTmp", "python", "main.py",
     "for path in ['/evil', '/usr/evil', '/etc/evil', '/proc/evil', '/home/evil']:\n"
     "    try:\n        open(path, 'w').write('x')\n        print('WROTE', path)\n"
     "    except OSError:\n        print('denied', path)\n",
     Status::Ok, "denied /usr/evil"},
    {"fillTmp", "python", "main.py",
     "i = 0\nwhile True:\n    with open('/tmp/fill%d' % i, 'wb') as f:\n        f.write(b'x' * 1000000)\n    "
     "i += 1\n",
     Status::RuntimeError, ""},
    {"fileTooLarge", "python", "main.py", "open('/tmp/big', 'wb').write(b'x' * (2 << 20))\n",
     Status::RuntimeError, ""},
    {"readShadow", "python", "main.py",
     "for path in ['/etc/shadow', '/etc/passwd', '/root/.bashrc', '/proc/1/environ']:\n"
     "    try:\n        print('READ', path, len(open(path).read()))\n"
     "    except OSError:\n        print('hidden', path)\n",
     Status::Ok, "hidden /etc/shadow"},
    {"setuidRoot", "python", "main.py",
     "import os\nprint('uid', os.getuid(), os.geteuid())\ntry:\n    os.setuid(0)\n    print('BECAME ROOT')\n"
     "except OSError:\n    print('setuid denied')\n",
     Status::Ok, "setuid denied"},
    {"ptraceSupervisor", "c", "main.c",
     "#include <stdio.h>\n#include <sys/ptrace.h>\nint main(void){\n"
     "  if (ptrace(PTRACE_ATTACH, 1, 0, 0) == -1 && ptrace(PTRACE_TRACEME, 0, 0, 0) == -1) puts(\"ptrace "
     "denied\");\n"
     "  else puts(\"PTRACE WORKED\");\n  return 0;\n}\n",
     Status::Ok, "ptrace denied"},
    {"newNamespaces", "c", "main.c",
     "#define _GNU_SOURCE\n#include <sched.h>\n#include <stdio.h>\nint main(void){\n"
     "  puts(unshare(CLONE_NEWUSER) == -1 && unshare(CLONE_NEWNS) == -1 ? \"unshare denied\" : "
     "\"UNSHARED\");\n}\n",
     Status::Ok, "unshare denied"},
    {"killParent", "python", "main.py",
     "import os, signal\nfor pid in (os.getppid(), 1):\n    try:\n        os.kill(pid, signal.SIGKILL)\n"
     "    except OSError:\n        pass\nprint('still running')\n",
     Status::Ok, "still running"},
    {"segfault", "c", "main.c", "int main(void){ volatile int *p = 0; return *p; }\n", Status::RuntimeError,
     "", std::nullopt, "SIGSEGV"},
};

} // namespace

class tst_HostilePrograms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostileProgramGetsItsVerdict_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("index");
        for (const auto &backend : bunny::test::sandboxBackends()) {
            for (int i = 0; i < static_cast<int>(std::size(kHostile)); ++i)
                QTest::newRow(qPrintable(backend + "/" + kHostile[i].name)) << backend << i;
        }
    }

    void hostileProgramGetsItsVerdict()
    {
        QFETCH(QString, backend);
        QFETCH(int, index);
        BUNNY_REQUIRE_SANDBOX(box, backend);
        const Hostile &hostile = kHostile[index];
        auto job = bunny::test::makeJob(hostile.language, hostile.file, hostile.code);
        job.limits.cpuMs = 1000;
        job.limits.wallMs = 2000;
        job.limits.memoryKb = 64 * 1024;
        const auto result = box->run(job);
        const QString context = QString("status %1, exit %2, message '%3', stdout '%4', stderr '%5'")
                                    .arg(sandbox::statusName(result.status))
                                    .arg(result.exitCode)
                                    .arg(QString::fromStdString(result.message))
                                    .arg(QString::fromStdString(result.stdoutText.substr(0, 300)))
                                    .arg(QString::fromStdString(result.stderrText.substr(0, 300)));
        QVERIFY2(result.status == hostile.expected || result.status == hostile.orElse, qPrintable(context));
        if (*hostile.stdoutHas)
            QVERIFY2(result.stdoutText.find(hostile.stdoutHas) != std::string::npos, qPrintable(context));
        // Nothing of the host was written, read, gained or traced.
        for (const char *forbidden :
             {"WROTE", "READ /etc/shadow", "BECAME ROOT", "PTRACE WORKED", "UNSHARED"})
            QVERIFY2(result.stdoutText.find(forbidden) == std::string::npos, qPrintable(context));
        if (hostile.expected == Status::OutputLimit) {
            QVERIFY(result.stdoutTruncated);
            QCOMPARE(result.stdoutText.size(), size_t{64 * 1024});
        }
        if (*hostile.signal)
            QCOMPARE(result.signal.value_or(""), std::string(hostile.signal));
        if (result.status == Status::MemoryLimit)
            QCOMPARE(result.signal.value_or(""), std::string("SIGKILL"));
        if (result.status == Status::TimeLimit) // RLIMIT_CPU's SIGXCPU or the supervisor's SIGKILL
            QVERIFY2(result.signal == "SIGKILL" || result.signal == "SIGXCPU", qPrintable(context));
    }

    // What a run reports it used: within wide windows, but ones a wrong or missing figure fails.
    void measurementsArePlausible_data()
    {
        QTest::addColumn<QString>("backend");
        for (const auto &backend : bunny::test::sandboxBackends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void measurementsArePlausible()
    {
        QFETCH(QString, backend);
        BUNNY_REQUIRE_SANDBOX(box, backend);
        // Burns 0.5 s of its own CPU time (by its own clock, so a busy host only stretches the wall
        // time), holding 100 MiB it has written to.
        auto job = bunny::test::makeJob("c", "main.c",
                                        "#include <stdio.h>\n#include <stdlib.h>\n"
                                        "#include <string.h>\n#include <time.h>\n"
                                        "int main(void){\n"
                                        "  size_t size = 100u << 20; char *p = malloc(size);\n"
                                        "  memset(p, 1, size);\n"
                                        "  volatile unsigned long spin = 0;\n"
                                        "  while (clock() < CLOCKS_PER_SEC / 2) ++spin;\n"
                                        "  printf(\"%d\\n\", p[size - 1]);\n}\n");
        job.limits.wallMs = 20000; // a loaded host stretches the wall clock, not the CPU time
        const auto result = box->run(job);
        const QString context = QString("status %1, cpu_ms %2, time_ms %3, memory_kb %4, message '%5'")
                                    .arg(sandbox::statusName(result.status))
                                    .arg(result.cpuMs)
                                    .arg(result.timeMs)
                                    .arg(result.memoryKb)
                                    .arg(QString::fromStdString(result.message + result.stderrText));
        QVERIFY2(result.status == Status::Ok, qPrintable(context));
        QCOMPARE(result.stdoutText, std::string("1\n"));
        // At least the 0.5 s it burned; below the 2 s limit it ran under.
        QVERIFY2(result.cpuMs >= 450 && result.cpuMs < 2000, qPrintable(context));
        // One thread: the wall clock covers its CPU time; below the 20 s wall limit.
        QVERIFY2(result.timeMs >= result.cpuMs - 50 && result.timeMs < 20000, qPrintable(context));
        // The 100 MiB it wrote, and not more than the 256 MiB limit.
        QVERIFY2(result.memoryKb >= 90 * 1024 && result.memoryKb <= 256 * 1024, qPrintable(context));
    }

    // A request for less memory than a box can hold must not leave the run unlimited (a cgroup
    // refuses a limit below what the group already uses): it is raised to Limits::kMinMemoryKb.
    void tinyMemoryRequestStillHoldsAMemoryHog_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<qint64>("memoryKb");
        for (const auto &backend : bunny::test::sandboxBackends()) {
            for (qint64 kb : {1, 100, 200, 400, 600, 4096})
                QTest::newRow(qPrintable(backend + "/" + QString::number(kb) + "KiB")) << backend << kb;
        }
    }

    void tinyMemoryRequestStillHoldsAMemoryHog()
    {
        QFETCH(QString, backend);
        QFETCH(qint64, memoryKb);
        BUNNY_REQUIRE_SANDBOX(box, backend);
        auto job =
            bunny::test::makeJob("python", "main.py",
                                 "chunks = []\nfor i in range(25):\n    chunks.append(b'x' * (8 << 20))\n"
                                 "print('ALLOCATED', len(chunks) * 8, 'MiB')\n");
        job.limits.memoryKb = memoryKb;
        const auto result = box->run(job);
        const QString context = QString("status %1, message '%2', stdout '%3', memory_kb %4")
                                    .arg(sandbox::statusName(result.status))
                                    .arg(QString::fromStdString(result.message))
                                    .arg(QString::fromStdString(result.stdoutText.substr(0, 300)))
                                    .arg(result.memoryKb);
        QVERIFY2(result.status == Status::MemoryLimit, qPrintable(context));
        QVERIFY2(result.stdoutText.find("ALLOCATED") == std::string::npos, qPrintable(context));

        // The floor is enough for a small program: the request is raised, not refused.
        auto small = bunny::test::makeJob("python", "main.py", "print(6 * 7)\n");
        small.limits.memoryKb = memoryKb;
        const auto fine = box->run(small);
        QVERIFY2(fine.status == Status::Ok,
                 qPrintable(QString::fromStdString(fine.message + fine.stderrText)));
        QCOMPARE(fine.stdoutText, std::string("42\n"));
    }

    void sandboxStillWorksAfterHostilePrograms_data()
    {
        QTest::addColumn<QString>("backend");
        for (const auto &backend : bunny::test::sandboxBackends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void sandboxStillWorksAfterHostilePrograms()
    {
        QFETCH(QString, backend);
        BUNNY_REQUIRE_SANDBOX(box, backend);
        const auto result = box->run(bunny::test::makeJob("python", "main.py", "print(6 * 7)\n"));
        QCOMPARE(sandbox::statusName(result.status), "ok");
        QCOMPARE(result.stdoutText, std::string("42\n"));
    }
};

QTEST_GUILESS_MAIN(tst_HostilePrograms)
#include "tst_hostileprograms.moc"
