#include "http/router.h"

#include "http/apierror.h"
#include "http/apihandler.h"
#include "http/exchange.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>

namespace bunny::backend::http {

namespace {

std::vector<std::string> splitPath(const std::string &path)
{
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

class NotFoundHandler : public ApiHandler
{
public:
    using ApiHandler::ApiHandler;

protected:
    void handle(Exchange &) override { throw notFound("No such route."); }
};

} // namespace

Router::Router(Services &services)
    : m_services(services)
{}

void Router::add(const std::string &pattern, HandlerMaker make)
{
    m_routes.push_back(Route{pattern, splitPath(pattern), std::move(make)});
}

Poco::Net::HTTPRequestHandler *Router::createRequestHandler(const Poco::Net::HTTPServerRequest &request)
{
    std::string path;
    try {
        path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::SyntaxException &) {
        return new NotFoundHandler(m_services, "unmatched", {});
    }
    if (path.empty() || path.front() != '/')
        return new NotFoundHandler(m_services, "unmatched", {});
    const std::vector<std::string> segments = splitPath(path);
    for (const auto &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        std::vector<std::string> params;
        bool match = true;
        for (std::size_t i = 0; i < segments.size() && match; ++i) {
            const std::string &want = route.segments[i];
            if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
                match = !segments[i].empty();
                params.push_back(segments[i]);
            } else {
                match = want == segments[i];
            }
        }
        if (match)
            return route.make(m_services, route.pattern, std::move(params));
    }
    // One label for every unknown path keeps /metrics from growing with each probe.
    return new NotFoundHandler(m_services, "unmatched", {});
}

} // namespace bunny::backend::http
