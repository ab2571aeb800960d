#include "recording/reader.h"

#include "recording/gzip.h"
#include "recording/jsonscanner.h"
#include "recording/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace bunny::rec {

namespace {

// Bytes of gzip input inflated at a time: at most ~16 MiB of text (deflate expands ~1032:1), so
// a hostile file meets the line limit before it can fill the memory.
constexpr std::size_t kGzipSlice = 16 * 1024;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string lineError(std::size_t lineNo, std::string_view reason)
{
    std::string message = "line " + std::to_string(lineNo) + ": ";
    message.append(reason);
    return message;
}

/// Paths are relative to the project, with '/' separators; nothing may climb out of it.
const char *pathProblem(std::string_view path)
{
    if (path.empty())
        return "is empty";
    if (path.front() == '/')
        return "is absolute";
    if (path.find('\0') != std::string_view::npos)
        return "contains a NUL character";
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        if (path.substr(start, end - start) == "..")
            return "climbs out of the project with '..'";
        start = end + 1;
    }
    return nullptr;
}

bool isDigits(std::string_view s, std::size_t pos, std::size_t n)
{
    if (pos + n > s.size())
        return false;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
    }
    return true;
}

/// RFC 3339 date-time: 2026-11-29T05:00:00Z, with optional fraction and numeric offset.
bool isRfc3339(std::string_view s)
{
    if (!isDigits(s, 0, 4) || s.size() < 20 || s[4] != '-' || !isDigits(s, 5, 2) || s[7] != '-' ||
        !isDigits(s, 8, 2) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !isDigits(s, 11, 2) ||
        s[13] != ':' || !isDigits(s, 14, 2) || s[16] != ':' || !isDigits(s, 17, 2))
        return false;
    std::size_t p = 19;
    if (s[p] == '.') {
        ++p;
        const std::size_t digits = p;
        while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p])))
            ++p;
        if (p == digits)
            return false;
    }
    if (p < s.size() && (s[p] == 'Z' || s[p] == 'z'))
        return p + 1 == s.size();
    return p + 6 == s.size() && (s[p] == '+' || s[p] == '-') && isDigits(s, p + 1, 2) && s[p + 3] == ':' &&
           isDigits(s, p + 4, 2);
}

} // namespace

Result<Header> parseHeader(std::string_view line)
{
    // Our scanner first: it bounds the nesting depth, so nlohmann never sees a hostile input.
    detail::JsonScanner scanner(line);
    if (scanner.peek() != '{')
        return makeError(scanner.atEnd() ? "line 1: the header is missing"
                                         : "line 1: the header must be a JSON object");
    if (!scanner.skipValue() || !scanner.atEnd()) {
        if (scanner.truncated())
            return makeError("line 1: the header is cut short");
        return makeError(
            lineError(1, scanner.error().empty() ? "extra characters after the header" : scanner.error()));
    }
    try {
        const auto json = nlohmann::ordered_json::parse(line, nullptr, false);
        if (!json.is_object() || json.empty() || json.begin().key() != "bunnyrec")
            return makeError("line 1: not a bunnyrec file (the header's first key must be \"bunnyrec\")");
        const auto &version = json.begin().value();
        if (!version.is_number_integer())
            return makeError("line 1: \"bunnyrec\" must be the integer format version");
        if (version.get<std::int64_t>() != 1)
            return makeError("line 1: unsupported bunnyrec version " + version.dump() + " (this reads 1)");

        Header header;
        const auto text = [&json](const char *key, std::string &out) -> Result<void> {
            const auto it = json.find(key);
            if (it == json.end())
                return makeError(std::string("line 1: the header lacks \"") + key + "\"");
            if (!it->is_string())
                return makeError(std::string("line 1: \"") + key + "\" must be a string");
            out = it->get<std::string>();
            return {};
        };
        for (auto [key, out] : {std::pair{"id", &header.id},
                                {"started", &header.started},
                                {"title", &header.title},
                                {"author", &header.author},
                                {"language", &header.language}}) {
            if (auto r = text(key, *out); !r)
                return r.error();
        }
        if (!isRfc3339(header.started))
            return makeError("line 1: \"started\" must be an RFC 3339 time such as 2026-11-29T05:00:00Z");
        if (const auto it = json.find("idle_time_limit"); it != json.end()) {
            if (!it->is_number_integer() || it->get<std::int64_t>() <= 0)
                return makeError("line 1: \"idle_time_limit\" must be a positive integer (milliseconds)");
            header.idleTimeLimitMs = it->get<std::int64_t>();
        }
        for (auto it = json.begin(); it != json.end(); ++it) {
            static constexpr std::string_view kKnown[] = {"bunnyrec", "id",       "started",        "title",
                                                          "author",   "language", "idle_time_limit"};
            if (std::find(std::begin(kKnown), std::end(kKnown), it.key()) == std::end(kKnown))
                header.extra[it.key()] = nlohmann::json(it.value());
        }
        return header;
    } catch (const std::exception &e) {
        return makeError(lineError(1, std::string("unreadable header (") + e.what() + ")"));
    }
}

