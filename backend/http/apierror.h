#pragma once

#include <Poco/Exception.h>

#include <string>

namespace bunny::backend::http {

/// Thrown inside handlers; ApiHandler turns it into {"error":{"code","message"}} with status.
class ApiError : public Poco::Exception
{
public:
    ApiError(int status, std::string code, const std::string &message)
        : Poco::Exception(message)
        , m_status(status)
        , m_code(std::move(code))
    {}
    int status() const { return m_status; }
    const std::string &code() const { return m_code; }
    /// Seconds for Retry-After (429), 0 for none.
    int retryAfter = 0;
    /// Methods for the Allow header (405), empty for none.
    std::string allow;

private:
    int m_status;
    std::string m_code;
};

inline ApiError badRequest(const std::string &message, const std::string &code = "bad_request")
{
    return ApiError(400, code, message);
}
inline ApiError unauthorized(const std::string &message = "Sign in first: this needs a valid access token.")
{
    return ApiError(401, "unauthorized", message);
}
inline ApiError forbidden(const std::string &message = "That belongs to someone else.")
{
    return ApiError(403, "forbidden", message);
}
inline ApiError notFound(const std::string &message)
{
    return ApiError(404, "not_found", message);
}

inline ApiError methodNotAllowed(const std::string &allow)
{
    ApiError e(405, "method_not_allowed", "This resource accepts " + allow + ".");
    e.allow = allow;
    return e;
}

} // namespace bunny::backend::http
