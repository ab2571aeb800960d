// ProblemSet::load on the bundled set and on sets broken one way at a time: each gets an error
// naming the file and the reason.

#include "problemfixture.h"

#include <problems/problemset.h>

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <functional>
#include <set>

using namespace bunny;
using Mutation = std::function<void(const QString &problemDir)>;
Q_DECLARE_METATYPE(Mutation)

class tst_ProblemSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bundledSetLoadsWithEveryLevelAndStarter()
    {
        const auto set = problems::ProblemSet::load(test::bundledProblemsDir().toStdString());
        QVERIFY2(set.ok(), set.ok() ? "" : set.message().c_str());
        QCOMPARE(set->all().size(), size_t(24));
        QCOMPARE(set->byLevel("easy").size(), size_t(8));
        QCOMPARE(set->byLevel("medium").size(), size_t(10));
        QCOMPARE(set->byLevel("hard").size(), size_t(6));
        bool someTolerance = false;
        for (const auto *problem : set->all()) {
            QVERIFY2(problem->tests.size() >= 10, problem->slug.c_str());
            QCOMPARE(problem->starter.size(), problems::starterFiles().size());
            QVERIFY(problem->tests.front().sample);
            QVERIFY(!problem->tests.back().sample);
            QVERIFY(!problem->statement.empty());
            QCOMPARE(set->find(problem->slug), problem);
            someTolerance = someTolerance || problem->tolerance.has_value();
        }
        QVERIFY(someTolerance);
        QCOMPARE(set->find("no-such-problem"), nullptr);
    }

    void brokenSetNamesFileAndReason_data()
    {
        QTest::addColumn<Mutation>("mutate");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason");
        const auto remove = [](const QString &relative) {
            return Mutation([relative](const QString &dir) { QFile::remove(dir + "/" + relative); });
        };
        const auto write = [](const QString &relative, const std::string &text) {
            return Mutation(
                [relative, text](const QString &dir) { test::writeText(dir + "/" + relative, text); });
        };
        const auto json = [&](const std::string &from, const std::string &to) {
            return Mutation([from, to](const QString &dir) {
                QFile file(dir + "/problem.json");
                QVERIFY(file.open(QIODevice::ReadOnly));
                std::string text = file.readAll().toStdString();
                file.close();
                const auto at = text.find(from);
                QVERIFY2(at != std::string::npos, from.c_str());
                text.replace(at, from.size(), to);
                test::writeText(dir + "/problem.json", text);
            });
        };
        QTest::newRow("missingProblemJson") << remove("problem.json") << "add/problem.json"
                                            << "missing";
        QTest::newRow("invalidJson") << write("problem.json", "{\"slug\": ") << "add/problem.json"
                                     << "not valid JSON";
        QTest::newRow("notAnObject") << write("problem.json", "[1, 2]") << "add/problem.json"
                                     << "JSON object";
        QTest::newRow("unknownKey") << json("\"tags\"", "\"tgas\"") << "add/problem.json"
                                    << "unknown key 'tgas'";
        QTest::newRow("missingTitle") << json("\"title\": \"Add\",", "") << "add/problem.json"
                                      << "missing key 'title'";
        QTest::newRow("wrongLevel") << json("\"easy\"", "\"trivial\"") << "add/problem.json"
                                    << "'level' must be easy, medium or hard";
        QTest::newRow("timeLimitNotInteger") << json("1000", "\"1s\"") << "add/problem.json"
                                             << "'time_limit_ms' must be an integer";
        QTest::newRow("timeLimitTooLarge") << json("1000", "60000") << "add/problem.json"
                                           << "'time_limit_ms' must be between";
        QTest::newRow("memoryTooSmall") << json("65536", "10") << "add/problem.json"
                                        << "'memory_limit_kb' must be between";
        QTest::newRow("toleranceNotNumber") << json("null", "\"small\"") << "add/problem.json"
                                            << "'tolerance' must be null or a number";
        QTest::newRow("slugMismatch") << json("\"slug\": \"add\"", "\"slug\": \"plus\"") << "add/problem.json"
                                      << "folder is named 'add'";
        QTest::newRow("badSlug") << json("\"slug\": \"add\"", "\"slug\": \"Add Me\"") << "add/problem.json"
                                 << "'slug' must be lowercase";
        QTest::newRow("tagsNotStrings") << json("[\"math\"]", "[1]") << "add/problem.json"
                                        << "'tags' must be an array of non-empty strings";
        QTest::newRow("noSamples") << json("[\"01\", \"02\"]", "[]") << "add/problem.json"
                                   << "'samples' must name at least one test";
        QTest::newRow("sampleWithoutTest") << json("\"02\"]", "\"99\"]") << "add/problem.json"
                                           << "sample '99' has no tests/99.in";
        QTest::newRow("missingStatement") << remove("statement.md") << "add/statement.md"
                                          << "missing";
        QTest::newRow("emptyStatement") << write("statement.md", " \n\n") << "add/statement.md"
                                        << "empty";
        QTest::newRow("inWithoutOut") << remove("tests/07.out") << "add/tests/07.out"
                                      << "every test needs its .in and .out";
        QTest::newRow("outWithoutIn") << remove("tests/07.in") << "add/tests/07.in"
                                      << "every test needs its .in and .out";
        QTest::newRow("strayFileInTests") << write("tests/notes.txt", "x") << "add/tests/notes.txt"
                                          << "a test folder holds only";
        QTest::newRow("tooFewTests") << Mutation([](const QString &dir) {
            QFile::remove(dir + "/tests/10.in");
            QFile::remove(dir + "/tests/10.out");
        }) << "add/tests"
                                     << "has 9 tests, at least 10";
        QTest::newRow("missingTestsFolder")
            << Mutation([](const QString &dir) { QDir(dir + "/tests").removeRecursively(); }) << "add/tests"
            << "missing";
        QTest::newRow("missingRustStarter") << remove("starter/main.rs") << "add/starter/main.rs"
                                            << "missing";
        QTest::newRow("missingJavaStarter") << remove("starter/Main.java") << "add/starter/Main.java"
                                            << "missing";
        QTest::newRow("onlySamples")
            << json("[\"01\", \"02\"]",
                    "[\"01\",\"02\",\"03\",\"04\",\"05\",\"06\",\"07\",\"08\",\"09\",\"10\"]")
            << "add/problem.json"
            << "hidden tests are needed";
    }

    void brokenSetNamesFileAndReason()
    {
        QFETCH(Mutation, mutate);
        QFETCH(QString, file);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QVERIFY(test::writeSumProblem(dir.path(), "add"));
        QVERIFY(test::writeSumProblem(dir.path(), "zzz-other"));
        QVERIFY(problems::ProblemSet::load(dir.path().toStdString()).ok());
        mutate(dir.path() + "/add");
        const auto set = problems::ProblemSet::load(dir.path().toStdString());
        QVERIFY(!set.ok());
        const QString message = QString::fromStdString(set.message());
        QVERIFY2(message.startsWith(dir.path() + "/" + file + ":"), qPrintable(message));
        QVERIFY2(message.contains(reason), qPrintable(message));
    }

    void sameSlugInTwoSetsIsRejected()
    {
        QTemporaryDir one, two;
        QVERIFY(test::writeSumProblem(one.path(), "add"));
        QVERIFY(test::writeSumProblem(two.path(), "add"));
        const auto set = problems::ProblemSet::loadAll({one.path().toStdString(), two.path().toStdString()});
        QVERIFY(!set.ok());
        QVERIFY2(QString::fromStdString(set.message()).contains("the slug 'add' is also"),
                 set.message().c_str());
    }

    void emptyOrMissingFolderIsRejected()
    {
        QTemporaryDir empty;
        auto set = problems::ProblemSet::load(empty.path().toStdString());
        QVERIFY(!set.ok());
        QVERIFY(QString::fromStdString(set.message()).contains("no problem folders"));
        set = problems::ProblemSet::load(empty.path().toStdString() + "/nowhere");
        QVERIFY(!set.ok());
        QVERIFY(QString::fromStdString(set.message()).contains("not a folder"));
    }

    void testsComeSamplesFirstThenHiddenByName()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeSumProblem(dir.path(), "add"));
        const auto set = problems::ProblemSet::load(dir.path().toStdString());
        QVERIFY(set.ok());
        const auto &tests = set->find("add")->tests;
        QCOMPARE(tests[0].name, std::string("01"));
        QVERIFY(tests[1].sample);
        QCOMPARE(tests[2].name, std::string("03"));
        QVERIFY(!tests[2].sample);
        QCOMPARE(tests[0].input, std::string("-23 1\n"));
        QCOMPARE(tests[0].expected, std::string("-22\n"));
    }
};

QTEST_GUILESS_MAIN(tst_ProblemSet)
#include "tst_problemset.moc"
