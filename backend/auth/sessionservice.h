#pragma once

#include "auth/tokenservice.h"

#include <optional>
#include <string>

namespace bunny::backend::storage {
class Database;
struct User;
} // namespace bunny::backend::storage

namespace bunny::backend::auth {

struct TokenPair
{
    std::string accessToken;
    std::string refreshToken;
    int expiresIn = 0; // seconds of the access token
};

/// Sessions: a JWT access token plus an opaque refresh token that rotates on every use. Only
/// a hash of each refresh token is stored; a family groups the tokens of one login, so when
/// an already rotated token comes back (stolen and replayed) the whole family is revoked.
class SessionService
{
public:
    enum class RefreshError { Unknown, Expired, Reused };

    SessionService(storage::Database &db, TokenService &tokens, int refreshTtlSeconds);

    TokenPair start(const storage::User &user);
    /// The user id and a new pair, or the reason it was refused.
    struct Refreshed
    {
        std::string userId;
        TokenPair pair;
    };
    std::optional<Refreshed> refresh(const std::string &refreshToken, RefreshError &why);
    /// Ends the session the token belongs to (its family); unknown tokens are ignored.
    void logout(const std::string &refreshToken);
    /// Ends every session of a user.
    void revokeAll(const std::string &userId);

private:
    std::string newRefreshToken(const std::string &userId, const std::string &family);

    storage::Database &m_db;
    TokenService &m_tokens;
    int m_refreshTtl;
};

} // namespace bunny::backend::auth
