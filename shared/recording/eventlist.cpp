#include "recording/eventlist.h"

#include <algorithm>

namespace bunny::rec {

Event EventList::operator[](std::size_t i) const
{
    Event e;
    fill(i, e);
    return e;
}

void EventList::fill(std::size_t i, Event &out) const
{
    const Packed &p = m_events[i];
    out.t = p.t;
    out.code = p.code;
    out.path.assign(m_strings[p.path]);
    out.arg.assign(m_strings[p.arg]);
    if (p.code == Code::Selection) {
        out.pos = 0;
        out.text.clear();
        const auto first = m_ranges.begin() + static_cast<std::ptrdiff_t>(p.pos);
        out.ranges.assign(first, first + p.textLength);
    } else {
        out.pos = p.pos;
        out.text.assign(m_arena, p.textOffset, p.textLength);
        out.ranges.clear();
    }
}

std::size_t EventList::countAt(std::int64_t t) const
{
    const auto it = std::upper_bound(m_events.begin(), m_events.end(), t,
                                     [](std::int64_t value, const Packed &p) { return value < p.t; });
    return static_cast<std::size_t>(it - m_events.begin());
}

std::uint32_t EventList::intern(const std::string &s)
{
    const auto [it, added] = m_ids.try_emplace(s, static_cast<std::uint32_t>(m_strings.size()));
    if (added)
        m_strings.push_back(s);
    return it->second;
}

void EventList::append(const Event &e)
{
    Packed p{};
    p.t = e.t;
    p.code = e.code;
    p.path = e.path.empty() ? 0 : intern(e.path);
    p.arg = e.arg.empty() ? 0 : intern(e.arg);
    if (e.code == Code::Selection) {
        p.pos = static_cast<std::int64_t>(m_ranges.size());
        p.textLength = static_cast<std::uint32_t>(e.ranges.size());
        m_ranges.insert(m_ranges.end(), e.ranges.begin(), e.ranges.end());
    } else {
        p.pos = e.pos;
        p.textOffset = m_arena.size();
        p.textLength = static_cast<std::uint32_t>(e.text.size());
        m_arena.append(e.text);
    }
    m_events.push_back(p);
}

void EventList::shrink()
{
    m_events.shrink_to_fit();
    m_arena.shrink_to_fit();
    m_ranges.shrink_to_fit();
}

std::size_t EventList::memoryBytes() const
{
    std::size_t bytes = m_events.capacity() * sizeof(Packed) + m_arena.capacity() +
                        m_ranges.capacity() * sizeof(std::int64_t) +
                        m_strings.capacity() * sizeof(std::string);
    for (const std::string &s : m_strings)
        bytes += s.capacity() + 1 + 48; // + the hash map's node and bucket, roughly
    return bytes;
}

} // namespace bunny::rec
