#include "auth/ratelimiter.h"

namespace bunny::backend::auth {

std::optional<int> RateLimiter::hit(const std::string &key, int limit, std::chrono::seconds window)
{
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    prune(now, window);
    auto &hits = m_hits[key];
    while (!hits.empty() && hits.front() <= now - window)
        hits.pop_front();
    if (limit <= 0 || int(hits.size()) < limit) {
        hits.push_back(now);
        return std::nullopt;
    }
    const auto wait = std::chrono::duration_cast<std::chrono::seconds>(hits.front() + window - now).count();
    return int(wait) + 1;
}

std::optional<int> RateLimiter::peek(const std::string &key, int limit, std::chrono::seconds window)
{
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    const auto found = m_hits.find(key);
    if (limit <= 0 || found == m_hits.end())
        return std::nullopt;
    auto &hits = found->second;
    while (!hits.empty() && hits.front() <= now - window)
        hits.pop_front();
    if (int(hits.size()) < limit)
        return std::nullopt;
    const auto wait = std::chrono::duration_cast<std::chrono::seconds>(hits.front() + window - now).count();
    return int(wait) + 1;
}

void RateLimiter::prune(Clock::time_point now, std::chrono::seconds window)
{
    // Forget idle keys now and then so a flood of addresses cannot grow the map forever.
    if (now - m_lastPrune < window)
        return;
    m_lastPrune = now;
    for (auto it = m_hits.begin(); it != m_hits.end();) {
        if (it->second.empty() || it->second.back() <= now - window)
            it = m_hits.erase(it);
        else
            ++it;
    }
}

} // namespace bunny::backend::auth
