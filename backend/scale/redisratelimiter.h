#pragma once

#include "auth/ratelimiter.h"
#include "runs/runqueue.h"
#include "scale/redisconnection.h"

namespace bunny::backend::scale {

/// One sliding-window hit in Redis (a sorted set per key, trimmed and counted in one Lua script
/// with Redis's own clock), so every bunnyd sharing the Redis shares the limit. nullopt: allowed
/// (and counted); else the seconds to wait. When Redis fails the hit is allowed and a warning
/// logged: an outage of Redis must not lock every user out.
std::optional<int> redisWindowHit(RedisPool &pool, const std::string &key, int limit,
                                  std::chrono::milliseconds window);

/// The login and register limits (auth::RateLimiter) kept in Redis.
class RedisRateLimiter : public auth::RateLimiter
{
public:
    RedisRateLimiter(RedisPool &pool, std::string prefix);
    std::optional<int> hit(const std::string &key, int limit, std::chrono::seconds window) override;

private:
    RedisPool &m_pool;
    std::string m_prefix;
};

/// The per-user run limit (runs.h's RateLimiter) kept in Redis: `perMinute` runs in any 60 s.
class RedisRunLimiter : public backend::RateLimiter
{
public:
    RedisRunLimiter(RedisPool &pool, std::string prefix, int perMinute);
    bool allow(const std::string &user, int &retryAfterSeconds) override;

private:
    RedisPool &m_pool;
    std::string m_prefix;
    int m_perMinute;
};

} // namespace bunny::backend::scale
