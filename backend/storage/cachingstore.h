#pragma once

#include "storage/objectstore.h"

#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace bunny::backend::storage {

/// Keeps recently read whole objects in memory in front of another store (the files or S3), up
/// to a byte budget, least recently used out first. Objects are named by their SHA-256, so a
/// cached copy can never be stale: there is nothing to invalidate but removals. Thread-safe.
class CachingStore : public ObjectStore
{
public:
    /// Objects larger than maxObjectBytes are never cached.
    CachingStore(std::unique_ptr<ObjectStore> inner, std::size_t capacityBytes,
                 std::size_t maxObjectBytes = 8 << 20);

    std::string put(std::string_view bytes) override;
    bool exists(const std::string &sha256) override;
    std::uint64_t size(const std::string &sha256) override;
    std::string read(const std::string &sha256, std::uint64_t offset, std::uint64_t length) override;
    std::shared_ptr<const std::string> readAll(const std::string &sha256, std::uint64_t size) override;
    Fd openLocal(const std::string &sha256) override;
    void remove(const std::string &sha256) override;
    std::string presignedGetUrl(const std::string &sha256, int ttlSeconds,
                                const std::string &contentType = {}) override;
    bool ping() override;

private:
    std::shared_ptr<const std::string> find(const std::string &sha256);
    void insert(const std::string &sha256, std::shared_ptr<const std::string> bytes);

    std::unique_ptr<ObjectStore> m_inner;
    std::size_t m_capacity;
    std::size_t m_maxObject;
    std::mutex m_mutex;
    std::size_t m_used = 0;
    std::list<std::string> m_order; // most recent first
    struct Entry
    {
        std::shared_ptr<const std::string> bytes;
        std::list<std::string>::iterator position;
    };
    std::unordered_map<std::string, Entry> m_entries;
};

} // namespace bunny::backend::storage
