#include "scale/redisratelimiter.h"

#include "auth/randomtoken.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

namespace bunny::backend::scale {

namespace {

// KEYS[1] the window's sorted set; ARGV: limit, window ms, a unique member.
// Returns 0 when the hit is counted, else the milliseconds until the oldest hit leaves the window.
const char *const kWindowScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return 0
)lua";

} // namespace

std::optional<int> redisWindowHit(RedisPool &pool, const std::string &key, int limit,
                                  std::chrono::milliseconds window)
{
    if (limit <= 0)
        return std::nullopt;
    try {
        auto redis = pool.acquire();
        const auto waitMs = redis->integer({"EVAL", kWindowScript, "1", key, std::to_string(limit),
                                            std::to_string(window.count()), auth::randomToken(8)});
        redis.keep();
        if (waitMs <= 0)
            return std::nullopt;
        return static_cast<int>((waitMs + 999) / 1000);
    } catch (const Poco::Exception &e) {
        Poco::Logger::get("bunnyd.ratelimit")
            .warning("rate limit in Redis unavailable, allowing: %s", e.displayText());
        return std::nullopt;
    }
}

RedisRateLimiter::RedisRateLimiter(RedisPool &pool, std::string prefix)
    : m_pool(pool)
    , m_prefix(std::move(prefix))
{}

std::optional<int> RedisRateLimiter::hit(const std::string &key, int limit, std::chrono::seconds window)
{
    return redisWindowHit(m_pool, m_prefix + "ratelimit:" + key, limit, window);
}

RedisRunLimiter::RedisRunLimiter(RedisPool &pool, std::string prefix, int perMinute)
    : m_pool(pool)
    , m_prefix(std::move(prefix))
    , m_perMinute(perMinute)
{}

bool RedisRunLimiter::allow(const std::string &user, int &retryAfterSeconds)
{
    const auto wait =
        redisWindowHit(m_pool, m_prefix + "ratelimit:runs:" + user, m_perMinute, std::chrono::minutes(1));
    if (!wait)
        return true;
    retryAfterSeconds = *wait;
    return false;
}

} // namespace bunny::backend::scale