namespace detail {

namespace {

struct EventParser
{
    JsonScanner &s;
    Event &out;
    std::string &error;

    bool bad(std::string message)
    {
        error = std::move(message);
        return false;
    }

    /// Keeps the scanner's own reason: it knows whether the line was cut short.
    bool scanFailed() { return bad(s.error()); }

    bool next(const char *field)
    {
        if (s.consume(','))
            return true;
        if (s.atEnd())
            return s.failEnd(), scanFailed();
        return bad(std::string(1, static_cast<char>(out.code)) + " event lacks its " + field);
    }

    bool string(const char *field, std::string &value)
    {
        if (!next(field))
            return false;
        if (s.peek() != '"') {
            if (s.atEnd())
                return s.failEnd(), scanFailed();
            return bad(std::string(1, static_cast<char>(out.code)) + " event: " + field +
                       " must be a string");
        }
        return s.readString(value) || scanFailed();
    }

    bool path(const char *field, std::string &value)
    {
        if (!string(field, value))
            return false;
        if (const char *problem = pathProblem(value))
            return bad(std::string(1, static_cast<char>(out.code)) + " event: " + field + " \"" + value +
                       "\" " + problem);
        return true;
    }

    bool integer(const char *field, std::int64_t &value)
    {
        if (!next(field))
            return false;
        const char c = s.peek();
        if (c != '-' && (c < '0' || c > '9')) {
            if (s.atEnd())
                return s.failEnd(), scanFailed();
            return bad(std::string(1, static_cast<char>(out.code)) + " event: " + field +
                       " must be a non-negative integer");
        }
        bool isInteger;
        if (!s.readNumber(value, isInteger))
            return scanFailed();
        if (!isInteger || value < 0)
            return bad(std::string(1, static_cast<char>(out.code)) + " event: " + field +
                       " must be a non-negative integer");
        return true;
    }

