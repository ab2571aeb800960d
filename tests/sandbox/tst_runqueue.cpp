// The bounded run queue over a real native sandbox: slots, refusals, rate limits, metrics.
#include "sandboxfixture.h"

#include <runs/runqueue.h>

#include <QTest>

#include <future>
#include <thread>

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
};

QTEST_GUILESS_MAIN(tst_RunQueue)
#include "tst_runqueue.moc"
