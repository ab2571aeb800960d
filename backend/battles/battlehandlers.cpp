#include "battles/battlehandlers.h"

#include "battles/battlehub.h"
#include "http/apierror.h"
#include "http/exchange.h"
#include "http/objectresponse.h"
#include "http/requestbodies.h"
#include "http/services.h"
#include "http/views.h"
#include "storage/userstore.h"

#include <Poco/File.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>

namespace bunny::backend::http {

using battles::BattleHub;
using battles::BattleRow;
using nlohmann::json;

namespace {

BattleHub &hubOf(Exchange &ex)
{
    if (!ex.services().battles)
        throw ApiError(503, "battles_unavailable", "Battles are not enabled on this server.");
    return *ex.services().battles;
}

/// The battle, if viewerId may see it: public ones to anyone, private ones to their players or
/// to whoever knows the invite code. 404 otherwise, so private battles do not leak.
BattleRow visibleBattle(BattleHub &hub, const std::string &id, const std::string &viewerId,
                        const std::string &invite = {})
{
    auto row = hub.find(id);
    if (!row || (row->visibility == "private" && viewerId != row->p1Id && viewerId != row->p2Id &&
                 invite != row->inviteCode))
        throw notFound("There is no battle " + id + ".");
    return *row;
}

std::string optionalString(const json &body, const char *field)
{
    if (!body.contains(field) || body[field].is_null())
        return {};
    if (!body[field].is_string())
        throw badRequest(std::string(field) + " must be a string.");
    return body[field].get<std::string>();
}

std::string viewerOf(Exchange &ex)
{
    const auto *user = ex.optionalUser();
    return user ? user->id : std::string();
}

} // namespace

void BattlesHandler::handle(Exchange &ex)
{
    auto &hub = hubOf(ex);
    if (ex.method() == "POST") {
        const auto &user = ex.requireUser();
        const auto form = parseBattleCreation(ex.jsonBody());
        battles::CreateRequest request;
        request.problem = form.problem;
        request.level = form.level;
        request.language = form.language;
        request.visibility = form.visibility;
        request.timeLimitS = form.timeLimitS;
        request.noPaste = form.noPaste;
        const auto row = hub.create(request, user);
        ex.sendJson(201, hub.view(row, user.id));
        return;
    }
    if (ex.method() != "GET" && ex.method() != "HEAD")
        throw methodNotAllowed("GET, POST");
    const std::string viewer = viewerOf(ex);
    const std::string status = ex.query("status");
    if (!status.empty() && status != "waiting" && status != "countdown" && status != "running" &&
        status != "finished")
        throw badRequest("status is waiting, countdown, running or finished.");
    std::string userId;
    if (ex.hasQuery("user")) {
        const auto user = storage::UserStore(ex.services().db).byUsername(ex.query("user"));
        if (!user)
            throw notFound("There is no user \"" + ex.query("user") + "\".");
        userId = user->id;
    }
    const int pageNo = ex.queryInt("page", 1, 1'000'000);
    const int perPage = ex.queryInt("per_page", 20, 100);
    std::int64_t total = 0;
    json items = json::array();
    for (auto &row : hub.store().list(status, userId, viewer, pageNo, perPage, total)) {
        // Live battles answer from memory: the database lags behind their documents.
        if (row.status != "finished")
            if (auto fresh = hub.find(row.id))
                row = *fresh;
        items.push_back(hub.view(row, viewer));
    }
    ex.sendJson(200, page(std::move(items), pageNo, perPage, total));
}

void BattleJoinCodeHandler::handle(Exchange &ex)
{
    if (ex.method() != "POST")
        throw methodNotAllowed("POST");
    auto &hub = hubOf(ex);
    const auto &user = ex.requireUser();
    const std::string code = parseInviteCode(ex.jsonBody());
    const auto row = hub.store().byInvite(code);
    if (!row)
        throw notFound("No battle has the invite code \"" + code + "\".");
    ex.sendJson(200, hub.view(hub.join(row->id, user), user.id));
}

void QuickBattleHandler::handle(Exchange &ex)
{
    if (ex.method() != "POST")
        throw methodNotAllowed("POST");
    auto &hub = hubOf(ex);
    const auto &user = ex.requireUser();
    const auto form = parseQuickMatch(ex.jsonBody());
    const auto [row, joined] = hub.quick(form.level, form.language, user);
    json view = hub.view(row, user.id);
    view["matched"] = joined;
    ex.sendJson(joined ? 200 : 201, view);
}

void BattleHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET" && ex.method() != "HEAD")
        throw methodNotAllowed("GET");
    auto &hub = hubOf(ex);
    const std::string viewer = viewerOf(ex);
    ex.sendJson(200, hub.view(visibleBattle(hub, ex.param(0), viewer, ex.query("invite")), viewer));
}

