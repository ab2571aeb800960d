#pragma once

#include "scale/rediseventbus.h"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace bunny::backend::scale {

/// What several bunnyd instances need to share battles (backend/battles/README.md, "Several
/// instances"): who owns a live battle, as a lease in Redis (`PREFIXbattle-owner:ID` holding the
/// instance id, refreshed while the battle is in the owner's memory), and events to the owner of
/// a battle over the RedisEventBus (channel `battle:ID`). The database stays the truth for
/// seats and results; the bus only tells the owner to update what it holds in memory.
class BattleCluster
{
public:
    /// Runs on the bus thread with the battle id and the JSON text published for it.
    using Handler = std::function<void(const std::string &battleId, const std::string &message)>;

    BattleCluster(RedisPool &pool, std::string prefix, std::chrono::milliseconds lease);
    ~BattleCluster();

    const std::string &instanceId() const { return m_instance; }
    std::chrono::milliseconds lease() const { return m_lease; }

    /// Before start(): what to do with events for battles.
    void onEvent(Handler handler);
    void start();
    void stop();

    /// Takes the lease of battleId unless another live instance holds it. True when this
    /// instance holds it now.
    bool claim(const std::string &battleId);
    /// Whether any instance holds the lease (a battle without one has no live owner).
    bool owned(const std::string &battleId);
    /// owned() of each id, in one round trip to Redis.
    std::vector<bool> owned(const std::vector<std::string> &battleIds);
    /// Extends the leases this instance holds, in one round trip; ids whose lease is another's
    /// are left alone.
    void refresh(const std::vector<std::string> &battleIds);
    /// Gives the lease up (the battle left memory).
    void release(const std::string &battleId);
    /// Sends an event to the owner of battleId; returns whether an instance heard it.
    bool publish(const std::string &battleId, const std::string &message);

private:
    std::string key(const std::string &battleId) const;

    RedisPool &m_pool;
    std::string m_prefix;
    std::string m_instance;
    std::chrono::milliseconds m_lease;
    RedisEventBus m_bus;
};

} // namespace bunny::backend::scale
