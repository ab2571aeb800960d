// The reliable run queue and shared rate limits against a real Redis (tests/services.d/redis.sh)
// and the real native sandbox. Every test uses its own key prefix, so suites may share the Redis.
#include "auth/randomtoken.h"
#include "rediskeys.h"
#include "runs/runqueue.h"
#include "scale/redisconnection.h"
#include "scale/rediseventbus.h"
#include "scale/redisratelimiter.h"
#include "scale/redisrunqueue.h"
#include "scale/runwire.h"

#include <sandbox/runjson.h>
#include <sandbox/sandboxfactory.h>

#include <QtTest>

#include <chrono>
#include <memory>

using namespace bunny::backend;
using namespace std::chrono_literals;

class TestRedisRunQueue : public QObject
{
    Q_OBJECT

private:
    scale::RedisUrl m_url;
    std::unique_ptr<scale::RedisPool> m_pool;
    std::unique_ptr<bunny::sandbox::Sandbox> m_sandbox;
    std::unique_ptr<RunQueue> m_local;

    std::vector<std::string> m_prefixes;

    std::string freshPrefix()
    {
        m_prefixes.push_back("test:" + auth::randomToken(6) + ":");
        return m_prefixes.back();
    }

    static bunny::sandbox::Job pythonJob(const std::string &code)
    {
        bunny::sandbox::Job job;
        job.language = "python";
        job.files["main.py"] = code;
        return job;
    }

    static std::string envelope(const std::string &id, std::int64_t expiresMs, const bunny::sandbox::Job &job)
    {
        return nlohmann::json{{"id", id}, {"expires_ms", expiresMs}, {"job", scale::jobToJson(job)}}.dump();
    }

    static std::int64_t nowMs()
    {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

private slots:
    void initTestCase()
    {
        const QByteArray url = qgetenv("BUNNY_TEST_REDIS_URL");
        if (url.isEmpty()) {
            if (qgetenv("CI") == "true")
                QFAIL("BUNNY_TEST_REDIS_URL is not set (tests/services.d/redis.sh)");
            QSKIP("no Redis: BUNNY_TEST_REDIS_URL is not set (tests/services.d/redis.sh starts one)");
        }
        m_url = scale::RedisUrl::parse(url.toStdString());
        m_pool = std::make_unique<scale::RedisPool>(m_url);
        bunny::sandbox::SandboxOptions options;
        options.backend = "native";
        options.prepared = 1;
        m_sandbox = bunny::sandbox::createLazySandbox(options);
        if (const auto why = m_sandbox->unavailableReason(); !why.empty())
            QFAIL(("the native sandbox cannot run here: " + why).c_str());
        m_local = std::make_unique<RunQueue>(*m_sandbox, RunQueue::Config{2, 8});
    }

    void redisUrlIsParsed_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("db");
        QTest::newRow("hostOnly") << "redis://cache.internal"
                                  << "cache.internal" << 6379 << "" << 0;
        QTest::newRow("portAndDb") << "redis://127.0.0.1:7000/3"
                                   << "127.0.0.1" << 7000 << "" << 3;
        QTest::newRow("password") << "redis://:s3cret@10.0.0.5:6380"
                                  << "10.0.0.5" << 6380 << "s3cret" << 0;
    }

