#pragma once

#include "storage/fd.h"

#include <Poco/Exception.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace bunny::backend::storage {

/// The store cannot be reached or is overloaded (S3 down, a timeout, a 5xx): the request may
/// succeed later, so clients get 503 rather than 500.
POCO_DECLARE_EXCEPTION(, StoreUnavailableException, Poco::IOException)

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
    /// The whole object of size bytes, shared: a caching store hands out its copy as is.
    virtual std::shared_ptr<const std::string> readAll(const std::string &sha256, std::uint64_t size)
    {
        return std::make_shared<const std::string>(read(sha256, 0, size));
    }
    /// The object as an open file, for sendfile(2); an invalid Fd when the store keeps its
    /// objects elsewhere (S3). Throws Poco::FileNotFoundException for a missing object.
    virtual Fd openLocal(const std::string &sha256)
    {
        (void)sha256;
        return Fd();
    }
    /// Removes an object; removing a missing one is not an error.
    virtual void remove(const std::string &sha256) = 0;
    /// A URL a client may GET directly (Range included) for ttlSeconds, answered with
    /// contentType when given; empty when the store has none.
    virtual std::string presignedGetUrl(const std::string &sha256, int ttlSeconds,
                                        const std::string &contentType = {})
    {
        (void)sha256;
        (void)ttlSeconds;
        (void)contentType;
        return {};
    }
    /// True when the store answers (for /readyz); a local store always does.
    virtual bool ping() { return true; }
};

/// SHA-256 of bytes, lowercase hex.
std::string sha256Hex(std::string_view bytes);
/// True for 64 lowercase hex digits (a key that cannot escape the store's folder).
bool isSha256Hex(std::string_view s);

} // namespace bunny::backend::storage
