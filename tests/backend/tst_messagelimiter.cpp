// The per-connection WebSocket flood limiter, with the time given explicitly (no sleeping).
#include "http/messagelimiter.h"

#include <QTest>

using bunny::backend::http::MessageLimiter;
using bunny::backend::http::MessageLimits;
using Verdict = MessageLimiter::Verdict;
using namespace std::chrono_literals;

class tst_MessageLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstPassesThenFloodIsRefused()
    {
        const auto t0 = MessageLimiter::Clock::time_point{};
        MessageLimiter limiter({1024, 10, 5}, t0);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(limiter.check(10, t0), Verdict::Ok);
        QCOMPARE(limiter.check(10, t0), Verdict::TooFast);
        // 100 ms at 10 a second gives one message back.
        QCOMPARE(limiter.check(10, t0 + 100ms), Verdict::Ok);
        QCOMPARE(limiter.check(10, t0 + 100ms), Verdict::TooFast);
    }

    void sustainedRateWithinTheLimitIsNeverRefused()
    {
        auto t = MessageLimiter::Clock::time_point{};
        MessageLimiter limiter({1024, 20, 3}, t);
        for (int i = 0; i < 1000; ++i, t += 50ms)
            QCOMPARE(limiter.check(100, t), Verdict::Ok);
        QVERIFY(!limiter.shouldDisconnect());
    }

    void idleTimeRefillsOnlyUpToTheBurst()
    {
        const auto t0 = MessageLimiter::Clock::time_point{};
        MessageLimiter limiter({1024, 10, 3}, t0);
        const auto later = t0 + 1h;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(limiter.check(1, later), Verdict::Ok);
        QCOMPARE(limiter.check(1, later), Verdict::TooFast);
    }

    void oversizedMessageIsRefusedWhateverTheRate_data()
    {
        QTest::addColumn<int>("bytes");
        QTest::addColumn<bool>("refused");
        QTest::newRow("atTheLimit") << 1024 << false;
        QTest::newRow("oneByteOver") << 1025 << true;
        QTest::newRow("aMegabyte") << (1 << 20) << true;
    }

    void oversizedMessageIsRefusedWhateverTheRate()
    {
        QFETCH(int, bytes);
        QFETCH(bool, refused);
        MessageLimiter limiter({1024, 10, 5});
        QCOMPARE(limiter.check(std::size_t(bytes)) == Verdict::TooLarge, refused);
    }

    void persistentFloodAsksForDisconnectAndGoodBehaviourForgives()
    {
        const auto t0 = MessageLimiter::Clock::time_point{};
        MessageLimiter limiter({1024, 1, 1}, t0);
        QCOMPARE(limiter.check(1, t0), Verdict::Ok);
        for (int i = 0; i < MessageLimiter::kStrikes - 1; ++i)
            QCOMPARE(limiter.check(1, t0), Verdict::TooFast);
        QVERIFY(!limiter.shouldDisconnect());
        QCOMPARE(limiter.check(1, t0 + 2s), Verdict::Ok); // an allowed message resets the strikes
        for (int i = 0; i < MessageLimiter::kStrikes; ++i)
            QCOMPARE(limiter.check(1, t0 + 2s), Verdict::TooFast);
        QVERIFY(limiter.shouldDisconnect());
    }

    void zeroTurnsLimitsOff()
    {
        const auto t0 = MessageLimiter::Clock::time_point{};
        MessageLimiter limiter({0, 0, 0}, t0);
        for (int i = 0; i < 10000; ++i)
            QCOMPARE(limiter.check(std::size_t(1) << 24, t0), Verdict::Ok);
    }
};

QTEST_GUILESS_MAIN(tst_MessageLimiter)
#include "tst_messagelimiter.moc"
