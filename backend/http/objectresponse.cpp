#include "http/objectresponse.h"

#include "http/byterange.h"
#include "http/exchange.h"
#include "http/services.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <algorithm>

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
    // Small objects (nearly all recordings) come whole, from the cache when hot, and go out with
    // the headers in one write; large ones are streamed in chunks. Either way the first read
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
        response.sendBuffer(whole->data() + range.first, std::size_t(length));
        return;
    }
    std::string chunk = store.read(object.sha256, range.first, std::min(kChunk, length));
    std::ostream &out = response.send();
    std::uint64_t done = 0;
    while (true) {
        out.write(chunk.data(), std::streamsize(chunk.size()));
        done += chunk.size();
        if (done >= length || chunk.empty() || !out)
            break;
        chunk = store.read(object.sha256, range.first + done, std::min(kChunk, length - done));
    }
}

} // namespace bunny::backend::http
