#include "battles/battlesettings.h"

#include <Poco/Util/AbstractConfiguration.h>

namespace bunny::backend::battles {

void loadBattleConfig(const Poco::Util::AbstractConfiguration &c, BattleConfig &b)
{
    b.recordingsDir = c.getString("battles.recordings_dir", b.recordingsDir);
    b.countdownMs = c.getInt("battles.countdown_ms", b.countdownMs);
    b.graceMs = c.getInt("battles.grace_ms", b.graceMs);
    b.expiryMs = c.getInt("battles.expiry_ms", b.expiryMs);
    b.lingerMs = c.getInt("battles.linger_ms", b.lingerMs);
    b.defaultTimeLimitS = c.getInt("battles.time_limit_s", b.defaultTimeLimitS);
    b.minTimeLimitS = c.getInt("battles.min_time_limit_s", b.minTimeLimitS);
    b.maxTimeLimitS = c.getInt("battles.max_time_limit_s", b.maxTimeLimitS);
    b.tickMs = c.getInt("battles.tick_ms", b.tickMs);
    b.cursorIntervalMs = c.getInt("battles.cursor_ms", b.cursorIntervalMs);
    b.judgeThreads = c.getInt("battles.judge_threads", b.judgeThreads);
    b.ioThreads = c.getInt("battles.io_threads", b.ioThreads);
    b.maxFrameBytes = std::size_t(c.getInt64("battles.max_frame_bytes", Poco::Int64(b.maxFrameBytes)));
    b.maxTextBytes = std::size_t(c.getInt64("battles.max_text_bytes", Poco::Int64(b.maxTextBytes)));
    b.maxOutboxBytes = std::size_t(c.getInt64("battles.max_outbox_bytes", Poco::Int64(b.maxOutboxBytes)));
    b.messagesPerSecond = c.getInt("battles.messages_per_s", b.messagesPerSecond);
    b.pasteBytes = std::size_t(c.getInt64("battles.paste_bytes", Poco::Int64(b.pasteBytes)));
    b.chatBytes = std::size_t(c.getInt64("battles.chat_bytes", Poco::Int64(b.chatBytes)));
    b.recordingFlushMs = c.getInt("battles.recording_flush_ms", b.recordingFlushMs);
    b.judgeGraceMs = c.getInt("battles.judge_grace_ms", b.judgeGraceMs);
    b.maxSocketsPerUser = c.getInt("battles.max_sockets_per_user", b.maxSocketsPerUser);
}

} // namespace bunny::backend::battles
