#pragma once

#include <cstddef>
#include <string>

namespace bunny::backend::battles {

/// Battle settings (the `battles.*` keys of backend/battles/README.md). Times are in ms so
/// tests can run whole battles in seconds.
struct BattleConfig
{
    std::string recordingsDir;    // DATA/battles: one .bunnyrec per battle
    int countdownMs = 5000;       // battles.countdown_ms: both ready -> running
    int graceMs = 60000;          // battles.grace_ms: a disconnected player may come back
    int expiryMs = 600000;        // battles.expiry_ms: a battle nobody joined or started ends
    int lingerMs = 300000;        // battles.linger_ms: a finished battle keeps its sockets
    int defaultTimeLimitS = 900;  // battles.time_limit_s: when POST /battles names none
    int minTimeLimitS = 60;       // battles.min_time_limit_s
    int maxTimeLimitS = 3 * 3600; // battles.max_time_limit_s
    int tickMs = 50;              // battles.tick_ms: timers and coalesced cursors
    int cursorIntervalMs = 50;    // battles.cursor_ms: at most one relayed caret per player this often
    int judgeThreads = 2;         // battles.judge_threads: judgments at once (each also uses the sandbox)
    int ioThreads = 2;            // battles.io_threads: epoll loops for the sockets
    std::size_t maxFrameBytes = 256 * 1024; // battles.max_frame_bytes: a bigger message closes (1009)
    std::size_t maxTextBytes = 128 * 1024;  // battles.max_text_bytes: a player's document
    std::size_t maxOutboxBytes = 4u << 20;  // battles.max_outbox_bytes: a client this far behind is dropped
    int messagesPerSecond = 60;             // battles.messages_per_s: per socket, bursts of twice that
    std::size_t pasteBytes = 200; // battles.paste_bytes: inserts this big are flagged (no_outside_paste)
    std::size_t chatBytes = 500;  // battles.chat_bytes
    int recordingFlushMs = 1000;  // battles.recording_flush_ms
    int judgeGraceMs = 60000;     // battles.judge_grace_ms: at the deadline, wait this long for verdicts
    int maxSocketsPerUser = 8; // battles.max_sockets_per_user: open battle sockets of one account (0: no cap)
};

} // namespace bunny::backend::battles
