// Every bundled problem in the real native sandbox: both reference solutions pass every test,
// every naive solution (naive.py and naive.cpp) passes the small tests and runs out of time on
// each large one, and the starters build and run (all seven languages for a few problems;
// Python, JavaScript, C and C++ for all).
// BUNNY_PROBLEMS_SHARD=i/n keeps every n-th row from i, so ctest runs the shards side by side.

#include "problemfixture.h"

#include <problems/judge.h>
#include <problems/problemset.h>
#include <sandbox/sandboxfactory.h>

#include <QFile>
#include <QTest>

#include <memory>
#include <utility>

using namespace bunny;

namespace {

/// A test whose input is bigger than this is a large one, which naive solutions must fail.
constexpr std::size_t kLargeInput = 100'000;

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
        // Not asserted (tests never assert on time): the figures for the README's table.
        long slowest = 0;
        for (const auto &t : verdict.tests)
            slowest = std::max(slowest, t.timeMs);
        qInfo("%s: slowest test %ld ms (limit %ld ms)", qPrintable(file.section('/', -3)), slowest,
              m_set->find(slug.toStdString())->timeLimitMs);
    }

    void cppReferencePassesEveryTest_data() { addSolutionRows("ref.cpp"); }
    void cppReferencePassesEveryTest() { pythonReferencePassesEveryTest(); }

    void naiveSolutionPassesSmallTestsThenRunsOutOfTime_data()
    {
        addSolutionRows("naive.py");
        // The same rows for naive.cpp: the rows of both files in one table, each file's own
        // share of the shard.
        for (const auto *problem : m_set->all()) {
            const QString slug = QString::fromStdString(problem->slug);
            const QString path = test::bundledProblemsDir() + "/" + slug + "/solutions/naive.cpp";
            if (QFile::exists(path) && mine())
                QTest::newRow(qPrintable(slug + "/naive.cpp")) << slug << path;
        }
    }
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
                QVERIFY2(test.input.size() > kLargeInput, failing.name.c_str());
        }
    }

    // Every other large test alone (the test above stops at the first one): a correct but quadratic
    // solution, C++ at -O2 included, runs out of time on each. The generators size them so
    // that naive.cpp needs at least three times the limit (resources/problems/README.md).
    void naiveSolutionRunsOutOfTimeOnEveryLargeTest_data()
    {
        QTest::addColumn<QString>("slug");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("test");
        m_row = 0;
        for (const auto *problem : m_set->all()) {
            const QString slug = QString::fromStdString(problem->slug);
            for (const char *naive : {"naive.py", "naive.cpp"}) {
                const QString path = test::bundledProblemsDir() + "/" + slug + "/solutions/" + naive;
                if (!QFile::exists(path))
                    continue;
                bool first = true; // the one the test above ends on: not run twice
                for (const auto &test : problem->tests) {
                    if (test.input.size() <= kLargeInput || std::exchange(first, false))
                        continue;
                    const QString name = QString::fromStdString(test.name);
                    if (mine())
                        QTest::newRow(qPrintable(slug + "/" + naive + "/" + name)) << slug << path << name;
                }
            }
        }
    }
    void naiveSolutionRunsOutOfTimeOnEveryLargeTest()
    {
        QFETCH(QString, slug);
        QFETCH(QString, file);
        QFETCH(QString, test);
        problems::Problem one = *m_set->find(slug.toStdString());
        std::erase_if(one.tests, [&](const problems::TestCase &t) { return t.name != test.toStdString(); });
        QCOMPARE(one.tests.size(), std::size_t(1));
        one.tests.front().sample = false;
        problems::Judge judge(*m_sandbox);
        const auto verdict = judge.judge(one, languageOf(file), readFile(file));
        QCOMPARE(verdict.status, std::string("time_limit"));
    }

    void startersBuildAndRun_data()
    {
        QTest::addColumn<QString>("slug");
        QTest::addColumn<QString>("file");
        m_row = 0;
        static const QStringList kEveryLanguage = {"carrot-tally", "mirror-words", "pattern-echo"};
        // Cheap to build: these run for every problem; Java, Go and Rust (seconds of compiler
        // each) for the three above.
        static const QStringList kEveryProblem = {"python", "javascript", "c", "cpp"};
        for (const auto *problem : m_set->all()) {
            const QString slug = QString::fromStdString(problem->slug);
            for (const auto &starter : problems::starterFiles()) {
                const QString language = starter.language;
                if (!kEveryLanguage.contains(slug) && !kEveryProblem.contains(language))
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
