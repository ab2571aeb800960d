#include "http/exchange.h"

#include "http/apierror.h"
#include "http/requestbodies.h"
#include "http/services.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/URI.h>

namespace bunny::backend::http {

Exchange::Exchange(Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response,
                   Services &services, std::vector<std::string> params)
    : m_request(request)
    , m_response(response)
    , m_services(services)
    , m_params(std::move(params))
{}

const std::vector<std::pair<std::string, std::string>> &Exchange::queryParameters() const
{
    if (!m_query) {
        try {
            m_query = Poco::URI(m_request.getURI()).getQueryParameters();
        } catch (const Poco::SyntaxException &) {
            throw badRequest("The query string is not valid percent-encoding.");
        }
    }
    return *m_query;
}

const std::string &Exchange::method() const
{
    return m_request.getMethod();
}

std::string Exchange::query(const std::string &name, const std::string &fallback) const
{
    for (const auto &[k, v] : queryParameters())
        if (k == name)
            return v;
    return fallback;
}

bool Exchange::hasQuery(const std::string &name) const
{
    for (const auto &kv : queryParameters())
        if (kv.first == name)
            return true;
    return false;
}

int Exchange::queryInt(const std::string &name, int fallback, int max) const
{
    if (!hasQuery(name))
        return fallback;
    int v = 0;
    if (!Poco::NumberParser::tryParse(query(name), v) || v < 1 || v > max)
        throw badRequest("Query parameter '" + name + "' must be a whole number from 1 to " +
                         std::to_string(max) + ".");
    return v;
}

std::string Exchange::clientAddress() const
{
    return m_services.settings.trustedProxies.clientAddress(m_request);
}

nlohmann::json Exchange::jsonBody()
{
    const std::string type = Poco::toLower(m_request.getContentType());
    if (type.rfind("application/json", 0) != 0)
        throw ApiError(415, "unsupported_media_type", "Send the body as application/json.");
    return parseJsonObject(rawBody(m_services.settings.maxJsonBytes));
}

std::string Exchange::rawBody(std::int64_t limit)
{
    if (m_request.hasContentLength() && m_request.getContentLength64() > limit)
        throw ApiError(413, "too_large",
                       "The body is larger than the limit of " + std::to_string(limit) + " bytes.");
    std::string body;
    std::istream &in = m_request.stream();
    char buffer[65536];
    while (in) {
        in.read(buffer, sizeof buffer);
        body.append(buffer, std::size_t(in.gcount()));
        if (std::int64_t(body.size()) > limit)
            throw ApiError(413, "too_large",
                           "The body is larger than the limit of " + std::to_string(limit) + " bytes.");
    }
    return body;
}

const storage::User *Exchange::optionalUser()
{
    if (m_userChecked)
        return m_user ? &*m_user : nullptr;
    m_userChecked = true;
    if (!m_request.has("Authorization"))
        return nullptr;
    const std::string header = m_request.get("Authorization");
    if (Poco::icompare(header.substr(0, 7), "Bearer ") != 0)
        throw unauthorized("Use 'Authorization: Bearer <access token>'.");
    auto claims = m_services.tokens.verify(Poco::trim(header.substr(7)));
    if (!claims)
        throw unauthorized("The access token is invalid or expired; refresh it or sign in again.");
    auto user = storage::UserStore(m_services.db).byId(claims->userId);
    if (!user || user->sessionVersion != claims->sessionVersion)
        throw unauthorized("The session has ended; sign in again.");
    m_user = std::move(user);
    return &*m_user;
}

const storage::User &Exchange::requireUser()
{
    const storage::User *user = optionalUser();
    if (!user)
        throw unauthorized();
    return *user;
}

void Exchange::sendJson(int status, const nlohmann::json &body)
{
    const std::string text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    m_response.setStatusAndReason(Poco::Net::HTTPResponse::HTTPStatus(status));
    m_response.setContentType("application/json");
    m_response.setContentLength64(Poco::Int64(text.size()));
    m_response.sendBuffer(text.data(), text.size());
}

void Exchange::sendNoContent()
{
    m_response.setStatus(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
    m_response.setContentLength(0);
    m_response.send();
}

void Exchange::sendError(int status, const std::string &code, const std::string &message, int retryAfter)
{
    if (retryAfter > 0)
        m_response.set("Retry-After", std::to_string(retryAfter));
    sendJson(status, {{"error", {{"code", code}, {"message", message}}}});
}

bool Exchange::sent() const
{
    return m_response.sent();
}

} // namespace bunny::backend::http
