#pragma once

#include <cstdint>
#include <string>

namespace bunny::backend::http {

struct ByteRange
{
    std::uint64_t first = 0;
    std::uint64_t last = 0; // inclusive
};

enum class RangeAnswer {
    Full,          // no usable Range header: answer 200 with everything
    Partial,       // answer 206 with range
    Unsatisfiable, // answer 416 with Content-Range: bytes */size
};

/// Reads a Range header (RFC 9110) for a body of size bytes. Syntax errors and several
/// ranges at once are answered with the full body, which the RFC allows.
RangeAnswer parseRange(const std::string &header, std::uint64_t size, ByteRange &range);

} // namespace bunny::backend::http
