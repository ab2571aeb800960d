#pragma once

// How an event changes a document, written once for both text representations: Document holds
// std::string texts (what players see), Recording's builder and seeks hold ChunkedText (cheap
// keyframes and edits for large files). Internal to the recording library.

#include "recording/chunkedtext.h"
#include "recording/event.h"
#include "recording/utf8.h"

#include <core/result.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bunny::rec::detail {

inline std::size_t textSize(const std::string &text)
{
    return text.size();
}
inline bool textIsBoundary(const std::string &text, std::size_t pos)
{
    return utf8::isBoundary(text, pos);
}
inline bool textMatches(const std::string &text, std::size_t pos, std::string_view part)
{
    return std::string_view(text).substr(pos, part.size()) == part;
}
inline void textAssign(std::string &text, std::string_view value)
{
    text.assign(value);
}
inline void textInsert(std::string &text, std::size_t pos, std::string_view part)
{
    text.insert(pos, part);
}
inline void textErase(std::string &text, std::size_t pos, std::size_t length)
{
    text.erase(pos, length);
}

inline std::size_t textSize(const ChunkedText &text)
{
    return text.size();
}
inline bool textIsBoundary(const ChunkedText &text, std::size_t pos)
{
    return text.isBoundary(pos);
}
inline bool textMatches(const ChunkedText &text, std::size_t pos, std::string_view part)
{
    return text.matches(pos, part);
}
inline void textAssign(ChunkedText &text, std::string_view value)
{
    text.assign(value);
}
inline void textInsert(ChunkedText &text, std::size_t pos, std::string_view part)
{
    text.insert(pos, part);
}
inline void textErase(ChunkedText &text, std::size_t pos, std::size_t length)
{
    text.erase(pos, length);
}

inline std::string quoted(const std::string &path)
{
    return "\"" + path + "\"";
}

inline Error noFile(const Event &e)
{
    return makeError(std::string(1, static_cast<char>(e.code)) + " event on " + quoted(e.path) +
                     ", which does not exist");
}

inline Error notUtf8(const Event &e)
{
    return makeError(std::string(1, static_cast<char>(e.code)) + " event on " + quoted(e.path) +
                     ": its text is not valid UTF-8");
}

/// Where an insert, delete or selection may point: inside the text and on a character boundary.
template<typename Text>
Result<void> checkPosition(const Event &e, const Text &text, std::int64_t pos, const char *what)
{
    if (pos < 0 || static_cast<std::uint64_t>(pos) > textSize(text))
        return makeError(std::string(what) + " at byte " + std::to_string(pos) + " of " + quoted(e.path) +
                         " is past its end (" + std::to_string(textSize(text)) + " bytes)");
    if (!textIsBoundary(text, static_cast<std::size_t>(pos)))
        return makeError(std::string(what) + " at byte " + std::to_string(pos) + " of " + quoted(e.path) +
                         " falls inside a multi-byte UTF-8 character");
    return {};
}

/// The restored-selection marker of Document::inverse (Document::kRestoredSelection).
constexpr std::int64_t kRestoredSelection = -1;

/// Applies `e` to files, selections and focus, or returns why it does not fit (changing nothing).
template<typename Text>
Result<void> applyEvent(std::map<std::string, Text> &files,
                        std::map<std::string, std::vector<std::int64_t>> &selections, std::string &focus,
                        const Event &e)
{
    switch (e.code) {
    case Code::Keyframe: {
        if (!utf8::isValid(e.text))
            return notUtf8(e);
        auto [it, created] = files.try_emplace(e.path);
        textAssign(it->second, e.text);
        if (created) {
            // The inverse of an x brings the removed file's selection back in `ranges`.
            if (!e.ranges.empty() && e.ranges.size() % 2 == 0)
                selections[e.path] = e.ranges;
            else
                selections[e.path] = {0, 0};
        }
        return {};
    }
    case Code::Insert: {
        const auto it = files.find(e.path);
        if (it == files.end())
            return noFile(e);
        if (auto r = checkPosition(e, it->second, e.pos, "insert"); !r)
            return r;
        if (!utf8::isValid(e.text))
            return notUtf8(e);
        textInsert(it->second, static_cast<std::size_t>(e.pos), e.text);
        return {};
    }
    case Code::Delete: {
        const auto it = files.find(e.path);
        if (it == files.end())
            return noFile(e);
        Text &text = it->second;
        if (auto r = checkPosition(e, text, e.pos, "delete"); !r)
            return r;
        const auto pos = static_cast<std::size_t>(e.pos);
        if (e.text.size() > textSize(text) - pos)
            return makeError("delete of " + std::to_string(e.text.size()) + " bytes at byte " +
                             std::to_string(pos) + " of " + quoted(e.path) + " runs past its end (" +
                             std::to_string(textSize(text)) + " bytes)");
        if (!textMatches(text, pos, e.text))
            return makeError("delete at byte " + std::to_string(pos) + " of " + quoted(e.path) +
                             ": the deleted text does not match the text there");
        if (auto r = checkPosition(e, text, e.pos + static_cast<std::int64_t>(e.text.size()), "delete end");
            !r)
            return r;
        textErase(text, pos, e.text.size());
        return {};
    }
    case Code::Selection: {
        const auto it = files.find(e.path);
        if (it == files.end())
            return noFile(e);
        if (e.ranges.empty() || e.ranges.size() % 2 != 0)
            return makeError("s event on " + quoted(e.path) + " needs anchor, caret pairs");
        for (std::int64_t pos : e.ranges) {
            if (pos < 0)
                return makeError("s event on " + quoted(e.path) + ": positions must not be negative");
            // A restored selection (see Document::inverse()) may be stale: edits do not move
            // selections.
            if (e.pos != kRestoredSelection) {
                if (auto r = checkPosition(e, it->second, pos, "selection"); !r)
                    return r;
            }
        }
        selections[e.path] = e.ranges;
        return {};
    }
    case Code::Focus:
        // Not checked against the files: the inverse of an f may name a file removed since.
        focus = e.path;
        return {};
    case Code::Rename: {
        const auto it = files.find(e.path);
        if (it == files.end())
            return noFile(e);
        if (e.arg.empty())
            return makeError("r event on " + quoted(e.path) + " lacks the new path");
        if (files.count(e.arg))
            return makeError("r event renames " + quoted(e.path) + " onto " + quoted(e.arg) +
                             ", which already exists");
        auto node = files.extract(it);
        node.key() = e.arg;
        files.insert(std::move(node));
        if (auto sel = selections.extract(e.path)) {
            sel.key() = e.arg;
            selections.insert(std::move(sel));
        }
        return {};
    }
    case Code::Remove: {
        if (!files.erase(e.path))
            return noFile(e);
        selections.erase(e.path);
        return {};
    }
    case Code::Marker:
    case Code::Output:
        return {};
    }
    return makeError("unknown event code");
}

/// Like Document, with chunked texts: the working state of Recording's builder and seeks, and what
/// the writer checks ops against.
struct ChunkedDocument
{
    std::map<std::string, ChunkedText> files;
    std::map<std::string, std::vector<std::int64_t>> selections;
    std::string focus;

    Result<void> apply(const Event &e) { return applyEvent(files, selections, focus, e); }
};

} // namespace bunny::rec::detail
