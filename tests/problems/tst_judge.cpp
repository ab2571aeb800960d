// The judge on a real native sandbox: each verdict, sample details only, the stop at the first
// failing hidden test, one build per submission, and the generic runBatch fallback.

#include "problemfixture.h"

#include <problems/judge.h>
#include <problems/problemset.h>
#include <sandbox/sandboxfactory.h>

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace bunny;

namespace {

/// A sandbox that only knows run(): judges through Sandbox's generic runBatch, and counts runs.
class RunOnlySandbox : public sandbox::Sandbox
{
public:
    explicit RunOnlySandbox(sandbox::Sandbox &real)
        : m_real(real)
    {}
    std::string backendName() const override { return "run-only"; }
    std::vector<sandbox::LanguageInfo> languages() override { return m_real.languages(); }
    sandbox::RunResult run(const sandbox::Job &job) override
    {
        ++runs;
        return m_real.run(job);
    }
    std::atomic<int> runs = 0;

private:
    sandbox::Sandbox &m_real;
};

const char *const kAddPython = "a, b = map(int, input().split())\nprint(a + b)\n";

} // namespace

class tst_Judge : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QTemporaryDir m_dir;
    std::optional<problems::ProblemSet> m_set;
    const problems::Problem *m_add = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        sandbox::SandboxOptions options;
        options.backend = "native";
        auto made = sandbox::createSandbox(options);
        QVERIFY2(made.ok(), made.ok() ? "" : made.message().c_str());
        m_sandbox = std::move(*made);
        QVERIFY(test::writeSumProblem(m_dir.path(), "add"));
        auto set = problems::ProblemSet::load(m_dir.path().toStdString());
        QVERIFY(set.ok());
        m_set = std::move(*set);
        m_add = m_set->find("add");
    }

    void verdicts_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("passed");
        QTest::newRow("acceptedPython") << "python" << kAddPython << "accepted" << 10;
        QTest::newRow("acceptedCpp") << "cpp"
                                     << "#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;"
                                        "std::cout<<a+b<<\"\\n\";}\n"
                                     << "accepted" << 10;
        QTest::newRow("wrongAnswer") << "python"
                                     << "a, b = map(int, input().split())\nprint(a - b)\n"
                                     << "wrong_answer" << 0;
        QTest::newRow("compileError") << "cpp"
                                      << "int main( { return 0; }\n"
                                      << "compile_error" << 0;
        QTest::newRow("runtimeError") << "python"
                                      << "raise SystemExit(3)\n"
                                      << "runtime_error" << 0;
        QTest::newRow("timeLimit") << "python"
                                   << "while True:\n    pass\n"
                                   << "time_limit" << 0;
        QTest::newRow("unknownLanguage") << "cobol"
                                         << "DISPLAY 1."
                                         << "internal_error" << 0;
    }

    void verdicts()
    {
        QFETCH(QString, language);
        QFETCH(QString, code);
        QFETCH(QString, status);
        QFETCH(int, passed);
        problems::Judge judge(*m_sandbox);
        const auto verdict = judge.judge(*m_add, language.toStdString(), code.toStdString());
        QCOMPARE(QString::fromStdString(verdict.status), status);
        QCOMPARE(verdict.passed, passed);
        QCOMPARE(verdict.total, 10);
        if (status == "compile_error") {
            QVERIFY(verdict.tests.empty());
            QVERIFY(verdict.compileOutput.find("error") != std::string::npos);
        }
    }

    void onlySamplesCarryTheirData()
    {
        problems::Judge judge(*m_sandbox);
        const auto verdict = judge.judge(*m_add, "python", kAddPython);
        QCOMPARE(verdict.tests.size(), size_t(10));
        for (const auto &test : verdict.tests) {
            QCOMPARE(test.status, std::string("ok"));
            if (test.sample) {
                QCOMPARE(test.input, m_add->tests[test.name == "01" ? 0 : 1].input);
                QCOMPARE(test.actual, test.expected);
            } else {
                QVERIFY(test.input.empty() && test.expected.empty() && test.actual.empty());
            }
        }
    }

    void everySampleRunsButHiddenTestsStopAtTheFirstFailure()
    {
        problems::Judge judge(*m_sandbox);
        // Right on the samples and the first hidden test (a + b < 0), wrong afterwards.
        const auto verdict = judge.judge(
            *m_add, "python", "a, b = map(int, input().split())\nprint(a + b if a + b < 0 else 0)\n");
        QCOMPARE(verdict.status, std::string("wrong_answer"));
        QCOMPARE(verdict.passed, 3);
        QCOMPARE(verdict.tests.size(), size_t(4));
        QCOMPARE(verdict.tests.back().name, std::string("04"));
        QCOMPARE(verdict.tests.back().status, std::string("wrong_answer"));
        QVERIFY(verdict.tests.back().actual.empty()); // hidden: nothing leaves

        // A failing sample: the other sample still runs, hidden tests do not.
        const auto samplesOnly = judge.judge(*m_add, "python", "print(-22)\n");
        QCOMPARE(samplesOnly.status, std::string("wrong_answer"));
        QCOMPARE(samplesOnly.tests.size(), size_t(2));
        QCOMPARE(samplesOnly.passed, 1);
        QCOMPARE(samplesOnly.tests[1].actual, std::string("-22\n"));
    }

    void genericRunBatchJudgesTheSame()
    {
        RunOnlySandbox runOnly(*m_sandbox);
        problems::Judge judge(runOnly);
        auto verdict = judge.judge(*m_add, "python", kAddPython);
        QCOMPARE(verdict.status, std::string("accepted"));
        QCOMPARE(runOnly.runs.load(), 10);
        verdict = judge.judge(*m_add, "c", "int main( {\n");
        QCOMPARE(verdict.status, std::string("compile_error"));
        QCOMPARE(runOnly.runs.load(), 11); // stops at the first failed build
    }

    void batchBuildsOnceAndStopsWhenAsked()
    {
        sandbox::Job job;
        job.language = "c";
        job.files["main.c"] =
            "#include <stdio.h>\nint main(void){int x;scanf(\"%d\",&x);printf(\"%d\\n\",x*2);}\n";
        int asked = 0;
        const auto batch = m_sandbox->runBatch(job, {"1", "2", "3", "4"}, [&](size_t index, const auto &) {
            ++asked;
            return index < 2;
        });
        QCOMPARE(batch.status, sandbox::Status::Ok);
        QVERIFY(batch.compile.has_value());
        QCOMPARE(batch.runs.size(), size_t(3));
        QCOMPARE(asked, 3);
        QCOMPARE(batch.runs[2].stdoutText, std::string("6\n"));
    }
};

QTEST_GUILESS_MAIN(tst_Judge)
#include "tst_judge.moc"
