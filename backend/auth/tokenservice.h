#pragma once

#include <Poco/Timestamp.h>

#include <cstdint>
#include <optional>
#include <string>

namespace bunny::backend::auth {

struct AccessClaims
{
    std::string userId;
    std::int64_t sessionVersion = 0; // a password change bumps it, voiding older tokens
};

/// Signs and checks JWT access tokens (HS256). Thread-safe.
class TokenService
{
public:
    TokenService(std::string secret, int accessTtlSeconds);

    int accessTtlSeconds() const { return m_ttl; }
    std::string issue(const AccessClaims &claims, Poco::Timestamp now = {}) const;
    /// The claims of a well-signed, unexpired token; nullopt otherwise.
    std::optional<AccessClaims> verify(const std::string &jwt, Poco::Timestamp now = {}) const;

    /// Reads the signing secret from path, creating it (mode 0600, 32 random bytes) on first
    /// start. Throws Poco::Exception when it cannot.
    static std::string loadOrCreateSecret(const std::string &path);

private:
    std::string m_secret;
    int m_ttl;
};

/// SHA-256 hex of an opaque token: only hashes of refresh tokens reach the database.
std::string hashToken(const std::string &token);

} // namespace bunny::backend::auth
