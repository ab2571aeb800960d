#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>
#include <vector>

namespace bunny::backend::http {

class Exchange;
struct Services;

/// Base of every route's handler: subclasses implement handle(); this class measures the
/// request, and turns ApiError and any other exception into a JSON error (never a trace).
class ApiHandler : public Poco::Net::HTTPRequestHandler
{
public:
    ApiHandler(Services &services, std::string route, std::vector<std::string> params);

    void handleRequest(Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response) final;

protected:
    virtual void handle(Exchange &ex) = 0;
    /// The pattern this handler was routed by, e.g. "/api/v1/recordings/{id}".
    const std::string &route() const { return m_route; }

    Services &m_services;

private:
    std::string m_route;
    std::vector<std::string> m_params;
};

} // namespace bunny::backend::http
