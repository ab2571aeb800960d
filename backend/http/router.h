#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bunny::backend::http {

struct Services;

/// Makes the handler of one request; params are the path's {placeholder} values in order.
using HandlerMaker = std::function<Poco::Net::HTTPRequestHandler *(Services &, const std::string &route,
                                                                   std::vector<std::string> params)>;

/// Maps paths to handlers: one handler class per resource, which dispatches on the method.
/// Patterns are literal segments and {name} placeholders ("/api/v1/recordings/{id}/content");
/// an unmatched path gets a JSON 404 handler, never nullptr. Routes are added before the
/// server starts; lookups are then read-only and thread-safe.
class Router : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit Router(Services &services);

    void add(const std::string &pattern, HandlerMaker make);
    /// add() for a handler class constructed as T(Services &, route, params).
    template<typename T> void add(const std::string &pattern)
    {
        add(pattern, [](Services &s, const std::string &route, std::vector<std::string> params) {
            return new T(s, route, std::move(params));
        });
    }

    Poco::Net::HTTPRequestHandler *createRequestHandler(const Poco::Net::HTTPServerRequest &request) override;

private:
    struct Route
    {
        std::string pattern;
        std::vector<std::string> segments;
        HandlerMaker make;
    };

    Services &m_services;
    std::vector<Route> m_routes;
};

} // namespace bunny::backend::http