void BattleJoinHandler::handle(Exchange &ex)
{
    if (ex.method() != "POST")
        throw methodNotAllowed("POST");
    auto &hub = hubOf(ex);
    const auto &user = ex.requireUser();
    std::string invite;
    if (ex.request().getContentLength64() > 0 || ex.request().getChunkedTransferEncoding())
        invite = optionalString(ex.jsonBody(), "invite_code");
    visibleBattle(hub, ex.param(0), user.id, invite);
    ex.sendJson(200, hub.view(hub.join(ex.param(0), user), user.id));
}

void BattleRematchHandler::handle(Exchange &ex)
{
    if (ex.method() != "POST")
        throw methodNotAllowed("POST");
    auto &hub = hubOf(ex);
    const auto &user = ex.requireUser();
    const auto before = hub.find(ex.param(0));
    const auto row = hub.rematch(ex.param(0), user);
    const bool existed = before && before->rematchId == row.id;
    ex.sendJson(existed ? 200 : 201, hub.view(row, user.id));
}

void BattleRecordingHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET" && ex.method() != "HEAD")
        throw methodNotAllowed("GET");
    auto &hub = hubOf(ex);
    const auto row = visibleBattle(hub, ex.param(0), viewerOf(ex), ex.query("invite"));
    const std::string path = hub.recordingPath(row.id);
    if (!Poco::File(path).exists()) {
        // Played on another instance: its owner copied it to the object store when it ended.
        if (const auto archived = hub.store().archivedRecording(row.id)) {
            sendObject(ex, {archived->sha256,
                            std::uint64_t(archived->size),
                            "application/x-bunnyrec",
                            "private, max-age=3600",
                            {}});
            return;
        }
        throw notFound("Battle " + row.id + " has no recording here: it never started" +
                       (row.status == "finished" ? "." : ", or it is being played on another instance."));
    }
    ex.response().set("Cache-Control", row.status == "finished" ? "private, max-age=3600" : "no-store");
    ex.response().sendFile(path, "application/x-bunnyrec");
}

void BattleSocketHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET")
        throw methodNotAllowed("GET");
    auto &hub = hubOf(ex);
    // Browsers cannot set headers on a WebSocket, hence the token in the query.
    std::string token = ex.query("access_token");
    if (token.empty() && ex.request().has("Authorization")) {
        const std::string header = ex.request().get("Authorization");
        if (header.rfind("Bearer ", 0) == 0)
            token = header.substr(7);
    }
    if (token.empty())
        throw unauthorized("Pass ?access_token=… to open a battle socket.");
    const auto claims = ex.services().tokens.verify(token);
    if (!claims)
        throw unauthorized("The access token is invalid or expired; refresh it or sign in again.");
    const auto user = storage::UserStore(ex.services().db).byId(claims->userId);
    if (!user || user->sessionVersion != claims->sessionVersion)
        throw unauthorized("The session has ended; sign in again.");
    const auto row = visibleBattle(hub, ex.param(0), user->id, ex.query("invite"));
    auto battle = hub.acquire(row.id);
    if (!battle && row.status != "finished")
        throw ApiError(503, "battle_elsewhere",
                       "Battle " + row.id + " is held by another instance; connect through the front proxy.");
    if (!battle)
        throw ApiError(409, "battle_over", "Battle " + row.id + " is over; see GET /battles/" + row.id + ".");
    const auto role = hub.roleOf(*battle, *user);
    // Before the handshake, so a refusal is an HTTP answer the client can read.
    if (!hub.reserveSocket(user->id))
        throw ApiError(429, "too_many_sockets",
                       "You have " + std::to_string(hub.config().maxSocketsPerUser) +
                           " battle sockets open; close one first.");
    try {
        std::optional<Poco::Net::WebSocket> socket;
        try {
            socket.emplace(ex.request(), ex.response());
        } catch (const Poco::Net::WebSocketException &e) {
            throw badRequest("This route speaks WebSocket only: " + e.message(), "not_websocket");
        }
        hub.connect(*socket, battle, role, user->id, user->username); // the socket now holds the slot
    } catch (...) {
        hub.releaseSocket(user->id);
        throw;
    }
}

void LeaderboardHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET" && ex.method() != "HEAD")
        throw methodNotAllowed("GET");
    auto &hub = hubOf(ex);
    const int pageNo = ex.queryInt("page", 1, 1'000'000);
    const int perPage = ex.queryInt("per_page", 20, 100);
    std::int64_t total = 0;
    json items = json::array();
    int rank = (pageNo - 1) * perPage;
    for (const auto &r : hub.store().leaderboard(pageNo, perPage, total))
        items.push_back({{"rank", ++rank},
                         {"user", {{"id", r.userId}, {"username", r.username}}},
                         {"rating", r.rating},
                         {"wins", r.wins},
                         {"losses", r.losses},
                         {"draws", r.draws}});
    ex.sendJson(200, page(std::move(items), pageNo, perPage, total));
}

} // namespace bunny::backend::http
