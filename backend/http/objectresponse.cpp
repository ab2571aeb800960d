#include "http/objectresponse.h"

#include "http/byterange.h"
#include "http/exchange.h"
#include "http/services.h"

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>

#include <algorithm>
#include <climits>

#include <netinet/in.h>
#include <netinet/tcp.h>

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
        auto *impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl *>(&ex.request());
        if (!impl)
            return; // not Poco's own server: write through its stream
        m_socket = &impl->socket();
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
    // Small objects (nearly all recordings) come whole, from the cache when hot, in one write
    // after the headers; large ones are streamed in chunks of 1 MiB. Either way the first read
    // happens before the headers, so a store failure still gets a JSON error.
    constexpr std::uint64_t kWhole = 8 << 20, kChunk = 1 << 20;
    if (length == 0) {
        response.sendBuffer("", 0);
        return;
    }
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
