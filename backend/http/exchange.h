#pragma once

#include "http/requestbodies.h"
#include "storage/userstore.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
} // namespace Poco::Net

namespace bunny::backend::http {

struct Services;

/// One request and its response as a handler sees them: path parameters, query, bodies
/// with limits, the signed-in user, JSON answers. Throws ApiError for bad input.
class Exchange
{
public:
    Exchange(Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response,
             Services &services, std::vector<std::string> params);

    Poco::Net::HTTPServerRequest &request() { return m_request; }
    Poco::Net::HTTPServerResponse &response() { return m_response; }
    Services &services() { return m_services; }
    const std::string &method() const;
    /// The i-th {placeholder} of the route.
    const std::string &param(std::size_t i) const { return m_params.at(i); }
    /// A query parameter, or fallback when absent.
    std::string query(const std::string &name, const std::string &fallback = {}) const;
    bool hasQuery(const std::string &name) const;
    /// A positive integer query parameter within [1, max]; 400 otherwise.
    int queryInt(const std::string &name, int fallback, int max) const;
    /// The client's address as per-address limits count it: the TCP peer, or behind a trusted
    /// proxy (server.trusted_proxies) the address it forwarded (TrustedProxies::clientAddress).
    std::string clientAddress() const;

    /// The body as a JSON object (application/json, within limits.json_bytes, nesting ≤ 32).
    nlohmann::json jsonBody();
    /// The raw body, at most limit bytes (413 past it).
    std::string rawBody(std::int64_t limit);

    /// The user of a valid bearer token, or 401.
    const storage::User &requireUser();
    /// The user when a valid token is given; 401 for a bad one, nullopt for none.
    const storage::User *optionalUser();

    void sendJson(int status, const nlohmann::json &body);
    void sendNoContent();
    void sendError(int status, const std::string &code, const std::string &message, int retryAfter = 0);
    bool sent() const;

private:
    Poco::Net::HTTPServerRequest &m_request;
    Poco::Net::HTTPServerResponse &m_response;
    Services &m_services;
    std::vector<std::string> m_params;
    const std::vector<std::pair<std::string, std::string>> &queryParameters() const;

    mutable std::optional<std::vector<std::pair<std::string, std::string>>> m_query; // parsed on first use
    bool m_userChecked = false;
    std::optional<storage::User> m_user;
};

} // namespace bunny::backend::http
