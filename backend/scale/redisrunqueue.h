#pragma once

#include "scale/redisconnection.h"

#include <sandbox/sandbox.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace bunny::backend {
class RunQueue;
}

namespace bunny::backend::scale {

/// The Redis keys of the run queue, all under one prefix (redis.prefix, default "bunny:").
///   PREFIXruns:queue               list of job envelopes waiting (LPUSH in, runners take from the right)
///   PREFIXruns:processing:RUNNER   list of the envelopes RUNNER has taken and not yet acknowledged
///   PREFIXruns:result:JOB          list holding JOB's result once stored (expires after a minute)
///   PREFIXrunners                  set of runner ids; PREFIXrunner:ID expires unless ID is alive
///   PREFIXruns:languages           the languages the runners offer (JSON, refreshed by each runner)
struct RunQueueKeys
{
    std::string prefix;
    std::string queue() const { return prefix + "runs:queue"; }
    std::string processing(const std::string &runner) const { return prefix + "runs:processing:" + runner; }
    std::string result(const std::string &job) const { return prefix + "runs:result:" + job; }
    std::string runners() const { return prefix + "runners"; }
    std::string heartbeat(const std::string &runner) const { return prefix + "runner:" + runner; }
    std::string languages() const { return prefix + "runs:languages"; }
};

/// The API side of scale-out: a Sandbox whose run() puts the job on the shared Redis queue and
/// waits for whichever runner takes it. Thread-safe; each waiting run holds one connection.
class RedisRunDispatcher : public sandbox::Sandbox
{
public:
    /// `timeout`: how long a run may wait for a runner and run, after which it is given up
    /// (internal_error) and a runner that takes it later drops it unrun.
    RedisRunDispatcher(RedisPool &pool, std::string prefix, std::chrono::milliseconds timeout);

    std::string backendName() const override { return "redis"; }
    /// What the live runners published.
    std::vector<sandbox::LanguageInfo> languages() override;
    sandbox::RunResult run(const sandbox::Job &job) override;
    /// Why runs cannot work: Redis unreachable or no live runner.
    std::string unavailableReason() override;

private:
    RedisPool &m_pool;
    RunQueueKeys m_keys;
    std::chrono::milliseconds m_timeout;
};

/// The runner side: `workers` threads move envelopes atomically (BLMOVE) from the queue to this
/// runner's processing list, run them through the local RunQueue and sandbox, then store the result
/// and remove the envelope in one MULTI/EXEC (the acknowledgement). A heartbeat key says this
/// runner is alive; every runner moves the processing lists of runners whose heartbeat expired
/// back to the queue, so a job taken by a runner that died runs again elsewhere (at least once).
class RedisRunner
{
public:
    struct Config
    {
        int workers = 1;
        std::string id; ///< empty: host name, pid and a random suffix
        std::chrono::milliseconds heartbeatTtl{10000};
    };

    /// The pool, run queue and sandbox must outlive the runner.
    RedisRunner(RedisPool &pool, std::string prefix, RunQueue &runs, sandbox::Sandbox &sandbox,
                Config config);
    ~RedisRunner();

    void start();
    /// Finishes the runs in progress (acknowledging them), then returns.
    void stop();

    const std::string &id() const { return m_config.id; }
    /// Moves the processing lists of runners without a heartbeat back to the queue; returns how
    /// many jobs moved. Runs every heartbeat on its own; public for tests and operators.
    int requeueOrphans();
    std::uint64_t finished() const { return m_finished; }

private:
    void work();
    void maintain();
    void beat(RedisConnection &redis);
    void handle(RedisConnection &redis, const std::string &envelope);

    RedisPool &m_pool;
    RunQueueKeys m_keys;
    RunQueue &m_runs;
    sandbox::Sandbox &m_sandbox;
    Config m_config;
    std::atomic<bool> m_stopping{false};
    std::atomic<std::uint64_t> m_finished{0};
    std::mutex m_mutex;
    std::condition_variable m_stopped;
    std::vector<std::thread> m_threads;
};

} // namespace bunny::backend::scale
