#pragma once

#include "recording/event.h"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

namespace bunny::rec {

/// The events of a Recording, packed: about 40 bytes per event plus its text, instead of the
/// ~150 bytes of a std::vector<Event>, so a loaded recording stays within a few times its file size.
/// Reads like a read-only vector whose elements are produced on access: `events[i]`, `size()`,
/// `back()`, range-for (`for (const Event &e : events)` binds each produced Event).
class EventList
{
public:
    class Iterator
    {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Event;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Event;

        Iterator() = default;
        Event operator*() const { return (*m_list)[m_index]; }
        Iterator &operator++()
        {
            ++m_index;
            return *this;
        }
        Iterator operator++(int)
        {
            Iterator old = *this;
            ++m_index;
            return old;
        }
        bool operator==(const Iterator &other) const { return m_index == other.m_index; }

    private:
        friend class EventList;
        Iterator(const EventList *list, std::size_t index)
            : m_list(list)
            , m_index(index)
        {}
        const EventList *m_list = nullptr;
        std::size_t m_index = 0;
    };

    std::size_t size() const { return m_events.size(); }
    bool empty() const { return m_events.empty(); }
    Event operator[](std::size_t i) const;
    Event front() const { return (*this)[0]; }
    Event back() const { return (*this)[size() - 1]; }
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size()}; }

    /// Cheap accessors that build no Event.
    std::int64_t time(std::size_t i) const { return m_events[i].t; }
    Code code(std::size_t i) const { return m_events[i].code; }
    /// Fills `out` with event i, reusing its buffers (no allocation once they are big enough).
    void fill(std::size_t i, Event &out) const;
    /// Index of the first event with time > t (the number of events at or before t).
    std::size_t countAt(std::int64_t t) const;

    /// Bytes held by the packed events (capacities included).
    std::size_t memoryBytes() const;

private:
    friend class Recording;
    struct Packed
    {
        std::int64_t t;
        std::int64_t pos;         ///< s: offset into m_ranges
        std::uint64_t textOffset; ///< into m_arena
        std::uint32_t textLength; ///< s: number of range values
        std::uint32_t path;       ///< into m_strings; 0 is ""
        std::uint32_t arg;        ///< into m_strings
        Code code;
    };

    void append(const Event &event);
    std::uint32_t intern(const std::string &s);
    void shrink();

    std::vector<Packed> m_events;
    std::string m_arena;
    std::vector<std::int64_t> m_ranges;
    std::vector<std::string> m_strings{std::string()};
    std::unordered_map<std::string, std::uint32_t> m_ids{{std::string(), 0}};
};

} // namespace bunny::rec
