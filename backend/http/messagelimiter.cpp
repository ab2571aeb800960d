#include "http/messagelimiter.h"

#include <algorithm>

namespace bunny::backend::http {

MessageLimiter::MessageLimiter(MessageLimits limits, Clock::time_point now)
    : m_limits(limits)
    , m_tokens(std::max(1.0, limits.burst))
    , m_refilled(now)
{}

MessageLimiter::Verdict MessageLimiter::check(std::size_t bytes, Clock::time_point now)
{
    if (m_limits.maxBytes > 0 && bytes > m_limits.maxBytes) {
        ++m_strikes;
        return Verdict::TooLarge;
    }
    if (m_limits.perSecond <= 0)
        return Verdict::Ok;
    const double elapsed = std::chrono::duration<double>(now - m_refilled).count();
    m_refilled = now;
    m_tokens =
        std::min(std::max(1.0, m_limits.burst), m_tokens + std::max(0.0, elapsed) * m_limits.perSecond);
    if (m_tokens < 1) {
        ++m_strikes;
        return Verdict::TooFast;
    }
    m_tokens -= 1;
    m_strikes = 0;
    return Verdict::Ok;
}

} // namespace bunny::backend::http
