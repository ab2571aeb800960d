// Register, login, refresh, logout: the routes that hand out sessions.
#include "http/apierror.h"
#include "http/exchange.h"
#include "http/handlers/handlers.h"
#include "http/services.h"
#include "http/views.h"

#include "auth/accountrules.h"

namespace bunny::backend::http {

namespace {

void limit(Services &s, const std::string &key, int perWindow)
{
    if (auto wait = s.limiter.hit(key, perWindow, std::chrono::seconds(s.settings.rateWindow))) {
        ApiError e(429, "rate_limited", "Too many attempts; try again in " + std::to_string(*wait) + " s.");
        e.retryAfter = *wait;
        throw e;
    }
}

nlohmann::json sessionBody(const storage::User &u, const auth::TokenPair &p)
{
    return {{"user", privateUser(u)},
            {"access_token", p.accessToken},
            {"refresh_token", p.refreshToken},
            {"expires_in", p.expiresIn}};
}

void requirePost(Exchange &ex)
{
    if (ex.method() != "POST")
        throw methodNotAllowed("POST");
}

} // namespace

void RegisterHandler::handle(Exchange &ex)
{
    requirePost(ex);
    limit(m_services, "register-ip:" + ex.clientAddress(), m_services.settings.registerPerIp);
    const nlohmann::json body = ex.jsonBody();
    storage::User u;
    u.username = requireString(body, "username");
    u.email = requireString(body, "email");
    const std::string password = requireString(body, "password");
    if (auto problem = auth::checkUsername(u.username))
        throw badRequest(*problem, "invalid_username");
    if (auto problem = auth::checkEmail(u.email))
        throw badRequest(*problem, "invalid_email");
    if (auto problem = auth::checkPassword(password, u.username))
        throw badRequest(*problem, "invalid_password");
    storage::UserStore users(m_services.db);
    if (users.usernameTaken(u.username))
        throw ApiError(409, "username_taken", "The username '" + u.username + "' is taken.");
    if (users.emailTaken(u.email))
        throw ApiError(409, "email_taken", "An account with this email exists; sign in instead.");
    u.passwordHash = m_services.hasher.hash(password);
    if (!users.create(u))
        throw ApiError(409, "username_taken", "The username or email was taken just now.");
    ex.sendJson(201, sessionBody(u, m_services.sessions.start(u)));
}

void LoginHandler::handle(Exchange &ex)
{
    requirePost(ex);
    limit(m_services, "login-ip:" + ex.clientAddress(), m_services.settings.loginPerIp);
    const nlohmann::json body = ex.jsonBody();
    const std::string login = requireString(body, "login");
    const std::string password = requireString(body, "password");
    limit(m_services, "login-account:" + storage::lowercase(login), m_services.settings.loginPerAccount);
    auto user = storage::UserStore(m_services.db).byLogin(login);
    // Hash even for an unknown login, so timing does not tell which accounts exist.
    bool ok = false;
    if (user)
        ok = m_services.hasher.verify(password, user->passwordHash);
    else
        m_services.hasher.burn(password);
    if (!ok)
        throw ApiError(401, "invalid_credentials", "Wrong username, email or password.");
    ex.sendJson(200, sessionBody(*user, m_services.sessions.start(*user)));
}

void RefreshHandler::handle(Exchange &ex)
{
    requirePost(ex);
    const std::string token = requireString(ex.jsonBody(), "refresh_token");
    auth::SessionService::RefreshError why{};
    auto refreshed = m_services.sessions.refresh(token, why);
    if (!refreshed) {
        if (why == auth::SessionService::RefreshError::Reused)
            throw ApiError(
                401, "token_reused",
                "This refresh token was already used; every session it belonged to is now signed out.");
        if (why == auth::SessionService::RefreshError::Expired)
            throw ApiError(401, "token_expired", "The refresh token has expired; sign in again.");
        throw ApiError(401, "invalid_token", "Unknown refresh token; sign in again.");
    }
    auto user = storage::UserStore(m_services.db).byId(refreshed->userId);
    if (!user)
        throw ApiError(401, "invalid_token", "The account is gone.");
    ex.sendJson(200, sessionBody(*user, refreshed->pair));
}

void LogoutHandler::handle(Exchange &ex)
{
    requirePost(ex);
    m_services.sessions.logout(requireString(ex.jsonBody(), "refresh_token"));
    ex.sendNoContent();
}

} // namespace bunny::backend::http
