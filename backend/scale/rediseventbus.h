#pragma once

#include "scale/redisconnection.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace bunny::backend::scale {

/// Events between bunnyd instances over Redis Pub/Sub, so any instance can reach the one that
/// owns a battle: the owner subscribes to `battle:*`, and an instance that gets a REST call for a
/// battle it does not hold publishes to `battle:ID`. Channels are under the prefix. Delivery is
/// at most once (Pub/Sub keeps nothing for an instance that is down): use it for live signals
/// whose truth is in the database.
class RedisEventBus
{
public:
    /// Runs on the bus's own thread; must not block for long. The channel has no prefix.
    using Handler = std::function<void(const std::string &channel, const std::string &message)>;

    RedisEventBus(RedisPool &pool, std::string prefix);
    ~RedisEventBus();

    /// Before start(): deliver messages on channels matching the glob `pattern` to `handler`.
    void subscribe(const std::string &pattern, Handler handler);
    /// Connects the subscriber and returns once every pattern is subscribed.
    void start();
    void stop();

    /// Sends to every instance subscribed to a matching pattern; returns how many got it.
    std::int64_t publish(const std::string &channel, const std::string &message);

private:
    void listen();

    RedisPool &m_pool;
    std::string m_prefix;
    std::string m_stopChannel;
    std::vector<std::pair<std::string, Handler>> m_handlers;
    std::unique_ptr<RedisConnection> m_subscriber;
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;
};

} // namespace bunny::backend::scale
