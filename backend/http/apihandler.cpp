#include "http/apihandler.h"

#include "http/apierror.h"
#include "http/exchange.h"
#include "http/services.h"

#include <Poco/Data/DataException.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Stopwatch.h>

namespace bunny::backend::http {

namespace {

bool drainBody(Poco::Net::HTTPServerRequest &request)
{
    constexpr std::streamsize kDrainLimit = 8 << 20;
    try {
        std::istream &in = request.stream();
        char buffer[65536];
        std::streamsize total = 0;
        while (in && total <= kDrainLimit) {
            in.read(buffer, sizeof buffer);
            total += in.gcount();
        }
        return in.eof();
    } catch (const Poco::Exception &) {
        return false;
    }
}

} // namespace

ApiHandler::ApiHandler(Services &services, std::string route, std::vector<std::string> params)
    : m_services(services)
    , m_route(std::move(route))
    , m_params(std::move(params))
{}

void ApiHandler::handleRequest(Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response)
{
    Poco::Stopwatch watch;
    watch.start();
    auto &log = Poco::Logger::get("bunnyd.http");
    auto fail = [&](int status, const std::string &code, const std::string &message, int retryAfter = 0) {
        if (response.sent())
            return;
        // Read what is left of the body (up to a bound) so the client, which is usually still
        // sending it, sees this answer; past the bound, close rather than mistake its bytes for
        // the next request.
        if (!drainBody(request))
            response.setKeepAlive(false);
        Exchange(request, response, m_services, {}).sendError(status, code, message, retryAfter);
    };
    try {
        Exchange ex(request, response, m_services, m_params);
        handle(ex);
        // A handler may answer without reading the body (the rematch route ignores the app's
        // "{}"): left on a keep-alive connection, those bytes would begin the next request.
        if (response.getKeepAlive() && (request.hasContentLength() || request.getChunkedTransferEncoding()) &&
            !drainBody(request))
            response.setKeepAlive(false);
    } catch (const ApiError &e) {
        if (!e.allow.empty())
            response.set("Allow", e.allow);
        fail(e.status(), e.code(), e.message(), e.retryAfter);
    } catch (const Poco::Net::NetException &e) {
        log.information("client connection lost: %s", e.displayText()); // nothing to answer
    } catch (const Poco::Data::DataException &e) {
        m_services.metrics.databaseError();
        log.error("database error on %s %s: %s", request.getMethod(), request.getURI(), e.displayText());
        fail(500, "database_error", "The database failed; try again later.");
    } catch (const storage::StoreUnavailableException &e) {
        m_services.metrics.storeError();
        log.error("object store unavailable on %s %s: %s", request.getMethod(), request.getURI(),
                  e.displayText());
        fail(503, "store_unavailable", "The object store is unavailable; try again later.", 5);
    } catch (const Poco::IOException &e) {
        m_services.metrics.storeError();
        log.error("storage error on %s %s: %s", request.getMethod(), request.getURI(), e.displayText());
        fail(500, "storage_error", "The object store failed; try again later.");
    } catch (const Poco::Exception &e) {
        log.error("error on %s %s: %s", request.getMethod(), request.getURI(), e.displayText());
        fail(500, "internal_error", "Something went wrong on the server.");
    } catch (const std::exception &e) {
        log.error("error on %s %s: %s", request.getMethod(), request.getURI(), std::string(e.what()));
        fail(500, "internal_error", "Something went wrong on the server.");
    }
    watch.stop();
    const int status = int(response.getStatus());
    m_services.metrics.observe(m_route, request.getMethod(), status, double(watch.elapsed()) / 1e6);
    if (log.information())
        log.information("%s %s %d %.1fms %s", request.getMethod(), request.getURI(), status,
                        double(watch.elapsed()) / 1e3,
                        m_services.settings.trustedProxies.clientAddress(request));
}

} // namespace bunny::backend::http
