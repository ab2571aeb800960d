#include "gitcli.h"
#include "vcs/asyncrepository.h"
#include "vcs/whenready.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace bunny::vcs;
using namespace bunny::vcs::test;

class tst_AsyncRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aFolderWithoutRepositoryGivesErrorsUntilInit()
    {
        QTemporaryDir dir;
        AsyncRepository async(dir.path());
        auto log = async.log();
        log.waitForFinished();
        QVERIFY(!log.result());
        QVERIFY2(QString::fromStdString(log.result().message()).contains("not inside a repository"),
                 log.result().message().c_str());

        QSignalSpy changed(&async, &AsyncRepository::changed);
        auto created = async.init();
        created.waitForFinished();
        QVERIFY(created.result());
        QVERIFY(changed.wait(5000));
        QVERIFY(QFile::exists(dir.filePath(".git/HEAD")));
        auto empty = async.log();
        empty.waitForFinished();
        QVERIFY(empty.result());
        QVERIFY(empty.result()->isEmpty());
    }

    void operationsRunOffTheCallingThreadInOrderAndReportBack()
    {
        QTemporaryDir dir;
        QCOMPARE(BUNNY_GIT(dir.path(), {"init", "-q"}).exitCode, 0);
        QVERIFY(writeFile(dir.path(), "a.txt", "a\n"));
        AsyncRepository async(dir.path());
        QSignalSpy committed(&async, &AsyncRepository::committed);

        QThread *workerThread = nullptr;
        auto probe = async.run([&workerThread](Repository &) {
            workerThread = QThread::currentThread();
            return bunny::Result<void>();
        });
        auto commit = async.commit("first", {"Ada", "ada@x"}, true);
        auto log = async.log();

        std::optional<bunny::Result<QList<CommitInfo>>> seen;
        whenReady(this, log, [&seen](const bunny::Result<QList<CommitInfo>> &result) { seen = result; });
        QTRY_VERIFY_WITH_TIMEOUT(seen.has_value(), 5000);
        QVERIFY(probe.isFinished());
        QVERIFY(workerThread && workerThread != QThread::currentThread());
        QVERIFY2(commit.result(), commit.result() ? "" : commit.result().message().c_str());
        QVERIFY(seen->ok());
        QCOMPARE(seen->value().size(), 1); // the log ran after the commit
        QCOMPARE(seen->value().at(0).subject, QStringLiteral("first"));
        QTRY_COMPARE_WITH_TIMEOUT(committed.size(), 1, 5000);
        QCOMPARE(committed.at(0).at(0).value<CommitInfo>().id, commit.result()->id);
        QCOMPARE(BUNNY_GIT(dir.path(), {"status", "--porcelain"}).out, QByteArray());
    }

    void whenReadySkipsTheHandlerOfADestroyedContext()
    {
        QTemporaryDir dir;
        AsyncRepository async(dir.path());
        bool called = false;
        {
            QObject context;
            whenReady(&context, async.log(), [&called](const auto &) { called = true; });
        }
        auto later = async.log();
        later.waitForFinished();
        QCoreApplication::processEvents();
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(tst_AsyncRepository)
#include "tst_asyncrepository.moc"
