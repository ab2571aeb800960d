#include "recording/recording.h"

#include "recording/applyevent.h"
#include "recording/chunkedtext.h"
#include "recording/reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>

namespace bunny::rec {

namespace {

// Keyframe policy. A keyframe is due after kMaxEventsBetween events or once the replay since the
// last one would move kReplayBudget bytes, and is taken only when what it has to allocate (the
// chunk lists of files changed since the last one and the chunks edited since; see ChunkedText)
// is no bigger than the bytes the events take in the file that no keyframe has spent yet. So all
// keyframes together cost at most the file's size in memory, even for a large file edited a
// little at a time, and a seek replays a bounded number of events, each on one chunk of a few KiB.
constexpr std::size_t kMaxEventsBetween = 1000;
constexpr std::size_t kReplayBudget = 1 << 20;
constexpr std::size_t kRecheckEvery = 32;

} // namespace

using detail::ChunkedDocument;

namespace {

std::string stoppedWarning(const std::string &stoppedAt, std::size_t dropped)
{
    return stoppedAt + "; the recording is played up to the line before (" + std::to_string(dropped) +
           " events from there on are left out)";
}

} // namespace

class Recording::Builder
{
public:
    /// tolerant: an op that does not fit ends the recording there (Recording::stoppedAt())
    /// instead of failing the whole of it.
    Builder(Recording &rec, bool tolerant)
        : m_rec(rec)
        , m_tolerant(tolerant)
    {}

    Result<void> add(const Event &e, std::size_t lineNo)
    {
        if (!m_rec.m_stoppedAt.empty()) {
            ++m_dropped;
            return {};
        }
        maybeKeyframe();
        if (auto r = m_doc.apply(e); !r) {
            if (!m_tolerant)
                return fail(lineNo, r.message());
            m_rec.m_stoppedAt = fail(lineNo, r.message()).message();
            ++m_dropped;
            return {};
        }
        if (!m_rec.m_events.fits(e))
            return fail(lineNo, "the recording is too large: its texts or positions pass 4 GiB");
        m_rec.m_events.append(e);
        ++m_eventsSince;
        m_fileBytesSince += 24 + e.path.size() + e.arg.size() + e.text.size() + 8 * e.ranges.size();
        // Replaying an edit copies the chunk it touches (once per seek) and moves the chunk ends.
        m_replaySince += 64 + 2 * e.text.size();
        switch (e.code) {
        case Code::Keyframe:
        case Code::Insert:
        case Code::Delete:
        case Code::Remove:
            m_dirty.insert(e.path);
            break;
        case Code::Rename:
            m_dirty.insert(e.path);
            m_dirty.insert(e.arg);
            break;
        default:
            break;
        }
        return {};
    }

    bool stopped() const { return !m_rec.m_stoppedAt.empty(); }
    std::size_t dropped() const { return m_dropped; }

    void finish()
    {
        m_rec.m_events.shrink();
        m_rec.m_keyframes.shrink_to_fit();
    }

private:
    Result<void> fail(std::size_t lineNo, const std::string &reason)
    {
        if (lineNo == 0)
            return makeError("event " + std::to_string(m_rec.m_events.size() + 1) + ": " + reason);
        return makeError("line " + std::to_string(lineNo) + ": " + reason);
    }

