#include "scale/redisratelimiter.h"

#include "auth/randomtoken.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include <string>

namespace bunny::backend::scale {

namespace {

// Both scripts first drop the hits that left the window and answer, when the window is full,
// the milliseconds until the oldest hit leaves it. KEYS[1] the window's sorted set; ARGV[1] limit,
// ARGV[2] window ms.
const std::string kWindowHead = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
)lua";

// ARGV[3] a unique member; 0 when the hit is counted.
const std::string kWindowScript = kWindowHead + R"lua(
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return 0
)lua";

// As kWindowScript, adding nothing.
const std::string kPeekScript = kWindowHead + "return 0\n";

/// Runs a window script; nullopt (allowed) when Redis fails, which is logged and reported.
std::optional<int> runWindowScript(RedisPool &pool, std::vector<std::string> command,
                                   const std::function<void()> &onFailure)
{
    try {
        auto redis = pool.acquire();
        const auto waitMs = redis->integer(command);
        redis.keep();
        if (waitMs <= 0)
            return std::nullopt;
        return static_cast<int>((waitMs + 999) / 1000);
    } catch (const Poco::Exception &e) {
        Poco::Logger::get("bunnyd.ratelimit")
            .warning("rate limit in Redis unavailable, allowing: %s", e.displayText());
        if (onFailure)
            onFailure();
        return std::nullopt;
    }
}

} // namespace

std::optional<int> redisWindowHit(RedisPool &pool, const std::string &key, int limit,
                                  std::chrono::milliseconds window, const std::function<void()> &onFailure)
{
    if (limit <= 0)
        return std::nullopt;
    return runWindowScript(pool,
                           {"EVAL", kWindowScript, "1", key, std::to_string(limit),
                            std::to_string(window.count()), auth::randomToken(8)},
                           onFailure);
}

std::optional<int> redisWindowPeek(RedisPool &pool, const std::string &key, int limit,
                                   std::chrono::milliseconds window, const std::function<void()> &onFailure)
{
    if (limit <= 0)
        return std::nullopt;
    return runWindowScript(
        pool, {"EVAL", kPeekScript, "1", key, std::to_string(limit), std::to_string(window.count())},
        onFailure);
}

RedisRateLimiter::RedisRateLimiter(RedisPool &pool, std::string prefix, std::function<void()> onFailure)
    : m_pool(pool)
    , m_prefix(std::move(prefix))
    , m_onFailure(std::move(onFailure))
{}

std::optional<int> RedisRateLimiter::hit(const std::string &key, int limit, std::chrono::seconds window)
{
    return redisWindowHit(m_pool, m_prefix + "ratelimit:" + key, limit, window, m_onFailure);
}

std::optional<int> RedisRateLimiter::peek(const std::string &key, int limit, std::chrono::seconds window)
{
    return redisWindowPeek(m_pool, m_prefix + "ratelimit:" + key, limit, window, m_onFailure);
}

RedisRunLimiter::RedisRunLimiter(RedisPool &pool, std::string prefix, int perMinute,
                                 std::function<void()> onFailure)
    : m_pool(pool)
    , m_prefix(std::move(prefix))
    , m_perMinute(perMinute)
    , m_onFailure(std::move(onFailure))
{}

bool RedisRunLimiter::allow(const std::string &user, int &retryAfterSeconds)
{
    const auto wait = redisWindowHit(m_pool, m_prefix + "ratelimit:runs:" + user, m_perMinute,
                                     std::chrono::minutes(1), m_onFailure);
    if (!wait)
        return true;
    retryAfterSeconds = *wait;
    return false;
}

} // namespace bunny::backend::scale
