#include "storage/recordingcache.h"

#include "storage/database.h"

namespace bunny::backend::storage {

RecordingCache::RecordingCache(Database &db, std::chrono::milliseconds ttl, std::size_t capacity)
    : m_db(db)
    , m_ttl(ttl)
    , m_capacity(capacity > 0 ? capacity : 1)
{}

bool RecordingCache::fresh(const Entry &e, std::chrono::steady_clock::time_point now) const
{
    return e.writes == m_db.writes() && now - e.read < m_ttl;
}

std::optional<RecordingRow> RecordingCache::byId(const std::string &id)
{
    if (m_ttl.count() <= 0)
        return RecordingStore(m_db).byId(id);
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(m_mutex);
        if (const auto it = m_entries.find(id); it != m_entries.end() && fresh(it->second, now)) {
            ++m_hits;
            return it->second.row;
        }
        ++m_misses;
    }
    // Noted before the read: a write finishing during it makes this copy stale at once.
    const std::uint64_t writes = m_db.writes();
    auto row = RecordingStore(m_db).byId(id);
    std::lock_guard lock(m_mutex);
    if (!row) {
        m_entries.erase(id);
        return row;
    }
    if (m_entries.size() >= m_capacity && !m_entries.contains(id)) {
        std::erase_if(m_entries, [&](const auto &kv) { return !fresh(kv.second, now); });
        if (m_entries.size() >= m_capacity)
            m_entries.clear(); // all hot: start over rather than track recency on every hit
    }
    m_entries.insert_or_assign(id, Entry{*row, writes, now});
    return row;
}

std::uint64_t RecordingCache::hits() const
{
    std::lock_guard lock(m_mutex);
    return m_hits;
}

std::uint64_t RecordingCache::misses() const
{
    std::lock_guard lock(m_mutex);
    return m_misses;
}

} // namespace bunny::backend::storage
