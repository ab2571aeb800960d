#include "recording/recording.h"

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
// last one would move kReplayBudget bytes (an insert or delete moves about the size of its file),
// and is taken only when the text it has to copy (files changed since the last one; unchanged
// files are shared between keyframes) is no bigger than the bytes those events take in the file.
// So keyframes cost at most about the file's size in memory, and a seek replays a bounded amount.
constexpr std::size_t kMaxEventsBetween = 1000;
constexpr std::size_t kReplayBudget = 1 << 20;
constexpr std::size_t kRecheckEvery = 32;

} // namespace

class Recording::Builder
{
public:
    explicit Builder(Recording &rec)
        : m_rec(rec)
    {}

    Result<void> add(const Event &e, std::size_t lineNo)
    {
        maybeKeyframe();
        std::size_t fileSize = 0;
        if (e.code == Code::Insert || e.code == Code::Delete) {
            if (const std::string *text = m_doc.text(e.path))
                fileSize = text->size();
        }
        if (auto r = m_doc.apply(e); !r)
            return fail(lineNo, r.message());
        if (!m_rec.m_events.fits(e))
            return fail(lineNo, "the recording is too large: its texts or positions pass 4 GiB");
        m_rec.m_events.append(e);
        ++m_eventsSince;
        m_fileBytesSince += 24 + e.path.size() + e.arg.size() + e.text.size() + 8 * e.ranges.size();
        m_replaySince += 64 + fileSize + e.text.size();
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
            if (const std::string *text = m_doc.text(path))
                copyBytes += text->size();
        }
        if (copyBytes > m_fileBytesSince)
            return;

        const Keyframe &previous = m_rec.m_keyframes.back();
        Keyframe kf;
        kf.eventIndex = m_rec.m_events.size();
        kf.files.reserve(m_doc.m_files.size());
        auto old = previous.files.begin();
        for (const auto &[path, text] : m_doc.m_files) {
            while (old != previous.files.end() && old->first < path)
                ++old;
            if (!m_dirty.count(path) && old != previous.files.end() && old->first == path)
                kf.files.emplace_back(path, old->second);
            else
                kf.files.emplace_back(path, std::make_shared<const std::string>(text));
        }
        kf.selections = m_doc.m_selections;
        kf.focus = m_doc.m_focus;
        m_rec.m_keyframes.push_back(std::move(kf));
        m_dirty.clear();
        m_eventsSince = 0;
        m_fileBytesSince = 0;
        m_replaySince = 0;
        m_replayAtCheck = 0;
    }

    Recording &m_rec;
    Document m_doc;
    std::set<std::string> m_dirty;
    std::size_t m_eventsSince = 0;
    std::size_t m_fileBytesSince = 0;
    std::size_t m_replaySince = 0;
    std::size_t m_replayAtCheck = 0;
};

Result<Recording> Recording::read(const std::function<Result<void>(Reader &)> &feedAll)
{
    Recording rec;
    Builder builder(rec);
    Reader reader([&builder](const Event &e, std::size_t lineNo) { return builder.add(e, lineNo); });
    if (auto r = feedAll(reader); !r)
        return r.error();
    if (auto r = reader.finish(); !r)
        return r.error();
    builder.finish();
    rec.m_header = *reader.header();
    rec.m_warnings = reader.warnings();
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
    Builder builder(rec);
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
    , m_builder(std::make_unique<Builder>(*m_recording))
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

Document Recording::materialize(const Keyframe &kf) const
{
    Document doc;
    for (const auto &[path, text] : kf.files)
        doc.m_files.emplace_hint(doc.m_files.end(), path, *text);
    doc.m_selections = kf.selections;
    doc.m_focus = kf.focus;
    return doc;
}

Document Recording::stateAfter(std::size_t eventCount) const
{
    eventCount = std::min(eventCount, m_events.size());
    const Keyframe &kf = keyframeFor(eventCount);
    Document doc = materialize(kf);
    Event scratch;
    for (std::size_t i = kf.eventIndex; i < eventCount; ++i) {
        m_events.fill(i, scratch);
        // Every event was applied once while building, so it fits.
        (void)doc.apply(scratch);
    }
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
    std::set<const std::string *> counted;
    for (const Keyframe &kf : m_keyframes) {
        bytes += kf.files.capacity() * (sizeof(kf.files[0]) + 16) + kf.focus.capacity();
        for (const auto &[path, text] : kf.files) {
            bytes += path.capacity();
            if (counted.insert(text.get()).second)
                bytes += text->capacity() + 32; // + the shared_ptr's control block
        }
        for (const auto &[path, ranges] : kf.selections)
            bytes += 64 + path.capacity() + ranges.capacity() * sizeof(std::int64_t);
    }
    return bytes;
}

} // namespace bunny::rec
