#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace bunny::backend::auth {

/// Sliding-window limiter: at most `limit` hits per key within `window`. Thread-safe,
/// in process (one bunnyd; Redis when scaled out).
class RateLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    virtual ~RateLimiter() = default;
    /// Records a hit; when over the limit records nothing and returns the seconds to wait.
    /// (scale/redisratelimiter.h keeps the same limits in Redis, shared by every instance.)
    virtual std::optional<int> hit(const std::string &key, int limit, std::chrono::seconds window);
    /// The seconds to wait when `key` is at its limit now, recording nothing: for limits that
    /// count only some outcomes (failed logins), checked before and hit() after.
    virtual std::optional<int> peek(const std::string &key, int limit, std::chrono::seconds window);

private:
    void prune(Clock::time_point now, std::chrono::seconds window);

    std::mutex m_mutex;
    std::unordered_map<std::string, std::deque<Clock::time_point>> m_hits;
    Clock::time_point m_lastPrune{};
};

} // namespace bunny::backend::auth
