#pragma once

#include "recording/document.h"
#include "recording/event.h"
#include "recording/eventlist.h"
#include "recording/header.h"

#include <core/result.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bunny::rec {

class Reader;

/// A whole recording in memory, checked (every op replayed against the document) and indexed
/// with keyframes, so the state at any time costs a keyframe copy plus a bounded replay, never a
/// replay from the start. Immutable once built; const methods are safe from several threads.
/// A default-constructed Recording is empty (no events), and valid to query.
class Recording
{
public:
    /// Reads a .bunnyrec file, plain or gzip (told apart by the magic bytes), streaming.
    static Result<Recording> load(const std::string &path);
    /// The same from bytes in memory.
    static Result<Recording> parse(std::string_view bytes);
    /// Builds from events made in code; checks them like a file (t order, ops that fit).
    static Result<Recording> fromEvents(Header header, const std::vector<Event> &events);

    class Growing;

    const Header &header() const { return m_header; }
    /// Note: an EventList (packed), not a std::vector<Event>; it reads the same way.
    const EventList &events() const { return m_events; }
    /// E.g. "line 812: the last line is cut short (a crash while writing?); ignored".
    const std::vector<std::string> &warnings() const { return m_warnings; }
    /// Empty, or the first op of a loaded file that does not fit the files ("line N: reason"):
    /// load() and parse() keep the events before it and leave it and the rest out (a warning says
    /// so) rather than refuse the whole recording; `rec verify` calls such a file invalid.
    const std::string &stoppedAt() const { return m_stoppedAt; }
    /// Time of the last event (0 without events).
    std::int64_t durationMs() const;

    /// All events with time <= t applied.
    Document stateAt(std::int64_t t) const;
    /// The first eventCount events applied (clamped to the number of events).
    Document stateAfter(std::size_t eventCount) const;
    /// The number of events with time <= t.
    std::size_t eventCountAt(std::int64_t t) const { return m_events.countAt(t); }

    /// Event index of the nearest keyframe at or before eventCount.
    std::size_t keyframeBefore(std::size_t eventCount) const;
    std::size_t keyframeCount() const { return m_keyframes.size(); }
    /// Bytes held by the in-memory model: packed events, keyframes, their bookkeeping.
    std::size_t memoryBytes() const;

private:
    /// A file's text as immutable chunks (ChunkedText::Chunks), shared between keyframes.
    using Chunks = std::vector<std::shared_ptr<const std::string>>;
    struct Keyframe
    {
        std::size_t eventIndex = 0;
        std::vector<std::pair<std::string, std::shared_ptr<const Chunks>>> files; // by path
        std::map<std::string, std::vector<std::int64_t>> selections;
        std::string focus;
    };
    class Builder;
    friend class Builder;

    static Result<Recording> read(const std::function<Result<void>(Reader &)> &feedAll);

    const Keyframe &keyframeFor(std::size_t eventCount) const;

    Header m_header;
    EventList m_events;
    std::vector<Keyframe> m_keyframes = std::vector<Keyframe>(1); ///< [0]: the empty state before any event
    std::vector<std::string> m_warnings;
    std::string m_stoppedAt;
};

/// A recording read as its bytes arrive (a download in progress, a file still being written):
/// each feed() parses only the bytes it is given, and their complete lines extend recording() in
/// place (events, keyframes), so n chunks cost the size of the file, not n times it. A line cut
/// between two chunks waits for the rest. Not thread-safe while it grows: recording() must be
/// read on the thread that feeds. After the first error every call returns that error. An op that
/// does not fit the document ends the recording there, as load() does (stoppedAt(), and a warning
/// from finish()).
class Recording::Growing
{
public:
    Growing();
    ~Growing();
    Growing(const Growing &) = delete;
    Growing &operator=(const Growing &) = delete;

    /// Plain or gzip bytes, in order.
    Result<void> feed(std::string_view bytes);
    /// The end of the input: a last line without its newline is taken, or dropped with a warning
    /// if cut short, as load() does. Later feeds are refused.
    Result<void> finish();

    /// The events so far. Lives as long as the shared pointer: it may outlive this object.
    std::shared_ptr<const Recording> recording() const { return m_recording; }
    /// Whether line 1 (the header) has been read.
    bool hasHeader() const;
    /// Bytes given to feed() so far, and bytes of a line still waiting for its end.
    std::size_t bytesFed() const { return m_bytesFed; }
    std::size_t pendingBytes() const;
    /// Lines read so far, the header included.
    std::size_t lineCount() const;
    bool isFinished() const { return m_finished; }

private:
    std::shared_ptr<Recording> m_recording;
    std::unique_ptr<Builder> m_builder;
    std::unique_ptr<Reader> m_reader;
    std::size_t m_bytesFed = 0;
    bool m_headerTaken = false;
    bool m_finished = false;
};

} // namespace bunny::rec
