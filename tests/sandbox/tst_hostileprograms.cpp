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
     ""},
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
        if (result.status == Status::MemoryLimit)
            QCOMPARE(result.signal.value_or(""), std::string("SIGKILL"));
        if (result.status == Status::TimeLimit) // RLIMIT_CPU's SIGXCPU or the supervisor's SIGKILL
            QVERIFY2(result.signal == "SIGKILL" || result.signal == "SIGXCPU", qPrintable(context));
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
