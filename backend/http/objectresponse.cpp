#include "http/objectresponse.h"

#include "http/byterange.h"
#include "http/exchange.h"
#include "http/services.h"

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

namespace bunny::backend::http {

namespace {

bool redirectToStore(Exchange &ex, const ObjectAnswer &object)
{
    const Settings &settings = ex.services().settings;
    if (!settings.s3RedirectContent)
        return false;
    const std::string url =
        ex.services().store.presignedGetUrl(object.sha256, settings.s3PresignTtl, object.contentType);
    if (url.empty())
        return false;
    auto &response = ex.response();
    // The URL expires, and whether the caller may see the object can change: never cache it.
    response.set("Cache-Control", "no-store");
    response.redirect(url, Poco::Net::HTTPResponse::HTTP_FOUND);
    return true;
}

/// The connection's socket when the request came through Poco's own server; null otherwise.
Poco::Net::StreamSocket *connectionSocket(Exchange &ex)
{
    auto *impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl *>(&ex.request());
    return impl ? &impl->socket() : nullptr;
}

/// True when a file can go to the client with sendfile(2): plain TCP, since TLS must encrypt
/// the bytes on their way.
bool canSendFile(Exchange &ex)
{
    const auto *socket = connectionSocket(ex);
    return socket && !socket->secure();
}

/// Sends the headers, then the body in as few writes as the socket takes. Poco's response
/// streams write through a 4 KiB buffer, so a 134 KiB recording took 34 send() calls; here it is
/// two, corked so that the headers do not leave in a packet of their own. The headers still go
/// out through Poco, so the response counts as sent.
class BodyWriter
{
public:
    explicit BodyWriter(Exchange &ex)
        : m_out(ex.response().send())
    {
        m_socket = connectionSocket(ex);
        if (!m_socket)
            return; // not Poco's own server: write through its stream
        m_corked = cork(1);
        m_out.flush();
        if (!m_out)
            throw Poco::Net::NetException("the client went away before the body");
    }
    ~BodyWriter()
    {
        if (m_corked)
            cork(0); // sends what is held back
    }
    BodyWriter(const BodyWriter &) = delete;
    BodyWriter &operator=(const BodyWriter &) = delete;

    void write(const char *data, std::size_t size)
    {
        if (!m_socket) {
            m_out.write(data, std::streamsize(size));
            return;
        }
        while (size > 0) {
            // A send timeout may cut a blocking send short: go on from where it stopped.
            const int sent = m_socket->sendBytes(data, int(std::min<std::size_t>(size, INT_MAX)));
            if (sent <= 0)
                throw Poco::Net::NetException("the client stopped reading the body");
            data += sent;
            size -= std::size_t(sent);
        }
    }

    /// length bytes of the file from offset, copied by the kernel from the page cache to the
    /// socket (as nginx serves static files). Only where canSendFile() said so.
    void sendFile(int fd, std::uint64_t offset, std::uint64_t length)
    {
        const int out = m_socket->impl()->sockfd();
        off_t at = off_t(offset);
        while (length > 0) {
            // A send timeout cuts a blocking sendfile short like a send: go on from where it stopped.
            const ssize_t n = ::sendfile(out, fd, &at, std::min<std::uint64_t>(length, 1u << 30));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throw Poco::Net::NetException(errno == EAGAIN || errno == EWOULDBLOCK
                                                  ? std::string("the client stopped reading the body")
                                                  : std::string("sendfile: ") + std::strerror(errno));
            if (n == 0)
                throw Poco::IOException("the object ended before its recorded size");
            length -= std::uint64_t(n);
        }
    }

private:
    bool cork(int on) noexcept
    {
        try {
            m_socket->setOption(IPPROTO_TCP, TCP_CORK, on);
            return true;
        } catch (const Poco::Exception &) { // not TCP, or already closed: uncorked is fine
            return false;
        }
    }

    std::ostream &m_out;
    Poco::Net::StreamSocket *m_socket = nullptr;
    bool m_corked = false;
};

} // namespace

void sendObject(Exchange &ex, const ObjectAnswer &object)
{
    if (redirectToStore(ex, object))
        return;
    auto &store = ex.services().store;
    auto &request = ex.request();
    auto &response = ex.response();
    const std::uint64_t size = object.size;
    response.set("Accept-Ranges", "bytes");
    response.set("ETag", "\"" + object.sha256 + "\"");
    if (!object.cacheControl.empty())
        response.set("Cache-Control", object.cacheControl);
    if (!object.contentDisposition.empty())
        response.set("Content-Disposition", object.contentDisposition);
    ByteRange range{0, size == 0 ? 0 : size - 1};
    const RangeAnswer answer =
        request.has("Range") ? parseRange(request.get("Range"), size, range) : RangeAnswer::Full;
    if (answer == RangeAnswer::Unsatisfiable) {
        response.set("Content-Range", "bytes */" + std::to_string(size));
        ex.sendError(416, "range_not_satisfiable",
                     "The range lies outside the object's " + std::to_string(size) + " bytes.");
        return;
    }
    const std::uint64_t length = size == 0 ? 0 : range.last - range.first + 1;
    if (answer == RangeAnswer::Partial) {
        response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_PARTIAL_CONTENT);
        response.set("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                          std::to_string(range.last) + "/" + std::to_string(size));
    }
    response.setContentType(object.contentType);
    response.setContentLength64(Poco::Int64(length));
    if (length == 0) {
        response.sendBuffer("", 0);
        return;
    }
    // A local file goes out with sendfile(2) and never passes through bunnyd's memory. It is
    // opened and its size checked before the headers, so a store failure still gets a JSON error.
    if (canSendFile(ex)) {
        if (const storage::Fd file = store.openLocal(object.sha256); file.valid()) {
            struct stat st
            {
            };
            if (::fstat(file.get(), &st) != 0 || std::uint64_t(st.st_size) <= range.last)
                throw Poco::IOException("object " + object.sha256 + " is shorter than its recorded size");
            BodyWriter(ex).sendFile(file.get(), range.first, length);
            return;
        }
    }
    // From S3 (or over TLS): small objects (nearly all recordings) come whole, from the cache
    // when hot, in one write after the headers; large ones are streamed in chunks of 1 MiB.
    // Either way the first read happens before the headers, so a store failure still gets a
    // JSON error.
    constexpr std::uint64_t kWhole = 8 << 20, kChunk = 1 << 20;
    if (size <= kWhole) {
        const auto whole = store.readAll(object.sha256, size);
        if (whole->size() <= range.last)
            throw Poco::IOException("object " + object.sha256 + " is shorter than its recorded size");
        BodyWriter(ex).write(whole->data() + range.first, std::size_t(length));
        return;
    }
    std::string chunk = store.read(object.sha256, range.first, std::min(kChunk, length));
    BodyWriter body(ex);
    std::uint64_t done = 0;
    while (true) {
        body.write(chunk.data(), chunk.size());
        done += chunk.size();
        if (done >= length || chunk.empty())
            break;
        chunk = store.read(object.sha256, range.first + done, std::min(kChunk, length - done));
    }
}

} // namespace bunny::backend::http
