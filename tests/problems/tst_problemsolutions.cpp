// Every bundled problem in the real native sandbox: both reference solutions pass every test,
// every naive solution passes the small tests and runs out of time on a large one, and the
// starters build and run (all seven languages for a few problems, the interpreted ones for all).
// BUNNY_PROBLEMS_SHARD=i/n keeps every n-th row from i, so ctest runs the shards side by side.

#include "problemfixture.h"

#include <problems/judge.h>
#include <problems/problemset.h>
#include <sandbox/sandboxfactory.h>

#include <QFile>
#include <QTest>

#include <memory>

using namespace bunny;

namespace {

std::string readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

const char *languageOf(const QString &file)
{
    for (const auto &starter : problems::starterFiles()) {
        if (QFileInfo(file).suffix() == QFileInfo(starter.file).suffix())
            return starter.language;
    }
    return "";
}

} // namespace

class tst_ProblemSolutions : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::optional<problems::ProblemSet> m_set;
    int m_row = 0;

    /// Adds a row when it falls in this process's shard.
    bool mine()
    {
        const QStringList shard = qEnvironmentVariable("BUNNY_PROBLEMS_SHARD", "0/1").split('/');
        const int index = shard.value(0).toInt(), count = std::max(1, shard.value(1).toInt());
        return m_row++ % count == index;
    }

    void addSolutionRows(const QString &file)
    {
        QTest::addColumn<QString>("slug");
        QTest::addColumn<QString>("file");
        m_row = 0;
        for (const auto *problem : m_set->all()) {
            const QString slug = QString::fromStdString(problem->slug);
            const QString path = test::bundledProblemsDir() + "/" + slug + "/solutions/" + file;
            if (QFile::exists(path) && mine())
                QTest::newRow(qPrintable(slug + "/" + file)) << slug << path;
        }
    }

    problems::Verdict judgeFile(const QString &slug, const QString &file)
    {
        problems::Judge judge(*m_sandbox);
        return judge.judge(*m_set->find(slug.toStdString()), languageOf(file), readFile(file));
    }

private Q_SLOTS:
    void initTestCase()
    {
        sandbox::SandboxOptions options;
        options.backend = "native";
        auto made = sandbox::createSandbox(options);
        QVERIFY2(made.ok(), made.ok() ? "" : made.message().c_str());
        m_sandbox = std::move(*made);
        auto set = problems::ProblemSet::load(test::bundledProblemsDir().toStdString());
        QVERIFY2(set.ok(), set.ok() ? "" : set.message().c_str());
        m_set = std::move(*set);
    }

    void pythonReferencePassesEveryTest_data() { addSolutionRows("ref.py"); }
    void pythonReferencePassesEveryTest()
    {
        QFETCH(QString, slug);
        QFETCH(QString, file);
        const auto verdict = judgeFile(slug, file);
        const std::string failed = verdict.tests.empty() ? verdict.message : verdict.tests.back().name;
        QVERIFY2(verdict.status == "accepted",
                 qPrintable(QString::fromStdString(verdict.status + " at " + failed)));
        QCOMPARE(verdict.passed, verdict.total);
    }

    void cppReferencePassesEveryTest_data() { addSolutionRows("ref.cpp"); }
    void cppReferencePassesEveryTest() { pythonReferencePassesEveryTest(); }

    void naiveSolutionPassesSmallTestsThenRunsOutOfTime_data() { addSolutionRows("naive.py"); }
    void naiveSolutionPassesSmallTestsThenRunsOutOfTime()
    {
        QFETCH(QString, slug);
        QFETCH(QString, file);
        const auto verdict = judgeFile(slug, file);
        QCOMPARE(verdict.status, std::string("time_limit"));
        QVERIFY(!verdict.tests.empty());
        const auto &failing = verdict.tests.back();
        QCOMPARE(failing.status, std::string("time_limit"));
        QCOMPARE(verdict.passed, static_cast<int>(verdict.tests.size()) - 1);
        QVERIFY2(verdict.passed >= 5, "the naive solution must pass the small tests");
        // It failed on a large test, not a small one.
        const auto *problem = m_set->find(slug.toStdString());
        for (const auto &test : problem->tests) {
            if (test.name == failing.name)
                QVERIFY2(test.input.size() > 100'000, failing.name.c_str());
        }
    }

    void startersBuildAndRun_data()
    {
        QTest::addColumn<QString>("slug");
        QTest::addColumn<QString>("file");
        m_row = 0;
        static const QStringList kEveryLanguage = {"carrot-tally", "mirror-words", "pattern-echo"};
        for (const auto *problem : m_set->all()) {
            const QString slug = QString::fromStdString(problem->slug);
            for (const auto &starter : problems::starterFiles()) {
                const QString language = starter.language;
                if (!kEveryLanguage.contains(slug) && language != "python" && language != "javascript")
                    continue;
                if (mine())
                    QTest::newRow(qPrintable(slug + "/" + starter.file))
                        << slug << test::bundledProblemsDir() + "/" + slug + "/starter/" + starter.file;
            }
        }
    }
    void startersBuildAndRun()
    {
        QFETCH(QString, slug);
        QFETCH(QString, file);
        const auto verdict = judgeFile(slug, file);
        // A stub prints an empty answer: wrong, but built and run without crashing.
        QVERIFY2(verdict.status == "wrong_answer",
                 qPrintable(QString::fromStdString(verdict.status + ": " + verdict.compileOutput +
                                                   verdict.message)));
    }
};

QTEST_GUILESS_MAIN(tst_ProblemSolutions)
#include "tst_problemsolutions.moc"
