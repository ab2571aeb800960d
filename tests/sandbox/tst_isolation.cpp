// What a box can see and leave behind: host secrets, the network, processes, files of earlier runs.
#include "sandboxfixture.h"

#include <sandbox/dockersandbox.h>
#include <sandbox/hostmounts.h>
#include <sandbox/nativesandbox.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace bunny;

namespace {

std::string okContext(const sandbox::RunResult &result)
{
    return std::string(sandbox::statusName(result.status)) + " / " + result.message + " / " +
           result.stdoutText.substr(0, 400) + " / " + result.stderrText.substr(0, 400);
}

// True when any process on the host has `marker` in its command line.
bool hostProcessWithMarker(const std::string &marker)
{
    DIR *proc = opendir("/proc");
    bool found = false;
    while (dirent *entry = proc ? readdir(proc) : nullptr) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
            continue;
        std::ifstream in(std::string("/proc/") + entry->d_name + "/cmdline");
        std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (cmdline.find(marker) != std::string::npos && std::to_string(getpid()) != entry->d_name)
            found = true;
    }
    if (proc)
        closedir(proc);
    return found;
}

// A backend whose compile box runs a hostile "compiler": the real box, the real bunny-box-init,
// only the command is the attacker's (as if a compiler had been subverted).
template<typename Backend> class HostileCompiler : public Backend
{
public:
    using Backend::Backend;
    sandbox::BoxOutcome compileWith(const sandbox::BoxSpec &spec)
    {
        auto box = this->acquireBox(Backend::Step::Compile, "c", spec.limits);
        if (!box) {
            sandbox::BoxOutcome failed;
            failed.internalError = box.message();
            return failed;
        }
        return (*box)->execute(spec);
    }
};

std::unique_ptr<sandbox::Sandbox> sandboxHiding(const QString &backend, const std::string &hidden)
{
    sandbox::SandboxOptions options;
    options.backend = backend.toStdString();
    options.prepared = 1;
    options.hiddenPaths = {hidden};
    auto made = sandbox::createSandbox(options);
    return made ? std::move(*made) : nullptr;
}

} // namespace

