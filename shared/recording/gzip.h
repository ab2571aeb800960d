#pragma once

#include <core/result.h>

#include <memory>
#include <string>
#include <string_view>

namespace bunny::rec::detail {

inline bool hasGzipMagic(std::string_view bytes)
{
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

/// Streaming gunzip (zlib), also across concatenated gzip members.
class Inflater
{
public:
    Inflater();
    ~Inflater();
    Inflater(const Inflater &) = delete;
    Inflater &operator=(const Inflater &) = delete;

    /// Appends the bytes `in` decompresses to onto `out`.
    Result<void> feed(std::string_view in, std::string &out);
    /// True when the input ended inside a gzip member (a writer killed before close()).
    bool midStream() const { return m_midStream; }

private:
    struct State;
    std::unique_ptr<State> m_state;
    bool m_midStream = false;
};

/// Streaming gzip (zlib) for the writer. Each compress() call ends with Z_SYNC_FLUSH, so
/// everything written so far can be decompressed even if finish() never comes.
class Deflater
{
public:
    Deflater();
    ~Deflater();
    Deflater(const Deflater &) = delete;
    Deflater &operator=(const Deflater &) = delete;

    Result<void> compress(std::string_view in, std::string &out);
    /// Writes the gzip trailer.
    Result<void> finish(std::string &out);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// Whole-buffer gunzip, for small inputs and tests. Fails on a truncated stream.
Result<std::string> gunzip(std::string_view in);
/// Whole-buffer gzip.
Result<std::string> gzip(std::string_view in);

} // namespace bunny::rec::detail
