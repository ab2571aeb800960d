#include "gitcli.h"
#include "vcs/repository.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bunny::vcs;
using namespace bunny::vcs::test;

class tst_Repository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void initCreatesARepositoryThatOpenAndDiscoverFind()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString project = dir.filePath(QStringLiteral("project"));
        auto repo = Repository::init(project);
        QVERIFY2(repo, repo ? "" : repo.message().c_str());
        QVERIFY(repo->isEmpty());
        QCOMPARE(repo->workdir(), QDir(project).canonicalPath());

        QVERIFY(QDir(project).mkpath(QStringLiteral("src/deep")));
        auto opened = Repository::open(project);
        QVERIFY(opened);
        auto discovered = Repository::discover(project + QStringLiteral("/src/deep"));
        QVERIFY2(discovered, discovered ? "" : discovered.message().c_str());
        QCOMPARE(discovered->workdir(), repo->workdir());
    }

    void openingAFolderWithoutRepositoryIsAReadableError()
    {
        QTemporaryDir dir;
        auto repo = Repository::open(dir.path());
        QVERIFY(!repo);
        QVERIFY2(QString::fromStdString(repo.message()).contains(QStringLiteral("not under version control")),
                 repo.message().c_str());
    }

    void aBrokenRepositoryIsAReadableErrorNotACrash_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("gitFileWithGarbage") << QStringLiteral(".git") << QByteArray("garbage\n");
        QTest::newRow("gitdirPointingNowhere")
            << QStringLiteral(".git") << QByteArray("gitdir: /nonexistent/x\n");
        QTest::newRow("headWithGarbage") << QStringLiteral(".git/HEAD") << QByteArray("\xff\xfe not a ref");
    }

    void aBrokenRepositoryIsAReadableErrorNotACrash()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        if (path != QStringLiteral(".git"))
            QVERIFY(Repository::init(dir.path()));
        QVERIFY(writeFile(dir.path(), path, bytes));
        auto repo = Repository::open(dir.path());
        if (path == QStringLiteral(".git/HEAD")) {
            // libgit2 opens it (as git refuses to); every read of HEAD then fails politely.
            QVERIFY(repo);
            auto log = repo->log();
            QVERIFY(!log && !log.message().empty());
            QVERIFY(writeFile(dir.path(), QStringLiteral("a.txt"), "a\n"));
            auto commit =
                repo->commitAll(QStringLiteral("one"), QStringLiteral("Ada"), QStringLiteral("a@x"));
            QVERIFY(!commit && !commit.message().empty());
            return;
        }
        QVERIFY(!repo);
        QVERIFY(!repo.message().empty());
        QVERIFY(!Repository::discover(dir.path()));
    }

    void commitAllOfAnEmptyFolderMakesAnEmptyFirstVersion()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        auto commit = repo->commitAll(QStringLiteral("Start"), QStringLiteral("Ada"), QStringLiteral("a@x"));
        QVERIFY2(commit, commit ? "" : commit.message().c_str());
        QCOMPARE(BUNNY_GIT(dir.path(), {QStringLiteral("fsck"), QStringLiteral("--strict")}).exitCode, 0);
        QCOMPARE(QString::fromUtf8(
                     BUNNY_GIT(dir.path(), {QStringLiteral("log"), QStringLiteral("--format=%s")}).out),
                 QStringLiteral("Start\n"));
    }

    void commitAllMakesARootCommitThatGitAccepts()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(repo);
        QVERIFY(writeFile(dir.path(), QStringLiteral("main.py"), "print('é 中')\n"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("lib/util.py"), "x = 1\n"));
        QVERIFY(writeFile(dir.path(), QStringLiteral(".gitignore"), "build/\n*.log\n"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("build/out.bin"), "junk"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("run.log"), "junk"));
        QVERIFY(writeFile(dir.path(), QStringLiteral(".bunny/recordings/1.bunnyrec"), "{\"bunnyrec\":1}\n"));

        auto commit = repo->commitAll(QStringLiteral("First version\n\nWith a body."),
                                      QStringLiteral("Ada Lovelace"), QStringLiteral("ada@example.org"));
        QVERIFY2(commit, commit ? "" : commit.message().c_str());
        QVERIFY(commit->parents.isEmpty());
        QCOMPARE(commit->subject, QStringLiteral("First version"));
        QVERIFY(commit->id.startsWith(commit->shortId));
        QVERIFY(commit->shortId.size() >= 7);
        QVERIFY(!repo->isEmpty());
        const auto branch = BUNNY_GIT(
            dir.path(), {QStringLiteral("symbolic-ref"), QStringLiteral("--short"), QStringLiteral("HEAD")});
        QCOMPARE(repo->currentBranch(), QString::fromUtf8(branch.out).trimmed());

        QCOMPARE(BUNNY_GIT(dir.path(), {QStringLiteral("fsck"), QStringLiteral("--strict")}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(dir.path(), {QStringLiteral("status"), QStringLiteral("--porcelain")}).out,
                 QByteArray());
        const auto files = BUNNY_GIT(dir.path(), {QStringLiteral("ls-files")});
        QCOMPARE(files.out, QByteArray(".gitignore\nlib/util.py\nmain.py\n"));
        const auto log =
            BUNNY_GIT(dir.path(), {QStringLiteral("log"), QStringLiteral("--format=%H|%an|%ae|%s|%b")});
        QCOMPARE(QString::fromUtf8(log.out).trimmed(),
                 commit->id + QStringLiteral("|Ada Lovelace|ada@example.org|First version|With a body."));
    }

    void secondCommitAllHasTheFirstAsParentAndStagesDeletions()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(writeFile(dir.path(), QStringLiteral("a.txt"), "a\n"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("b.txt"), "b\n"));
        auto first = repo->commitAll(QStringLiteral("one"), QStringLiteral("Ada"), QStringLiteral("a@x"));
        QVERIFY(first);
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("b.txt"))));
        QVERIFY(writeFile(dir.path(), QStringLiteral("a.txt"), "a2\n"));
        auto second = repo->commitAll(QStringLiteral("two"), QStringLiteral("Ada"), QStringLiteral("a@x"));
        QVERIFY2(second, second ? "" : second.message().c_str());
        QCOMPARE(second->parents, QStringList{first->id});
        QCOMPARE(BUNNY_GIT(dir.path(), {QStringLiteral("ls-files")}).out, QByteArray("a.txt\n"));
        QCOMPARE(BUNNY_GIT(dir.path(), {QStringLiteral("status"), QStringLiteral("--porcelain")}).out,
                 QByteArray());
        QCOMPARE(BUNNY_GIT(dir.path(), {QStringLiteral("fsck"), QStringLiteral("--strict")}).exitCode, 0);
    }

    void commitRefusesAnEmptyMessageAndANoChangeCommit_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("emptyMessage") << QStringLiteral("  \n ") << QStringLiteral("Write a message");
        QTest::newRow("nothingChanged") << QStringLiteral("again") << QStringLiteral("Nothing to commit");
    }

    void commitRefusesAnEmptyMessageAndANoChangeCommit()
    {
        QFETCH(QString, message);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(writeFile(dir.path(), QStringLiteral("a.txt"), "a\n"));
        QVERIFY(repo->commitAll(QStringLiteral("one"), QStringLiteral("Ada"), QStringLiteral("a@x")));
        auto again = repo->commitAll(message, QStringLiteral("Ada"), QStringLiteral("a@x"));
        QVERIFY(!again);
        QVERIFY2(QString::fromStdString(again.message()).startsWith(expected), again.message().c_str());
    }
    void stageAndUnstageMoveChangesInAndOutOfTheNextCommit_data()
    {
        QTest::addColumn<bool>("withFirstCommit");
        QTest::newRow("beforeTheFirstCommit") << false;
        QTest::newRow("afterTheFirstCommit") << true;
    }

    void stageAndUnstageMoveChangesInAndOutOfTheNextCommit()
    {
        QFETCH(bool, withFirstCommit);
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(repo);
        if (withFirstCommit) {
            QVERIFY(writeFile(dir.path(), QStringLiteral("old.txt"), "old\n"));
            QVERIFY(repo->commitAll(QStringLiteral("one"), QStringLiteral("Ada"), QStringLiteral("a@x")));
            QVERIFY(QFile::remove(dir.filePath(QStringLiteral("old.txt"))));
        }
        QVERIFY(writeFile(dir.path(), QStringLiteral("a.txt"), "a\n"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("b.txt"), "b\n"));
        QStringList toStage{QStringLiteral("a.txt"), QStringLiteral("b.txt")};
        if (withFirstCommit)
            toStage.append(QStringLiteral("old.txt"));
        QVERIFY(repo->stage(toStage));
        QVERIFY(repo->unstage({QStringLiteral("b.txt")}));

        auto entries = repo->status();
        QVERIFY(entries);
        QMap<QString, QPair<FileStatus, FileStatus>> seen;
        for (const StatusEntry &entry : *entries)
            seen.insert(entry.path, {entry.staged, entry.unstaged});
        QCOMPARE(seen.value(QStringLiteral("a.txt")), qMakePair(FileStatus::New, FileStatus::Unmodified));
        QCOMPARE(seen.value(QStringLiteral("b.txt")), qMakePair(FileStatus::Unmodified, FileStatus::New));
        if (withFirstCommit)
            QCOMPARE(seen.value(QStringLiteral("old.txt")),
                     qMakePair(FileStatus::Deleted, FileStatus::Unmodified));

        auto commit =
            repo->commit(QStringLiteral("staged only"), {QStringLiteral("Ada"), QStringLiteral("a@x")});
        QVERIFY2(commit, commit ? "" : commit.message().c_str());
        QCOMPARE(BUNNY_GIT(dir.path(), {QStringLiteral("ls-files")}).out, QByteArray("a.txt\n"));
        QCOMPARE(BUNNY_GIT(dir.path(), {QStringLiteral("status"), QStringLiteral("--porcelain")}).out,
                 QByteArray("?? b.txt\n"));
    }

    void commitWithoutAuthorNameAsksForIt()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(writeFile(dir.path(), QStringLiteral("a.txt"), "a\n"));
        auto commit = repo->commitAll(QStringLiteral("one"), QString(), QString());
        QVERIFY(!commit);
        QVERIFY2(QString::fromStdString(commit.message()).contains(QStringLiteral("name")),
                 commit.message().c_str());
        QVERIFY(repo->isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_Repository)
#include "tst_repository.moc"
