#include "projectfixture.h"

#include "run/runconsole.h"
#include "run/runplan.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

#include <cmath>

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

    static bool isAlive(qint64 pid)
    {
        // A zombie waiting for its reaper is dead too.
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray line = stat.readAll();
        const qsizetype paren = line.lastIndexOf(')');
        return paren > 0 && line.mid(paren + 2, 1) != "Z";
    }

    // WCAG contrast ratio of two colours.
    static double contrast(const QColor &a, const QColor &b)
    {
        auto luminance = [](const QColor &c) {
            auto channel = [](double v) {
                return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
            };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
        };
        const double la = luminance(a), lb = luminance(b);
        return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
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

    void stopKillsTheProgramsChildrenToo()
    {
        // A script whose real work runs in a child, like `go run` and its built binary.
        writeFile(m_dir.filePath(QStringLiteral("spawn.sh")), "sleep 300 &\necho $!\nwait\n");
        RunConsole console;
        QString out;
        QObject::connect(&console, &RunConsole::output, &console,
                         [&out](const QString &, const QString &text) { out += text; });
        console.run(QStringLiteral("shell"), m_dir.filePath(QStringLiteral("spawn.sh")), m_dir.path());
        QTRY_VERIFY_WITH_TIMEOUT(out.endsWith(QLatin1Char('\n')), 10000);
        const qint64 grandchild = out.trimmed().toLongLong();
        QVERIFY2(grandchild > 0, qPrintable(out));
        QVERIFY(isAlive(grandchild));
        console.stop();
        QVERIFY(!console.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!isAlive(grandchild), 10000);
    }

    void aProgramKilledBySignalSaysWhichSignal()
    {
        writeFile(m_dir.filePath(QStringLiteral("segv.py")),
                  "import os, signal\nprint('before', flush=True)\nos.kill(os.getpid(), signal.SIGSEGV)\n");
        RunConsole console;
        QSignalSpy finished(&console, &RunConsole::finished);
        console.run(QStringLiteral("python"), m_dir.filePath(QStringLiteral("segv.py")), m_dir.path());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toInt(), 128 + 11);
        QCOMPARE(finished.first().at(2).toString(), QStringLiteral("killed by signal 11 (SIGSEGV)"));
        QVERIFY(console.transcript().contains(QStringLiteral("Killed by signal 11 (SIGSEGV)")));
        QVERIFY(!console.transcript().contains(QStringLiteral("Stopped")));
    }

    void endOfInputClosesStdin_data()
    {
        QTest::addColumn<bool>("byKey");
        QTest::newRow("ctrlDInTheInputLine") << true;
        QTest::newRow("eofButton") << false;
    }

    void endOfInputClosesStdin()
    {
        QFETCH(bool, byKey);
        writeFile(m_dir.filePath(QStringLiteral("count.py")),
                  "import sys\nprint(len(sys.stdin.read().splitlines()), 'lines')\n");
        RunConsole console;
        QString out;
        QObject::connect(&console, &RunConsole::output, &console,
                         [&out](const QString &, const QString &text) { out += text; });
        QSignalSpy finished(&console, &RunConsole::finished);
        console.run(QStringLiteral("python"), m_dir.filePath(QStringLiteral("count.py")), m_dir.path());
        auto *input = console.findChild<QLineEdit *>();
        QVERIFY(input);
        QTest::keyClicks(input, QStringLiteral("one"));
        QTest::keyClick(input, Qt::Key_Return);
        QTest::keyClicks(input, QStringLiteral("two"));
        QTest::keyClick(input, Qt::Key_Return);
        if (byKey)
            QTest::keyClick(input, Qt::Key_D, Qt::ControlModifier);
        else
            console.findChild<QPushButton *>(QStringLiteral("endOfInput"))->click();
        QVERIFY(finished.wait(30000));
        QCOMPARE(out, QStringLiteral("2 lines\n"));
        QCOMPARE(finished.first().at(0).toInt(), 0);
    }

    void aCharacterSplitBetweenTwoReadsIsDecodedWhole()
    {
        writeFile(m_dir.filePath(QStringLiteral("split.py")),
                  "import sys, time\nout = sys.stdout.buffer\nfor b in (b'\\xc3', b'\\xa9 \\xf0\\x9f', "
                  "b'\\x98\\x80\\n'):\n    out.write(b); out.flush(); time.sleep(0.2)\n");
        RunConsole console;
        QString out, err;
        QCOMPARE(runToEnd(console, QStringLiteral("python"), m_dir.filePath(QStringLiteral("split.py")), &out,
                          &err),
                 0);
        QCOMPARE(out, QStringLiteral("é 😀\n"));
    }

    void outputStaysReadableInTheDarkTheme_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void outputStaysReadableInTheDarkTheme()
    {
        QFETCH(bool, dark);
        writeFile(m_dir.filePath(QStringLiteral("both.py")),
                  "import sys\nprint('to stdout')\nprint('to stderr', file=sys.stderr)\n");
        RunConsole console;
        QPalette palette = console.palette();
        palette.setColor(QPalette::Base, dark ? QColor(0x1e, 0x1f, 0x22) : Qt::white);
        palette.setColor(QPalette::Text, dark ? QColor(0xdf, 0xe1, 0xe5) : Qt::black);
        console.setPalette(palette);
        QString out, err;
        QCOMPARE(runToEnd(console, QStringLiteral("python"), m_dir.filePath(QStringLiteral("both.py")), &out,
                          &err),
                 0);
        auto *view = console.findChild<QPlainTextEdit *>();
        QVERIFY(view);
        const QColor base = view->palette().color(QPalette::Base);
        int fragments = 0;
        for (QTextBlock block = view->document()->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                if (fragment.text().trimmed().isEmpty())
                    continue;
                const QTextCharFormat format = fragment.charFormat();
                const QColor shown = format.hasProperty(QTextFormat::ForegroundBrush)
                                         ? format.foreground().color()
                                         : view->palette().color(QPalette::Text);
                QVERIFY2(contrast(shown, base) >= 3.0,
                         qPrintable(fragment.text() + QStringLiteral(": ") + shown.name() +
                                    QStringLiteral(" on ") + base.name()));
                ++fragments;
            }
        }
        QVERIFY(fragments >= 3);
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
