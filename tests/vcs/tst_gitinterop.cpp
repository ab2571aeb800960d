// A repository made with the git command line, read through bunny::vcs::Repository.

#include "gitcli.h"
#include "vcs/repository.h"

#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bunny::vcs;
using namespace bunny::vcs::test;

class tst_GitInterop : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_first, m_second, m_third, m_feature;

    QString rev(const QString &spec)
    {
        return QString::fromUtf8(BUNNY_GIT(m_dir.path(), {QStringLiteral("rev-parse"), spec}).out).trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString d = m_dir.path();
        QCOMPARE(BUNNY_GIT(d, {"init", "-q", "-b", "main"}).exitCode, 0);
        QVERIFY(writeFile(d, "README.md", "# Hello\n"));
        QVERIFY(writeFile(d, ".gitignore", "*.o\nbuild/\n"));
        QVERIFY(writeFile(d, "src/main.c", "int main(void)\n{\n    return 0;\n}\n"));
        QCOMPARE(BUNNY_GIT(d, {"add", "-A"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"commit", "-q", "-m", "Start the project"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"tag", "v0.1"}).exitCode, 0);
        QVERIFY(writeFile(d, "src/main.c", "int main(void)\n{\n    puts(\"é 中\");\n    return 0;\n}\n"));
        QCOMPARE(BUNNY_GIT(d, {"commit", "-q", "-am", "Say hello\n\nIn two scripts."}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"tag", "-a", "v0.2", "-m", "Second release"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"branch", "feature"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"mv", "README.md", "README.txt"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"commit", "-q", "-m", "Plain text readme"}).exitCode, 0);
        m_first = rev("HEAD~2");
        m_second = rev("HEAD~1");
        m_third = rev("HEAD");
        m_feature = rev("feature");
        // Local state: an ignored file, an untracked file, a modification, a deletion, a staged file.
        QVERIFY(writeFile(d, "src/main.o", "object"));
        QVERIFY(writeFile(d, "build/app", "binary"));
        QVERIFY(writeFile(d, "notes.txt", "todo\n"));
        QVERIFY(writeFile(d, "staged.txt", "staged\n"));
        QCOMPARE(BUNNY_GIT(d, {"add", "staged.txt"}).exitCode, 0);
        QVERIFY(writeFile(d, "src/main.c", "int main(void)\n{\n    return 1;\n}\n"));
        QVERIFY(QFile::remove(QDir(d).filePath("README.txt")));
    }

    void logListsGitCommitsNewestFirstWithLabels()
    {
        auto repo = Repository::open(m_dir.path());
        QVERIFY2(repo, repo ? "" : repo.message().c_str());
        auto log = repo->log();
        QVERIFY2(log, log ? "" : log.message().c_str());
        QCOMPARE(log->size(), 3);
        const CommitInfo &newest = log->at(0);
        QCOMPARE(newest.id, m_third);
        QCOMPARE(newest.subject, QStringLiteral("Plain text readme"));
        QCOMPARE(newest.author.name, QStringLiteral("Git Author"));
        QCOMPARE(newest.author.email, QStringLiteral("git@example.org"));
        QCOMPARE(newest.branches, QStringList{"main"});
        QVERIFY(newest.isHead);
        QCOMPARE(newest.parents, QStringList{m_second});
        QCOMPARE(log->at(1).id, m_second);
        QCOMPARE(log->at(1).message, QStringLiteral("Say hello\n\nIn two scripts.\n"));
        QCOMPARE(log->at(1).branches, QStringList{"feature"});
        QCOMPARE(log->at(1).tags, QStringList{"v0.2"});
        QCOMPARE(log->at(2).id, m_first);
        QCOMPARE(log->at(2).tags, QStringList{"v0.1"});
        QVERIFY(log->at(2).parents.isEmpty());
        const QString gitTime =
            QString::fromUtf8(BUNNY_GIT(m_dir.path(), {"log", "-1", "--format=%at", m_first}).out).trimmed();
        QCOMPARE(log->at(2).time.toSecsSinceEpoch(), gitTime.toLongLong());
        const QString gitShort =
            QString::fromUtf8(BUNNY_GIT(m_dir.path(), {"rev-parse", "--short", m_first}).out).trimmed();
        QCOMPARE(log->at(2).shortId, gitShort);
    }

    void branchesAndTagsMatchGit()
    {
        auto repo = Repository::open(m_dir.path());
        auto branches = repo->branches();
        QVERIFY(branches);
        QCOMPARE(branches->size(), 2);
        QCOMPARE(branches->at(0).name, QStringLiteral("feature"));
        QCOMPARE(branches->at(0).targetId, m_feature);
        QVERIFY(!branches->at(0).isCurrent);
        QCOMPARE(branches->at(1).name, QStringLiteral("main"));
        QVERIFY(branches->at(1).isCurrent);
        QCOMPARE(repo->currentBranch(), QStringLiteral("main"));

        auto tags = repo->tags();
        QVERIFY(tags);
        QCOMPARE(tags->size(), 2);
        QCOMPARE(tags->at(0).name, QStringLiteral("v0.1"));
        QCOMPARE(tags->at(0).targetId, m_first);
        QVERIFY(tags->at(0).message.isEmpty());
        QCOMPARE(tags->at(1).targetId, m_second);
        QCOMPARE(tags->at(1).message, QStringLiteral("Second release"));
    }

    void statusMatchesGitAndRespectsGitignore()
    {
        auto repo = Repository::open(m_dir.path());
        auto statuses = repo->fileStatuses();
        QVERIFY2(statuses, statuses ? "" : statuses.message().c_str());
        QMap<QString, FileStatus> expected{
            {"README.txt", FileStatus::Deleted}, {"src/main.c", FileStatus::Modified},
            {"notes.txt", FileStatus::New},      {"staged.txt", FileStatus::New},
            {"src/main.o", FileStatus::Ignored}, {"build/", FileStatus::Ignored},
        };
        QCOMPARE(*statuses, expected);

        auto entries = repo->status();
        QVERIFY(entries);
        QStringList staged, unstaged;
        for (const StatusEntry &entry : *entries) {
            if (entry.isStaged())
                staged.append(entry.path);
            if (entry.hasUnstaged())
                unstaged.append(entry.path);
        }
        QCOMPARE(staged, QStringList{"staged.txt"});
        QCOMPARE(unstaged, (QStringList{"README.txt", "notes.txt", "src/main.c"}));
        QVERIFY(repo->isIgnored("src/main.o"));
        QVERIFY(repo->isIgnored("build/app"));
        QVERIFY(!repo->isIgnored("notes.txt"));
    }

    void commitDiffMatchesGitShow()
    {
        auto repo = Repository::open(m_dir.path());
        auto diff = repo->diffCommit(m_second);
        QVERIFY2(diff, diff ? "" : diff.message().c_str());
        QCOMPARE(diff->size(), 1);
        const FileDiff &file = diff->at(0);
        QCOMPARE(file.newPath, QStringLiteral("src/main.c"));
        QCOMPARE(file.status, FileStatus::Modified);
        QCOMPARE(file.added(), 1);
        QCOMPARE(file.removed(), 0);
        QCOMPARE(file.hunks.size(), 1);
        const DiffHunk &hunk = file.hunks.at(0);
        QCOMPARE(hunk.oldStart, 1);
        QCOMPARE(hunk.newStart, 1);
        QCOMPARE(hunk.newLines, 5);
        const DiffLine &added = hunk.lines.at(2);
        QCOMPARE(added.kind, DiffLine::Kind::Added);
        QCOMPARE(added.text, QStringLiteral("    puts(\"é 中\");"));
        QCOMPARE(added.newLine, 3);
        QCOMPARE(added.oldLine, -1);
        QCOMPARE(hunk.lines.at(3).oldLine, 3);
        QCOMPARE(hunk.lines.at(3).newLine, 4);

        auto rename = repo->diffCommit(m_third);
        QVERIFY(rename);
        QCOMPARE(rename->size(), 1);
        QCOMPARE(rename->at(0).status, FileStatus::Renamed);
        QCOMPARE(rename->at(0).oldPath, QStringLiteral("README.md"));
        QCOMPARE(rename->at(0).newPath, QStringLiteral("README.txt"));

        auto root = repo->diffCommit(m_first);
        QVERIFY(root);
        QCOMPARE(root->size(), 3);
        for (const FileDiff &rootFile : *root)
            QCOMPARE(rootFile.status, FileStatus::New);
    }

    void workingTreeDiffMatchesGitNumstat()
    {
        auto repo = Repository::open(m_dir.path());
        auto diff = repo->diffWorkingTree();
        QVERIFY2(diff, diff ? "" : diff.message().c_str());
        // git's own view: intent-to-add the untracked file so numstat counts it too.
        QCOMPARE(BUNNY_GIT(m_dir.path(), {"add", "-N", "notes.txt"}).exitCode, 0);
        const QString numstat = QString::fromUtf8(BUNNY_GIT(m_dir.path(), {"diff", "HEAD", "--numstat"}).out);
        QCOMPARE(BUNNY_GIT(m_dir.path(), {"reset", "-q", "notes.txt"}).exitCode, 0);
        QStringList ours;
        for (const FileDiff &file : *diff)
            ours.append(QStringLiteral("%1\t%2\t%3").arg(file.added()).arg(file.removed()).arg(file.newPath));
        ours.sort();
        QStringList theirs = numstat.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        theirs.sort();
        QCOMPARE(ours, theirs);
    }
    void bunnyCommitsOnTopOfAPackedGitHistoryWithAMergeAndGitAcceptsIt()
    {
        // git makes the history: a merge, an annotated and a lightweight tag, then gc packs
        // every object and ref, so bunny has to read packfiles and packed-refs.
        QTemporaryDir dir;
        const QString d = dir.path();
        QCOMPARE(BUNNY_GIT(d, {"init", "-q", "-b", "main"}).exitCode, 0);
        QVERIFY(writeFile(d, "a.txt", "a\n"));
        QCOMPARE(BUNNY_GIT(d, {"add", "-A"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"commit", "-q", "-m", "Base"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"checkout", "-q", "-b", "side"}).exitCode, 0);
        QVERIFY(writeFile(d, "side.txt", "side\n"));
        QCOMPARE(BUNNY_GIT(d, {"add", "-A"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"commit", "-q", "-m", "Side work"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"checkout", "-q", "main"}).exitCode, 0);
        QVERIFY(writeFile(d, "a.txt", "a\nmain\n"));
        QCOMPARE(BUNNY_GIT(d, {"commit", "-q", "-am", "Main work"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"merge", "-q", "--no-ff", "side", "-m", "Merge side"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"tag", "-a", "v1", "-m", "Release one"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"tag", "light", "HEAD~1"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"gc", "-q"}).exitCode, 0);
        QVERIFY(QFileInfo::exists(QDir(d).filePath(".git/packed-refs")));
        QVERIFY(!QFileInfo::exists(QDir(d).filePath(".git/refs/heads/main"))); // packed
        QVERIFY(BUNNY_GIT(d, {"count-objects", "-v"}).out.startsWith("count: 0\n"));
        const auto revOf = [&](const QString &spec) {
            return QString::fromUtf8(BUNNY_GIT(d, {"rev-parse", spec}).out).trimmed();
        };
        const QString merge = revOf("HEAD"), mainWork = revOf("HEAD^1"), sideWork = revOf("HEAD^2");

        // bunny reads it as git does.
        auto repo = Repository::open(d);
        QVERIFY2(repo, repo ? "" : repo.message().c_str());
        auto log = repo->log();
        QVERIFY2(log, log ? "" : log.message().c_str());
        QCOMPARE(log->size(), 4);
        QCOMPARE(log->at(0).id, merge);
        QCOMPARE(log->at(0).subject, QStringLiteral("Merge side"));
        QCOMPARE(log->at(0).parents, (QStringList{mainWork, sideWork}));
        QCOMPARE(log->at(0).tags, QStringList{"v1"});
        QCOMPARE(log->at(0).branches, QStringList{"main"});
        QStringList ids;
        for (const CommitInfo &commit : *log)
            ids.append(commit.id);
        QStringList gitIds =
            QString::fromUtf8(BUNNY_GIT(d, {"log", "--format=%H"}).out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()), QSet<QString>(gitIds.begin(), gitIds.end()));
        auto tags = repo->tags();
        QVERIFY(tags);
        QCOMPARE(tags->size(), 2);
        QCOMPARE(tags->at(0).name, QStringLiteral("light"));
        QCOMPARE(tags->at(0).targetId, mainWork);
        QCOMPARE(tags->at(1).name, QStringLiteral("v1"));
        QCOMPARE(tags->at(1).targetId, merge);
        QCOMPARE(repo->fileAt(QStringLiteral("side"), QStringLiteral("side.txt")).value(),
                 QByteArray("side\n"));

        // bunny commits on top; git accepts the objects and the moved packed ref.
        QVERIFY(writeFile(d, "a.txt", "a\nmain\nbunny\n"));
        auto commit = repo->commitAll(QStringLiteral("Bunny on top"), QStringLiteral("Ada"),
                                      QStringLiteral("ada@example.org"));
        QVERIFY2(commit, commit ? "" : commit.message().c_str());
        const auto fsck = BUNNY_GIT(d, {"fsck", "--strict", "--no-dangling"});
        QVERIFY2(fsck.exitCode == 0 && fsck.out.isEmpty(), fsck.out + fsck.err);
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(d, {"log", "-1", "--format=%H %P|%an <%ae>|%s"}).out).trimmed(),
                 QStringLiteral("%1 %2|Ada <ada@example.org>|Bunny on top").arg(commit->id, merge));
        QCOMPARE(BUNNY_GIT(d, {"rev-list", "--count", "HEAD"}).out.trimmed(), QByteArray("5"));
        QCOMPARE(BUNNY_GIT(d, {"status", "--porcelain"}).out, QByteArray());

        // Branches and tags bunny makes are git's.
        QVERIFY(repo->createBranch(QStringLiteral("from-bunny"), mainWork));
        QVERIFY(repo->createTag(QStringLiteral("bunny-light")));
        QVERIFY(repo->createTag(QStringLiteral("bunny-v2"), {}, QStringLiteral("Second release"),
                                {QStringLiteral("Ada"), QStringLiteral("ada@example.org")}));
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(d, {"branch", "--format=%(refname:short) %(objectname)"}).out)
                     .split('\n', Qt::SkipEmptyParts),
                 (QStringList{"from-bunny " + mainWork, "main " + commit->id, "side " + sideWork}));
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(d, {"tag", "--list"}).out).split('\n', Qt::SkipEmptyParts),
                 (QStringList{"bunny-light", "bunny-v2", "light", "v1"}));
        QCOMPARE(BUNNY_GIT(d, {"cat-file", "-t", "bunny-v2"}).out.trimmed(), QByteArray("tag"));
        QCOMPARE(BUNNY_GIT(d, {"cat-file", "-t", "bunny-light"}).out.trimmed(), QByteArray("commit"));
        QCOMPARE(revOf("bunny-v2^{commit}"), commit->id);
        QCOMPARE(BUNNY_GIT(d, {"tag", "-l", "--format=%(contents:subject)|%(taggername)", "bunny-v2"})
                     .out.trimmed(),
                 QByteArray("Second release|Ada"));
        const auto fsckAgain = BUNNY_GIT(d, {"fsck", "--strict", "--no-dangling"});
        QVERIFY2(fsckAgain.exitCode == 0 && fsckAgain.out.isEmpty(), fsckAgain.out + fsckAgain.err);
    }

    void aDetachedHeadIsReadAndACommitOnItStaysDetached()
    {
        QTemporaryDir dir;
        const QString d = dir.path();
        QCOMPARE(BUNNY_GIT(d, {"init", "-q", "-b", "main"}).exitCode, 0);
        QVERIFY(writeFile(d, "a.txt", "1\n"));
        QCOMPARE(BUNNY_GIT(d, {"add", "-A"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"commit", "-q", "-m", "One"}).exitCode, 0);
        QVERIFY(writeFile(d, "a.txt", "2\n"));
        QCOMPARE(BUNNY_GIT(d, {"commit", "-q", "-am", "Two"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"checkout", "-q", "--detach", "HEAD~1"}).exitCode, 0);
        const QString one = QString::fromUtf8(BUNNY_GIT(d, {"rev-parse", "HEAD"}).out).trimmed();
        const QString two = QString::fromUtf8(BUNNY_GIT(d, {"rev-parse", "main"}).out).trimmed();

        auto repo = Repository::open(d);
        QVERIFY(repo);
        QCOMPARE(repo->currentBranch(), QString());
        QCOMPARE(repo->head().value().id, one);
        auto log = repo->log();
        QVERIFY(log);
        QCOMPARE(log->size(), 1);
        QVERIFY(log->at(0).isHead);
        auto branches = repo->branches();
        QVERIFY(branches);
        QCOMPARE(branches->size(), 1);
        QVERIFY(!branches->at(0).isCurrent);

        QVERIFY(writeFile(d, "a.txt", "1b\n"));
        auto commit = repo->commitAll(QStringLiteral("On a detached head"), QStringLiteral("Ada"),
                                      QStringLiteral("ada@example.org"));
        QVERIFY2(commit, commit ? "" : commit.message().c_str());
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(d, {"rev-parse", "HEAD"}).out).trimmed(), commit->id);
        QVERIFY(git(d, {"symbolic-ref", "-q", "HEAD"}).exitCode != 0);                       // still detached
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(d, {"rev-parse", "main"}).out).trimmed(), two); // untouched
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(d, {"log", "-1", "--format=%P %s"}).out).trimmed(),
                 one + QStringLiteral(" On a detached head"));
        const auto fsck = BUNNY_GIT(d, {"fsck", "--strict", "--no-dangling"});
        QVERIFY2(fsck.exitCode == 0 && fsck.out.isEmpty(), fsck.out + fsck.err);
        // bunny keeps the work by naming it, and git sees the branch.
        QVERIFY(repo->createBranch(QStringLiteral("keep"), commit->id));
        QCOMPARE(QString::fromUtf8(BUNNY_GIT(d, {"rev-parse", "keep"}).out).trimmed(), commit->id);
    }
};

QTEST_GUILESS_MAIN(tst_GitInterop)
#include "tst_gitinterop.moc"
