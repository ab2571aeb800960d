#pragma once

#include <chrono>
#include <cstddef>

namespace bunny::backend::http {

/// Limits of one WebSocket connection (settings ws.max_message_bytes, ws.messages_per_second,
/// ws.burst; 0 turns a limit off).
struct MessageLimits
{
    std::size_t maxBytes = 65536;
    double perSecond = 20;
    double burst = 60;
};

/// Flood control for the messages of one WebSocket connection: a size cap and a token bucket
/// (a sustained rate with bursts). The battle server asks it about every frame it receives
/// before parsing it: TooLarge closes the socket (1009), TooFast answers an error and drops the
/// message, and `shouldDisconnect()` says when a client kept flooding (1008). One instance per
/// connection, used by its reading thread only (not thread-safe).
class MessageLimiter
{
public:
    using Clock = std::chrono::steady_clock;
    enum class Verdict { Ok, TooLarge, TooFast };

    explicit MessageLimiter(MessageLimits limits, Clock::time_point now = Clock::now());

    /// Counts a message of `bytes` received at `now`.
    Verdict check(std::size_t bytes, Clock::time_point now = Clock::now());
    /// True once the client ignored the limit for `kStrikes` messages in a row.
    bool shouldDisconnect() const { return m_strikes >= kStrikes; }

    static constexpr int kStrikes = 20;

private:
    MessageLimits m_limits;
    double m_tokens;
    Clock::time_point m_refilled;
    int m_strikes = 0;
};

} // namespace bunny::backend::http
