// Register, login, refresh, logout: the routes that hand out sessions.
#include "http/apierror.h"
#include "http/exchange.h"
#include "http/handlers/handlers.h"
#include "http/requestbodies.h"
#include "http/services.h"
#include "http/views.h"

namespace bunny::backend::http {

namespace {

[[noreturn]] void tooMany(Services &s, const std::string &kind, int wait)
{
    s.metrics.rateLimited(kind);
    ApiError e(429, "rate_limited", "Too many attempts; try again in " + std::to_string(wait) + " s.");
    e.retryAfter = wait;
    throw e;
}

void limit(Services &s, const std::string &kind, const std::string &who, int perWindow)
{
    if (auto wait = s.limiter.hit(kind + ":" + who, perWindow, std::chrono::seconds(s.settings.rateWindow)))
        tooMany(s, kind, *wait);
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
    limit(m_services, "register_ip", ex.clientAddress(), m_services.settings.registerPerIp);
    const Registration form = parseRegistration(ex.jsonBody());
    storage::User u;
    u.username = form.username;
    u.email = form.email;
    const std::string &password = form.password;
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
    limit(m_services, "login_ip", ex.clientAddress(), m_services.settings.loginPerIp);
    const auto [login, password] = parseCredentials(ex.jsonBody());
    // Only wrong passwords count against an account (checked here, counted below): signing in
    // often never locks its owner out. Guesses still do, for the window (backend/SECURITY.md).
    const std::string account = "login_account:" + storage::lowercase(login);
    const auto window = std::chrono::seconds(m_services.settings.rateWindow);
    if (const auto wait = m_services.limiter.peek(account, m_services.settings.loginPerAccount, window))
        tooMany(m_services, "login_account", *wait);
    auto user = storage::UserStore(m_services.db).byLogin(login);
    // Hash even for an unknown login, so timing does not tell which accounts exist.
    bool ok = false;
    if (user)
        ok = m_services.hasher.verify(password, user->passwordHash);
    else
        m_services.hasher.burn(password);
    if (!ok) {
        m_services.limiter.hit(account, m_services.settings.loginPerAccount, window);
        throw ApiError(401, "invalid_credentials", "Wrong username, email or password.");
    }
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
