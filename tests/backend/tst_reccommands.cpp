#include "ctl/ctlmain.h"

#include <recording/writer.h>

#include "rectestutil.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sstream>

using namespace bunny::rec;
using bunny::test::sampleHeader;

namespace {

struct CtlRun
{
    int code;
    std::string out;
    std::string err;
};

CtlRun ctl(const std::vector<std::string> &args)
{
    std::ostringstream out, err;
    const int code = bunny::backend::runCtl(args, out, err);
    return {code, out.str(), err.str()};
}

} // namespace

class tst_RecCommands : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_plain;
    std::string m_gzip;

    std::string writeSample(const QString &name, bool gzip)
    {
        const std::string path = m_dir.filePath(name).toStdString();
        auto header = sampleHeader("Ünïcode 中");
        auto writer = Writer::create(path, header, {gzip, std::chrono::milliseconds(1000)});
        if (!writer.ok())
            qFatal("%s", writer.message().c_str());
        for (const Event &e :
             {Event::keyframe(0, "main.py", "print('é')\n"), Event::keyframe(0, "util.py", ""),
              Event::focus(0, "main.py"), Event::insert(1000, "main.py", 0, "中😀"),
              Event::marker(1500, "run", "first run"), Event::focus(2000, "util.py"),
              Event::insert(2100, "util.py", 0, "x = 1"), Event::rename(3000, "util.py", "lib/u.py"),
              Event::focus(3000, "lib/u.py"), Event::marker(4200, "commit", "done")}) {
            if (!(*writer)->append(e).ok())
                qFatal("append failed");
        }
        if (!(*writer)->close().ok())
            qFatal("close failed");
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_plain = writeSample("plain.bunnyrec", false);
        m_gzip = writeSample("packed.bunnyrec.gz", true);
    }

    void infoPrintsTheDesignJson_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("plain") << false;
        QTest::newRow("gzip") << true;
    }

    void infoPrintsTheDesignJson()
    {
        QFETCH(bool, gzip);
        const CtlRun run = ctl({"rec", "info", gzip ? m_gzip : m_plain});
        QCOMPARE(run.code, 0);
        QCOMPARE(run.out,
                 std::string("{\"duration_ms\":4200,\"events\":10,\"files\":[\"lib/u.py\",\"main.py\"],"
                             "\"markers\":[[1500,\"run\",\"first run\"],[4200,\"commit\",\"done\"]],"
                             "\"language\":\"python\",\"title\":\"Ünïcode 中\"}\n"));
        QVERIFY(run.err.empty());
    }

    void textPrintsExactBytesAtATime_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("focusedAtStart") << QStringList{"--at", "0"} << QByteArray("print('é')\n");
        QTest::newRow("justBeforeAnEdit") << QStringList{"--at", "999"} << QByteArray("print('é')\n");
        QTest::newRow("multibyteInsert") << QStringList{"--at", "1000"} << QByteArray("中😀print('é')\n");
        QTest::newRow("focusMoved") << QStringList{"--at", "2500"} << QByteArray("x = 1");
        QTest::newRow("namedFile") << QStringList{"--at", "2500", "--file", "main.py"}
                                   << QByteArray("中😀print('é')\n");
        QTest::newRow("afterRename") << QStringList{"--file", "lib/u.py", "--at", "99999"}
                                     << QByteArray("x = 1");
        QTest::newRow("emptyFile") << QStringList{"--at", "2000"} << QByteArray("");
    }

    void textPrintsExactBytesAtATime()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, expected);
        std::vector<std::string> argv = {"rec", "text", m_gzip};
        for (const QString &a : args)
            argv.push_back(a.toStdString());
        const CtlRun run = ctl(argv);
        QVERIFY2(run.code == 0, run.err.c_str());
        QCOMPARE(QByteArray::fromStdString(run.out), expected);
    }

    void badRequestsFailWithAReason_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("error");
        QTest::newRow("noSubcommand") << QStringList{} << 2 << "which rec command";
        QTest::newRow("unknownSubcommand") << QStringList{"play"} << 2 << "unknown rec command 'play'";
        QTest::newRow("textWithoutAt") << QStringList{"text", "F"} << 2 << "needs FILE and --at MS";
        QTest::newRow("textBadAt") << QStringList{"text", "F", "--at", "1s"} << 2
                                   << "--at takes milliseconds";
        QTest::newRow("textNegativeAt")
            << QStringList{"text", "F", "--at", "-1"} << 2 << "--at takes milliseconds";
        QTest::newRow("textMissingFileInRecording")
            << QStringList{"text", "F", "--at", "10", "--file", "nope.py"} << 1
            << "nope.py does not exist at 10 ms";
        QTest::newRow("textRenamedAway")
            << QStringList{"text", "F", "--at", "3000", "--file", "util.py"} << 1 << "util.py does not exist";
        QTest::newRow("infoTwoFiles") << QStringList{"info", "F", "F"} << 2 << "info takes one FILE";
        QTest::newRow("missingRecording")
            << QStringList{"info", "/nonexistent/x.bunnyrec"} << 1 << "cannot open /nonexistent/x.bunnyrec";
    }

    void badRequestsFailWithAReason()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, error);
        std::vector<std::string> argv = {"rec"};
        for (const QString &a : args)
            argv.push_back(a == "F" ? m_plain : a.toStdString());
        const CtlRun run = ctl(argv);
        QCOMPARE(run.code, code);
        QVERIFY(run.out.empty());
        QVERIFY2(QString::fromStdString(run.err).contains(error), run.err.c_str());
    }

    void aMissingFileIsNamedOnce()
    {
        const CtlRun run = ctl({"rec", "info", "/nonexistent/x.bunnyrec"});
        QCOMPARE(run.code, 1);
        const std::string path = "/nonexistent/x.bunnyrec";
        const std::size_t first = run.err.find(path);
        QVERIFY2(first != std::string::npos && run.err.find(path, first + 1) == std::string::npos,
                 run.err.c_str());
    }

    void recHelpPrintsUsageAndSucceeds_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::newRow("--help") << "--help";
        QTest::newRow("-h") << "-h";
        QTest::newRow("help") << "help";
    }

    void recHelpPrintsUsageAndSucceeds()
    {
        QFETCH(QString, flag);
        const CtlRun run = ctl({"rec", flag.toStdString()});
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.find("rec verify FILE") != std::string::npos, run.out.c_str());
        QVERIFY2(run.err.empty(), run.err.c_str());
    }

    void anOpThatDoesNotFitIsPlayedUpToButInvalid()
    {
        // What a buggy recorder once wrote: the good part still plays, verify still says no.
        const QString path = m_dir.filePath("badop.bunnyrec");
        QVERIFY(bunny::test::writeAll(path, bunny::rec::serialize(sampleHeader()) +
                                                "\n[0,\"k\",\"a.txt\",\"ab\"]\n[0,\"f\",\"a.txt\"]\n"
                                                "[5,\"i\",\"a.txt\",2,\"c\"]\n[9,\"d\",\"a.txt\",0,\"zz\"]\n"
                                                "[12,\"i\",\"a.txt\",0,\"q\"]\n"));
        const CtlRun text = ctl({"rec", "text", path.toStdString(), "--at", "100"});
        QVERIFY2(text.code == 0, text.err.c_str());
        QCOMPARE(text.out, std::string("abc"));
        QVERIFY2(text.err.find("warning") != std::string::npos &&
                     text.err.find("line 5: delete") != std::string::npos,
                 text.err.c_str());
        const CtlRun verify = ctl({"rec", "verify", path.toStdString()});
        QCOMPARE(verify.code, 1);
        QVERIFY2(verify.err.find("line 5: delete at byte 0") != std::string::npos, verify.err.c_str());
    }

    void textWithNoFocusAsksForAFile()
    {
        const std::string path = m_dir.filePath("nofocus.bunnyrec").toStdString();
        QVERIFY(bunny::test::writeAll(QString::fromStdString(path), bunny::rec::serialize(sampleHeader()) +
                                                                        "\n[0,\"k\",\"a.txt\",\"a\"]\n"));
        const CtlRun run = ctl({"rec", "text", path, "--at", "5"});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.find("no file is focused at 5 ms") != std::string::npos, run.err.c_str());
    }

    void verifyAcceptsValidAndNamesTheLineOfInvalid()
    {
        QCOMPARE(ctl({"rec", "verify", m_plain}).code, 0);
        QCOMPARE(ctl({"rec", "verify", m_gzip}).code, 0);

        const QString bad = m_dir.filePath("bad.bunnyrec");
        QVERIFY(bunny::test::writeAll(bad, bunny::rec::serialize(sampleHeader()) +
                                               "\n[0,\"k\",\"a.txt\",\"é\"]\n[5,\"i\",\"a.txt\",1,\"x\"]\n"));
        const CtlRun run = ctl({"rec", "verify", bad.toStdString()});
        QCOMPARE(run.code, 1);
        QVERIFY2(
            run.err.find("line 3: insert at byte 1 of \"a.txt\" falls inside a multi-byte UTF-8 character") !=
                std::string::npos,
            run.err.c_str());

        const QString truncated = m_dir.filePath("truncated.bunnyrec");
        QVERIFY(bunny::test::writeAll(truncated, bunny::rec::serialize(sampleHeader()) +
                                                     "\n[0,\"k\",\"a.txt\",\"é\"]\n[5,\"i\",\"a.t"));
        const CtlRun cut = ctl({"rec", "verify", truncated.toStdString()});
        QCOMPARE(cut.code, 0);
        QVERIFY2(cut.err.find("warning") != std::string::npos && cut.err.find("line 3") != std::string::npos,
                 cut.err.c_str());
    }

    void realBunnyctlProcessPrintsExactBytes()
    {
        const QString bunnyctl = qEnvironmentVariable("BUNNY_BUILD_DIR") + "/backend/bunnyctl";
        QVERIFY2(QFileInfo(bunnyctl).isExecutable(), qPrintable(bunnyctl));
        QProcess proc;
        proc.start(bunnyctl, {"rec", "text", QString::fromStdString(m_gzip), "--at", "1000"});
        QVERIFY(proc.waitForFinished(30000));
        QCOMPARE(proc.exitStatus(), QProcess::NormalExit);
        QCOMPARE(proc.exitCode(), 0);
        QCOMPARE(proc.readAllStandardOutput(), QByteArray("中😀print('é')\n"));

        const QString garbage = m_dir.filePath("garbage.bunnyrec");
        QVERIFY(bunny::test::writeAll(garbage, std::string("\x1f\x8b\x08\x00\xff\xfe garbage", 14)));
        proc.start(bunnyctl, {"rec", "verify", garbage});
        QVERIFY(proc.waitForFinished(30000));
        QCOMPARE(proc.exitStatus(), QProcess::NormalExit);
        QCOMPARE(proc.exitCode(), 1);
        QVERIFY(!proc.readAllStandardError().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_RecCommands)
#include "tst_reccommands.moc"
