// The request side of a run: JSON parsing, validation, limit clamping, the result's JSON shape,
// and `bunnyctl run` end to end on this host.
#include "sandboxfixture.h"

#include <ctl/ctlmain.h>
#include <sandbox/runjson.h>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace bunny;
using nlohmann::json;

class tst_RunRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jobFromJsonRejectsBadBodies_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("notAnObject") << "[1]"
                                     << "JSON object";
        QTest::newRow("noLanguage") << R"({"files":{"a.py":"1"}})"
                                    << "'language'";
        QTest::newRow("filesNotObject") << R"({"language":"python","files":"x"})"
                                        << "'files'";
        QTest::newRow("fileNotText") << R"({"language":"python","files":{"a.py":3}})"
                                     << "must be a string";
        QTest::newRow("negativeLimit")
            << R"({"language":"python","files":{"a.py":""},"limits":{"cpu_ms":-1}})"
            << "limits.cpu_ms";
        QTest::newRow("fractionalLimit")
            << R"({"language":"python","files":{"a.py":""},"limits":{"memory_kb":1.5}})"
            << "limits.memory_kb";
    }

    void jobFromJsonRejectsBadBodies()
    {
        QFETCH(QString, body);
        QFETCH(QString, error);
        const auto job = sandbox::jobFromJson(json::parse(body.toStdString()));
        QVERIFY(!job.ok());
        QVERIFY2(QString::fromStdString(job.message()).contains(error), job.message().c_str());
    }

    void jobFromJsonReadsEveryField()
    {
        const auto job = sandbox::jobFromJson(json::parse(
            R"J({"language":"python","files":{"main.py":"print(1)","lib/util.py":""},"entry":"main.py",)J"
            R"J("stdin":"in","limits":{"cpu_ms":500,"wall_ms":900,"memory_kb":1000,"processes":3,"output_kb":2}})J"));
        QVERIFY(job.ok());
        QCOMPARE(job->files.size(), size_t{2});
        QCOMPARE(job->entry, std::string("main.py"));
        QCOMPARE(job->stdinData, std::string("in"));
        QCOMPARE(job->limits.cpuMs, 500);
        QCOMPARE(job->limits.processes, 3);
        QCOMPARE(job->limits.tmpKb, 0); // not a request field: the operator's default applies
    }

    void validateJobRejectsUnsafeInput_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknownLanguage") << "cobol"
                                         << "main.cob"
                                         << ""
                                         << "not available";
        QTest::newRow("parentTraversal") << "python"
                                         << "../escape.py"
                                         << ""
                                         << "bad file path";
        QTest::newRow("absolutePath") << "python"
                                      << "/etc/passwd"
                                      << ""
                                      << "bad file path";
        QTest::newRow("innerTraversal") << "python"
                                        << "a/../../b.py"
                                        << ""
                                        << "bad file path";
        QTest::newRow("controlCharacter") << "python"
                                          << "a\nb.py"
                                          << ""
                                          << "bad file path";
        QTest::newRow("optionLikeName") << "python"
                                        << "-X.py"
                                        << ""
                                        << "bad file path";
        QTest::newRow("missingEntry") << "python"
                                      << "main.py"
                                      << "other.py"
                                      << "not among the files";
    }

    void validateJobRejectsUnsafeInput()
    {
        QFETCH(QString, language);
        QFETCH(QString, path);
        QFETCH(QString, entry);
        QFETCH(QString, error);
        auto job = bunny::test::makeJob(language.toStdString(), path.toStdString(), "print(1)\n");
        job.entry = entry.toStdString();
        const auto valid = sandbox::validateJob(job);
        QVERIFY(!valid.ok());
        QVERIFY2(QString::fromStdString(valid.message()).contains(error), valid.message().c_str());
    }

    void validateJobPicksTheEntry()
    {
        sandbox::Job job;
        job.language = "python";
        job.files = {{"helper.py", ""}, {"main.py", ""}};
        QCOMPARE(*sandbox::validateJob(job), std::string("main.py"));
        job.files = {{"solution.py", ""}};
        QCOMPARE(*sandbox::validateJob(job), std::string("solution.py"));
    }

    void limitsAreDefaultedAndClampedToMaxima()
    {
        sandbox::Limits requested = sandbox::Limits::unset();
        requested.cpuMs = 999999;
        requested.memoryKb = 32 * 1024;
        const auto limits =
            sandbox::Limits::clamp(requested, sandbox::Limits{}, sandbox::Limits::defaultMaxima());
        QCOMPARE(limits.cpuMs, sandbox::Limits::defaultMaxima().cpuMs);
        QCOMPARE(limits.memoryKb, 32 * 1024);
        QCOMPARE(limits.wallMs, 5000);
        QCOMPARE(limits.processes, 64);
        QCOMPARE(limits.outputKb, 64);
        QCOMPARE(limits.fileSizeKb, 1024);
        QCOMPARE(limits.tmpKb, 16 * 1024);
    }

    void memoryBelowTheFloorIsRaisedToIt_data()
    {
        QTest::addColumn<qint64>("requested");
        QTest::addColumn<qint64>("defaultKb");
        QTest::addColumn<qint64>("maximumKb");
        QTest::addColumn<qint64>("expected");
        const qint64 floor = sandbox::Limits::kMinMemoryKb;
        QTest::newRow("oneKib") << qint64(1) << qint64(256 * 1024) << qint64(1024 * 1024) << floor;
        QTest::newRow("hundredKib") << qint64(100) << qint64(256 * 1024) << qint64(1024 * 1024) << floor;
        QTest::newRow("justBelowTheFloor") << floor - 1 << qint64(256 * 1024) << qint64(1024 * 1024) << floor;
        QTest::newRow("theFloorItself") << floor << qint64(256 * 1024) << qint64(1024 * 1024) << floor;
        QTest::newRow("aboveTheFloorKept")
            << floor + 1 << qint64(256 * 1024) << qint64(1024 * 1024) << floor + 1;
        QTest::newRow("unsetTakesTheDefault")
            << qint64(0) << qint64(256 * 1024) << qint64(1024 * 1024) << qint64(256 * 1024);
        QTest::newRow("negativeTakesTheDefault")
            << qint64(-5) << qint64(256 * 1024) << qint64(1024 * 1024) << qint64(256 * 1024);
        QTest::newRow("tinyDefault") << qint64(0) << qint64(1) << qint64(1024 * 1024) << floor;
        QTest::newRow("tinyOperatorMaximum")
            << qint64(512 * 1024) << qint64(256 * 1024) << qint64(100) << floor;
    }

    void memoryBelowTheFloorIsRaisedToIt()
    {
        QFETCH(qint64, requested);
        QFETCH(qint64, defaultKb);
        QFETCH(qint64, maximumKb);
        QFETCH(qint64, expected);
        sandbox::Limits wish = sandbox::Limits::unset(), defaults, maxima = sandbox::Limits::defaultMaxima();
        wish.memoryKb = requested;
        defaults.memoryKb = defaultKb;
        maxima.memoryKb = maximumKb;
        QCOMPARE(qint64(sandbox::Limits::clamp(wish, defaults, maxima).memoryKb), expected);
    }

    void resultJsonHasTheContractShape()
    {
        sandbox::RunResult result;
        result.status = sandbox::Status::RuntimeError;
        result.exitCode = 1;
        result.stdoutText = std::string("bad \xff byte");
        const json out = sandbox::toJson(result);
        for (const char *key : {"status", "exit_code", "signal", "stdout", "stderr", "stdout_truncated",
                                "stderr_truncated", "time_ms", "cpu_ms", "memory_kb"})
            QVERIFY2(out.contains(key), key);
        QCOMPARE(out["status"].get<std::string>(), std::string("runtime_error"));
        QVERIFY(out["signal"].is_null());
        QVERIFY(!out.contains("compile"));
        QVERIFY(out.dump().find("bad") != std::string::npos); // invalid UTF-8 replaced, not thrown
    }

    void bunnyctlRunPrintsTheResultAsJson()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("sum.py").toStdString(),
                          input = dir.filePath("in.txt").toStdString();
        std::ofstream(file) << "import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))\n";
        std::ofstream(input) << "1 2 3 4\n";
        std::ostringstream out, err;
        const int code =
            backend::runCtl({"run", "--language", "python", file, "--stdin", input, "--json"}, out, err);
        QVERIFY2(code == 0, err.str().c_str());
        const json result = json::parse(out.str());
        QCOMPARE(result["status"].get<std::string>(), std::string("ok"));
        QCOMPARE(result["stdout"].get<std::string>(), std::string("10\n"));
    }

    void bunnyctlRunFailsClearlyOnBadUsage()
    {
        std::ostringstream out, err;
        QCOMPARE(backend::runCtl({"run"}, out, err), 2);
        QVERIFY(err.str().find("which file") != std::string::npos);
        QCOMPARE(backend::runCtl({"run", "/nonexistent/x.py"}, out, err), 2);
        QVERIFY(err.str().find("cannot read") != std::string::npos);
        QCOMPARE(backend::runCtl({"run", "notes.txt"}, out, err), 2);
        QVERIFY(err.str().find("--language") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_RunRequest)
#include "tst_runrequest.moc"
