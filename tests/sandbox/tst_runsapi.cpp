// POST /runs and GET /languages on a real bunnyd over HTTP, with the native sandbox.
#include "bunnydfixture.h"

#include <QTest>

#include <future>
#include <thread>

using bunny::test::BunnydFixture;
using nlohmann::json;

namespace {

json pythonRun(const std::string &code, const json &limits = nullptr)
{
    json body = {{"language", "python"}, {"files", {{"main.py", code}}}};
    if (!limits.is_null())
        body["limits"] = limits;
    return body;
}

} // namespace

class tst_RunsApi : public QObject
{
    Q_OBJECT

private:
    BunnydFixture m_server;
    bunny::test::Account m_user;

private Q_SLOTS:
    void initTestCase()
    {
        if (BunnydFixture::wantsPostgres())
            QSKIP("the runs API does not touch the database: tested against SQLite only");
        QVERIFY2(m_server.start({"sandbox.backend=native"}), qPrintable(m_server.errorString()));
        m_user = m_server.signUp("runner");
    }

    void languagesListsWhatThisHostRuns()
    {
        const auto reply = m_server.get("/api/v1/languages");
        QCOMPARE(reply.status, 200);
        const json languages = reply.json();
        QVERIFY(languages.is_array());
        bool python = false;
        for (const auto &language : languages) {
            QVERIFY(language.contains("id") && language.contains("name") && language.contains("version") &&
                    language.contains("extensions") && language.contains("compiled"));
            python =
                python || (language["id"] == "python" && !language["version"].get<std::string>().empty());
        }
        QVERIFY2(python, reply.body.c_str());
    }

    void runNeedsSignIn()
    {
        const auto reply = m_server.postJson("/api/v1/runs", pythonRun("print(1)\n"));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), std::string("unauthorized"));
    }

    void runAnswersTheContractShape()
    {
        auto body = pythonRun("import sys\nprint(sys.stdin.read().upper())\n");
        body["stdin"] = "bunny";
        const auto reply = m_server.postJson("/api/v1/runs", body, m_user.accessToken);
        QCOMPARE(reply.status, 200);
        const json result = reply.json();
        QCOMPARE(result["status"].get<std::string>(), std::string("ok"));
        QCOMPARE(result["stdout"].get<std::string>(), std::string("BUNNY\n"));
        QVERIFY(result["signal"].is_null());
        for (const char *key : {"exit_code", "stderr", "stdout_truncated", "stderr_truncated", "time_ms",
                                "cpu_ms", "memory_kb"})
            QVERIFY2(result.contains(key), key);
    }

    void badRunsAreRefusedWith400_data()
    {
        QTest::addColumn<QString>("body");
        QTest::newRow("unknownLanguage") << R"({"language":"cobol","files":{"a.cob":"x"}})";
        QTest::newRow("pathTraversal") << R"({"language":"python","files":{"../a.py":"x"}})";
        QTest::newRow("noFiles") << R"({"language":"python","files":{}})";
        QTest::newRow("badLimits")
            << R"({"language":"python","files":{"a.py":"x"},"limits":{"cpu_ms":"lots"}})";
    }

    void badRunsAreRefusedWith400()
    {
        QFETCH(QString, body);
        const auto reply =
            m_server.postJson("/api/v1/runs", json::parse(body.toStdString()), m_user.accessToken);
        QCOMPARE(reply.status, 400);
        QVERIFY(!reply.errorCode().empty());
    }

    void hostileRunLeavesTheServerHealthy()
    {
        const auto bomb = m_server.postJson(
            "/api/v1/runs",
            pythonRun(
                "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
                {{"cpu_ms", 500}, {"wall_ms", 1000}}),
            m_user.accessToken);
        QCOMPARE(bomb.status, 200);
        QCOMPARE(bomb.json()["status"].get<std::string>(), std::string("time_limit"));
        QCOMPARE(m_server.get("/healthz").status, 200);
        const auto after = m_server.postJson("/api/v1/runs", pythonRun("print(2)\n"), m_user.accessToken);
        QCOMPARE(after.json()["stdout"].get<std::string>(), std::string("2\n"));
        const auto metrics = m_server.get("/metrics").body;
        QVERIFY2(metrics.find("bunny_runs_total{status=\"time_limit\"} 1") != std::string::npos,
                 metrics.c_str());
    }

    void fullQueueAnswers429WithRetryAfter()
    {
        BunnydFixture small;
        QVERIFY2(small.start({"sandbox.backend=native", "runs.concurrency=1", "runs.queue=0"}),
                 qPrintable(small.errorString()));
        const auto user = small.signUp("busy");
        auto slow = std::async(std::launch::async, [&] {
            return small.postJson("/api/v1/runs", pythonRun("import time\ntime.sleep(2)\n"),
                                  user.accessToken);
        });
        bool running = false;
        for (int i = 0; i < 400 && !running; ++i) {
            running = small.get("/metrics").body.find("bunny_runs_running 1\n") != std::string::npos;
            if (!running)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        QVERIFY(running);
        const auto refused = small.postJson("/api/v1/runs", pythonRun("print(1)\n"), user.accessToken);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), std::string("queue_full"));
        QVERIFY(std::stoi(refused.header("retry-after")) >= 1);
        QCOMPARE(slow.get().status, 200);
    }

    // runs.max_* are operator caps: a request asking for more is held to them, and a request for
    // less memory than a box can hold is raised to the floor, not left unlimited.
    void runsAreHeldToTheOperatorMaxima()
    {
        BunnydFixture capped;
        QVERIFY2(capped.start({"sandbox.backend=native", "runs.max_output_kb=4", "runs.max_processes=8"}),
                 qPrintable(capped.errorString()));
        const auto user = capped.signUp("capped");
        const auto flood = capped.postJson(
            "/api/v1/runs", pythonRun("print('x' * 20000)\n", {{"output_kb", 1024}}), user.accessToken);
        QCOMPARE(flood.status, 200);
        QCOMPARE(flood.json()["status"].get<std::string>(), std::string("output_limit"));
        QCOMPARE(flood.json()["stdout"].get<std::string>().size(), size_t{4 * 1024});
        QVERIFY(flood.json()["stdout_truncated"].get<bool>());

        const auto forks = capped.postJson(
            "/api/v1/runs",
            pythonRun("import os, time\nn = 0\nfor i in range(30):\n    try:\n        pid = os.fork()\n"
                      "    except OSError:\n        break\n    if pid == 0:\n        time.sleep(2)\n"
                      "        os._exit(0)\n    n += 1\nprint('forked', n)\n",
                      {{"processes", 64}}),
            user.accessToken);
        QCOMPARE(forks.status, 200);
        const std::string said = forks.json()["stdout"].get<std::string>();
        QVERIFY2(said.rfind("forked ", 0) == 0, forks.body.c_str());
        const int forked = std::stoi(said.substr(7));
        QVERIFY2(forked >= 1 && forked < 8, forks.body.c_str());

        const auto hog = capped.postJson(
            "/api/v1/runs",
            pythonRun(
                "chunks = []\nfor i in range(25):\n    chunks.append(b'x' * (8 << 20))\nprint('ALLOCATED')\n",
                {{"memory_kb", 1}}),
            user.accessToken);
        QCOMPARE(hog.status, 200);
        QCOMPARE(hog.json()["status"].get<std::string>(), std::string("memory_limit"));
    }
};

QTEST_GUILESS_MAIN(tst_RunsApi)
#include "tst_runsapi.moc"
