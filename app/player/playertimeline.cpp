#include "player/playertimeline.h"

#include <QDateTime>

#include <algorithm>

namespace bunny::app {

namespace {

QDateTime startedOf(const rec::Recording &recording)
{
    return QDateTime::fromString(QString::fromStdString(recording.header().started), Qt::ISODateWithMs);
}

qint64 idleLimitOf(const rec::Recording &recording)
{
    const auto &limit = recording.header().idleTimeLimitMs;
    return limit && *limit > 0 ? *limit : PlayerTimeline::kDefaultIdleLimitMs;
}

} // namespace

std::vector<std::size_t>
PlayerTimeline::sortedByStart(const std::vector<std::shared_ptr<const rec::Recording>> &recordings)
{
    std::vector<std::size_t> order(recordings.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    // Sessions without a readable start keep the order they were given in.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const QDateTime da = startedOf(*recordings[a]), db = startedOf(*recordings[b]);
        return da.isValid() && db.isValid() && da < db;
    });
    return order;
}

void PlayerTimeline::setRecordings(std::vector<std::shared_ptr<const rec::Recording>> recordings)
{
    m_segments.clear();
    for (auto &recording : recordings)
        m_segments.push_back({std::move(recording), 0});
    rebuild();
}

void PlayerTimeline::replaceRecording(std::size_t segment, std::shared_ptr<const rec::Recording> recording)
{
    m_segments[segment].recording = std::move(recording);
    rebuild();
}

void PlayerTimeline::setIdleCompression(bool on)
{
    if (m_compress == on)
        return;
    m_compress = on;
    rebuild();
}

rec::Event PlayerTimeline::event(std::size_t index) const
{
    const Segment &segment = m_segments[segmentOf(index)];
    return segment.recording->events()[index - segment.first];
}

rec::Code PlayerTimeline::code(std::size_t index) const
{
    const Segment &segment = m_segments[segmentOf(index)];
    return segment.recording->events().code(index - segment.first);
}

std::size_t PlayerTimeline::segmentOf(std::size_t index) const
{
    const auto it = std::upper_bound(m_segments.begin(), m_segments.end(), index,
                                     [](std::size_t i, const Segment &s) { return i < s.first; });
    return it == m_segments.begin() ? 0 : std::size_t(it - m_segments.begin()) - 1;
}

bool PlayerTimeline::startsSegment(std::size_t index) const
{
    for (std::size_t s = 1; s < m_segments.size(); ++s) {
        if (m_segments[s].first == index)
            return true;
    }
    return false;
}

std::size_t PlayerTimeline::countAt(qint64 time) const
{
    return std::size_t(std::upper_bound(m_times.begin(), m_times.end(), time) - m_times.begin());
}

rec::Document PlayerTimeline::stateAfter(std::size_t count) const
{
    if (count == 0 || m_segments.empty())
        return {};
    count = std::min(count, eventCount());
    // The last applied event decides the session: at a boundary the previous session's end shows.
    const std::size_t last = count - 1;
    const Segment &segment = m_segments[segmentOf(last)];
    return segment.recording->stateAfter(last - segment.first + 1);
}

void PlayerTimeline::extendLast()
{
    if (!m_segments.empty())
        indexLastSegment(m_segments.size() - 1);
}

void PlayerTimeline::rebuild()
{
    m_times.clear();
    m_markers.clear();
    m_activity.clear();
    m_outputs.clear();
    m_duration = 0;

    QDateTime previousStart;
    qint64 previousLength = 0;
    for (std::size_t s = 0; s < m_segments.size(); ++s) {
        Segment &segment = m_segments[s];
        const rec::Recording &recording = *segment.recording;
        segment.first = m_times.size();
        m_lastLimit = idleLimitOf(recording);
        m_lastRecordedT = 0;

        // The time between two sessions, clamped to 0..limit (a second session started while
        // the first was still being written overlaps it: no gap).
        const QDateTime start = startedOf(recording);
        if (s > 0) {
            qint64 gap = m_lastLimit;
            if (start.isValid() && previousStart.isValid())
                gap = std::clamp(previousStart.msecsTo(start) - previousLength, qint64(0), m_lastLimit);
            m_duration += gap;
        }
        previousStart = start;
        indexLastSegment(s);
        previousLength = std::max<qint64>(m_lastRecordedT, recording.durationMs());
    }
}

void PlayerTimeline::indexLastSegment(std::size_t s)
{
    const Segment &segment = m_segments[s];
    const rec::EventList &events = segment.recording->events();
    qint64 time = m_duration;
    for (std::size_t i = m_times.size() - segment.first; i < events.size(); ++i) {
        const std::int64_t t = events.time(i);
        qint64 delta = std::max<qint64>(0, t - m_lastRecordedT);
        if (m_compress)
            delta = std::min(delta, m_lastLimit);
        m_lastRecordedT = std::max<qint64>(m_lastRecordedT, t);
        time += delta;
        const std::size_t index = m_times.size();
        m_times.push_back(time);
        ++m_indexedTotal;

        switch (events.code(i)) {
        case rec::Code::Insert:
        case rec::Code::Delete:
        case rec::Code::Keyframe: {
            const auto second = std::size_t(time / 1000);
            if (m_activity.size() <= second)
                m_activity.resize(second + 1, 0);
            ++m_activity[second];
            break;
        }
        case rec::Code::Output:
            m_outputs.push_back(index);
            break;
        case rec::Code::Marker: {
            const rec::Event event = events[i];
            m_markers.push_back({time, index, QString::fromStdString(event.arg),
                                 QString::fromStdString(event.text), QString::fromStdString(event.path)});
            break;
        }
        default:
            break;
        }
    }
    m_duration = time;
    if (m_activity.size() < std::size_t(m_duration / 1000 + 1))
        m_activity.resize(std::size_t(m_duration / 1000 + 1), 0);
}

} // namespace bunny::app
