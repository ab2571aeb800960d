#include "recording/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <climits>

namespace bunny::rec::detail {

namespace {

constexpr int kGzipWindow = 15 + 16; // zlib's "gzip wrapper" flag
constexpr std::size_t kChunk = 64 * 1024;

} // namespace

struct Inflater::State
{
    z_stream zs{};
    bool ready = false;
};

Inflater::Inflater()
    : m_state(std::make_unique<State>())
{
    m_state->ready = inflateInit2(&m_state->zs, kGzipWindow) == Z_OK;
}

Inflater::~Inflater()
{
    if (m_state->ready)
        inflateEnd(&m_state->zs);
}

Result<void> Inflater::feed(std::string_view in, std::string &out)
{
    if (!m_state->ready)
        return makeError("cannot start zlib");
    z_stream &zs = m_state->zs;
    while (!in.empty()) {
        const auto n = static_cast<uInt>(std::min<std::size_t>(in.size(), UINT_MAX / 2));
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
        zs.avail_in = n;
        while (zs.avail_in > 0) {
            const std::size_t before = out.size();
            out.resize(before + kChunk);
            zs.next_out = reinterpret_cast<Bytef *>(out.data() + before);
            zs.avail_out = static_cast<uInt>(kChunk);
            const int rc = inflate(&zs, Z_NO_FLUSH);
            out.resize(before + kChunk - zs.avail_out);
            if (rc == Z_STREAM_END) {
                // Another gzip member may follow.
                m_midStream = false;
                inflateReset(&zs);
                continue;
            }
            if (rc == Z_BUF_ERROR && zs.avail_out > 0)
                break; // wants more input
            if (rc != Z_OK && rc != Z_BUF_ERROR)
                return makeError(std::string("corrupt gzip data (") + (zs.msg ? zs.msg : "zlib error") + ")");
            m_midStream = true;
        }
        in.remove_prefix(n);
    }
    return {};
}

struct Deflater::State
{
    z_stream zs{};
    bool ready = false;
};

Deflater::Deflater()
    : m_state(std::make_unique<State>())
{
    m_state->ready = deflateInit2(&m_state->zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, 8,
                                  Z_DEFAULT_STRATEGY) == Z_OK;
}

Deflater::~Deflater()
{
    if (m_state->ready)
        deflateEnd(&m_state->zs);
}

namespace {

Result<void> run(z_stream &zs, std::string_view in, int flush, std::string &out)
{
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    for (;;) {
        const std::size_t before = out.size();
        out.resize(before + kChunk);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        zs.avail_out = static_cast<uInt>(kChunk);
        const int rc = deflate(&zs, flush);
        out.resize(before + kChunk - zs.avail_out);
        if (rc == Z_STREAM_ERROR)
            return makeError("zlib failed to compress");
        if (flush == Z_FINISH ? rc == Z_STREAM_END : zs.avail_out > 0)
            return {};
    }
}

} // namespace

Result<void> Deflater::compress(std::string_view in, std::string &out)
{
    if (!m_state->ready)
        return makeError("cannot start zlib");
    while (in.size() > UINT_MAX / 2) {
        if (auto r = run(m_state->zs, in.substr(0, UINT_MAX / 2), Z_NO_FLUSH, out); !r)
            return r;
        in.remove_prefix(UINT_MAX / 2);
    }
    return run(m_state->zs, in, Z_SYNC_FLUSH, out);
}

Result<void> Deflater::finish(std::string &out)
{
    if (!m_state->ready)
        return makeError("cannot start zlib");
    return run(m_state->zs, {}, Z_FINISH, out);
}

Result<std::string> gunzip(std::string_view in)
{
    Inflater inflater;
    std::string out;
    if (auto r = inflater.feed(in, out); !r)
        return r.error();
    if (inflater.midStream())
        return makeError("the gzip stream is cut short");
    return out;
}

Result<std::string> gzip(std::string_view in)
{
    Deflater deflater;
    std::string out;
    if (auto r = deflater.compress(in, out); !r)
        return r.error();
    if (auto r = deflater.finish(out); !r)
        return r.error();
    return out;
}

} // namespace bunny::rec::detail
