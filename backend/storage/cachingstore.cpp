#include "storage/cachingstore.h"

namespace bunny::backend::storage {

CachingStore::CachingStore(std::unique_ptr<ObjectStore> inner, std::size_t capacityBytes,
                           std::size_t maxObjectBytes)
    : m_inner(std::move(inner))
    , m_capacity(capacityBytes)
    , m_maxObject(std::min(maxObjectBytes, capacityBytes))
{}

std::shared_ptr<const std::string> CachingStore::find(const std::string &sha256)
{
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(sha256);
    if (it == m_entries.end())
        return nullptr;
    m_order.splice(m_order.begin(), m_order, it->second.position);
    return it->second.bytes;
}

void CachingStore::insert(const std::string &sha256, std::shared_ptr<const std::string> bytes)
{
    std::lock_guard lock(m_mutex);
    if (m_entries.count(sha256))
        return;
    while (m_used + bytes->size() > m_capacity && !m_order.empty()) {
        auto victim = m_entries.find(m_order.back());
        m_used -= victim->second.bytes->size();
        m_entries.erase(victim);
        m_order.pop_back();
    }
    m_order.push_front(sha256);
    m_used += bytes->size();
    m_entries.emplace(sha256, Entry{std::move(bytes), m_order.begin()});
}

std::string CachingStore::put(std::string_view bytes)
{
    return m_inner->put(bytes);
}

// Existence is always asked of the store: another server sharing it may have removed an object
// this one still holds (bytes never change, but presence does).
bool CachingStore::exists(const std::string &sha256)
{
    return m_inner->exists(sha256);
}

std::uint64_t CachingStore::size(const std::string &sha256)
{
    return m_inner->size(sha256);
}

std::string CachingStore::read(const std::string &sha256, std::uint64_t offset, std::uint64_t length)
{
    if (auto bytes = find(sha256))
        return offset >= bytes->size() ? std::string() : bytes->substr(offset, length);
    return m_inner->read(sha256, offset, length);
}

std::shared_ptr<const std::string> CachingStore::readAll(const std::string &sha256, std::uint64_t size)
{
    if (auto bytes = find(sha256))
        return bytes;
    auto bytes = m_inner->readAll(sha256, size);
    // Only an object read whole is kept (a short read means it changed size: not ours to keep).
    if (bytes->size() == size && size <= m_maxObject)
        insert(sha256, bytes);
    return bytes;
}

Fd CachingStore::openLocal(const std::string &sha256)
{
    return m_inner->openLocal(sha256);
}

void CachingStore::remove(const std::string &sha256)
{
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_entries.find(sha256); it != m_entries.end()) {
            m_used -= it->second.bytes->size();
            m_order.erase(it->second.position);
            m_entries.erase(it);
        }
    }
    m_inner->remove(sha256);
}

std::string CachingStore::presignedGetUrl(const std::string &sha256, int ttlSeconds,
                                          const std::string &contentType)
{
    return m_inner->presignedGetUrl(sha256, ttlSeconds, contentType);
}

bool CachingStore::ping()
{
    return m_inner->ping();
}

} // namespace bunny::backend::storage
