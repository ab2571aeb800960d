// A repository made with the git command line, read through bunny::vcs::Repository.

#include "gitcli.h"
#include "vcs/repository.h"

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
};

QTEST_GUILESS_MAIN(tst_GitInterop)
#include "tst_gitinterop.moc"
