// Restoring files and versions, and switching branches, never lose uncommitted work unless forced.

#include "gitcli.h"
#include "vcs/repository.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bunny::vcs;
using namespace bunny::vcs::test;

namespace {
const QByteArray kV1 = QByteArray("line one\r\nbinary \x00\xff bytes\n", 26) + "é 中 🐇\n";
const QByteArray kV2 = "second version\n";

/// A repository with two commits of a.txt (kV1 then kV2) and b.txt only in the second.
struct TwoVersions
{
    QTemporaryDir dir;
    std::optional<Repository> repo;
    CommitInfo first, second;

    bool make()
    {
        auto created = Repository::init(dir.path());
        if (!created || !writeFile(dir.path(), "a.txt", kV1))
            return false;
        repo.emplace(std::move(*created));
        auto one = repo->commitAll("one", "Ada", "ada@x");
        if (!one || !writeFile(dir.path(), "a.txt", kV2) || !writeFile(dir.path(), "b.txt", "b\n"))
            return false;
        auto two = repo->commitAll("two", "Ada", "ada@x");
        if (!two)
            return false;
        first = *one;
        second = *two;
        return true;
    }
};
} // namespace

class tst_Restore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void restoringAFileBringsBackItsExactBytes()
    {
        TwoVersions fixture;
        QVERIFY(fixture.make());
        auto restored = fixture.repo->restoreFile(fixture.first.id, "a.txt");
        QVERIFY2(restored, restored ? "" : restored.message().c_str());
        QCOMPARE(readFile(fixture.dir.path(), "a.txt"), kV1);
        QCOMPARE(fixture.repo->fileAt(fixture.first.id, "a.txt").value(), kV1);
        QCOMPARE(readFile(fixture.dir.path(), "b.txt"), QByteArray("b\n"));
        // HEAD did not move: the restore is a change to commit.
        QCOMPARE(fixture.repo->head()->id, fixture.second.id);
        QCOMPARE(fixture.repo->fileStatuses()->value("a.txt"), FileStatus::Modified);
    }

    void restoringAFileRefusesOverUncommittedChangesUnlessForced()
    {
        TwoVersions fixture;
        QVERIFY(fixture.make());
        QVERIFY(writeFile(fixture.dir.path(), "a.txt", "unsaved work\n"));
        auto refused = fixture.repo->restoreFile(fixture.first.id, "a.txt");
        QVERIFY(!refused);
        QVERIFY2(QString::fromStdString(refused.message()).contains("not committed"),
                 refused.message().c_str());
        QCOMPARE(readFile(fixture.dir.path(), "a.txt"), QByteArray("unsaved work\n"));

        // Another file's changes do not block this one.
        QVERIFY(writeFile(fixture.dir.path(), "b.txt", "other work\n"));
        auto forced = fixture.repo->restoreFile(fixture.first.id, "a.txt", Overwrite::Force);
        QVERIFY2(forced, forced ? "" : forced.message().c_str());
        QCOMPARE(readFile(fixture.dir.path(), "a.txt"), kV1);
        QCOMPARE(readFile(fixture.dir.path(), "b.txt"), QByteArray("other work\n"));
    }

    void restoringAFileMissingFromTheVersionIsAReadableError()
    {
        TwoVersions fixture;
        QVERIFY(fixture.make());
        auto missing = fixture.repo->restoreFile(fixture.first.id, "b.txt");
        QVERIFY(!missing);
        QVERIFY2(QString::fromStdString(missing.message()).contains("does not exist in version"),
                 missing.message().c_str());
        QCOMPARE(readFile(fixture.dir.path(), "b.txt"), QByteArray("b\n"));
    }

    void restoringTheTreeRefusesOverAnyUncommittedChange_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("modifiedFile") << "a.txt" << QByteArray("changed\n");
        QTest::newRow("untrackedFile") << "new.txt" << QByteArray("new\n");
        QTest::newRow("modifiedFileNotInTarget") << "b.txt" << QByteArray("b changed\n");
    }

    void restoringTheTreeRefusesOverAnyUncommittedChange()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, bytes);
        TwoVersions fixture;
        QVERIFY(fixture.make());
        QVERIFY(writeFile(fixture.dir.path(), path, bytes));
        auto refused = fixture.repo->restoreTree(fixture.first.id);
        QVERIFY(!refused);
        QVERIFY2(QString::fromStdString(refused.message()).contains(path), refused.message().c_str());
        QCOMPARE(readFile(fixture.dir.path(), path), bytes);
        QCOMPARE(fixture.repo->head()->id, fixture.second.id);
    }

    void restoringTheTreeMatchesTheVersionAndKeepsUntrackedFilesWhenForced()
    {
        TwoVersions fixture;
        QVERIFY(fixture.make());
        QVERIFY(writeFile(fixture.dir.path(), "a.txt", "changed\n"));
        QVERIFY(writeFile(fixture.dir.path(), "scratch.txt", "mine\n"));
        auto forced = fixture.repo->restoreTree(fixture.first.id, Overwrite::Force);
        QVERIFY2(forced, forced ? "" : forced.message().c_str());
        QCOMPARE(readFile(fixture.dir.path(), "a.txt"), kV1);
        QVERIFY(!QFile::exists(fixture.dir.filePath("b.txt")));
        QCOMPARE(readFile(fixture.dir.path(), "scratch.txt"), QByteArray("mine\n"));

        // Committing now records the old version again, which git agrees with.
        auto files = fixture.repo->stage({"scratch.txt"});
        QVERIFY(files);
        QVERIFY(fixture.repo->unstage({"scratch.txt"}));
        auto commit = fixture.repo->commit("back to one", {"Ada", "ada@x"});
        QVERIFY2(commit, commit ? "" : commit.message().c_str());
        const auto diff = BUNNY_GIT(fixture.dir.path(), {"diff", "--quiet", fixture.first.id, "HEAD"});
        QCOMPARE(diff.exitCode, 0);
        QCOMPARE(BUNNY_GIT(fixture.dir.path(), {"status", "--porcelain"}).out,
                 QByteArray("?? scratch.txt\n"));
    }

    void restoringACleanTreeNeedsNoForce()
    {
        TwoVersions fixture;
        QVERIFY(fixture.make());
        auto restored = fixture.repo->restoreTree(fixture.first.id);
        QVERIFY2(restored, restored ? "" : restored.message().c_str());
        QCOMPARE(readFile(fixture.dir.path(), "a.txt"), kV1);
        QVERIFY(!QFile::exists(fixture.dir.filePath("b.txt")));
    }

    void switchingBranchRefusesToOverwriteChangesAndCarriesOthers()
    {
        TwoVersions fixture;
        QVERIFY(fixture.make());
        const QString start = fixture.repo->currentBranch();
        QVERIFY(fixture.repo->createBranch("old", fixture.first.id));
        auto invalid = fixture.repo->createBranch("bad name..", {});
        QVERIFY(!invalid);
        auto again = fixture.repo->createBranch("old", {});
        QVERIFY2(!again && QString::fromStdString(again.message()).contains("already exists"),
                 again ? "" : again.message().c_str());

        // a.txt differs between the branches: a local edit to it must not be overwritten.
        QVERIFY(writeFile(fixture.dir.path(), "a.txt", "local edit\n"));
        auto refused = fixture.repo->switchBranch("old");
        QVERIFY(!refused);
        QVERIFY2(QString::fromStdString(refused.message()).contains("a.txt"), refused.message().c_str());
        QCOMPARE(readFile(fixture.dir.path(), "a.txt"), QByteArray("local edit\n"));
        QCOMPARE(fixture.repo->currentBranch(), start);

        // An untracked file that does not clash travels along, as with git.
        QVERIFY(writeFile(fixture.dir.path(), "a.txt", kV2));
        QVERIFY(writeFile(fixture.dir.path(), "notes.txt", "notes\n"));
        auto switched = fixture.repo->switchBranch("old");
        QVERIFY2(switched, switched ? "" : switched.message().c_str());
        QCOMPARE(fixture.repo->currentBranch(), QStringLiteral("old"));
        QCOMPARE(readFile(fixture.dir.path(), "a.txt"), kV1);
        QVERIFY(!QFile::exists(fixture.dir.filePath("b.txt")));
        QCOMPARE(readFile(fixture.dir.path(), "notes.txt"), QByteArray("notes\n"));
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(fixture.dir.path(), {"branch", "--show-current"}).out).trimmed(),
                 QStringLiteral("old"));

        QVERIFY(writeFile(fixture.dir.path(), "a.txt", "thrown away\n"));
        auto forced = fixture.repo->switchBranch(start, Overwrite::Force);
        QVERIFY2(forced, forced ? "" : forced.message().c_str());
        QCOMPARE(readFile(fixture.dir.path(), "a.txt"), kV2);
        QCOMPARE(BUNNY_GIT(fixture.dir.path(), {"status", "--porcelain"}).out, QByteArray("?? notes.txt\n"));
    }

    void tagsMadeByBunnyAreSeenByGit()
    {
        TwoVersions fixture;
        QVERIFY(fixture.make());
        QVERIFY(fixture.repo->createTag("light", fixture.first.id));
        auto annotated = fixture.repo->createTag("v1.0", {}, "First release", {"Ada", "ada@x"});
        QVERIFY2(annotated, annotated ? "" : annotated.message().c_str());
        QVERIFY(!fixture.repo->createTag("v1.0", {}));
        const QString d = fixture.dir.path();
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(d, {"rev-parse", "light^{commit}"}).out).trimmed(),
                 fixture.first.id);
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(d, {"cat-file", "-t", "v1.0"}).out).trimmed(),
                 QStringLiteral("tag"));
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(d, {"tag", "-l", "-n1", "v1.0"}).out).simplified(),
                 QStringLiteral("v1.0 First release"));
        QCOMPARE(BUNNY_GIT(d, {"fsck", "--strict"}).exitCode, 0);
        auto log = fixture.repo->log();
        QVERIFY(log);
        QCOMPARE(log->at(0).tags, QStringList{"v1.0"});
        QCOMPARE(log->at(1).tags, QStringList{"light"});
    }
};

QTEST_GUILESS_MAIN(tst_Restore)
#include "tst_restore.moc"