    /// Elements a later version may add at the end are skipped, but must still be JSON.
    bool rest()
    {
        while (s.consume(',')) {
            if (!s.skipValue(1))
                return scanFailed();
        }
        if (!s.consume(']'))
            return s.atEnd() ? (s.failEnd(), scanFailed())
                             : bad("expected ',' or ']' after the event's fields");
        if (!s.atEnd())
            return bad("extra characters after the event");
        return true;
    }
};

} // namespace

LineStatus parseEventInto(std::string_view line, Event &out, std::string &error)
{
    JsonScanner s(line);
    EventParser p{s, out, error};
    const auto status = [&s](bool ok) {
        return ok ? LineStatus::Known : (s.truncated() ? LineStatus::Truncated : LineStatus::Bad);
    };
    if (!s.consume('[')) {
        if (s.atEnd()) {
            error = "empty line";
            return LineStatus::Bad;
        }
        error = "an event must be a JSON array [t, code, ...]";
        return LineStatus::Bad;
    }
    const char c = s.peek();
    if (c != '-' && (c < '0' || c > '9')) {
        if (s.atEnd())
            return s.failEnd(), p.scanFailed(), LineStatus::Truncated;
        error = "t must be an integer number of milliseconds";
        return LineStatus::Bad;
    }
    bool isInteger;
    if (!s.readNumber(out.t, isInteger))
        return p.scanFailed(), status(false);
    if (!isInteger || out.t < 0) {
        error = "t must be a non-negative integer number of milliseconds";
        return LineStatus::Bad;
    }
    if (!s.consume(',')) {
        if (s.atEnd())
            return s.failEnd(), p.scanFailed(), LineStatus::Truncated;
        error = "an event needs a code after t";
        return LineStatus::Bad;
    }
    if (s.peek() != '"') {
        if (s.atEnd())
            return s.failEnd(), p.scanFailed(), LineStatus::Truncated;
        error = "the event code must be a string";
        return LineStatus::Bad;
    }
    std::string &code = out.arg; // scratch until the code is known
    if (!s.readString(code))
        return p.scanFailed(), status(false);
    if (code.size() != 1 || !isKnownCode(code[0])) {
        if (!p.rest())
            return status(false);
        return LineStatus::Unknown;
    }
    out.code = static_cast<Code>(code[0]);
    out.path.clear();
    out.pos = 0;
    out.text.clear();
    out.arg.clear();
    out.ranges.clear();
    bool ok = false;
    switch (out.code) {
    case Code::Keyframe:
        ok = p.path("path", out.path) && p.string("text", out.text);
        break;
    case Code::Insert:
    case Code::Delete:
        ok = p.path("path", out.path) && p.integer("pos", out.pos) && p.string("text", out.text);
        break;
    case Code::Selection: {
        std::int64_t anchor = 0, caret = 0;
        ok = p.path("path", out.path) && p.integer("anchor", anchor) && p.integer("caret", caret);
        if (ok) {
            out.ranges.push_back(anchor);
            out.ranges.push_back(caret);
            // More pairs for multiple selections; anything else after them is a later addition.
            for (;;) {
                JsonScanner probe = s;
                std::int64_t a, b;
                bool ia = false, ib = false;
                if (!probe.consume(',') || !std::isdigit(static_cast<unsigned char>(probe.peek())) ||
                    !probe.readNumber(a, ia) || !ia || !probe.consume(',') ||
                    !std::isdigit(static_cast<unsigned char>(probe.peek())) || !probe.readNumber(b, ib) ||
                    !ib)
                    break;
                s = probe;
                out.ranges.push_back(a);
                out.ranges.push_back(b);
            }
        }
        break;
    }
    case Code::Focus:
    case Code::Remove:
        ok = p.path("path", out.path);
        break;
    case Code::Rename:
        ok = p.path("path", out.path) && p.path("new_path", out.arg);
        break;
    case Code::Marker:
        ok = p.string("kind", out.arg) && p.string("label", out.text);
        if (ok && out.arg.empty())
            ok = p.bad("m event: kind must not be empty");
        if (ok) {
            // The optional path: a string right after the label.
            JsonScanner probe = s;
            if (probe.consume(',') && probe.peek() == '"')
                ok = p.path("path", out.path);
        }
        break;
    case Code::Output:
        ok = p.string("stream", out.arg) && p.string("text", out.text);
        break;
    }
    return status(ok && p.rest());
}

std::string eventProblem(const Event &e)
{
    const std::string code(1, static_cast<char>(e.code));
    if (e.t < 0)
        return "t must not be negative";
    if (!isKnownCode(static_cast<char>(e.code)))
        return "unknown event code";
    if (!utf8::isValid(e.path) || !utf8::isValid(e.text) || !utf8::isValid(e.arg))
        return code + " event: text is not valid UTF-8";
    const bool needsPath = e.code != Code::Marker && e.code != Code::Output;
    if (needsPath || !e.path.empty()) {
        if (const char *problem = pathProblem(e.path))
            return code + " event: path \"" + e.path + "\" " + problem;
    }
    switch (e.code) {
    case Code::Insert:
    case Code::Delete:
        if (e.pos < 0)
            return code + " event: pos must not be negative";
        break;
    case Code::Selection:
        if (e.ranges.size() < 2 || e.ranges.size() % 2 != 0)
            return "s event needs anchor, caret pairs";
        for (std::int64_t v : e.ranges) {
            if (v < 0)
                return "s event: positions must not be negative";
        }
        break;
    case Code::Rename:
        if (const char *problem = pathProblem(e.arg))
            return "r event: new_path \"" + e.arg + "\" " + problem;
        break;
    case Code::Marker:
        if (e.arg.empty())
            return "m event: kind must not be empty";
        break;
    default:
        break;
    }
    return {};
}

} // namespace detail

Result<std::optional<Event>> parseEvent(std::string_view line, std::size_t lineNo)
{
    Event event;
    std::string error;
    switch (detail::parseEventInto(line, event, error)) {
    case detail::LineStatus::Known:
        return std::optional<Event>(std::move(event));
    case detail::LineStatus::Unknown:
        return std::optional<Event>();
    case detail::LineStatus::Truncated:
    case detail::LineStatus::Bad:
        break;
    }
    return makeError(lineError(lineNo, error));
}

Reader::Reader(Sink sink)
    : m_sink(std::move(sink))
{}

Reader::~Reader() = default;

Result<void> Reader::fail(std::string message)
{
    m_error = makeError(std::move(message));
    return *m_error;
}

