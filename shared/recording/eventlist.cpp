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
    const Packed &p = at(i);
    out.t = p.t;
    out.code = p.code;
    out.path.assign(m_strings[p.path]);
    out.arg.assign(m_strings[p.arg]);
    out.pos = 0;
    out.text.clear();
    out.ranges.clear();
    if (p.code != Code::Selection) {
        out.pos = p.pos;
        out.text.assign(m_arena, p.textOffset, p.textLength);
    } else if (p.textLength == 2) {
        out.ranges.push_back(p.pos);
        out.ranges.push_back(p.textOffset);
    } else {
        const auto first = m_ranges.begin() + static_cast<std::ptrdiff_t>(p.textOffset);
        out.ranges.assign(first, first + p.textLength);
    }
}

bool EventList::fits(const Event &e) const
{
    if (e.code == Code::Selection) {
        for (std::int64_t v : e.ranges) {
            if (v < 0 || static_cast<std::uint64_t>(v) > kMaxOffset)
                return false;
        }
        return m_ranges.size() + e.ranges.size() <= kMaxOffset;
    }
    return e.pos >= 0 && static_cast<std::uint64_t>(e.pos) <= kMaxOffset && e.text.size() <= kMaxOffset &&
           m_arena.size() + e.text.size() <= kMaxOffset;
}

std::size_t EventList::countAt(std::int64_t t) const
{
    // Binary search for the first event with time > t.
    std::size_t lo = 0, hi = m_size;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (at(mid).t <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
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
    // Callers check fits() first.
    if (e.code == Code::Selection) {
        p.textLength = static_cast<std::uint32_t>(e.ranges.size());
        if (e.ranges.size() == 2) {
            // One caret or selection, by far the most common: kept inline.
            p.pos = static_cast<std::uint32_t>(e.ranges[0]);
            p.textOffset = static_cast<std::uint32_t>(e.ranges[1]);
        } else {
            p.textOffset = static_cast<std::uint32_t>(m_ranges.size());
            m_ranges.insert(m_ranges.end(), e.ranges.begin(), e.ranges.end());
        }
    } else {
        p.pos = static_cast<std::uint32_t>(e.pos);
        p.textOffset = static_cast<std::uint32_t>(m_arena.size());
        p.textLength = static_cast<std::uint32_t>(e.text.size());
        m_arena.append(e.text);
    }
    if ((m_size & (kBlockSize - 1)) == 0) {
        m_blocks.emplace_back();
        m_blocks.back().reserve(kBlockSize);
    }
    m_blocks.back().push_back(p);
    ++m_size;
}

void EventList::shrink()
{
    m_blocks.shrink_to_fit();
    m_arena.shrink_to_fit();
    m_ranges.shrink_to_fit();
}

std::size_t EventList::memoryBytes() const
{
    std::size_t bytes = m_blocks.capacity() * sizeof(m_blocks[0]) +
                        m_blocks.size() * kBlockSize * sizeof(Packed) + m_arena.capacity() +
                        m_ranges.capacity() * sizeof(std::int64_t) +
                        m_strings.capacity() * sizeof(std::string);
    for (const std::string &s : m_strings)
        bytes += s.capacity() + 1 + 48; // + the hash map's node and bucket, roughly
    return bytes;
}

} // namespace bunny::rec
