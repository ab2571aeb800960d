#include "recording/cursor.h"

namespace bunny::rec {

namespace {

// Copying a keyframe costs about as much as replaying this many events.
constexpr std::size_t kKeyframeCost = 64;

} // namespace

Cursor::Cursor(const Recording &recording)
    : m_recording(&recording)
{}

void Cursor::seek(std::size_t target)
{
    const EventList &events = m_recording->events();
    target = std::min(target, events.size());
    if (target == m_position) {
        m_lastMove = Move::None;
        return;
    }
    const std::size_t keyframe = m_recording->keyframeBefore(target);
    if (target > m_position && target - m_position <= target - keyframe + kKeyframeCost) {
        m_lastMove = Move::Forward;
        for (; m_position < target; ++m_position) {
            events.fill(m_position, m_scratch);
            // The recording was checked when built, so events fit and inverses exist.
            auto inverse = m_doc.inverse(m_scratch);
            if (inverse.ok()) {
                m_undo.push_back(std::move(*inverse));
                if (m_undo.size() > kMaxUndo)
                    m_undo.pop_front();
            }
            (void)m_doc.apply(m_scratch);
        }
        return;
    }
    if (target < m_position && m_position - target <= m_undo.size() &&
        m_position - target <= target - keyframe + kKeyframeCost) {
        m_lastMove = Move::Backward;
        for (; m_position > target; --m_position) {
            (void)m_doc.apply(m_undo.back());
            m_undo.pop_back();
        }
        return;
    }
    m_lastMove = Move::Keyframe;
    m_doc = m_recording->stateAfter(target);
    m_position = target;
    m_undo.clear();
}

} // namespace bunny::rec
