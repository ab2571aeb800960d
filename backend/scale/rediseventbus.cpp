#include "scale/rediseventbus.h"

#include "auth/randomtoken.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

namespace bunny::backend::scale {

RedisEventBus::RedisEventBus(RedisPool &pool, std::string prefix)
    : m_pool(pool)
    , m_prefix(std::move(prefix))
    , m_stopChannel(m_prefix + "bus-stop:" + auth::randomToken(8))
{}

RedisEventBus::~RedisEventBus()
{
    stop();
}

void RedisEventBus::subscribe(const std::string &pattern, Handler handler)
{
    m_handlers.emplace_back(m_prefix + pattern, std::move(handler));
}

void RedisEventBus::start()
{
    m_subscriber = std::make_unique<RedisConnection>(m_pool.url());
    // A subscribed connection only reads what Redis pushes; stop() wakes it through its own channel.
    m_subscriber->setReceiveTimeout(std::chrono::hours(24));
    m_subscriber->command({"SUBSCRIBE", m_stopChannel});
    for (const auto &[pattern, handler] : m_handlers)
        m_subscriber->command({"PSUBSCRIBE", pattern});
    m_thread = std::thread([this] { listen(); });
}

void RedisEventBus::stop()
{
    if (!m_thread.joinable() || m_stopping.exchange(true))
        return;
    try {
        publish(m_stopChannel.substr(m_prefix.size()), "stop");
    } catch (const Poco::Exception &) {
        // Redis is gone: the subscriber's read fails on the broken connection and ends by itself.
    }
    m_thread.join();
    m_subscriber.reset(); // closing the connection is what unsubscribes it
}

std::int64_t RedisEventBus::publish(const std::string &channel, const std::string &message)
{
    auto redis = m_pool.acquire();
    const auto receivers = redis->integer({"PUBLISH", m_prefix + channel, message});
    redis.keep();
    return receivers;
}

void RedisEventBus::listen()
{
    auto &log = Poco::Logger::get("bunnyd.events");
    while (!m_stopping) {
        try {
            // ["pmessage", pattern, channel, message] or ["message", channel, message].
            const auto pushed = m_subscriber->readPushed();
            if (pushed.size() != 4 || pushed[0] != std::optional<std::string>("pmessage"))
                continue;
            for (const auto &[pattern, handler] : m_handlers) {
                if (pushed[1] == pattern && pushed[2] && pushed[3])
                    handler(pushed[2]->substr(m_prefix.size()), *pushed[3]);
            }
        } catch (const Poco::TimeoutException &) {
            continue;
        } catch (const Poco::Exception &e) {
            if (!m_stopping)
                log.error("event bus subscriber lost: %s", e.displayText());
            return;
        }
    }
}

} // namespace bunny::backend::scale
