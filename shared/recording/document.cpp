#include "recording/document.h"

#include "recording/applyevent.h"

namespace bunny::rec {

using detail::noFile;

static_assert(Document::kRestoredSelection == detail::kRestoredSelection);

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
    return detail::applyEvent(m_files, m_selections, m_focus, e);
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