    void redisUrlIsParsed()
    {
        QFETCH(QString, url);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, password);
        QFETCH(int, db);
        const auto parsed = scale::RedisUrl::parse(url.toStdString());
        QCOMPARE(QString::fromStdString(parsed.host), host);
        QCOMPARE(parsed.port, port);
        QCOMPARE(QString::fromStdString(parsed.password), password);
        QCOMPARE(parsed.db, db);
    }

    void badRedisUrlIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(Poco::SyntaxException, scale::RedisUrl::parse("http://127.0.0.1:6379"));
        QVERIFY_THROWS_EXCEPTION(Poco::SyntaxException, scale::RedisUrl::parse("redis://127.0.0.1/first"));
    }

    void runGoesThroughTheQueueToARunnerAndBack()
    {
        const auto prefix = freshPrefix();
        scale::RedisRunDispatcher dispatcher(*m_pool, prefix, 60s);
        QVERIFY(!dispatcher.unavailableReason().empty()); // no runner yet
        scale::RedisRunner runner(*m_pool, prefix, *m_local, *m_sandbox, {1, "r1", 2000ms});
        runner.start();
        QCOMPARE(dispatcher.unavailableReason(), std::string());

        auto job = pythonJob("import sys\nprint(sys.stdin.read().upper())\n");
        job.stdinData = "bunny";
        const auto result = dispatcher.run(job);
        QCOMPARE(bunny::sandbox::statusName(result.status), "ok");
        QCOMPARE(result.stdoutText, std::string("BUNNY\n"));
        QTRY_COMPARE(runner.finished(), std::uint64_t(1)); // counted just after the acknowledgement

        auto redis = m_pool->acquire();
        QCOMPARE(redis->integer({"LLEN", prefix + "runs:queue"}), 0);
        QCOMPARE(redis->integer({"LLEN", prefix + "runs:processing:r1"}), 0); // acknowledged
        QVERIFY(redis->string({"GET", prefix + "runs:languages"}).has_value());
        redis.keep();
        const auto languages = dispatcher.languages();
        QVERIFY(
            std::any_of(languages.begin(), languages.end(), [](const auto &l) { return l.id == "python"; }));
        runner.stop();
        QVERIFY(!dispatcher.unavailableReason().empty()); // left cleanly
    }

    void idleRunnerStillTakesJobsAfterItsPollsTimeOut()
    {
        // A poll that times out answers a null array; the worker must simply poll again.
        const auto prefix = freshPrefix();
        scale::RedisRunDispatcher dispatcher(*m_pool, prefix, 60s);
        scale::RedisRunner runner(*m_pool, prefix, *m_local, *m_sandbox, {1, "idle", 2000ms});
        runner.start();
        QTest::qWait(2500); // two empty polls
        const auto result = dispatcher.run(pythonJob("print('late')\n"));
        QCOMPARE(bunny::sandbox::statusName(result.status), "ok");
        QCOMPARE(result.stdoutText, std::string("late\n"));
        runner.stop();
    }

    void jobOfADeadRunnerGoesBackToTheQueueAndRunsElsewhere()
    {
        // What a runner killed mid-run leaves: the job in its processing list, its id in the set,
        // no heartbeat.
        const auto prefix = freshPrefix();
        const auto text = envelope("job-of-dead", nowMs() + 60000, pythonJob("print(6 * 7)\n"));
        {
            auto redis = m_pool->acquire();
            redis->integer({"LPUSH", prefix + "runs:processing:dead", text});
            redis->integer({"SADD", prefix + "runners", "dead"});
            redis.keep();
        }
        scale::RedisRunner runner(*m_pool, prefix, *m_local, *m_sandbox, {1, "alive", 2000ms});
        runner.start();
        auto redis = m_pool->acquire();
        redis->setReceiveTimeout(40s);
        const auto reply = redis->array({"BLPOP", prefix + "runs:result:job-of-dead", "30"});
        QCOMPARE(reply.size(), std::size_t(2));
        const auto result = scale::resultFromJson(nlohmann::json::parse(*reply[1]));
        QVERIFY2(result, result ? "" : result.message().c_str());
        QCOMPARE(result->stdoutText, std::string("42\n"));
        QCOMPARE(redis->integer({"LLEN", prefix + "runs:processing:dead"}), 0);
        QCOMPARE(redis->integer({"SISMEMBER", prefix + "runners", "dead"}), 0);
        redis.keep();
        runner.stop();
    }

    void requeueMovesEveryOrphanOnce()
    {
        const auto prefix = freshPrefix();
        {
            auto redis = m_pool->acquire();
            for (int i = 0; i < 3; ++i)
                redis->integer({"LPUSH", prefix + "runs:processing:gone", "envelope-" + std::to_string(i)});
            redis->integer({"SADD", prefix + "runners", "gone"});
            redis.keep();
        }
        // Not started: nothing takes the jobs, so the queue shows exactly what was moved.
        scale::RedisRunner sweeper(*m_pool, prefix, *m_local, *m_sandbox, {1, "sweeper", 2000ms});
        QCOMPARE(sweeper.requeueOrphans(), 3);
        QCOMPARE(sweeper.requeueOrphans(), 0);
        auto redis = m_pool->acquire();
        const auto queued = redis->array({"LRANGE", prefix + "runs:queue", "0", "-1"});
        QCOMPARE(queued.size(), std::size_t(3));
        redis->integer({"DEL", prefix + "runs:queue"});
        redis.keep();
    }

    void expiredJobIsDroppedUnrun()
    {
        const auto prefix = freshPrefix();
        {
            auto redis = m_pool->acquire();
            redis->integer(
                {"LPUSH", prefix + "runs:queue", envelope("stale", nowMs() - 1000, pythonJob("print(1)\n"))});
            redis.keep();
        }
        scale::RedisRunner runner(*m_pool, prefix, *m_local, *m_sandbox, {1, "r", 2000ms});
        runner.start();
        QTRY_COMPARE_WITH_TIMEOUT(runner.finished(), std::uint64_t(1), 20000);
        runner.stop();
        auto redis = m_pool->acquire();
        QCOMPARE(redis->integer({"EXISTS", prefix + "runs:result:stale"}), 0);
        QCOMPARE(redis->integer({"LLEN", prefix + "runs:processing:r"}), 0);
        redis.keep();
    }

    void runWithoutARunnerIsGivenUpAfterTheTimeout()
    {
        scale::RedisRunDispatcher dispatcher(*m_pool, freshPrefix(), 1000ms);
        const auto result = dispatcher.run(pythonJob("print(1)\n"));
        QCOMPARE(bunny::sandbox::statusName(result.status), "internal_error");
        QVERIFY(result.message.find("in time") != std::string::npos);
    }

    void rateLimitIsSharedByTwoInstances()
    {
        // Two pools stand for two bunnyd processes.
        const auto prefix = freshPrefix();
        scale::RedisPool other(m_url);
        scale::RedisRateLimiter a(*m_pool, prefix);
        scale::RedisRateLimiter b(other, prefix);
        QVERIFY(!a.hit("login:alice", 3, 60s));
        QVERIFY(!b.hit("login:alice", 3, 60s));
        QVERIFY(!a.hit("login:alice", 3, 60s));
        const auto wait = b.hit("login:alice", 3, 60s);
        QVERIFY(wait.has_value());
        QVERIFY(*wait >= 1 && *wait <= 60);
        QVERIFY(!b.hit("login:bob", 3, 60s)); // keys are separate
        // peek (failed-login counting) sees the shared count and adds nothing to it.
        QVERIFY(a.peek("login:alice", 3, 60s).has_value());
        QVERIFY(!a.peek("login:bob", 3, 60s));
        QVERIFY(!b.peek("login:bob", 2, 60s));
        QVERIFY(!b.hit("login:bob", 2, 60s)); // still only the second hit of bob
        QVERIFY(b.peek("login:bob", 2, 60s).has_value());

        scale::RedisRunLimiter runsA(*m_pool, prefix, 2);
        scale::RedisRunLimiter runsB(other, prefix, 2);
        int retry = 0;
        QVERIFY(runsA.allow("u1", retry));
        QVERIFY(runsB.allow("u1", retry));
        QVERIFY(!runsA.allow("u1", retry));
        QVERIFY(retry >= 1);
    }

    void unreachableRedisAllowsAndSaysWhy()
    {
        // A port nothing listens on: limits fail open, the dispatcher explains.
        scale::RedisUrl nowhere;
        nowhere.port = 1;
        scale::RedisPool pool(nowhere);
        int failures = 0;
        scale::RedisRateLimiter limiter(pool, "x:", [&failures] { ++failures; });
        QVERIFY(!limiter.hit("k", 1, 60s));
        QVERIFY(!limiter.peek("k", 1, 60s));
        // Each let-through is reported (bunnyd counts it in bunny_rate_limit_backend_errors_total).
        QCOMPARE(failures, 2);
        scale::RedisRunLimiter runs(pool, "x:", 1, [&failures] { ++failures; });
        int retry = 0;
        QVERIFY(runs.allow("u1", retry));
        QCOMPARE(failures, 3);
        scale::RedisRunDispatcher dispatcher(pool, "x:", 1000ms);
        QVERIFY(dispatcher.unavailableReason().find("unreachable") != std::string::npos);
        QCOMPARE(bunny::sandbox::statusName(dispatcher.run(pythonJob("print(1)\n")).status),
                 "internal_error");
    }

    void eventReachesTheInstanceThatSubscribed()
    {
        // Two pools and two buses stand for two bunnyd: one owns battle b1, the other publishes.
        const auto prefix = freshPrefix();
        scale::RedisPool otherPool(m_url);
        scale::RedisEventBus owner(*m_pool, prefix);
        scale::RedisEventBus other(otherPool, prefix);
        std::mutex mutex;
        std::vector<std::pair<std::string, std::string>> got;
        owner.subscribe("battle:*", [&](const std::string &channel, const std::string &message) {
            std::lock_guard lock(mutex);
            got.emplace_back(channel, message);
        });
        owner.start();
        other.start();
        QCOMPARE(other.publish("battle:b1", R"({"type":"join","user":"u2"})"), 1);
        QCOMPARE(other.publish("leaderboard", "ignored"), 0); // nobody subscribed
        QTRY_VERIFY([&] {
            std::lock_guard lock(mutex);
            return got.size() == 1;
        }());
        QCOMPARE(got[0].first, std::string("battle:b1"));
        QCOMPARE(got[0].second, std::string(R"({"type":"join","user":"u2"})"));
        owner.stop();
        QCOMPARE(other.publish("battle:b1", "after stop"), 0);
    }

    void cleanupTestCase()
    {
        if (!m_pool)
            return;
        bunny::test::dropRedisKeys(*m_pool, m_prefixes);
    }
};

QTEST_GUILESS_MAIN(TestRedisRunQueue)
#include "tst_redisrunqueue.moc"
