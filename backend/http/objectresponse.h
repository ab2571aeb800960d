#pragma once

#include <cstdint>
#include <string>

namespace bunny::backend::http {

class Exchange;

/// How a stored object is described to the client.
struct ObjectAnswer
{
    std::string sha256;
    std::uint64_t size = 0;
    std::string contentType;
    std::string cacheControl;       // for the bytes themselves; a redirect is never cached
    std::string contentDisposition; // empty: none
};

/// Answers a GET of a stored object. With a store that presigns URLs (S3) and
/// s3.redirect_content on: 302 to a presigned URL, Range included (the client sends its Range
/// on and S3 answers 206). Otherwise the bytes, honouring one Range (206, 416).
void sendObject(Exchange &ex, const ObjectAnswer &object);

} // namespace bunny::backend::http