    void maybeKeyframe()
    {
        if (m_eventsSince < kMaxEventsBetween && m_replaySince < kReplayBudget)
            return;
        if (m_eventsSince % kRecheckEvery != 0 && m_eventsSince != kMaxEventsBetween &&
            m_replaySince - m_replayAtCheck < kReplayBudget)
            return;
        m_replayAtCheck = m_replaySince;
        std::size_t copyBytes = 0;
        for (const std::string &path : m_dirty) {
            if (const auto it = m_doc.files.find(path); it != m_doc.files.end())
                copyBytes += it->second.unsharedBytes();
        }
        if (copyBytes > m_fileBytesSince)
            return;
        // What is left over carries on: a large file's first k pays for its later keyframes.
        m_fileBytesSince -= copyBytes;

        Keyframe kf;
        kf.eventIndex = m_rec.m_events.size();
        kf.files.reserve(m_doc.files.size());
        // Unchanged files hand out the list of their last keyframe again.
        for (auto &[path, text] : m_doc.files)
            kf.files.emplace_back(path, text.share());
        kf.selections = m_doc.selections;
        kf.focus = m_doc.focus;
        m_rec.m_keyframes.push_back(std::move(kf));
        m_dirty.clear();
        m_eventsSince = 0;
        m_replaySince = 0;
        m_replayAtCheck = 0;
    }

    Recording &m_rec;
    const bool m_tolerant;
    std::size_t m_dropped = 0;
    ChunkedDocument m_doc;
    std::set<std::string> m_dirty;
    std::size_t m_eventsSince = 0;
    std::size_t m_fileBytesSince = 0; ///< bytes in the file not yet spent on keyframes
    std::size_t m_replaySince = 0;
    std::size_t m_replayAtCheck = 0;
};

Result<Recording> Recording::read(const std::function<Result<void>(Reader &)> &feedAll)
{
    Recording rec;
    // A recorder's bug (an op that does not fit) costs the events from there on, not the whole
    // recording: what came before is played, with a warning naming the line.
    Builder builder(rec, true);
    Reader reader([&builder](const Event &e, std::size_t lineNo) { return builder.add(e, lineNo); });
    auto fed = feedAll(reader);
    if (fed)
        fed = reader.finish();
    if (!fed && !builder.stopped())
        return fed.error();
    builder.finish();
    rec.m_header = *reader.header();
    rec.m_warnings = reader.warnings();
    if (builder.stopped()) {
        rec.m_warnings.push_back(stoppedWarning(rec.m_stoppedAt, builder.dropped()));
        if (!fed)
            rec.m_warnings.push_back(fed.message() + " (in the part left out)");
    }
    return rec;
}

Result<Recording> Recording::parse(std::string_view bytes)
{
    return read([bytes](Reader &reader) { return reader.feed(bytes); });
}

Result<Recording> Recording::load(const std::string &path)
{
    std::FILE *file = std::fopen(path.c_str(), "rbe");
    if (!file)
        return makeError("cannot open " + path + ": " + std::strerror(errno));
    auto result = read([file, &path](Reader &reader) -> Result<void> {
        std::string chunk(1 << 20, '\0');
        for (;;) {
            const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), file);
            if (n > 0) {
                if (auto r = reader.feed(std::string_view(chunk.data(), n)); !r)
                    return r;
            }
            if (n < chunk.size()) {
                if (std::ferror(file))
                    return makeError("cannot read " + path + ": " + std::strerror(errno));
                return {};
            }
        }
    });
    std::fclose(file);
    return result;
}

Result<Recording> Recording::fromEvents(Header header, const std::vector<Event> &events)
{
    Recording rec;
    rec.m_header = std::move(header);
    Builder builder(rec, false);
    std::int64_t lastT = 0;
    for (const Event &e : events) {
        if (e.t < lastT)
            return makeError("event " + std::to_string(rec.m_events.size() + 1) + ": t goes backwards (" +
                             std::to_string(e.t) + " after " + std::to_string(lastT) + ")");
        lastT = e.t;
        if (auto r = builder.add(e, 0); !r)
            return r.error();
    }
    builder.finish();
    return rec;
}

Recording::Growing::Growing()
    : m_recording(std::make_shared<Recording>())
    , m_builder(std::make_unique<Builder>(*m_recording, true))
    , m_reader(std::make_unique<Reader>(
          [this](const Event &e, std::size_t lineNo) { return m_builder->add(e, lineNo); }))
{}

Recording::Growing::~Growing() = default;

