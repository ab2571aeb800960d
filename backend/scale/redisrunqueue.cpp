#include "scale/redisrunqueue.h"

#include "auth/randomtoken.h"
#include "runs/runqueue.h"
#include "scale/runwire.h"

#include <sandbox/runjson.h>

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Process.h>

namespace bunny::backend::scale {

namespace {

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

sandbox::RunResult internalError(std::string message)
{
    sandbox::RunResult result;
    result.status = sandbox::Status::InternalError;
    result.message = std::move(message);
    return result;
}

Poco::Logger &logger()
{
    return Poco::Logger::get("bunnyd.runner");
}

} // namespace

RedisRunDispatcher::RedisRunDispatcher(RedisPool &pool, std::string prefix, std::chrono::milliseconds timeout)
    : m_pool(pool)
    , m_keys{std::move(prefix)}
    , m_timeout(timeout)
{}

std::vector<sandbox::LanguageInfo> RedisRunDispatcher::languages()
{
    std::vector<sandbox::LanguageInfo> out;
    try {
        auto redis = m_pool.acquire();
        const auto text = redis->string({"GET", m_keys.languages()});
        redis.keep();
        if (!text)
            return out;
        for (const auto &item : nlohmann::json::parse(*text)) {
            sandbox::LanguageInfo info;
            info.id = item.at("id").get<std::string>();
            info.name = item.at("name").get<std::string>();
            info.version = item.at("version").get<std::string>();
            info.extensions = item.at("extensions").get<std::vector<std::string>>();
            info.compiled = item.at("compiled").get<bool>();
            out.push_back(std::move(info));
        }
    } catch (const Poco::Exception &e) {
        logger().warning("languages from Redis: %s", e.displayText());
    } catch (const nlohmann::json::exception &e) {
        logger().warning("languages from Redis are malformed: %s", std::string(e.what()));
    }
    return out;
}

std::string RedisRunDispatcher::unavailableReason()
{
    try {
        auto redis = m_pool.acquire();
        // A runner is live when its heartbeat key exists, not merely when it is in the set.
        bool live = false;
        for (const auto &runner : redis->array({"SMEMBERS", m_keys.runners()})) {
            if (runner && redis->integer({"EXISTS", m_keys.heartbeat(*runner)}) > 0) {
                live = true;
                break;
            }
        }
        redis.keep();
        return live ? std::string() : std::string("no runner is connected to the run queue");
    } catch (const Poco::Exception &e) {
        return "the run queue (Redis) is unreachable: " + e.displayText();
    }
}

sandbox::RunResult RedisRunDispatcher::run(const sandbox::Job &job)
{
    const std::string id = auth::newId();
    const nlohmann::json envelope = {
        {"id", id}, {"expires_ms", nowMs() + m_timeout.count()}, {"job", jobToJson(job)}};
    try {
        auto redis = m_pool.acquire();
        redis->integer({"LPUSH", m_keys.queue(), envelope.dump()});
        // BLPOP's timeout is in seconds; the socket waits a little longer than Redis does.
        const auto seconds = std::max<std::int64_t>(1, (m_timeout.count() + 999) / 1000);
        redis->setReceiveTimeout(std::chrono::seconds(seconds + 5));
        const auto reply = redis->array({"BLPOP", m_keys.result(id), std::to_string(seconds)});
        redis.keep();
        if (reply.size() < 2 || !reply[1])
            return internalError("no runner finished the run in time");
        redis->integer({"DEL", m_keys.result(id)});
        auto result = resultFromJson(nlohmann::json::parse(*reply[1]));
        if (!result)
            return internalError(result.message());
        return *result;
    } catch (const Poco::Exception &e) {
        logger().error("run %s through Redis: %s", id, e.displayText());
        return internalError("the run queue (Redis) failed");
    } catch (const nlohmann::json::exception &e) {
        return internalError(std::string("a runner's result is malformed: ") + e.what());
    }
}

RedisRunner::RedisRunner(RedisPool &pool, std::string prefix, RunQueue &runs, sandbox::Sandbox &sandbox,
                         Config config)
    : m_pool(pool)
    , m_keys{std::move(prefix)}
    , m_runs(runs)
    , m_sandbox(sandbox)
    , m_config(std::move(config))
{
    if (m_config.id.empty())
        m_config.id = Poco::Environment::nodeName() + "-" + std::to_string(Poco::Process::id()) + "-" +
                      auth::randomToken(4);
    m_config.workers = std::max(1, m_config.workers);
}

RedisRunner::~RedisRunner()
{
    stop();
}

void RedisRunner::start()
{
    {
        auto redis = m_pool.acquire();
        // The sandbox probes its toolchains here, before this runner takes any job, so the API's
        // GET /languages is right as soon as a runner is live.
        redis->string({"SET", m_keys.languages(), sandbox::toJson(m_sandbox.languages()).dump()});
        beat(*redis);
        redis.keep();
    }
    m_threads.emplace_back([this] { maintain(); });
    for (int i = 0; i < m_config.workers; ++i)
        m_threads.emplace_back([this] { work(); });
    logger().information("runner %s: %d workers on the Redis run queue", m_config.id, m_config.workers);
}

void RedisRunner::stop()
{
    if (m_stopping.exchange(true))
        return;
    m_stopped.notify_all();
    for (auto &thread : m_threads)
        thread.join();
    m_threads.clear();
    try {
        // Leave cleanly: nothing is in our processing list any more, so forget us at once.
        auto redis = m_pool.acquire();
        redis->integer({"SREM", m_keys.runners(), m_config.id});
        redis->integer({"DEL", m_keys.heartbeat(m_config.id)});
        redis.keep();
    } catch (const Poco::Exception &e) {
        logger().warning("runner %s leaving: %s", m_config.id, e.displayText());
    }
}

void RedisRunner::beat(RedisConnection &redis)
{
    redis.integer({"SADD", m_keys.runners(), m_config.id});
    redis.string(
        {"SET", m_keys.heartbeat(m_config.id), "1", "PX", std::to_string(m_config.heartbeatTtl.count())});
}

void RedisRunner::maintain()
{
    const auto period = std::max(std::chrono::milliseconds(200), m_config.heartbeatTtl / 4);
    while (!m_stopping) {
        try {
            auto redis = m_pool.acquire();
            beat(*redis);
            redis.keep();
            requeueOrphans();
        } catch (const Poco::Exception &e) {
            logger().warning("runner %s heartbeat: %s", m_config.id, e.displayText());
        }
        std::unique_lock lock(m_mutex);
        m_stopped.wait_for(lock, period, [this] { return m_stopping.load(); });
    }
}

int RedisRunner::requeueOrphans()
{
    int moved = 0;
    auto redis = m_pool.acquire();
    for (const auto &runner : redis->array({"SMEMBERS", m_keys.runners()})) {
        if (!runner || *runner == m_config.id || redis->integer({"EXISTS", m_keys.heartbeat(*runner)}) > 0)
            continue;
        // LMOVE is atomic per job: each is either still in the dead runner's list or back in the
        // queue, never lost, even if two runners sweep at once.
        while (redis->string({"LMOVE", m_keys.processing(*runner), m_keys.queue(), "RIGHT", "RIGHT"}))
            ++moved;
        redis->integer({"SREM", m_keys.runners(), *runner});
        logger().warning("runner %s stopped beating: its jobs went back to the queue", *runner);
    }
    redis.keep();
    return moved;
}

void RedisRunner::work()
{
    while (!m_stopping) {
        try {
            auto redis = m_pool.acquire();
            redis->setReceiveTimeout(std::chrono::seconds(6));
            // Taken from the right (oldest first), pushed to our processing list in one step.
            const auto envelope = redis->string(
                {"BLMOVE", m_keys.queue(), m_keys.processing(m_config.id), "RIGHT", "LEFT", "1"});
            if (envelope)
                handle(*redis, *envelope);
            redis.keep();
        } catch (const Poco::Exception &e) {
            logger().warning("runner %s: %s", m_config.id, e.displayText());
            std::unique_lock lock(m_mutex);
            m_stopped.wait_for(lock, std::chrono::seconds(1), [this] { return m_stopping.load(); });
        }
    }
}

void RedisRunner::handle(RedisConnection &redis, const std::string &envelope)
{
    std::string id;
    std::string resultText;
    try {
        const auto message = nlohmann::json::parse(envelope);
        id = message.at("id").get<std::string>();
        if (message.at("expires_ms").get<std::int64_t>() < nowMs()) {
            logger().information("runner %s: dropped expired run %s", m_config.id, id);
        } else {
            auto job = sandbox::jobFromJson(message.at("job"));
            const auto result = job ? m_runs.submit(*job).result : internalError(job.message());
            resultText = sandbox::toJson(result).dump();
        }
    } catch (const nlohmann::json::exception &e) {
        logger().error("runner %s: a malformed job was dropped: %s", m_config.id, std::string(e.what()));
    }
    // The acknowledgement: the result is stored and the job leaves our processing list together.
    redis.string({"MULTI"});
    if (!id.empty() && !resultText.empty()) {
        redis.string({"RPUSH", m_keys.result(id), resultText});
        redis.string({"PEXPIRE", m_keys.result(id), "60000"});
    }
    redis.string({"LREM", m_keys.processing(m_config.id), "1", envelope});
    redis.command({"EXEC"});
    ++m_finished;
}

} // namespace bunny::backend::scale
