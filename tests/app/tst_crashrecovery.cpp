// Runs the real `bunny` binary, lets it type through its test driver, kills it with SIGKILL and
// checks what a crash leaves: a recording that holds the typing (the writer flushed it without a
// close) and a session the next start offers.

#include "projectfixture.h"

#include "recorder/sessionrecovery.h"
#include "ui/mainwindow.h"

#include <recording/recording.h>

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

    void sigkillMidSessionLosesNoFlushedTypingAndIsOfferedOnNextStart()
    {
        const QString bunny = qEnvironmentVariable("BUNNY_BUILD_DIR") + QStringLiteral("/app/bunny");
        QVERIFY2(QFileInfo(bunny).isExecutable(), qPrintable(bunny + QStringLiteral(" is not built")));
        QTemporaryDir project;
        QTemporaryDir home;
        writeFile(project.filePath(QStringLiteral("main.py")), "print('x')\n");
        const QString typed = QStringLiteral("héllo 中 😀 ");

        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home.path()); // its settings stay out of the user's
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("BUNNY_TEST_TYPE"), typed);
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(bunny, {project.filePath(QStringLiteral("main.py"))});
        QVERIFY(app.waitForStarted());
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT((output += app.readAllStandardOutput()).contains("bunny-test: typed"),
                                 20000);

        // The app is alive and has never closed its session: wait for the periodic flush.
        const QString dir = bunny::app::sessionrecovery::recordingsDir(project.path());
        QString session;
        auto typingOnDisk = [&] {
            const QStringList files = QDir(dir).entryList({QStringLiteral("*.bunnyrec")}, QDir::Files);
            if (files.size() != 1)
                return false;
            session = dir + QLatin1Char('/') + files.first();
            auto recording = bunny::rec::Recording::load(session.toStdString());
            if (!recording)
                return false;
            const std::string *text = recording->stateAfter(recording->events().size()).text("main.py");
            return text && *text == (typed + QStringLiteral("print('x')\n")).toStdString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(typingOnDisk(), 10000);
        QCOMPARE(app.state(), QProcess::Running);

        app.kill(); // SIGKILL: no destructor, no close, no flush
        QVERIFY(app.waitForFinished());
        QCOMPARE(app.exitStatus(), QProcess::CrashExit);

        QVERIFY(QFileInfo::exists(bunny::app::sessionrecovery::lockPathFor(session)));
        QVERIFY(typingOnDisk());
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
