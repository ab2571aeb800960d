// ProblemCatalog: the server's problems reloaded while it runs. Real folders, real imports
// (problems::importProblemSet, as bunnyctl does), real SIGHUP to this process.

#include "problemfixture.h"

#include "problems/problemcatalog.h"
#include "problems/problemstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <unistd.h>

using namespace bunny;

class tst_ProblemCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsTheBundledSetThenEveryImportedOne()
    {
        QTemporaryDir data, source;
        problems::ProblemCatalog catalog(test::bundledProblemsDir().toStdString(), data.path().toStdString());
        QVERIFY(catalog.hasBundled());
        QCOMPARE(catalog.current()->size(), size_t(0)); // nothing before the first load
        const auto loaded = catalog.reload();
        QVERIFY2(loaded, loaded ? "" : loaded.message().c_str());
        QCOMPARE(*loaded, size_t(24));
        QVERIFY(!catalog.changedOnDisk());

        QVERIFY(test::writeSumProblem(source.path() + "/club", "club-add"));
        const auto imported =
            problems::importProblemSet((source.path() + "/club").toStdString(),
                                       test::bundledProblemsDir().toStdString(), data.path().toStdString());
        QVERIFY2(imported, imported ? "" : imported.message().c_str());
        QVERIFY(catalog.changedOnDisk());
        QVERIFY(!catalog.current()->find("club-add")); // not before a reload
        QCOMPARE(*catalog.reload(), size_t(25));
        QVERIFY(catalog.current()->find("club-add"));
        QVERIFY(!catalog.changedOnDisk());
    }

    void aProblemHeldAcrossAReloadStaysAsItWas()
    {
        QTemporaryDir data, source;
        problems::ProblemCatalog catalog(test::bundledProblemsDir().toStdString(), data.path().toStdString());
        const std::string set = (source.path() + "/club").toStdString();
        QVERIFY(test::writeSumProblem(source.path() + "/club", "club-add"));
        QVERIFY(problems::importProblemSet(set, test::bundledProblemsDir().toStdString(),
                                           data.path().toStdString()));
        QVERIFY(catalog.reload());
        const auto before = catalog.current();
        const auto held = before->shared("club-add"); // what a battle keeps
        QVERIFY(held);

        // The set imported again without club-add (replaced whole): gone from the new set only.
        QVERIFY(QDir(source.path() + "/club/club-add").removeRecursively());
        QVERIFY(test::writeSumProblem(source.path() + "/club", "club-sub"));
        QVERIFY(problems::importProblemSet(set, test::bundledProblemsDir().toStdString(),
                                           data.path().toStdString()));
        QVERIFY(catalog.changedOnDisk());
        QCOMPARE(*catalog.reload(), size_t(25));
        QVERIFY(!catalog.current()->find("club-add"));
        QVERIFY(catalog.current()->find("club-sub"));
        QVERIFY(before->find("club-add")); // the old set is untouched
        QCOMPARE(held->title, std::string("Add"));
        QCOMPARE(held->tests.size(), size_t(10));
    }

    void aBrokenFolderKeepsTheSetInForce()
    {
        QTemporaryDir data;
        problems::ProblemCatalog catalog(test::bundledProblemsDir().toStdString(), data.path().toStdString());
        QVERIFY(catalog.reload());
        // Not through the import (which validates): someone copied a broken set by hand.
        const QString broken = data.path() + "/problems/by-hand";
        QVERIFY(test::writeSumProblem(broken, "hand-made"));
        QVERIFY(QFile::remove(broken + "/hand-made/statement.md"));
        QVERIFY(catalog.changedOnDisk());
        const auto failed = catalog.reload();
        QVERIFY(!failed);
        QVERIFY2(QString::fromStdString(failed.message()).contains("statement.md"), failed.message().c_str());
        QCOMPARE(catalog.current()->size(), size_t(24));
        // Reported once: not retried until the folder changes again.
        QVERIFY(!catalog.changedOnDisk());
    }

    void withoutTheBundledFolderTheImportedSetsAlone()
    {
        QTemporaryDir data, source;
        problems::ProblemCatalog catalog(data.path().toStdString() + "/nowhere", data.path().toStdString());
        QVERIFY(!catalog.hasBundled());
        QVERIFY(test::writeSumProblem(source.path() + "/club", "club-add"));
        QVERIFY(problems::importProblemSet((source.path() + "/club").toStdString(),
                                           data.path().toStdString() + "/nowhere",
                                           data.path().toStdString()));
        QCOMPARE(*catalog.reload(), size_t(1));
    }

    void theReloaderFollowsImportsAndSighup_data()
    {
        QTest::addColumn<int>("intervalMs");
        QTest::addColumn<bool>("signal");
        QTest::newRow("watchingTheFolder") << 50 << false;
        QTest::newRow("onSighupOnly") << 0 << true;
    }

    void theReloaderFollowsImportsAndSighup()
    {
        QFETCH(int, intervalMs);
        QFETCH(bool, signal);
        QTemporaryDir data, source;
        problems::ProblemCatalog catalog(test::bundledProblemsDir().toStdString(), data.path().toStdString());
        QVERIFY(catalog.reload());
        problems::ProblemReloader reloader(catalog, intervalMs);
        reloader.start();
        QVERIFY(test::writeSumProblem(source.path() + "/club", "club-add"));
        QVERIFY(problems::importProblemSet((source.path() + "/club").toStdString(),
                                           test::bundledProblemsDir().toStdString(),
                                           data.path().toStdString()));
        if (signal) {
            QTest::qWait(300); // no watching: nothing happens by itself
            QVERIFY(!catalog.current()->find("club-add"));
            QCOMPARE(::kill(::getpid(), SIGHUP), 0);
        }
        QTRY_VERIFY_WITH_TIMEOUT(catalog.current()->find("club-add"), 10000);
        reloader.stop();
        reloader.stop(); // twice is harmless
    }
};

int main(int argc, char **argv)
{
    // As bunnyd does before any thread starts (QtTest's watchdog is one): SIGHUP waits for the
    // reloader instead of reaching a thread that would die of it.
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &hup, nullptr);
    QCoreApplication app(argc, argv);
    tst_ProblemCatalog suite;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&suite, argc, argv);
}
#include "tst_problemcatalog.moc"
