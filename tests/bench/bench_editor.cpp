// Figures for the editor (app/README.md has the table):
//  - keystroke handling with the recorder on vs off, typing into a 50,000-line file;
//  - start of the real `bunny` binary to an editable window (small project, 50,000-line file);
//  - resident memory of that process with each open.
// Usage: bench_editor [path to the bunny binary] (default: ../../app/bunny beside this program).

#include "editor/codeeditor.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QKeyEvent>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using bunny::app::MainWindow;

namespace {

constexpr int kLines = 50000;
constexpr int kKeys = 100;
constexpr int kRounds = 5;

void writeBigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    for (int i = 0; i < kLines; ++i)
        file.write(QStringLiteral("def function_%1(x):  # é 中\n    return x * %1 + len('line')\n")
                       .arg(i)
                       .toUtf8()
                       .left(i % 2 ? 40 : 200));
}

// Microseconds per keystroke: key press + release delivered and the event loop run, as a user's
// typing is, in the middle of the file.
double typeKeys(MainWindow &window)
{
    bunny::app::CodeEditor *editor = window.editor();
    editor->setCursorPosition(kLines / 2, 0);
    QCoreApplication::processEvents();
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kKeys; ++i) {
        const QString text = i % 10 == 9 ? QStringLiteral(" ") : QString(QChar(u'a' + i % 26));
        QKeyEvent press(QEvent::KeyPress, Qt::Key_A, Qt::NoModifier, text);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_A, Qt::NoModifier, text);
        QApplication::sendEvent(editor, &press);
        QApplication::sendEvent(editor, &release);
        QCoreApplication::processEvents();
    }
    const double us = double(clock.nsecsElapsed()) / 1000.0 / kKeys;
    editor->undo(); // keep the file the same size for every round
    return us;
}

// Microseconds per typed character without the event loop (no painting): the edit itself and
// whatever observes it, which is where the recorder's cost is.
double insertChars(MainWindow &window)
{
    bunny::app::CodeEditor *editor = window.editor();
    editor->setCursorPosition(kLines / 2, 0);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kKeys * 3; ++i)
        editor->SendScintilla(QsciScintillaBase::SCI_REPLACESEL, i % 10 == 9 ? " " : "x");
    const double us = double(clock.nsecsElapsed()) / 1000.0 / (kKeys * 3);
    for (int i = 0; i < kKeys * 3; ++i)
        editor->SendScintilla(QsciScintillaBase::SCI_DELETEBACK);
    return us;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct StartFigures
{
    double ms = 0;
    long rssKb = 0;
};

long rssKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

StartFigures startApp(const QString &bunny, const QString &path, const QString &home)
{
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("BUNNY_TEST_READY"), QStringLiteral("1"));
    app.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    app.start(bunny, {path});
    QByteArray out;
    while (!out.contains("bunny-test: ready") && app.waitForReadyRead(30000))
        out += app.readAllStandardOutput();
    StartFigures figures;
    figures.ms = double(clock.nsecsElapsed()) / 1e6;
    QThread::msleep(300); // let the first paint and the recorder's first flush settle
    figures.rssKb = rssKb(app.processId());
    app.terminate();
    if (!app.waitForFinished(5000)) {
        app.kill();
        app.waitForFinished();
    }
    return figures;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QString bunny = argc > 1
                              ? QString::fromLocal8Bit(argv[1])
                              : QCoreApplication::applicationDirPath() + QStringLiteral("/../../app/bunny");

    QTemporaryDir project, home, small;
    const QString big =
        project.filePath(qEnvironmentVariable("BUNNY_BENCH_FILE_NAME", QStringLiteral("big.py")));
    writeBigFile(big);
    QFile hello(small.filePath(QStringLiteral("main.py")));
    if (hello.open(QIODevice::WriteOnly))
        hello.write("print('hello')\n");
    hello.close();

    {
        MainWindow window;
        window.resize(1200, 760);
        window.show();
        window.openPath(big);
        std::vector<double> on, off;
        for (int round = 0; round < kRounds; ++round) {
            window.setRecording(false);
            off.push_back(typeKeys(window));
            window.setRecording(true);
            on.push_back(typeKeys(window));
        }
        std::vector<double> editOn, editOff;
        for (int round = 0; round < kRounds; ++round) {
            window.setRecording(false);
            editOff.push_back(insertChars(window));
            window.setRecording(true);
            editOn.push_back(insertChars(window));
        }
        window.setRecording(false);
        std::printf("edit without repaint, recorder off:    %8.1f us per character (median of %d rounds)\n",
                    median(editOff), kRounds);
        std::printf("edit without repaint, recorder on:     %8.1f us per character\n", median(editOn));
        std::printf("ratio on/off:                          %8.3f\n", median(editOn) / median(editOff));
        const double medianOn = median(on), medianOff = median(off);
        std::printf("keystroke, %d-line file, recorder off: %8.1f us (median of %d rounds of %d keys)\n",
                    kLines, medianOff, kRounds, kKeys);
        std::printf("keystroke, %d-line file, recorder on:  %8.1f us\n", kLines, medianOn);
        std::printf("ratio on/off:                          %8.3f\n", medianOn / medianOff);
    }

    if (!QFileInfo(bunny).isExecutable()) {
        std::printf("start-up figures skipped: %s is not built\n", qPrintable(bunny));
        return 0;
    }
    std::vector<double> smallMs, bigMs;
    long smallRss = 0, bigRss = 0;
    for (int i = 0; i < 3; ++i) {
        const StartFigures s = startApp(bunny, small.path(), home.path());
        const StartFigures b = startApp(bunny, big, home.path());
        smallMs.push_back(s.ms);
        bigMs.push_back(b.ms);
        smallRss = s.rssKb;
        bigRss = b.rssKb;
    }
    std::printf("start to editable window, small project:    %7.0f ms (median of 3)\n", median(smallMs));
    std::printf("start to editable window, %d-line file: %7.0f ms\n", kLines, median(bigMs));
    std::printf("resident memory, small project:             %7.1f MiB\n", double(smallRss) / 1024);
    std::printf("resident memory, %d-line file open:     %7.1f MiB\n", kLines, double(bigRss) / 1024);
    return 0;
}
