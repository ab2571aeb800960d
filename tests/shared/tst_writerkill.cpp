// A writer killed with SIGKILL leaves a file that reads back up to its last flush (real child process).

#include <recording/recording.h>

#include "randomsession.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace bunny::rec;

class tst_WriterKill : public QObject
{
    Q_OBJECT

private:
    std::vector<Event> m_expected;

private Q_SLOTS:
    void initTestCase() { m_expected = bunny::test::killTestSession(); }

    void killedWriterLeavesAReadablePrefix_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("killAfterMs");
        QTest::newRow("plain-rightAfterFlush") << "plain" << 0;
        QTest::newRow("plain-midStream") << "plain" << 60;
        QTest::newRow("plain-later") << "plain" << 200;
        QTest::newRow("gzip-rightAfterFlush") << "gzip" << 0;
        QTest::newRow("gzip-midStream") << "gzip" << 60;
        QTest::newRow("gzip-later") << "gzip" << 200;
    }

    void killedWriterLeavesAReadablePrefix()
    {
        QFETCH(QString, mode);
        QFETCH(int, killAfterMs);
        QTemporaryDir dir;
        const QString path = dir.filePath("killed.bunnyrec");
        QProcess child;
        child.start(qEnvironmentVariable("BUNNY_BUILD_DIR") + "/tests/shared/rec_kill_writer", {path, mode});
        QVERIFY2(child.waitForStarted(30000), qPrintable(child.errorString()));
        QByteArray said;
        while (!said.contains('\n') && child.waitForReadyRead(60000))
            said += child.readAllStandardOutput();
        QCOMPARE(said.left(said.indexOf('\n')), QByteArray("flushed ") + QByteArray::number(500));
        QThread::msleep(static_cast<unsigned long>(killAfterMs));
        child.kill(); // SIGKILL: no destructor, no close(), no gzip trailer
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        auto rec = Recording::load(path.toStdString());
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QVERIFY(rec->events().size() >= bunny::test::kKillTestFlushed);
        QVERIFY(rec->events().size() <= m_expected.size());
        std::size_t i = 0;
        for (const Event &e : rec->events())
            QVERIFY2(e == m_expected[i++], qPrintable(QString("event %1 differs").arg(i)));
        qInfo("%zu of %zu events read back; %zu warnings", rec->events().size(), m_expected.size(),
              rec->warnings().size());
        if (mode == "gzip")
            QVERIFY(!rec->warnings().empty()); // the trailer is missing: reported, not fatal
    }
};

QTEST_GUILESS_MAIN(tst_WriterKill)
#include "tst_writerkill.moc"
