#include "projectfixture.h"

#include "run/runconsole.h"
#include "run/runplan.h"

#include <QSignalSpy>
#include <QTest>

using bunny::app::RunConsole;
using namespace bunny::testing;

class tst_RunConsole : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Runs a file to its end; returns the exit code, with stdout and stderr as emitted.
    int runToEnd(RunConsole &console, const QString &language, const QString &file, QString *out,
                 QString *err, const QStringList &input = {})
    {
        QSignalSpy finished(&console, &RunConsole::finished);
        QObject::connect(&console, &RunConsole::output, &console,
                         [out, err](const QString &stream, const QString &text) {
                             (stream == QLatin1String("stdout") ? *out : *err) += text;
                         });
        console.run(language, file, m_dir.path());
        for (const QString &line : input)
            console.sendInput(line);
        if (!finished.wait(60000) && finished.isEmpty())
            return -1000;
        return finished.first().at(0).toInt();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void everyLanguageRunsWithItsToolchain_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("source");

        QTest::newRow("python") << "python"
                                << "hello.py" << QByteArray("print('hi é')\n");
        QTest::newRow("javascript") << "javascript"
                                    << "hello.js" << QByteArray("console.log('hi é')\n");
        QTest::newRow("c") << "c"
                           << "hello.c"
                           << QByteArray(
                                  "#include <stdio.h>\nint main(void) { puts(\"hi é\"); return 0; }\n");
        QTest::newRow("cpp") << "cpp"
                             << "hello.cpp"
                             << QByteArray("#include <iostream>\nint main() { std::cout << \"hi é\\n\"; }\n");
        QTest::newRow("java") << "java"
                              << "Hello.java"
                              << QByteArray("public class Hello { public static void main(String[] a) { "
                                            "System.out.println(\"hi é\"); } }\n");
        QTest::newRow("go") << "go"
                            << "hello.go"
                            << QByteArray(
                                   "package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"hi é\") }\n");
        QTest::newRow("rust") << "rust"
                              << "hello.rs" << QByteArray("fn main() { println!(\"hi é\"); }\n");
        QTest::newRow("shell") << "shell"
                               << "hello.sh" << QByteArray("echo 'hi é'\n");
    }

    void everyLanguageRunsWithItsToolchain()
    {
        QFETCH(QString, language);
        QFETCH(QString, fileName);
        QFETCH(QByteArray, source);
        writeFile(m_dir.filePath(fileName), source);
        RunConsole console;
        QString out, err;
        QCOMPARE(runToEnd(console, language, m_dir.filePath(fileName), &out, &err), 0);
        QCOMPARE(out, QStringLiteral("hi é\n"));
        QVERIFY(console.transcript().contains(QStringLiteral("Exit code 0")));
    }

    void stdoutStderrStdinAndTheExitCode()
    {
        writeFile(m_dir.filePath(QStringLiteral("io.py")),
                  "import sys\nname = input()\nprint('hello', name)\nprint('oops', "
                  "file=sys.stderr)\nsys.exit(3)\n");
        RunConsole console;
        QString out, err;
        QCOMPARE(runToEnd(console, QStringLiteral("python"), m_dir.filePath(QStringLiteral("io.py")), &out,
                          &err, {QStringLiteral("bunny")}),
                 3);
        QCOMPARE(out, QStringLiteral("hello bunny\n"));
        QCOMPARE(err, QStringLiteral("oops\n"));
        QVERIFY(console.transcript().contains(QStringLiteral("Exit code 3")));
    }

    void aCompileErrorStopsBeforeRunning()
    {
        writeFile(m_dir.filePath(QStringLiteral("broken.c")), "int main(void) { return nope; }\n");
        RunConsole console;
        QString out, err;
        QVERIFY(runToEnd(console, QStringLiteral("c"), m_dir.filePath(QStringLiteral("broken.c")), &out,
                         &err) != 0);
        QVERIFY(err.contains(QStringLiteral("nope")));
        QVERIFY(console.transcript().contains(QStringLiteral("Compilation failed")));
    }

    void stopKillsARunningProgram()
    {
        writeFile(m_dir.filePath(QStringLiteral("loop.py")),
                  "import time\nprint('start', flush=True)\ntime.sleep(60)\n");
        RunConsole console;
        QSignalSpy output(&console, &RunConsole::output);
        QSignalSpy finished(&console, &RunConsole::finished);
        console.run(QStringLiteral("python"), m_dir.filePath(QStringLiteral("loop.py")), m_dir.path());
        QVERIFY(output.wait(10000));
        QVERIFY(console.isRunning());
        console.stop();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toInt(), -1);
        QVERIFY(!console.isRunning());
        QVERIFY(console.transcript().contains(QStringLiteral("Stopped")));
    }

    void aMissingToolchainIsNamedWithItsPackage()
    {
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", m_dir.path().toUtf8()); // a folder without any toolchain
        const bunny::app::RunPlan plan =
            bunny::app::planRun(QStringLiteral("rust"), QStringLiteral("/x/main.rs"), m_dir.path());
        qputenv("PATH", path);
        QVERIFY(plan.steps.isEmpty());
        QVERIFY(plan.error.contains(QStringLiteral("rustc")));
        QVERIFY(plan.error.contains(QStringLiteral("apt install rustc")));
    }

    void anUnsupportedLanguageSaysSo()
    {
        RunConsole console;
        QSignalSpy finished(&console, &RunConsole::finished);
        console.run(QStringLiteral("markdown"), m_dir.filePath(QStringLiteral("README.md")), m_dir.path());
        QCOMPARE(finished.count(), 1);
        QVERIFY(console.transcript().contains(QStringLiteral("cannot run README.md")));
    }
};

QTEST_MAIN(tst_RunConsole)
#include "tst_runconsole.moc"
