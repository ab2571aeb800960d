#include "runs/runqueue.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

namespace bunny::backend {

using Clock = std::chrono::steady_clock;

TokenBucketLimiter::TokenBucketLimiter(double perMinute, double burst)
    : m_perSecond(perMinute / 60.0)
    , m_burst(std::max(burst, 1.0))
{}

bool TokenBucketLimiter::allow(const std::string &user, int &retryAfterSeconds)
{
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    auto [it, fresh] = m_buckets.try_emplace(user, Bucket{m_burst, now});
    Bucket &bucket = it->second;
    if (!fresh) {
        const double elapsed = std::chrono::duration<double>(now - bucket.refilled).count();
        bucket.tokens = std::min(m_burst, bucket.tokens + elapsed * m_perSecond);
        bucket.refilled = now;
    }
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return true;
    }
    retryAfterSeconds =
        m_perSecond > 0 ? static_cast<int>(std::ceil((1.0 - bucket.tokens) / m_perSecond)) : 60;
    return false;
}

RunQueue::RunQueue(sandbox::Sandbox &sandbox, Config config)
    : m_sandbox(sandbox)
    , m_concurrency(config.concurrency > 0
                        ? config.concurrency
                        : std::max(1, static_cast<int>(std::thread::hardware_concurrency())))
    , m_capacity(config.capacity >= 0 ? config.capacity : 4 * m_concurrency)
{}

void RunQueue::setRateLimiter(std::shared_ptr<RateLimiter> limiter)
{
    std::lock_guard lock(m_mutex);
    m_limiter = std::move(limiter);
}

RunQueue::Outcome RunQueue::submit(const sandbox::Job &job, const std::string &user)
{
    Outcome outcome;
    std::unique_lock lock(m_mutex);
    if (m_running >= m_concurrency && m_waiting >= m_capacity) {
        ++m_queueFull;
        outcome.refusal = Refusal::QueueFull;
        // Time for the queue ahead to drain, from the mean run so far.
        const double mean = m_finished ? m_secondsSum / static_cast<double>(m_finished) : 1.0;
        outcome.retryAfterSeconds =
            std::max(1, static_cast<int>(std::ceil(mean * (m_waiting + 1) / m_concurrency)));
        return outcome;
    }
    // The place is held while the limiter answers, so a run refused for a full queue never spends
    // the user's token, and the limiter (a Redis round trip) is asked without the queue's lock.
    ++m_waiting;
    const std::shared_ptr<RateLimiter> limiter = m_limiter;
    if (limiter && !user.empty()) {
        lock.unlock();
        const bool allowed = limiter->allow(user, outcome.retryAfterSeconds);
        lock.lock();
        if (!allowed) {
            --m_waiting;
            ++m_rateLimited;
            outcome.refusal = Refusal::RateLimited;
            return outcome;
        }
    }
    const auto queued = Clock::now();
    m_slotFreed.wait(lock, [this] { return m_running < m_concurrency; });
    --m_waiting;
    ++m_running;
    const auto started = Clock::now();
    lock.unlock();

    outcome.result = m_sandbox.run(job);

    lock.lock();
    --m_running;
    ++m_finished;
    ++m_byStatus[sandbox::statusName(outcome.result.status)];
    m_secondsSum += std::chrono::duration<double>(Clock::now() - started).count();
    m_waitSecondsSum += std::chrono::duration<double>(started - queued).count();
    lock.unlock();
    m_slotFreed.notify_one();
    return outcome;
}

int RunQueue::running() const
{
    std::lock_guard lock(m_mutex);
    return m_running;
}

int RunQueue::waiting() const
{
    std::lock_guard lock(m_mutex);
    return m_waiting;
}

std::string RunQueue::metricsText() const
{
    std::lock_guard lock(m_mutex);
    std::ostringstream out;
    out << "# HELP bunny_runs_total Finished sandbox runs by verdict.\n# TYPE bunny_runs_total counter\n";
    for (const char *status : {"ok", "compile_error", "runtime_error", "time_limit", "memory_limit",
                               "output_limit", "internal_error"}) {
        const auto it = m_byStatus.find(status);
        out << "bunny_runs_total{status=\"" << status << "\"} " << (it == m_byStatus.end() ? 0 : it->second)
            << '\n';
    }
    out << "# HELP bunny_runs_rejected_total Runs refused before starting.\n"
           "# TYPE bunny_runs_rejected_total counter\n"
        << "bunny_runs_rejected_total{reason=\"queue_full\"} " << m_queueFull << '\n'
        << "bunny_runs_rejected_total{reason=\"rate_limited\"} " << m_rateLimited << '\n'
        << "# HELP bunny_runs_running Runs executing now.\n# TYPE bunny_runs_running gauge\n"
        << "bunny_runs_running " << m_running << '\n'
        << "# HELP bunny_runs_waiting Runs waiting for a slot.\n# TYPE bunny_runs_waiting gauge\n"
        << "bunny_runs_waiting " << m_waiting << '\n'
        << "# HELP bunny_run_seconds Time runs spent executing.\n# TYPE bunny_run_seconds summary\n"
        << "bunny_run_seconds_sum " << m_secondsSum << '\n'
        << "bunny_run_seconds_count " << m_finished << '\n'
        << "# HELP bunny_run_wait_seconds Time runs spent waiting for a slot.\n"
           "# TYPE bunny_run_wait_seconds summary\n"
        << "bunny_run_wait_seconds_sum " << m_waitSecondsSum << '\n'
        << "bunny_run_wait_seconds_count " << m_finished << '\n';
    return out.str();
}

} // namespace bunny::backend
