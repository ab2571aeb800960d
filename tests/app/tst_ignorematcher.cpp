#include "projectfixture.h"

#include "recorder/ignorematcher.h"

#include <QProcess>
#include <QTest>

using bunny::app::IgnoreMatcher;

class tst_IgnoreMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patternsFollowGitignore_data()
    {
        QTest::addColumn<QString>("patterns");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDir");
        QTest::addColumn<bool>("ignored");

        QTest::newRow("nameAnywhere") << "*.log"
                                      << "a/b/debug.log" << false << true;
        QTest::newRow("nameNotMatching") << "*.log"
                                         << "a/b/debug.txt" << false << false;
        QTest::newRow("folderOnlyMatchesFolders") << "build/"
                                                  << "build" << false << false;
        QTest::newRow("folderIgnoresItsFiles") << "build/"
                                               << "src/build/out.o" << false << true;
        QTest::newRow("anchoredAtRoot") << "/dist"
                                        << "dist/x.js" << false << true;
        QTest::newRow("anchoredNotDeeper") << "/dist"
                                           << "src/dist/x.js" << false << false;
        QTest::newRow("pathWithSlash") << "docs/*.md"
                                       << "docs/a.md" << false << true;
        QTest::newRow("pathWithSlashNotDeeper") << "docs/*.md"
                                                << "docs/sub/a.md" << false << false;
        QTest::newRow("doubleStar") << "**/gen/*.c"
                                    << "a/b/gen/x.c" << false << true;
        QTest::newRow("doubleStarAtRoot") << "**/gen/*.c"
                                          << "gen/x.c" << false << true;
        QTest::newRow("negation") << "*.log\n!keep.log"
                                  << "keep.log" << false << false;
        QTest::newRow("negationCannotReopenAnIgnoredFolder") << "out/\n!out/a.txt"
                                                             << "out/a.txt" << false << true;
        QTest::newRow("questionMark") << "file?.txt"
                                      << "file1.txt" << false << true;
        QTest::newRow("characterClass") << "v[0-9].txt"
                                        << "v7.txt" << false << true;
        QTest::newRow("comment") << "# *.py"
                                 << "a.py" << false << false;
        QTest::newRow("escapedHash") << "\\#notes"
                                     << "#notes" << false << true;
    }

    void patternsFollowGitignore()
    {
        QFETCH(QString, patterns);
        QFETCH(QString, path);
        QFETCH(bool, isDir);
        QFETCH(bool, ignored);
        IgnoreMatcher matcher;
        matcher.addPatterns(patterns);
        QCOMPARE(matcher.isIgnored(path, isDir), ignored);
    }

    void secretsGitAndBunnyAreAlwaysIgnored_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("ignored");
        QTest::newRow("env") << ".env" << true;
        QTest::newRow("envLocal") << "app/.env.local" << true;
        QTest::newRow("pem") << "certs/server.pem" << true;
        QTest::newRow("key") << "tls.key" << true;
        QTest::newRow("rsa") << "id_rsa.pub" << true;
        QTest::newRow("ed25519") << ".ssh/id_ed25519" << true;
        QTest::newRow("certificate") << "ca.crt" << true;
        QTest::newRow("git") << ".git/config" << true;
        QTest::newRow("bunny") << ".bunny/recordings/x.bunnyrec" << true;
        QTest::newRow("reincludedByGitignoreStillIgnored") << ".git/HEAD" << true;
        QTest::newRow("fromGitignore") << "node_modules/x/index.js" << true;
        QTest::newRow("fromBunnyignore") << "private/diary.txt" << true;
        QTest::newRow("ordinarySource") << "src/main.py" << false;
        QTest::newRow("keyboardIsNotAKey") << "keyboard.py" << false;
    }

    void secretsGitAndBunnyAreAlwaysIgnored()
    {
        QFETCH(QString, path);
        QFETCH(bool, ignored);
        QTemporaryDir dir;
        bunny::testing::writeFile(dir.filePath(QStringLiteral(".gitignore")), "node_modules/\n!.git/\n");
        bunny::testing::writeFile(dir.filePath(QStringLiteral(".bunnyignore")), "private/\n");
        const IgnoreMatcher matcher(dir.path());
        QCOMPARE(matcher.isIgnored(path), ignored);
    }

    void nestedGitignoreFilesApplyToTheirFolder_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("ignored");
        QTest::newRow("nestedNamePattern") << "web/debug.tmp" << true;
        QTest::newRow("nestedNamePatternDeeper") << "web/src/cache.tmp" << true;
        QTest::newRow("nestedPatternNotAboveItsFolder") << "top.tmp" << false;
        QTest::newRow("nestedAnchoredIsRelativeToItsFolder") << "web/dist/app.js" << true;
        QTest::newRow("nestedAnchoredNotAtRoot") << "dist/app.js" << false;
        QTest::newRow("deeperFileReincludes") << "web/src/keep.log" << false;
        QTest::newRow("rootRuleStillAppliesBelow") << "web/other.log" << true;
        QTest::newRow("nestedBunnyignore") << "web/src/secret.txt" << true;
        QTest::newRow("insideIgnoredFolderNotRead") << "vendor/lib/x.txt" << true;
        QTest::newRow("ordinaryNestedFile") << "web/src/index.js" << false;
    }

    void nestedGitignoreFilesApplyToTheirFolder()
    {
        QFETCH(QString, path);
        QFETCH(bool, ignored);
        QTemporaryDir dir;
        bunny::testing::writeFile(dir.filePath(QStringLiteral(".gitignore")), "*.log\nvendor/\n");
        bunny::testing::writeFile(dir.filePath(QStringLiteral("web/.gitignore")), "*.tmp\n/dist\n");
        bunny::testing::writeFile(dir.filePath(QStringLiteral("web/src/.gitignore")), "!keep.log\n");
        bunny::testing::writeFile(dir.filePath(QStringLiteral("web/src/.bunnyignore")), "secret.txt\n");
        // An ignored folder's own ignore file would re-include, but git never reads it.
        bunny::testing::writeFile(dir.filePath(QStringLiteral("vendor/lib/.gitignore")), "!x.txt\n");
        const IgnoreMatcher matcher(dir.path());
        QCOMPARE(matcher.isIgnored(path), ignored);

        // git itself agrees (for the .gitignore rows; .bunnyignore is ours alone).
        if (path.endsWith(QStringLiteral("secret.txt")))
            return;
        QProcess git;
        git.setWorkingDirectory(dir.path());
        git.start(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q")});
        QVERIFY(git.waitForFinished());
        git.start(QStringLiteral("git"), {QStringLiteral("check-ignore"), QStringLiteral("-q"), path});
        QVERIFY(git.waitForFinished());
        QCOMPARE(git.exitCode() == 0, ignored);
    }
};

QTEST_GUILESS_MAIN(tst_IgnoreMatcher)
#include "tst_ignorematcher.moc"
