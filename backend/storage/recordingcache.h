#pragma once

#include "storage/recordingstore.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace bunny::backend::storage {

class Database;

/// Recording rows as RecordingStore::byId reads them, kept for the hot GET routes (metadata and
/// content, which a player asks for again and again). A copy is used only while it is younger
/// than the TTL and no write of this process to the database finished since it was read, so a
/// change made through this instance shows at once; one made by another instance (or bunnyctl)
/// shows within the TTL. Absent rows are never kept: a new recording is found at once anywhere.
/// Thread-safe.
class RecordingCache
{
public:
    /// ttl 0 turns the cache off (every lookup reads the database).
    RecordingCache(Database &db, std::chrono::milliseconds ttl, std::size_t capacity = 4096);

    std::optional<RecordingRow> byId(const std::string &id);

    std::uint64_t hits() const;
    std::uint64_t misses() const;

private:
    struct Entry
    {
        RecordingRow row;
        std::uint64_t writes = 0; // Database::writes() before the row was read
        std::chrono::steady_clock::time_point read;
    };
    bool fresh(const Entry &e, std::chrono::steady_clock::time_point now) const;

    Database &m_db;
    const std::chrono::milliseconds m_ttl;
    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, Entry> m_entries;
    std::uint64_t m_hits = 0;
    std::uint64_t m_misses = 0;
};

} // namespace bunny::backend::storage
