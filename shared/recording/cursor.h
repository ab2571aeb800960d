#pragma once

#include "recording/document.h"
#include "recording/recording.h"

#include <cstddef>
#include <deque>

namespace bunny::rec {

/// A play head over a Recording, for players: moves forward by applying events, steps back by
/// applying inverse ops (kept for the last kMaxUndo steps), and jumps through the nearest keyframe
/// when that is cheaper. The recording must outlive the cursor.
class Cursor
{
public:
    static constexpr std::size_t kMaxUndo = 4096;

    explicit Cursor(const Recording &recording);

    /// Number of events applied.
    std::size_t position() const { return m_position; }
    const Document &document() const { return m_doc; }

    /// Moves to the state after `eventCount` events (clamped).
    void seek(std::size_t eventCount);
    /// Moves to the state at time t (all events with time <= t).
    void seekTime(std::int64_t t) { seek(m_recording->eventCountAt(t)); }
    /// How the last seek went; for tests and statistics.
    enum class Move { None, Forward, Backward, Keyframe };
    Move lastMove() const { return m_lastMove; }

private:
    const Recording *m_recording;
    Document m_doc;
    std::size_t m_position = 0;
    std::deque<Event> m_undo; ///< inverses of events [m_position - m_undo.size(), m_position)
    Event m_scratch;
    Move m_lastMove = Move::None;
};

} // namespace bunny::rec
