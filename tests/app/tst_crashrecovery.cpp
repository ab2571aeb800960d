// Runs the real `bunny` binary, lets it type through its test driver, kills it with SIGKILL while
// it is still typing and checks what a crash leaves: a recording that holds at least everything
// typed until a second (plus a margin) before the kill, and a session the next start offers.

#include "projectfixture.h"

#include "recorder/sessionrecovery.h"
#include "ui/mainwindow.h"

#include <recording/recording.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTest>

using namespace bunny::testing;

class tst_CrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sigkillWhileTypingLosesAtMostTheLastSecondAndIsOfferedOnNextStart()
    {
        const QString bunny = qEnvironmentVariable("BUNNY_BUILD_DIR") + QStringLiteral("/app/bunny");
        QVERIFY2(QFileInfo(bunny).isExecutable(), qPrintable(bunny + QStringLiteral(" is not built")));
        QTemporaryDir project;
        QTemporaryDir home;
        const QByteArray original = "print('x')\n";
        writeFile(project.filePath(QStringLiteral("main.py")), original);
        // Long enough to still be typing when the kill comes (about 8 s at 10 ms a character).
        const QString typed = QStringLiteral("héllo 中 😀 ").repeated(80);

        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home.path()); // its settings stay out of the user's
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("BUNNY_TEST_TYPE"), typed);
        env.insert(QStringLiteral("BUNNY_TEST_TYPE_INTERVAL_MS"), QStringLiteral("10"));
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);

        // When the test saw "typing N": the app had typed N UTF-16 units by then.
        QElapsedTimer clock;
        QList<QPair<qint64, int>> progress;
        QByteArray pending;
        bool finishedTyping = false;
        connect(&app, &QProcess::readyReadStandardOutput, this, [&] {
            pending += app.readAllStandardOutput();
            qsizetype newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(newline);
                pending.remove(0, newline + 1);
                if (line.startsWith("bunny-test: typing "))
                    progress.append({clock.elapsed(), line.mid(19).toInt()});
                else if (line.startsWith("bunny-test: typed"))
                    finishedTyping = true;
            }
        });
        clock.start();
        app.start(bunny, {project.filePath(QStringLiteral("main.py"))});
        QVERIFY(app.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), 20000);
        // Kill mid-typing, a few seconds in, so several flush periods have passed.
        const qint64 firstKey = progress.first().first;
        QTRY_VERIFY_WITH_TIMEOUT(clock.elapsed() - firstKey >= 3000 || finishedTyping, 20000);
        QVERIFY2(!finishedTyping, "the typing ended before the kill; make the text longer");
        const qint64 killedAt = clock.elapsed();
        app.kill(); // SIGKILL: no destructor, no close, no flush
        QVERIFY(app.waitForFinished());
        QCOMPARE(app.exitStatus(), QProcess::CrashExit);

        // Everything typed up to 1 s before the kill must be on disk (plus a margin of 0.5 s
        // for the pipe and the scheduler): the bound on what a crash may lose.
        int mustHave = 0;
        for (const auto &[seenAt, count] : std::as_const(progress)) {
            if (seenAt <= killedAt - 1500)
                mustHave = count;
        }
        QVERIFY2(mustHave > 0, "no progress was seen 1.5 s before the kill");
        QVERIFY(mustHave < progress.last().second || progress.size() == 1);

        const QString dir = bunny::app::sessionrecovery::recordingsDir(project.path());
        const QStringList files = QDir(dir).entryList({QStringLiteral("*.bunnyrec")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        const QString session = dir + QLatin1Char('/') + files.first();
        auto recording = bunny::rec::Recording::load(session.toStdString());
        QVERIFY2(recording.ok(), recording.ok() ? "" : recording.message().c_str());
        const bunny::rec::Document document = recording->stateAfter(recording->events().size());
        const std::string *text = document.text("main.py");
        QVERIFY(text);
        const QString recovered = QString::fromStdString(*text);
        QVERIFY2(recovered.endsWith(QString::fromUtf8(original)), qPrintable(recovered));
        const QString recoveredTyping = recovered.chopped(original.size());
        QVERIFY2(typed.startsWith(recoveredTyping), qPrintable(recoveredTyping));
        QVERIFY2(recoveredTyping.size() >= mustHave,
                 qPrintable(QStringLiteral("recovered %1 of the %2 units typed 1.5 s before the kill")
                                .arg(recoveredTyping.size())
                                .arg(mustHave)));

        QVERIFY(QFileInfo::exists(bunny::app::sessionrecovery::lockPathFor(session)));
        QCOMPARE(bunny::app::sessionrecovery::unfinishedSessions(project.path()), QStringList{session});

        // The next start offers it.
        bunny::app::MainWindow window;
        QVERIFY(window.openPath(project.path()));
        QCOMPARE(window.recoveredSessions(), QStringList{session});
        window.discardRecoveredSessions();
        QVERIFY(!QFileInfo::exists(session));
        QVERIFY(window.recoveredSessions().isEmpty());
    }
};

QTEST_MAIN(tst_CrashRecovery)
#include "tst_crashrecovery.moc"
