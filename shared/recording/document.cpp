#include "recording/document.h"

#include "recording/utf8.h"

#include <string_view>

namespace bunny::rec {

namespace {

std::string quoted(const std::string &path)
{
    return "\"" + path + "\"";
}

Error noFile(const Event &e)
{
    return makeError(std::string(1, static_cast<char>(e.code)) + " event on " + quoted(e.path) +
                     ", which does not exist");
}

Error notUtf8(const Event &e)
{
    return makeError(std::string(1, static_cast<char>(e.code)) + " event on " + quoted(e.path) +
                     ": its text is not valid UTF-8");
}

/// Where an insert, delete or selection may point: inside the text and on a character boundary.
Result<void> checkPosition(const Event &e, const std::string &text, std::int64_t pos, const char *what)
{
    if (pos < 0 || static_cast<std::uint64_t>(pos) > text.size())
        return makeError(std::string(what) + " at byte " + std::to_string(pos) + " of " + quoted(e.path) +
                         " is past its end (" + std::to_string(text.size()) + " bytes)");
    if (!utf8::isBoundary(text, static_cast<std::size_t>(pos)))
        return makeError(std::string(what) + " at byte " + std::to_string(pos) + " of " + quoted(e.path) +
                         " falls inside a multi-byte UTF-8 character");
    return {};
}

} // namespace

const std::string *Document::text(const std::string &path) const
{
    const auto it = m_files.find(path);
    return it == m_files.end() ? nullptr : &it->second;
}

const std::vector<std::int64_t> *Document::selection(const std::string &path) const
{
    const auto it = m_selections.find(path);
    return it == m_selections.end() ? nullptr : &it->second;
}

std::size_t Document::textBytes() const
{
    std::size_t total = 0;
    for (const auto &[path, text] : m_files)
        total += text.size();
    return total;
}

Result<void> Document::apply(const Event &e)
{
    switch (e.code) {
    case Code::Keyframe: {
        if (!utf8::isValid(e.text))
            return notUtf8(e);
        auto [it, created] = m_files.try_emplace(e.path);
        it->second = e.text;
        if (created) {
            // The inverse of an x brings the removed file's selection back in `ranges`.
            if (!e.ranges.empty() && e.ranges.size() % 2 == 0)
                m_selections[e.path] = e.ranges;
            else
                m_selections[e.path] = {0, 0};
        }
        return {};
    }
    case Code::Insert: {
        const auto it = m_files.find(e.path);
        if (it == m_files.end())
            return noFile(e);
        if (auto r = checkPosition(e, it->second, e.pos, "insert"); !r)
            return r;
        if (!utf8::isValid(e.text))
            return notUtf8(e);
        it->second.insert(static_cast<std::size_t>(e.pos), e.text);
        return {};
    }
    case Code::Delete: {
        const auto it = m_files.find(e.path);
        if (it == m_files.end())
            return noFile(e);
        std::string &text = it->second;
        if (auto r = checkPosition(e, text, e.pos, "delete"); !r)
            return r;
        const auto pos = static_cast<std::size_t>(e.pos);
        if (e.text.size() > text.size() - pos)
            return makeError("delete of " + std::to_string(e.text.size()) + " bytes at byte " +
                             std::to_string(pos) + " of " + quoted(e.path) + " runs past its end (" +
                             std::to_string(text.size()) + " bytes)");
        if (std::string_view(text).substr(pos, e.text.size()) != e.text)
            return makeError("delete at byte " + std::to_string(pos) + " of " + quoted(e.path) +
                             ": the deleted text does not match the text there");
        if (auto r = checkPosition(e, text, e.pos + static_cast<std::int64_t>(e.text.size()), "delete end");
            !r)
            return r;
        text.erase(pos, e.text.size());
        return {};
    }
    case Code::Selection: {
        const auto it = m_files.find(e.path);
        if (it == m_files.end())
            return noFile(e);
        if (e.ranges.empty() || e.ranges.size() % 2 != 0)
            return makeError("s event on " + quoted(e.path) + " needs anchor, caret pairs");
        for (std::int64_t pos : e.ranges) {
            if (pos < 0)
                return makeError("s event on " + quoted(e.path) + ": positions must not be negative");
            // A restored selection (see inverse()) may be stale: edits do not move selections.
            if (e.pos != kRestoredSelection) {
                if (auto r = checkPosition(e, it->second, pos, "selection"); !r)
                    return r;
            }
        }
        m_selections[e.path] = e.ranges;
        return {};
    }
    case Code::Focus:
        // Not checked against the files: the inverse of an f may name a file removed since.
        m_focus = e.path;
        return {};
    case Code::Rename: {
        const auto it = m_files.find(e.path);
        if (it == m_files.end())
            return noFile(e);
        if (e.arg.empty())
            return makeError("r event on " + quoted(e.path) + " lacks the new path");
        if (m_files.count(e.arg))
            return makeError("r event renames " + quoted(e.path) + " onto " + quoted(e.arg) +
                             ", which already exists");
        auto node = m_files.extract(it);
        node.key() = e.arg;
        m_files.insert(std::move(node));
        if (auto sel = m_selections.extract(e.path)) {
            sel.key() = e.arg;
            m_selections.insert(std::move(sel));
        }
        return {};
    }
    case Code::Remove: {
        if (!m_files.erase(e.path))
            return noFile(e);
        m_selections.erase(e.path);
        return {};
    }
    case Code::Marker:
    case Code::Output:
        return {};
    }
    return makeError("unknown event code");
}

Result<Event> Document::inverse(const Event &e) const
{
    switch (e.code) {
    case Code::Keyframe: {
        if (const std::string *before = text(e.path))
            return Event::keyframe(e.t, e.path, *before);
        return Event::remove(e.t, e.path);
    }
    case Code::Insert:
        return Event::erase(e.t, e.path, e.pos, e.text);
    case Code::Delete:
        return Event::insert(e.t, e.path, e.pos, e.text);
    case Code::Selection: {
        const auto *before = selection(e.path);
        if (!before)
            return noFile(e);
        Event restore = Event::selection(e.t, e.path, *before);
        restore.pos = kRestoredSelection;
        return restore;
    }
    case Code::Focus:
        return Event::focus(e.t, m_focus);
    case Code::Rename:
        return Event::rename(e.t, e.arg, e.path);
    case Code::Remove: {
        const std::string *before = text(e.path);
        if (!before)
            return noFile(e);
        Event restore = Event::keyframe(e.t, e.path, *before);
        if (const auto *sel = selection(e.path))
            restore.ranges = *sel;
        return restore;
    }
    case Code::Marker:
    case Code::Output:
        return e;
    }
    return makeError("unknown event code");
}

} // namespace bunny::rec
