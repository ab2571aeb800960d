// The signed-in account (/me, password, avatar) and public profiles (/users/{username}).
#include "auth/accountrules.h"
#include "http/apierror.h"
#include "http/exchange.h"
#include "http/handlers/handlers.h"
#include "http/requestbodies.h"
#include "http/services.h"
#include "http/views.h"
#include "storage/contentcleanup.h"
#include "storage/engagement.h"

#include <Poco/Net/HTTPServerResponse.h>

namespace bunny::backend::http {

namespace {

/// "image/png" or "image/jpeg" by magic bytes, empty for anything else.
std::string imageType(const std::string &bytes)
{
    if (bytes.size() > 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0)
        return "image/png";
    if (bytes.size() > 3 && bytes.compare(0, 3, "\xff\xd8\xff") == 0)
        return "image/jpeg";
    return {};
}

void requirePassword(Services &s, const storage::User &u, const std::string &password)
{
    if (!s.hasher.verify(password, u.passwordHash))
        throw ApiError(403, "wrong_password", "The current password is wrong.");
}

} // namespace

void MeHandler::handle(Exchange &ex)
{
    const storage::User &me = ex.requireUser();
    if (ex.method() == "GET") {
        ex.sendJson(200, privateUser(me));
    } else if (ex.method() == "DELETE") {
        // A stolen access token alone must not be enough to wipe an account.
        requirePassword(m_services, me, requireString(ex.jsonBody(), "password"));
        storage::deleteAccount(m_services.db, m_services.store, me.id);
        ex.sendNoContent();
    } else {
        throw methodNotAllowed("GET, DELETE");
    }
}

void PasswordHandler::handle(Exchange &ex)
{
    if (ex.method() != "POST")
        throw methodNotAllowed("POST");
    storage::User me = ex.requireUser();
    const auto [current, next] = parsePasswordChange(ex.jsonBody());
    requirePassword(m_services, me, current);
    if (auto problem = auth::checkPassword(next, me.username))
        throw badRequest(*problem, "invalid_password");
    // Bumps the session version and drops every refresh token: all other sessions end.
    storage::UserStore users(m_services.db);
    users.setPassword(me.id, m_services.hasher.hash(next));
    me = *users.byId(me.id);
    const auth::TokenPair pair = m_services.sessions.start(me);
    ex.sendJson(200, {{"user", privateUser(me)},
                      {"access_token", pair.accessToken},
                      {"refresh_token", pair.refreshToken},
                      {"expires_in", pair.expiresIn}});
}

void AvatarHandler::handle(Exchange &ex)
{
    const storage::User &me = ex.requireUser();
    storage::UserStore users(m_services.db);
    if (ex.method() == "PUT") {
        const std::string bytes = ex.rawBody(m_services.settings.maxAvatarBytes);
        if (imageType(bytes).empty())
            throw ApiError(415, "unsupported_media_type", "An avatar must be a PNG or JPEG image.");
        const std::string sha = m_services.store.put(bytes);
        users.setAvatar(me.id, sha);
        if (me.avatarSha != sha)
            storage::releaseObject(m_services.db, m_services.store, me.avatarSha);
        ex.sendJson(200, privateUser(*users.byId(me.id)));
    } else if (ex.method() == "DELETE") {
        users.setAvatar(me.id, "");
        storage::releaseObject(m_services.db, m_services.store, me.avatarSha);
        ex.sendNoContent();
    } else {
        throw methodNotAllowed("PUT, DELETE");
    }
}

void UserHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET")
        throw methodNotAllowed("GET");
    ex.optionalUser(); // public, but a bad token is still refused like everywhere else
    auto user = storage::UserStore(m_services.db).byUsername(ex.param(0));
    if (!user)
        throw notFound("No user '" + ex.param(0) + "'.");
    ex.sendJson(200, publicUser(*user));
}

void UserAvatarHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET")
        throw methodNotAllowed("GET");
    auto user = storage::UserStore(m_services.db).byUsername(ex.param(0));
    if (!user || user->avatarSha.empty())
        throw notFound("No avatar for '" + ex.param(0) + "'.");
    auto &store = m_services.store;
    const std::string bytes = store.read(user->avatarSha, 0, store.size(user->avatarSha));
    auto &response = ex.response();
    response.setContentType(imageType(bytes));
    response.set("Cache-Control", "public, max-age=300");
    response.setContentLength64(Poco::Int64(bytes.size()));
    response.send() << bytes;
}

} // namespace bunny::backend::http