class tst_Isolation : public QObject
{
    Q_OBJECT

private:
    static void backends_data()
    {
        QTest::addColumn<QString>("backend");
        for (const auto &backend : bunny::test::sandboxBackends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

private Q_SLOTS:
    void hostSecretFileIsInvisible_data() { backends_data(); }
    void hostSecretFileIsInvisible()
    {
        QFETCH(QString, backend);
        BUNNY_REQUIRE_SANDBOX(box, backend);
        QTemporaryDir dataDir; // stands for the server's data directory
        const QString secret = dataDir.filePath("secret.key");
        QFile file(secret);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("TOP-SECRET-7731");
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::ReadOther);
        const std::string path = secret.toStdString();
        const std::string code =
            "import os\n"
            "for p in ['" +
            path + "', '" + dataDir.path().toStdString() +
            "']:\n"
            "    try:\n        print('SAW', open(p).read() if os.path.isfile(p) else os.listdir(p))\n"
            "    except OSError:\n        print('hidden')\n"
            "try:\n    os.symlink('" +
            path +
            "', '/tmp/link')\n"
            "    print('SAW', open('/tmp/link').read())\nexcept OSError:\n    print('hidden link')\n";
        const auto result = box->run(bunny::test::makeJob("python", "main.py", code));
        QVERIFY2(result.status == sandbox::Status::Ok, okContext(result).c_str());
        QVERIFY2(result.stdoutText.find("TOP-SECRET") == std::string::npos, okContext(result).c_str());
        QVERIFY2(result.stdoutText.find("SAW") == std::string::npos, okContext(result).c_str());
    }

    // Boxes mount /usr read-only, and the package keeps its problems (hidden tests, solutions)
    // under /usr/share/bunny: that and a configured problems directory under a mount are masked.
    void problemsUnderAMountedPathAreHidden_data() { backends_data(); }
    void problemsUnderAMountedPathAreHidden()
    {
        QFETCH(QString, backend);
        BUNNY_REQUIRE_SANDBOX(plain, backend);
        QTemporaryDir problems("/usr/share/bunny-test-problems-XXXXXX");
        QVERIFY(problems.isValid());
        QVERIFY(QDir(problems.path()).mkpath("two-sum/tests"));
        QFile answer(problems.filePath("two-sum/tests/01.out"));
        QVERIFY(answer.open(QIODevice::WriteOnly));
        answer.write("HIDDEN-ANSWER-4242\n");
        answer.close();
        const auto readable = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
        const auto listable =
            readable | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther | QFile::WriteOwner;
        for (const QString &dir :
             {problems.path(), problems.filePath("two-sum"), problems.filePath("two-sum/tests")})
            QVERIFY(QFile::setPermissions(dir, listable));
        const std::string root = problems.path().toStdString();
        const std::string code = "import os\n"
                                 "for p in ['" +
                                 root + "', '" + std::string(sandbox::kPackageDataDir) +
                                 "']:\n"
                                 "    try:\n        print('LIST', p, sorted(os.listdir(p)))\n"
                                 "    except OSError:\n        print('nothing', p)\n"
                                 "try:\n    print('SAW', open('" +
                                 root +
                                 "/two-sum/tests/01.out').read())\n"
                                 "except OSError:\n    print('hidden')\n";
        // Control: a sandbox not told to hide it shows it, so the path really is under a mount.
        const auto shown = plain->run(bunny::test::makeJob("python", "main.py", code));
        QVERIFY2(shown.stdoutText.find("HIDDEN-ANSWER-4242") != std::string::npos, okContext(shown).c_str());

        auto masking = sandboxHiding(backend, root);
        QVERIFY(masking);
        const auto result = masking->run(bunny::test::makeJob("python", "main.py", code));
        QVERIFY2(result.status == sandbox::Status::Ok, okContext(result).c_str());
        QVERIFY2(result.stdoutText.find("HIDDEN-ANSWER") == std::string::npos, okContext(result).c_str());
        QVERIFY2(result.stdoutText.find("two-sum") == std::string::npos, okContext(result).c_str());
        QVERIFY2(result.stdoutText.find("LIST " + root + " []") != std::string::npos,
                 okContext(result).c_str());
        // The package's own folder, when installed here, is masked by every sandbox.
        if (QDir(sandbox::kPackageDataDir).exists()) {
            QVERIFY2(shown.stdoutText.find("LIST " + std::string(sandbox::kPackageDataDir) + " []") !=
                         std::string::npos,
                     okContext(shown).c_str());
        }
    }

    // bunny-box-init sends back only regular files the compile step made: a "binary" that is a
    // link to a host path, a FIFO (which would block a reader) or a linked directory are dropped.
    void compileOutputsThatAreLinksOrFifosAreNotSentBack_data() { backends_data(); }
    void compileOutputsThatAreLinksOrFifosAreNotSentBack()
    {
        QFETCH(QString, backend);
        BUNNY_REQUIRE_SANDBOX(unused, backend);
        Q_UNUSED(unused);
        sandbox::BoxSpec spec;
        spec.limits = sandbox::compileLimits();
        spec.env = {"PATH=/usr/bin:/bin"};
        spec.files = {{"main.c", "int main(void){return 0;}\n", 0644}};
        spec.argv = {"/bin/sh", "-c",
                     "ln -s /etc/shadow main && ln -s /etc/ld.so.cache cache && mkfifo pipe && "
                     "mkdir classes && ln -s /usr/bin/python3 classes/Main.class && ln -s / classes/root && "
                     "echo built > classes/Real.class && echo real > real"};
        spec.collect = {"main", "cache", "pipe", "classes", "real", "missing"};
        sandbox::BoxOutcome outcome;
        if (backend == "native") {
            HostileCompiler<sandbox::NativeSandbox> compiler(sandbox::NativeSandbox::Config{});
            outcome = compiler.compileWith(spec);
        } else {
            HostileCompiler<sandbox::DockerSandbox> compiler(sandbox::DockerSandbox::Config{});
            outcome = compiler.compileWith(spec);
        }
        const std::string context =
            outcome.reason + " / " + outcome.internalError + " / " + outcome.stderrText;
        QVERIFY2(outcome.internalError.empty(), context.c_str());
        QCOMPARE(outcome.reason, std::string("exited"));
        QCOMPARE(outcome.exitCode, 0);
        std::map<std::string, std::string> sent;
        for (const auto &artifact : outcome.artifacts)
            sent[artifact.path] = artifact.content;
        // Exactly the two regular files: the collection works, and nothing else came back.
        const std::map<std::string, std::string> expected = {{"classes/Real.class", "built\n"},
                                                             {"real", "real\n"}};
        QCOMPARE(sent, expected);
    }

    void loopbackAndOutsideNetworkAreUnreachable_data() { backends_data(); }
    void loopbackAndOutsideNetworkAreUnreachable()
    {
        QFETCH(QString, backend);
        BUNNY_REQUIRE_SANDBOX(box, backend);
        // A real listener on the host's loopback, standing for bunnyd's port.
        const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        QCOMPARE(listen(listener, 8), 0);
        socklen_t length = sizeof address;
        getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
        const int port = ntohs(address.sin_port);
        const std::string code = "import socket\n"
                                 "for host, port in [('127.0.0.1', " +
                                 std::to_string(port) +
                                 "), ('1.1.1.1', 53), "
                                 "('8.8.8.8', 443), ('10.0.2.2', 22)]:\n"
                                 "    try:\n        socket.create_connection((host, port), timeout=0.5)\n"
                                 "        print('CONNECTED', host)\n"
                                 "    except OSError as e:\n        print('blocked', host)\n";
        const auto result = box->run(bunny::test::makeJob("python", "main.py", code));
        fcntl(listener, F_SETFL, O_NONBLOCK);
        const int accepted = accept(listener, nullptr, nullptr);
        close(listener);
        QVERIFY2(result.status == sandbox::Status::Ok, okContext(result).c_str());
        QVERIFY2(result.stdoutText.find("CONNECTED") == std::string::npos, okContext(result).c_str());
        QVERIFY2(result.stdoutText.find("blocked 127.0.0.1") != std::string::npos, okContext(result).c_str());
        QCOMPARE(accepted, -1);
    }

    void backgroundProcessesDieWithTheRun_data() { backends_data(); }
    void backgroundProcessesDieWithTheRun()
    {
        QFETCH(QString, backend);
        BUNNY_REQUIRE_SANDBOX(box, backend);
        const std::string marker = "bunny-orphan-" + std::to_string(getpid()) + "-" + backend.toStdString();
        const std::string code =
            "import subprocess, os\n"
            "for i in range(3):\n"
            "    subprocess.Popen(['/usr/bin/python3', '-c', 'import time; time.sleep(300)', '" +
            marker +
            "'], start_new_session=(i == 0), stdout=subprocess.DEVNULL)\n"
            "if os.fork() == 0:\n    os.setsid()\n    os.execv('/usr/bin/sleep', ['/usr/bin/sleep', '300'])\n"
            "print('left them running')\n";
        const auto result = box->run(bunny::test::makeJob("python", "main.py", code));
        QVERIFY2(result.status == sandbox::Status::Ok, okContext(result).c_str());
        QVERIFY2(result.timeMs < 4000, "the run waited for its background processes");
        QVERIFY2(!hostProcessWithMarker(marker), "a background process outlived its run");
    }

    void nothingLeaksIntoTheNextRun_data() { backends_data(); }
    void nothingLeaksIntoTheNextRun()
    {
        QFETCH(QString, backend);
        BUNNY_REQUIRE_SANDBOX(box, backend);
        const auto first = box->run(bunny::test::makeJob(
            "python", "main.py",
            "import os\nfor p in ['/tmp/leak', '/tmp/box/leak', '/dev/shm/leak']:\n"
            "    try:\n        open(p, 'w').write('x')\n    except OSError:\n        pass\n"
            "os.environ['LEAK'] = '1'\n"));
        QVERIFY2(first.status == sandbox::Status::Ok, okContext(first).c_str());
        const auto second =
            box->run(bunny::test::makeJob("python", "main.py",
                                          "import os\nprint([p for p in ['/tmp/leak', '/tmp/box/leak', "
                                          "'/dev/shm/leak'] if os.path.exists(p)])\n"
                                          "print(sorted(os.listdir('/tmp/box')))\n"));
        QVERIFY2(second.status == sandbox::Status::Ok, okContext(second).c_str());
        QCOMPARE(second.stdoutText, std::string("[]\n['main.py']\n"));
    }

    void programRunsAsUnprivilegedUser_data() { backends_data(); }
    void programRunsAsUnprivilegedUser()
    {
        QFETCH(QString, backend);
        BUNNY_REQUIRE_SANDBOX(box, backend);
        const auto result = box->run(
            bunny::test::makeJob("python", "main.py",
                                 "import os\nprint(os.getuid(), os.geteuid(), os.getgid())\n"
                                 "print(open('/proc/self/status').read().split('CapEff:')[1].split()[0])\n"));
        QVERIFY2(result.status == sandbox::Status::Ok, okContext(result).c_str());
        QVERIFY2(result.stdoutText.rfind("0 ", 0) != 0, result.stdoutText.c_str());
        QVERIFY2(result.stdoutText.find("\n0000000000000000\n") != std::string::npos,
                 result.stdoutText.c_str());
    }

    void stdinReachesTheProgram_data() { backends_data(); }
    void stdinReachesTheProgram()
    {
        QFETCH(QString, backend);
        BUNNY_REQUIRE_SANDBOX(box, backend);
        auto job = bunny::test::makeJob("python", "main.py",
                                        "import sys\ndata = sys.stdin.read()\nprint(len(data), data[:5])\n");
        job.stdinData = std::string(300000, 'a'); // more than a pipe holds
        const auto result = box->run(job);
        QVERIFY2(result.status == sandbox::Status::Ok, okContext(result).c_str());
        QCOMPARE(result.stdoutText, std::string("300000 aaaaa\n"));
    }
};

QTEST_GUILESS_MAIN(tst_Isolation)
#include "tst_isolation.moc"
