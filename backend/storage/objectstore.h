#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bunny::backend::storage {

/// Content-addressed blob store: objects are named by the SHA-256 (lowercase hex) of their
/// bytes, so storing the same bytes twice keeps one copy. Implementations are thread-safe and
/// throw Poco::Exception (Poco::FileNotFoundException for a missing object) on failure.
class ObjectStore
{
public:
    virtual ~ObjectStore() = default;

    /// Stores bytes durably and returns their SHA-256; returns at once if already stored.
    virtual std::string put(std::string_view bytes) = 0;
    virtual bool exists(const std::string &sha256) = 0;
    virtual std::uint64_t size(const std::string &sha256) = 0;
    /// Reads up to length bytes starting at offset.
    virtual std::string read(const std::string &sha256, std::uint64_t offset, std::uint64_t length) = 0;
    /// Removes an object; removing a missing one is not an error.
    virtual void remove(const std::string &sha256) = 0;
    /// A URL a client may GET directly for ttlSeconds, or empty when the store has none.
    virtual std::string presignedGetUrl(const std::string &sha256, int ttlSeconds)
    {
        (void)sha256;
        (void)ttlSeconds;
        return {};
    }
};

/// SHA-256 of bytes, lowercase hex.
std::string sha256Hex(std::string_view bytes);
/// True for 64 lowercase hex digits (a key that cannot escape the store's folder).
bool isSha256Hex(std::string_view s);

} // namespace bunny::backend::storage
