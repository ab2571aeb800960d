#include "auth/sessionservice.h"

#include "auth/randomtoken.h"
#include "storage/database.h"
#include "storage/userstore.h"

namespace bunny::backend::auth {

SessionService::SessionService(storage::Database &db, TokenService &tokens, int refreshTtlSeconds)
    : m_db(db)
    , m_tokens(tokens)
    , m_refreshTtl(refreshTtlSeconds)
{}

std::string SessionService::newRefreshToken(const std::string &userId, const std::string &family)
{
    const std::string token = randomToken(32);
    const std::int64_t now = storage::nowMs();
    m_db.execute(
        "INSERT INTO refresh_tokens (hash, user_id, family, expires, created) VALUES (?, ?, ?, ?, ?)",
        {hashToken(token), userId, family, now + std::int64_t(m_refreshTtl) * 1000, now});
    return token;
}

TokenPair SessionService::start(const storage::User &user)
{
    return TokenPair{m_tokens.issue({user.id, user.sessionVersion}), newRefreshToken(user.id, newId()),
                     m_tokens.accessTtlSeconds()};
}

std::optional<SessionService::Refreshed> SessionService::refresh(const std::string &refreshToken,
                                                                 RefreshError &why)
{
    const std::string hash = hashToken(refreshToken);
    auto rows =
        m_db.query("SELECT user_id, family, expires, used FROM refresh_tokens WHERE hash = ?", {hash});
    if (rows.empty()) {
        why = RefreshError::Unknown;
        return std::nullopt;
    }
    const std::string userId = rows[0].str(0), family = rows[0].str(1);
    if (rows[0].num(3) != 0) {
        m_db.execute("DELETE FROM refresh_tokens WHERE family = ?", {family});
        why = RefreshError::Reused;
        return std::nullopt;
    }
    if (rows[0].num(2) <= storage::nowMs()) {
        why = RefreshError::Expired;
        return std::nullopt;
    }
    // Only the request that flips used from 0 wins; a concurrent replay sees a reuse.
    if (m_db.execute("UPDATE refresh_tokens SET used = 1 WHERE hash = ? AND used = 0", {hash}) != 1) {
        m_db.execute("DELETE FROM refresh_tokens WHERE family = ?", {family});
        why = RefreshError::Reused;
        return std::nullopt;
    }
    auto user = storage::UserStore(m_db).byId(userId);
    if (!user) {
        why = RefreshError::Unknown;
        return std::nullopt;
    }
    return Refreshed{userId, TokenPair{m_tokens.issue({user->id, user->sessionVersion}),
                                       newRefreshToken(userId, family), m_tokens.accessTtlSeconds()}};
}

void SessionService::logout(const std::string &refreshToken)
{
    auto rows = m_db.query("SELECT family FROM refresh_tokens WHERE hash = ?", {hashToken(refreshToken)});
    if (!rows.empty())
        m_db.execute("DELETE FROM refresh_tokens WHERE family = ?", {rows[0].str(0)});
}

void SessionService::revokeAll(const std::string &userId)
{
    m_db.execute("DELETE FROM refresh_tokens WHERE user_id = ?", {userId});
}

} // namespace bunny::backend::auth
