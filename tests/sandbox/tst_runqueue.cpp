// The bounded run queue over a real native sandbox: slots, refusals, rate limits, metrics.
#include "sandboxfixture.h"

#include <runs/runqueue.h>

#include <QTest>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

using namespace bunny;
using backend::RunQueue;

namespace {

sandbox::Job sleeper(const char *seconds)
{
    return bunny::test::makeJob("python", "main.py",
                                std::string("import time\ntime.sleep(") + seconds + ")\nprint('done')\n");
}

template<typename Predicate> bool waitFor(Predicate predicate)
{
    for (int i = 0; i < 2000 && !predicate(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return predicate();
}

// The real token buckets, asked through a wrapper that notes whether the queue's own lock was free
// while it answered (a Redis limiter is a network round trip: it must not stall the queue).
class LockProbingLimiter : public backend::RateLimiter
{
public:
    LockProbingLimiter(RunQueue &queue, double perMinute, double burst)
        : m_queue(queue)
        , m_buckets(perMinute, burst)
    {}
    bool allow(const std::string &user, int &retryAfterSeconds) override
    {
        auto probe = std::async(std::launch::async, [this] { return m_queue.waiting(); });
        if (probe.wait_for(std::chrono::seconds(2)) != std::future_status::ready)
            m_askedUnderLock = true;
        m_probes.push_back(std::move(probe)); // not waited for here: under the lock that would hang
        return m_buckets.allow(user, retryAfterSeconds);
    }
    std::atomic<bool> m_askedUnderLock{false};

private:
    std::vector<std::future<int>> m_probes;
    RunQueue &m_queue;
    backend::TokenBucketLimiter m_buckets;
};

} // namespace

class tst_RunQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullQueueRefusesAtOnceWithRetryAfter()
    {
        BUNNY_REQUIRE_SANDBOX(box, QString("native"));
        RunQueue queue(*box, {1, 1});
        auto first = std::async(std::launch::async, [&] { return queue.submit(sleeper("1.5")); });
        QVERIFY(waitFor([&] { return queue.running() == 1; }));
        auto second = std::async(std::launch::async, [&] { return queue.submit(sleeper("0")); });
        QVERIFY(waitFor([&] { return queue.waiting() == 1; }));

        const auto refused = queue.submit(sleeper("0"));
        QCOMPARE(refused.refusal, RunQueue::Refusal::QueueFull);
        QVERIFY(refused.retryAfterSeconds >= 1);

        const auto a = first.get(), b = second.get();
        QCOMPARE(a.refusal, RunQueue::Refusal::None);
        QCOMPARE(b.refusal, RunQueue::Refusal::None);
        QCOMPARE(a.result.stdoutText, std::string("done\n"));
        QCOMPARE(b.result.stdoutText, std::string("done\n"));
        const std::string metrics = queue.metricsText();
        QVERIFY2(metrics.find("bunny_runs_total{status=\"ok\"} 2\n") != std::string::npos, metrics.c_str());
        QVERIFY2(metrics.find("bunny_runs_rejected_total{reason=\"queue_full\"} 1\n") != std::string::npos,
                 metrics.c_str());
        QVERIFY(metrics.find("bunny_runs_running 0\n") != std::string::npos);
    }

    void concurrencyDefaultsToTheCores()
    {
        BUNNY_REQUIRE_SANDBOX(box, QString("native"));
        RunQueue queue(*box, {});
        QCOMPARE(queue.concurrency(), std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
        QCOMPARE(queue.capacity(), 4 * queue.concurrency());
    }

    void rateLimitedUserIsRefusedOthersAreNot()
    {
        BUNNY_REQUIRE_SANDBOX(box, QString("native"));
        RunQueue queue(*box, {2, 4});
        queue.setRateLimiter(std::make_shared<backend::TokenBucketLimiter>(1.0, 2.0));
        const auto job = bunny::test::makeJob("python", "main.py", "print(1)\n");
        QCOMPARE(queue.submit(job, "alice").refusal, RunQueue::Refusal::None);
        QCOMPARE(queue.submit(job, "alice").refusal, RunQueue::Refusal::None);
        const auto third = queue.submit(job, "alice");
        QCOMPARE(third.refusal, RunQueue::Refusal::RateLimited);
        QVERIFY(third.retryAfterSeconds >= 1 && third.retryAfterSeconds <= 60);
        QCOMPARE(queue.submit(job, "bob").refusal, RunQueue::Refusal::None);
        QVERIFY(queue.metricsText().find("bunny_runs_rejected_total{reason=\"rate_limited\"} 1\n") !=
                std::string::npos);
    }

    void queueFullRefusalSpendsNoRateToken()
    {
        BUNNY_REQUIRE_SANDBOX(box, QString("native"));
        RunQueue queue(*box, {1, 0});
        // One run a minute, no burst: a spent token would refuse alice's next run for a minute.
        auto limiter = std::make_shared<LockProbingLimiter>(queue, 1.0, 1.0);
        queue.setRateLimiter(limiter);
        auto busy = std::async(std::launch::async, [&] { return queue.submit(sleeper("1")); });
        QVERIFY(waitFor([&] { return queue.running() == 1; }));
        QCOMPARE(queue.submit(sleeper("0"), "alice").refusal, RunQueue::Refusal::QueueFull);
        QCOMPARE(busy.get().refusal, RunQueue::Refusal::None);

        const auto allowed = queue.submit(sleeper("0"), "alice");
        QCOMPARE(allowed.refusal, RunQueue::Refusal::None);
        QCOMPARE(allowed.result.stdoutText, std::string("done\n"));
        QCOMPARE(queue.submit(sleeper("0"), "alice").refusal, RunQueue::Refusal::RateLimited);
        QVERIFY2(!limiter->m_askedUnderLock, "the rate limiter was asked while the queue was locked");
        QCOMPARE(queue.waiting(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_RunQueue)
#include "tst_runqueue.moc"
