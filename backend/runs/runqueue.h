#pragma once

#include <sandbox/sandbox.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace bunny::backend {

/// Decides whether a user may start another run now (per-user rate limits). Thread-safe.
class RateLimiter
{
public:
    virtual ~RateLimiter() = default;
    /// True and counts the run, or false with the seconds until the user may try again.
    virtual bool allow(const std::string &user, int &retryAfterSeconds) = 0;
};

/// In-process token buckets: `perMinute` runs a minute per user, bursts up to `burst`.
/// (A Redis-backed limiter implements the same interface when several bunnyd share users.)
class TokenBucketLimiter : public RateLimiter
{
public:
    TokenBucketLimiter(double perMinute, double burst);
    bool allow(const std::string &user, int &retryAfterSeconds) override;

private:
    struct Bucket
    {
        double tokens;
        std::chrono::steady_clock::time_point refilled;
    };
    double m_perSecond, m_burst;
    std::mutex m_mutex;
    std::map<std::string, Bucket> m_buckets;
};

/// Bounds how many runs execute at once (`concurrency`) and how many may wait (`capacity`);
/// past that a submission is refused at once, so the server answers 429 with Retry-After instead
/// of piling up threads. Runs execute on the submitting thread. Counts everything for /metrics.
class RunQueue
{
public:
    struct Config
    {
        int concurrency = 0; ///< 0: the number of cores
        int capacity = -1;   ///< waiting runs; -1: 4 × concurrency
    };

    enum class Refusal { None, QueueFull, RateLimited };

    struct Outcome
    {
        Refusal refusal = Refusal::None;
        int retryAfterSeconds = 0;
        sandbox::RunResult result; ///< valid when refusal is None
    };

    /// The sandbox must outlive the queue.
    RunQueue(sandbox::Sandbox &sandbox, Config config);

    void setRateLimiter(std::shared_ptr<RateLimiter> limiter);

    /// Runs the job for `user` (empty: anonymous, not rate limited), waiting for a slot if needed.
    Outcome submit(const sandbox::Job &job, const std::string &user = {});

    int concurrency() const { return m_concurrency; }
    int capacity() const { return m_capacity; }
    int running() const;
    int waiting() const;

    /// Prometheus text exposition of the run counters (appended to /metrics).
    std::string metricsText() const;

private:
    sandbox::Sandbox &m_sandbox;
    int m_concurrency, m_capacity;
    std::shared_ptr<RateLimiter> m_limiter;

    mutable std::mutex m_mutex;
    std::condition_variable m_slotFreed;
    int m_running = 0, m_waiting = 0;
    std::map<std::string, std::uint64_t> m_byStatus;
    std::uint64_t m_queueFull = 0, m_rateLimited = 0;
    double m_secondsSum = 0, m_waitSecondsSum = 0;
    std::uint64_t m_finished = 0;
};

} // namespace bunny::backend
