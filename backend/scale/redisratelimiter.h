#pragma once

#include "auth/ratelimiter.h"
#include "runs/runqueue.h"
#include "scale/redisconnection.h"

#include <functional>

namespace bunny::backend::scale {

/// One sliding-window hit in Redis (a sorted set per key, trimmed and counted in one Lua script
/// with Redis's own clock), so every bunnyd sharing the Redis shares the limit. nullopt: allowed
/// (and counted); else the seconds to wait. When Redis fails the hit is allowed and a warning
/// logged, and onFailure called (bunny_rate_limit_backend_errors_total): an outage of Redis must
/// not lock every user out, but it must be seen.
std::optional<int> redisWindowHit(RedisPool &pool, const std::string &key, int limit,
                                  std::chrono::milliseconds window,
                                  const std::function<void()> &onFailure = {});
/// As redisWindowHit, but only tells whether the key is at its limit; records nothing.
std::optional<int> redisWindowPeek(RedisPool &pool, const std::string &key, int limit,
                                   std::chrono::milliseconds window,
                                   const std::function<void()> &onFailure = {});

/// The login and register limits (auth::RateLimiter) kept in Redis.
class RedisRateLimiter : public auth::RateLimiter
{
public:
    /// onFailure: called (any thread) whenever Redis fails and a hit is let through.
    RedisRateLimiter(RedisPool &pool, std::string prefix, std::function<void()> onFailure = {});
    std::optional<int> hit(const std::string &key, int limit, std::chrono::seconds window) override;
    std::optional<int> peek(const std::string &key, int limit, std::chrono::seconds window) override;

private:
    RedisPool &m_pool;
    std::string m_prefix;
    std::function<void()> m_onFailure;
};

/// The per-user run limit (runs.h's RateLimiter) kept in Redis: `perMinute` runs in any 60 s.
class RedisRunLimiter : public backend::RateLimiter
{
public:
    RedisRunLimiter(RedisPool &pool, std::string prefix, int perMinute, std::function<void()> onFailure = {});
    bool allow(const std::string &user, int &retryAfterSeconds) override;

private:
    RedisPool &m_pool;
    std::string m_prefix;
    int m_perMinute;
    std::function<void()> m_onFailure;
};

} // namespace bunny::backend::scale
