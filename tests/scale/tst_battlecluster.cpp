// BattleCluster (leases of battles and events to their owner) against a real Redis
// (tests/services.d/redis.sh). Two pools and two clusters stand for two bunnyd; every test uses
// its own key prefix, so suites may share the Redis.
#include "auth/randomtoken.h"
#include "rediskeys.h"
#include "scale/battlecluster.h"
#include "scale/redisconnection.h"

#include <QtTest>

#include <chrono>
#include <memory>
#include <mutex>

using namespace bunny::backend;
using namespace std::chrono_literals;

class TestBattleCluster : public QObject
{
    Q_OBJECT

private:
    scale::RedisUrl m_url;
    std::unique_ptr<scale::RedisPool> m_pool, m_otherPool;
    std::vector<std::string> m_prefixes;

    std::string freshPrefix()
    {
        m_prefixes.push_back("test:" + auth::randomToken(6) + ":");
        return m_prefixes.back();
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
        m_otherPool = std::make_unique<scale::RedisPool>(m_url);
    }

    void aBattleIsHeldByOneInstanceAtATime()
    {
        const auto prefix = freshPrefix();
        scale::BattleCluster a(*m_pool, prefix, 60s);
        scale::BattleCluster b(*m_otherPool, prefix, 60s);
        QVERIFY(a.instanceId() != b.instanceId());
        QVERIFY(!b.owned("x"));
        QVERIFY(a.claim("x"));
        QVERIFY(a.claim("x")); // already ours
        QVERIFY(!b.claim("x"));
        QVERIFY(b.owned("x"));
        // Only the holder may extend or give up a lease.
        b.refresh({"x"});
        b.release("x");
        QVERIFY(!b.claim("x"));
        a.release("x");
        QVERIFY(!a.owned("x"));
        QVERIFY(b.claim("x"));
        QVERIFY(!a.claim("x"));
    }

    void aLeaseNotRefreshedLapsesAndAnotherInstanceMayTakeTheBattle()
    {
        const auto prefix = freshPrefix();
        scale::BattleCluster dying(*m_pool, prefix, 200ms);
        scale::BattleCluster survivor(*m_otherPool, prefix, 60s);
        QVERIFY(dying.claim("y"));
        QVERIFY(!survivor.claim("y"));
        QTRY_VERIFY(!survivor.owned("y"));
        QVERIFY(survivor.claim("y"));
    }

    void manyLeasesAreCheckedAndExtendedInOneCall()
    {
        const auto prefix = freshPrefix();
        scale::BattleCluster mine(*m_pool, prefix, 300ms);
        scale::BattleCluster other(*m_otherPool, prefix, 60s);
        const std::vector<std::string> ours{"m1", "m2", "m3", "m4", "m5"};
        for (const auto &id : ours)
            QVERIFY(mine.claim(id));
        QVERIFY(other.claim("theirs"));
        QCOMPARE(mine.owned(std::vector<std::string>{}), std::vector<bool>{});
        QCOMPARE(other.owned({"m1", "nobody", "theirs", "m5"}), (std::vector<bool>{true, false, true, true}));
        // Refreshed together for longer than the lease: all stay; the other's lease is untouched.
        std::vector<std::string> withTheirs = ours;
        withTheirs.push_back("theirs");
        for (int i = 0; i < 8; ++i) {
            mine.refresh(withTheirs);
            QTest::qWait(100);
        }
        QCOMPARE(other.owned(ours), std::vector<bool>(5, true));
        QVERIFY(!mine.claim("theirs"));
        QVERIFY(!other.claim("m3"));
        // Only m5 kept alive from here on: the others lapse, m5 does not.
        const auto onlyTheLastLives = [&] {
            mine.refresh({"m5"});
            return other.owned(ours) == std::vector<bool>{false, false, false, false, true};
        };
        QTRY_VERIFY_WITH_TIMEOUT(onlyTheLastLives(), 5000);
    }

    void anEventReachesTheOtherInstanceWithTheBattleId()
    {
        const auto prefix = freshPrefix();
        scale::BattleCluster owner(*m_pool, prefix, 60s);
        scale::BattleCluster other(*m_otherPool, prefix, 60s);
        std::mutex mutex;
        std::vector<std::pair<std::string, std::string>> got;
        owner.onEvent([&](const std::string &battleId, const std::string &message) {
            std::lock_guard lock(mutex);
            got.emplace_back(battleId, message);
        });
        owner.start();
        other.start();
        QVERIFY(other.publish("b1", R"({"type":"joined"})"));
        QTRY_VERIFY([&] {
            std::lock_guard lock(mutex);
            return got.size() == 1;
        }());
        QCOMPARE(got[0].first, std::string("b1"));
        QCOMPARE(got[0].second, std::string(R"({"type":"joined"})"));
        owner.stop();
        QVERIFY(!other.publish("b1", "after stop")); // nobody listens any more
    }

    void cleanupTestCase()
    {
        if (!m_pool)
            return;
        bunny::test::dropRedisKeys(*m_pool, m_prefixes);
    }
};

QTEST_GUILESS_MAIN(TestBattleCluster)
#include "tst_battlecluster.moc"
