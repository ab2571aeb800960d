#pragma once

#include "recording/event.h"
#include "recording/header.h"
#include "recording/serialize.h"

#include <core/result.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bunny::rec {

/// Parses line 1. Unknown keys go to Header::extra. Errors read "line 1: <reason>".
Result<Header> parseHeader(std::string_view line);

/// Parses one event line (without its '\n'). nullopt: an event code this version does not know,
/// to be ignored. Errors read "line <lineNo>: <reason>". Checks the line on its own (types,
/// UTF-8, paths); whether the op fits the document is Document::apply's business, and whether
/// t goes backwards is the Reader's.
Result<std::optional<Event>> parseEvent(std::string_view line, std::size_t lineNo);

namespace detail {
class Inflater;
enum class LineStatus { Known, Unknown, Bad, Truncated };
/// parseEvent without allocation: fills `out` (reusing its buffers); on Bad/Truncated `error`
/// holds the reason without the "line N: " prefix.
LineStatus parseEventInto(std::string_view line, Event &out, std::string &error);
/// What a reader would refuse in `event` taken alone (empty if nothing): the writer's check.
std::string eventProblem(const Event &event);
} // namespace detail

/// Streaming reader: feed it the bytes of a file as they come (plain or gzip, told apart by the
/// gzip magic bytes), then finish(). Events go to the sink, or, without a sink, are collected
/// for takeEvents(). After the first error every call returns that error.
class Reader
{
public:
    /// Called for every known event, in order, with its line number. An error from the sink
    /// stops reading and is returned by feed()/finish().
    using Sink = std::function<Result<void>(const Event &event, std::size_t lineNo)>;

    explicit Reader(Sink sink = {});
    ~Reader();
    Reader(const Reader &) = delete;
    Reader &operator=(const Reader &) = delete;

    /// The longest line read (64 MiB); a longer one is an error ("line N: longer than 64 MiB…"),
    /// not an allocation of whatever size a hostile file asks for.
    static constexpr std::size_t kMaxLineBytes = std::size_t(64) << 20;

    Result<void> feed(std::string_view bytes);
    /// The end of the input: a last line cut short (a crash mid-write) is dropped with a warning.
    Result<void> finish();

    const std::optional<Header> &header() const { return m_header; }
    std::vector<Event> takeEvents() { return std::exchange(m_events, {}); }
    const std::vector<std::string> &warnings() const { return m_warnings; }
    /// Lines read so far, the header included.
    std::size_t lineCount() const { return m_lineNo; }
    /// Bytes of a line that has not yet seen its newline.
    std::size_t pendingBytes() const { return m_magic.size() + m_pending.size(); }
    bool isGzip() const { return m_mode == Mode::Gzip; }

private:
    enum class Mode { Unknown, Plain, Gzip };
    Result<void> feedPlain(std::string_view bytes);
    Result<void> handleLine(std::string_view line, bool lastUnterminated);
    Result<void> fail(std::string message);
    Result<void> tooLong();
    /// "after line N: " (N: the last whole line read), or "line 1: " before any.
    std::string afterLastLine() const;

    Sink m_sink;
    Mode m_mode = Mode::Unknown;
    std::string m_magic;
    std::unique_ptr<detail::Inflater> m_inflater;
    std::string m_inflated;
    std::string m_pending;
    std::optional<Header> m_header;
    std::vector<Event> m_events;
    std::vector<std::string> m_warnings;
    Event m_event;
    std::string m_scratch;
    std::size_t m_lineNo = 0;
    std::int64_t m_lastT = 0;
    std::optional<Error> m_error;
    bool m_finished = false;
};

} // namespace bunny::rec
