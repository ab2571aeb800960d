#pragma once

#include <recording/document.h>
#include <recording/event.h>
#include <recording/recording.h>

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace bunny::app {

/// A marker event placed on the timeline.
struct TimelineMarker
{
    qint64 time = 0;       ///< timeline milliseconds
    std::size_t index = 0; ///< global event index
    QString kind;
    QString label;
    QString path;
};

/// One or several consecutive recordings of a project laid end to end as one timeline.
///
/// Timeline time is recording time with idle stretches shortened to the idle limit (the header's
/// idle_time_limit, else kDefaultIdleLimitMs) while compression is on. The time between two
/// sessions belongs to no recording, so it is always shortened. Events keep their order; an event
/// is addressed by its global index over all recordings, and "n events applied" is the state.
class PlayerTimeline
{
public:
    static constexpr qint64 kDefaultIdleLimitMs = 2000;

    /// Lays the recordings end to end in the order given (see sortedByStart).
    void setRecordings(std::vector<std::shared_ptr<const rec::Recording>> recordings);
    /// Replaces the recording at `segment` with a longer version of itself (a growing file).
    void replaceRecording(std::size_t segment, std::shared_ptr<const rec::Recording> recording);
    /// The last recording grew in place (rec::Recording::Growing): indexes its new events only.
    void extendLast();
    void setIdleCompression(bool on);
    /// The order in which `recordings` follow each other, by their `started` headers.
    static std::vector<std::size_t>
    sortedByStart(const std::vector<std::shared_ptr<const rec::Recording>> &recordings);
    bool idleCompression() const { return m_compress; }

    std::size_t segmentCount() const { return m_segments.size(); }
    const rec::Recording &recording(std::size_t segment) const { return *m_segments[segment].recording; }
    /// Global index of the first event of `segment`.
    std::size_t firstEvent(std::size_t segment) const { return m_segments[segment].first; }
    std::size_t eventCount() const { return m_times.size(); }
    qint64 duration() const { return m_duration; }

    /// Event `index`, built from the recording's packed list (cheap, but not free).
    rec::Event event(std::size_t index) const;
    rec::Code code(std::size_t index) const;
    qint64 timeOf(std::size_t index) const { return m_times[index]; }
    /// The segment that event `index` belongs to.
    std::size_t segmentOf(std::size_t index) const;
    /// True when event `index` opens a recording other than the first (the state starts afresh).
    bool startsSegment(std::size_t index) const;
    /// How many events have a time <= `time`.
    std::size_t countAt(qint64 time) const;
    /// The state once the first `count` events are applied, via the recordings' keyframes.
    rec::Document stateAfter(std::size_t count) const;

    const std::vector<TimelineMarker> &markers() const { return m_markers; }
    /// Edits (insert, delete, keyframe) per timeline second.
    const std::vector<int> &activity() const { return m_activity; }
    /// Global indices of output events, in order.
    const std::vector<std::size_t> &outputEvents() const { return m_outputs; }
    /// Events indexed since construction, re-indexing included: growth must cost only the new.
    std::size_t indexedEventTotal() const { return m_indexedTotal; }

private:
    struct Segment
    {
        std::shared_ptr<const rec::Recording> recording;
        std::size_t first = 0; ///< global index of its first event
    };

    void rebuild();
    /// Indexes the events of segment `s` (the last one indexed so far) from the first one not yet
    /// indexed, going on from m_duration.
    void indexLastSegment(std::size_t s);

    std::vector<Segment> m_segments;
    std::vector<qint64> m_times;
    std::vector<TimelineMarker> m_markers;
    std::vector<int> m_activity;
    std::vector<std::size_t> m_outputs;
    qint64 m_duration = 0;
    bool m_compress = true;
    // Where indexing of the last segment stopped, to go on from there when it grows.
    qint64 m_lastRecordedT = 0; ///< recording time of its last indexed event
    qint64 m_lastLimit = kDefaultIdleLimitMs;
    std::size_t m_indexedTotal = 0;
};

} // namespace bunny::app
