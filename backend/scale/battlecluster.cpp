#include "scale/battlecluster.h"

#include "auth/randomtoken.h"

#include <Poco/Net/DNS.h>

#include <unistd.h>

namespace bunny::backend::scale {

namespace {

// Only the holder may extend or drop a lease: compare and act in one step on the server.
constexpr const char *kExtendIfMine = "if redis.call('GET', KEYS[1]) == ARGV[1] then return "
                                      "redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
constexpr const char *kDeleteIfMine =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

} // namespace

BattleCluster::BattleCluster(RedisPool &pool, std::string prefix, std::chrono::milliseconds lease)
    : m_pool(pool)
    , m_prefix(std::move(prefix))
    // Readable in redis-cli, unique even for two instances on one host.
    , m_instance(Poco::Net::DNS::hostName() + ":" + std::to_string(::getpid()) + ":" + auth::randomToken(4))
    , m_lease(lease)
    , m_bus(pool, m_prefix)
{}

BattleCluster::~BattleCluster()
{
    stop();
}

void BattleCluster::onEvent(Handler handler)
{
    m_bus.subscribe("battle:*",
                    [handler = std::move(handler)](const std::string &channel, const std::string &message) {
                        handler(channel.substr(std::string_view("battle:").size()), message);
                    });
}

void BattleCluster::start()
{
    m_bus.start();
}

void BattleCluster::stop()
{
    m_bus.stop();
}

std::string BattleCluster::key(const std::string &battleId) const
{
    return m_prefix + "battle-owner:" + battleId;
}

bool BattleCluster::claim(const std::string &battleId)
{
    auto redis = m_pool.acquire();
    const auto set =
        redis->string({"SET", key(battleId), m_instance, "NX", "PX", std::to_string(m_lease.count())});
    bool mine = set.has_value();
    if (!mine)
        mine = redis->string({"GET", key(battleId)}) == std::optional<std::string>(m_instance);
    redis.keep();
    return mine;
}

bool BattleCluster::owned(const std::string &battleId)
{
    auto redis = m_pool.acquire();
    const bool exists = redis->integer({"EXISTS", key(battleId)}) > 0;
    redis.keep();
    return exists;
}

std::vector<bool> BattleCluster::owned(const std::vector<std::string> &battleIds)
{
    std::vector<RedisConnection::Args> commands;
    for (const auto &id : battleIds)
        commands.push_back({"EXISTS", key(id)});
    auto redis = m_pool.acquire();
    const auto counts = redis->integers(commands);
    redis.keep();
    std::vector<bool> out;
    for (const auto n : counts)
        out.push_back(n > 0);
    return out;
}

void BattleCluster::refresh(const std::vector<std::string> &battleIds)
{
    std::vector<RedisConnection::Args> commands;
    const std::string ms = std::to_string(m_lease.count());
    for (const auto &id : battleIds)
        commands.push_back({"EVAL", kExtendIfMine, "1", key(id), m_instance, ms});
    auto redis = m_pool.acquire();
    redis->integers(commands);
    redis.keep();
}

void BattleCluster::release(const std::string &battleId)
{
    auto redis = m_pool.acquire();
    redis->integer({"EVAL", kDeleteIfMine, "1", key(battleId), m_instance});
    redis.keep();
}

bool BattleCluster::publish(const std::string &battleId, const std::string &message)
{
    return m_bus.publish("battle:" + battleId, message) > 0;
}

} // namespace bunny::backend::scale