Result<void> Recording::Growing::feed(std::string_view bytes)
{
    m_bytesFed += bytes.size();
    auto result = m_reader->feed(bytes);
    // The header is line 1: known once that line is complete, before any event.
    if (!m_headerTaken && m_reader->header()) {
        m_recording->m_header = *m_reader->header();
        m_headerTaken = true;
    }
    return result;
}

Result<void> Recording::Growing::finish()
{
    if (m_finished)
        return m_reader->finish();
    m_finished = true;
    auto result = m_reader->finish();
    if (result)
        m_builder->finish();
    if (m_reader->header())
        m_recording->m_header = *m_reader->header();
    m_recording->m_warnings = m_reader->warnings();
    if (m_builder->stopped())
        m_recording->m_warnings.push_back(stoppedWarning(m_recording->m_stoppedAt, m_builder->dropped()));
    return result;
}

bool Recording::Growing::hasHeader() const
{
    return m_reader->header().has_value();
}

std::size_t Recording::Growing::pendingBytes() const
{
    return m_reader->pendingBytes();
}

std::size_t Recording::Growing::lineCount() const
{
    return m_reader->lineCount();
}

std::int64_t Recording::durationMs() const
{
    return m_events.empty() ? 0 : m_events.time(m_events.size() - 1);
}

const Recording::Keyframe &Recording::keyframeFor(std::size_t eventCount) const
{
    // m_keyframes is never empty: the first one is the empty document before any event.
    const auto it = std::upper_bound(m_keyframes.begin(), m_keyframes.end(), eventCount,
                                     [](std::size_t n, const Keyframe &kf) { return n < kf.eventIndex; });
    return *(it - 1);
}

std::size_t Recording::keyframeBefore(std::size_t eventCount) const
{
    return keyframeFor(std::min(eventCount, m_events.size())).eventIndex;
}

Document Recording::stateAfter(std::size_t eventCount) const
{
    eventCount = std::min(eventCount, m_events.size());
    const Keyframe &kf = keyframeFor(eventCount);
    // Replayed on chunks, so an edit of a large file costs a chunk, not a move of the whole text;
    // the texts are joined once at the end.
    ChunkedDocument work;
    for (const auto &[path, chunks] : kf.files)
        work.files.emplace_hint(work.files.end(), path, ChunkedText(chunks));
    work.selections = kf.selections;
    work.focus = kf.focus;
    Event scratch;
    for (std::size_t i = kf.eventIndex; i < eventCount; ++i) {
        m_events.fill(i, scratch);
        // Every event was applied once while building, so it fits.
        (void)work.apply(scratch);
    }
    Document doc;
    for (const auto &[path, text] : work.files)
        doc.m_files.emplace_hint(doc.m_files.end(), path, text.flatten());
    doc.m_selections = std::move(work.selections);
    doc.m_focus = std::move(work.focus);
    return doc;
}

Document Recording::stateAt(std::int64_t t) const
{
    return stateAfter(m_events.countAt(t));
}

std::size_t Recording::memoryBytes() const
{
    std::size_t bytes =
        sizeof(Recording) + m_events.memoryBytes() + m_keyframes.capacity() * sizeof(Keyframe);
    std::set<const void *> counted;
    for (const Keyframe &kf : m_keyframes) {
        bytes += kf.files.capacity() * (sizeof(kf.files[0]) + 16) + kf.focus.capacity();
        for (const auto &[path, chunks] : kf.files) {
            bytes += path.capacity();
            if (!counted.insert(chunks.get()).second)
                continue;
            bytes += chunks->capacity() * sizeof(chunks->front()) + 32; // + the control block
            for (const auto &chunk : *chunks) {
                if (counted.insert(chunk.get()).second)
                    bytes += chunk->capacity() + 32;
            }
        }
        for (const auto &[path, ranges] : kf.selections)
            bytes += 64 + path.capacity() + ranges.capacity() * sizeof(std::int64_t);
    }
    return bytes;
}

} // namespace bunny::rec