Result<void> Reader::feed(std::string_view bytes)
{
    if (m_error)
        return *m_error;
    if (m_finished)
        return fail("the reader was already finished");
    if (m_mode == Mode::Unknown) {
        // The format is known from the first two bytes: gzip's magic, or plain text.
        m_magic.append(bytes);
        if (m_magic.size() < 2)
            return {};
        m_mode = detail::hasGzipMagic(m_magic) ? Mode::Gzip : Mode::Plain;
        if (m_mode == Mode::Gzip)
            m_inflater = std::make_unique<detail::Inflater>();
        const std::string first = std::exchange(m_magic, {});
        return feed(first);
    }
    if (m_mode == Mode::Plain)
        return feedPlain(bytes);
    while (!bytes.empty()) {
        const std::string_view slice = bytes.substr(0, kGzipSlice);
        bytes.remove_prefix(slice.size());
        m_inflated.clear();
        const auto inflated = m_inflater->feed(slice, m_inflated);
        // What inflated before a fault is read first, so the error names the last good line.
        if (auto r = feedPlain(m_inflated); !r)
            return r;
        if (!inflated)
            return fail(afterLastLine() + inflated.message());
    }
    return {};
}

std::string Reader::afterLastLine() const
{
    return m_lineNo == 0 ? std::string("line 1: ") : "after line " + std::to_string(m_lineNo) + ": ";
}

Result<void> Reader::tooLong()
{
    return fail(lineError(m_lineNo + 1, "longer than " + std::to_string(kMaxLineBytes >> 20) +
                                            " MiB, the most a line may hold"));
}

Result<void> Reader::feedPlain(std::string_view data)
{
    while (!data.empty()) {
        const std::size_t nl = data.find('\n');
        if (nl == std::string_view::npos) {
            if (m_pending.size() + data.size() > kMaxLineBytes)
                return tooLong();
            m_pending.append(data);
            return {};
        }
        if (m_pending.size() + nl > kMaxLineBytes)
            return tooLong();
        Result<void> r;
        if (m_pending.empty()) {
            r = handleLine(data.substr(0, nl), false);
        } else {
            m_pending.append(data.substr(0, nl));
            r = handleLine(m_pending, false);
            m_pending.clear();
        }
        if (!r)
            return r;
        data.remove_prefix(nl + 1);
    }
    return {};
}

Result<void> Reader::finish()
{
    if (m_error)
        return *m_error;
    if (m_finished)
        return {};
    m_finished = true;
    if (m_mode == Mode::Unknown && !m_magic.empty()) {
        m_mode = Mode::Plain;
        std::string head = std::exchange(m_magic, {});
        m_finished = false;
        if (auto r = feedPlain(head); !r)
            return r;
        m_finished = true;
    }
    if (m_inflater && m_inflater->midStream())
        m_warnings.push_back(
            afterLastLine() +
            "the gzip stream is cut short (was the writer killed?); read up to its last flush");
    if (!m_pending.empty()) {
        const std::string last = std::exchange(m_pending, {});
        if (auto r = handleLine(last, true); !r)
            return r;
    }
    if (!m_header)
        return fail("line 1: the file is empty (no bunnyrec header)");
    return {};
}

Result<void> Reader::handleLine(std::string_view line, bool lastUnterminated)
{
    ++m_lineNo;
    if (!m_header) {
        // Some editors put a UTF-8 byte-order mark in front; it carries nothing, so it is skipped.
        if (line.substr(0, kByteOrderMark.size()) == kByteOrderMark)
            line.remove_prefix(kByteOrderMark.size());
        auto header = parseHeader(line);
        if (!header)
            return fail(header.message());
        m_header = std::move(*header);
        return {};
    }
    switch (detail::parseEventInto(line, m_event, m_scratch)) {
    case detail::LineStatus::Unknown:
        return {};
    case detail::LineStatus::Truncated:
        if (lastUnterminated) {
            m_warnings.push_back(
                lineError(m_lineNo, "the last line is cut short (a crash while writing?); ignored"));
            return {};
        }
        [[fallthrough]];
    case detail::LineStatus::Bad:
        return fail(lineError(m_lineNo, m_scratch));
    case detail::LineStatus::Known:
        break;
    }
    if (m_event.t < m_lastT)
        return fail(lineError(m_lineNo, "t goes backwards (" + std::to_string(m_event.t) + " after " +
                                            std::to_string(m_lastT) + ")"));
    m_lastT = m_event.t;
    if (m_sink) {
        if (auto r = m_sink(m_event, m_lineNo); !r)
            return fail(r.message());
    } else {
        m_events.push_back(m_event);
    }
    return {};
}

} // namespace bunny::rec
