// The format's documentation and schema are tested against the library and a real validator.

#include <recording/recording.h>
#include <recording/summary.h>
#include <recording/writer.h>

#include "rectestutil.h"

#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace bunny::rec;
using bunny::test::readAll;

namespace {

const QString kSourceDir = QStringLiteral(BUNNY_SOURCE_DIR);

std::string formatDoc()
{
    return readAll(kSourceDir + "/shared/recording/FORMAT.md");
}

/// The lines between the worked-example markers, without the code fence.
std::string workedExample()
{
    const std::string doc = formatDoc();
    const auto begin = doc.find("<!-- worked-example:begin -->\n```jsonl\n");
    const auto end = doc.find("```\n<!-- worked-example:end -->");
    if (begin == std::string::npos || end == std::string::npos)
        return {};
    const auto start = doc.find("```jsonl\n", begin) + 9;
    return doc.substr(start, end - start);
}

/// The `bunnyctl rec info` line the document prints for the example.
std::string documentedInfo()
{
    const std::string doc = formatDoc();
    const auto begin = doc.find("{\"duration_ms\"");
    return begin == std::string::npos ? std::string() : doc.substr(begin, doc.find('\n', begin) - begin);
}

/// Debian's interpreter, which python3-jsonschema (packaging/deps/test-rec.list) installs into;
/// a PATH python3 (pyenv, venv) otherwise.
QString python3()
{
    return QFileInfo::exists("/usr/bin/python3") ? QStringLiteral("/usr/bin/python3") : QStringLiteral("python3");
}

struct Validation
{
    int exitCode = -1;
    QString output;
};

Validation runValidator(const QStringList &files)
{
    QProcess proc;
    proc.setProcessChannelMode(QProcess::MergedChannels);
    proc.start(python3(), QStringList{kSourceDir + "/tests/shared/validate_bunnyrec.py",
                                      kSourceDir + "/shared/recording/bunnyrec.schema.json"} +
                              files);
    if (!proc.waitForFinished(60000))
        return {};
    return {proc.exitStatus() == QProcess::NormalExit ? proc.exitCode() : -1,
            QString::fromUtf8(proc.readAll())};
}

} // namespace

class tst_RecordingFormat : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// Skips when python3 lacks jsonschema, except under CI, where that is a failure.
    bool haveValidator()
    {
        QProcess proc;
        proc.start(python3(), {"-c", "import jsonschema"});
        const bool ok =
            proc.waitForFinished(30000) && proc.exitStatus() == QProcess::NormalExit && proc.exitCode() == 0;
        return ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!haveValidator()) {
            if (qEnvironmentVariable("CI") == "true")
                QFAIL("python3-jsonschema is missing (packaging/deps/test-rec.list); CI must have it");
            QSKIP("python3 has no jsonschema module; run packaging/setup-deps test");
        }
    }

    void workedExampleReadsAsDocumented()
    {
        const std::string example = workedExample();
        QVERIFY(!example.empty());
        auto rec = Recording::parse(example);
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QVERIFY(rec->warnings().empty());
        QCOMPARE(toJson(summarize(*rec)), documentedInfo());
        QCOMPARE(*rec->stateAt(2599).text("main.py"),
                 std::string("print(\"hi\xc3\xa9 \xe4\xb8\xad\xf0\x9f\x98\x80\")\n"));
        const Document end = rec->stateAt(6500);
        QCOMPARE(
            *end.text("main.py"),
            std::string("\x70\x72\x69\x6e\x74\x28\x22\x68\x69\x20\xe4\xb8\xad\xf0\x9f\x98\x80\x22\x29\x0a"));
        QCOMPARE(end.focus(), std::string("main.py"));
        QCOMPARE(end.files().size(), std::size_t(1));
        // The bytes of the insert of "é" as the document spells them out.
        QVERIFY(
            example.find(
                "\x5b\x38\x35\x30\x2c\x22\x69\x22\x2c\x22\x6d\x61\x69\x6e\x2e\x70\x79\x22\x2c\x39\x2c\x22\xc3"
                "\xa9\x22\x5d\x0a") != std::string::npos);
    }

    void schemaAcceptsTheWorkedExampleAndAWrittenRecording()
    {
        const QString example = m_dir.filePath("example.bunnyrec");
        QVERIFY(bunny::test::writeAll(example, workedExample()));

        const QString written = m_dir.filePath("written.bunnyrec.gz");
        auto header = bunny::test::sampleHeader("every code");
        header.idleTimeLimitMs = 1500;
        header.extra["recorder"] = "bunny 0.1";
        auto writer = Writer::create(written.toStdString(), header, {true, std::chrono::milliseconds(1000)});
        QVERIFY(writer.ok());
        for (const Event &e :
             {Event::keyframe(0, "p1/main.cpp", "int main() {}\n"), Event::keyframe(0, "p2/main.cpp", ""),
              Event::focus(0, "p1/main.cpp"), Event::insert(10, "p1/main.cpp", 12, " return 0; /* é中😀 */ "),
              Event::erase(20, "p1/main.cpp", 0, "int"), Event::selection(30, "p1/main.cpp", {0, 3, 5, 5}),
              Event::rename(40, "p2/main.cpp", "p2/solution.cpp"), Event::remove(50, "p2/solution.cpp"),
              Event::marker(60, "submit", "3/3 passed", "p1/"),
              Event::output(70, "stderr", "warning: \"x\"\n\t\x01")})
            QVERIFY((*writer)->append(e).ok());
        QVERIFY((*writer)->close().ok());

        const Validation v = runValidator({example, written});
        QVERIFY2(v.exitCode == 0, qPrintable(v.output));
        QVERIFY2(v.output.contains("example.bunnyrec: 21 lines checked"), qPrintable(v.output));
    }

    void schemaRejectsMalformedLines()
    {
        // One file, one bad line each (a single python run keeps the test quick).
        const std::pair<std::string, QString> bad[] = {
            {"[1,\"i\",\"a.txt\",\"3\",\"x\"]", "is not of type 'integer'"},
            {"[-1,\"f\",\"a.txt\"]", "less than the minimum"},
            {"[1,\"k\",\"/etc/passwd\",\"\"]", "does not match"},
            {"[1,\"r\",\"a\",\"../b\"]", "does not match"},
            {"[1,\"s\",\"a\",4]", "is too short"},
            {"[1,5]", "is not of type 'string'"},
            {"[1,\"m\",\"note\",\"label\",\"/abs\"]", "does not match"},
        };
        std::string bytes = bunny::rec::serialize(bunny::test::sampleHeader()) + "\n";
        for (const auto &[line, complaint] : bad)
            bytes += line + "\n";
        const QString path = m_dir.filePath("bad.bunnyrec");
        QVERIFY(bunny::test::writeAll(path, bytes));
        const Validation v = runValidator({path});
        QCOMPARE(v.exitCode, 1);
        const QStringList lines = v.output.split('\n');
        int lineNo = 2;
        for (const auto &[line, complaint] : bad) {
            const QString prefix = QString("bad.bunnyrec:%1: ").arg(lineNo++);
            bool found = false;
            for (const QString &out : lines)
                found = found || (out.contains(prefix) && out.contains(complaint));
            QVERIFY2(found, qPrintable(prefix + complaint + " not in:\n" + v.output));
        }
    }
};

QTEST_GUILESS_MAIN(tst_RecordingFormat)
#include "tst_recordingformat.moc"
