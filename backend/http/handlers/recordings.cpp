// Recordings: upload, list, metadata, content with Range, stars.
#include "http/apierror.h"
#include "http/exchange.h"
#include "http/handlers/handlers.h"
#include "http/itemaccess.h"
#include "http/objectresponse.h"
#include "http/recordinginspector.h"
#include "http/requestbodies.h"
#include "http/services.h"
#include "http/views.h"
#include "storage/contentcleanup.h"
#include "storage/engagement.h"
#include "storage/projectstore.h"
#include "storage/recordingcache.h"
#include "storage/recordingstore.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/String.h>

namespace bunny::backend::http {

namespace {

nlohmann::json recordingJson(const storage::RecordingRow &r)
{
    // Assigned member by member: a braced list builds each pair as a temporary and copies it,
    // and this runs on every metadata GET (backend/PERFORMANCE.md).
    nlohmann::json j = nlohmann::json::object();
    j["id"] = r.id;
    j["title"] = r.title;
    j["owner"] = r.ownerName;
    j["visibility"] = r.visibility;
    j["duration_ms"] = r.durationMs;
    j["events"] = r.events;
    auto files = nlohmann::json::parse(r.files, nullptr, false);
    j["files"] = files.is_discarded() ? nlohmann::json::array() : std::move(files);
    j["language"] = r.language;
    j["size"] = r.size;
    j["sha256"] = r.sha256;
    j["project_id"] = r.projectId.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.projectId);
    j["version_id"] = r.versionId.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.versionId);
    j["stars"] = r.stars;
    j["views"] = r.views;
    j["created"] = rfc3339(r.created);
    return j;
}

/// The recording when the caller may see it; private ones of others look absent (404).
storage::RecordingRow visibleRecording(Exchange &ex, const std::string &id)
{
    // The hot route of every player: the row may come from the cache (a change made through
    // this instance shows at once, one made elsewhere within cache.rows_ttl_ms).
    auto *rows = ex.services().recordingRows;
    return visibleItem(ex, rows ? rows->byId(id) : storage::RecordingStore(ex.services().db).byId(id),
                       "recording", id);
}

storage::RecordingRow ownedRecording(Exchange &ex, const std::string &id)
{
    return ownedItem(ex, storage::RecordingStore(ex.services().db).byId(id), "recording", id);
}

/// The upload body, uncompressed, within the size limit.
std::string uploadedBytes(Exchange &ex)
{
    const std::int64_t limit = ex.services().settings.maxRecordingBytes;
    auto &request = ex.request();
    const std::string type = Poco::toLower(request.getContentType());
    if (!type.empty() && type.rfind("application/x-bunnyrec", 0) != 0 &&
        type.rfind("application/octet-stream", 0) != 0 && type.rfind("application/x-ndjson", 0) != 0 &&
        type.rfind("text/plain", 0) != 0 && type.rfind("application/gzip", 0) != 0)
        throw ApiError(
            415, "unsupported_media_type",
            "Upload the raw .bunnyrec as application/x-bunnyrec (optionally Content-Encoding: gzip).");
    return decodeRecordingUpload(ex.rawBody(limit), request.get("Content-Encoding", "identity"), limit);
}

void checkProjectLink(Exchange &ex, storage::RecordingRow &r, const storage::User &me)
{
    r.projectId = ex.query("project_id");
    r.versionId = ex.query("version_id");
    if (r.projectId.empty()) {
        if (!r.versionId.empty())
            throw badRequest("version_id needs project_id.");
        return;
    }
    storage::ProjectStore projects(ex.services().db);
    auto p = projects.byId(r.projectId);
    if (!p || (p->visibility != "public" && p->ownerId != me.id))
        throw notFound("No project '" + r.projectId + "'.");
    if (p->ownerId != me.id)
        throw forbidden("Recordings can be attached only to your own projects.");
    if (!r.versionId.empty() && !projects.version(r.projectId, r.versionId))
        throw notFound("No version '" + r.versionId + "' in project '" + r.projectId + "'.");
}

} // namespace

void RecordingsHandler::handle(Exchange &ex)
{
    if (ex.method() == "GET") {
        const storage::ListQuery q = listQuery(ex);
        std::int64_t total = 0;
        nlohmann::json items = nlohmann::json::array();
        for (const auto &r : storage::RecordingStore(m_services.db).list(q, total))
            items.push_back(recordingJson(r));
        ex.sendJson(200, page(std::move(items), q.page, q.perPage, total));
        return;
    }
    if (ex.method() != "POST")
        throw methodNotAllowed("GET, POST");
    const storage::User &me = ex.requireUser();
    storage::RecordingRow r;
    r.ownerId = me.id;
    r.visibility = checkVisibility(ex.query("visibility", "private"));
    checkProjectLink(ex, r, me);
    const std::string bytes = uploadedBytes(ex);
    const RecordingInfo info = inspectRecording(bytes);
    r.sha256 = storage::sha256Hex(bytes);
    storage::RecordingStore recordings(m_services.db);
    // Idempotent: the same owner sending the same bytes gets the recording they already have.
    if (auto existing = recordings.byOwnerSha(me.id, r.sha256)) {
        ex.sendJson(200, recordingJson(*existing));
        return;
    }
    r.title = checkTitle(ex.query("title", info.title.empty() ? std::string("Untitled") : info.title));
    r.durationMs = info.durationMs;
    r.events = info.events;
    r.files = info.files.dump();
    r.language = info.language;
    r.size = std::int64_t(bytes.size());
    m_services.store.put(bytes);
    if (!recordings.insert(r)) { // a concurrent retry won the race
        ex.sendJson(200, recordingJson(*recordings.byOwnerSha(me.id, r.sha256)));
        return;
    }
    r.ownerName = me.username;
    ex.response().set("Location", "/api/v1/recordings/" + r.id);
    ex.sendJson(201, recordingJson(r));
}

void RecordingHandler::handle(Exchange &ex)
{
    const std::string &id = ex.param(0);
    if (ex.method() == "GET") {
        storage::RecordingRow r = visibleRecording(ex, id);
        ex.sendJson(200, engagedItemJson(ex, storage::ItemKind::Recording, r.id, r.ownerId, r.views,
                                         [&] { return recordingJson(r); }));
    } else if (ex.method() == "PATCH") {
        storage::RecordingRow r = ownedRecording(ex, id);
        const RecordingChanges changes = parseRecordingChanges(ex.jsonBody());
        r.title = changes.title.value_or(r.title);
        r.visibility = changes.visibility.value_or(r.visibility);
        storage::RecordingStore(m_services.db).update(r);
        ex.sendJson(200, recordingJson(r));
    } else if (ex.method() == "DELETE") {
        ownedRecording(ex, id);
        storage::deleteRecording(m_services.db, m_services.store, id);
        ex.sendNoContent();
    } else {
        throw methodNotAllowed("GET, PATCH, DELETE");
    }
}

void RecordingContentHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET")
        throw methodNotAllowed("GET");
    const storage::RecordingRow r = visibleRecording(ex, ex.param(0));
    sendObject(ex, {r.sha256,
                    std::uint64_t(r.size),
                    "application/x-bunnyrec",
                    r.visibility == "public" ? "public, max-age=3600" : "private, max-age=3600",
                    {}});
}

void StarHandler::handle(Exchange &ex)
{
    const bool project = route().find("/projects/") != std::string::npos;
    const storage::User &me = ex.requireUser();
    const std::string &id = ex.param(0);
    if (project)
        visibleItem(ex, storage::ProjectStore(m_services.db).byId(id), "project", id);
    else
        visibleRecording(ex, id);
    const auto kind = project ? storage::ItemKind::Project : storage::ItemKind::Recording;
    storage::Engagement engagement(m_services.db);
    if (ex.method() == "PUT")
        engagement.star(kind, id, me.id);
    else if (ex.method() == "DELETE")
        engagement.unstar(kind, id, me.id);
    else
        throw methodNotAllowed("PUT, DELETE");
    const std::int64_t stars = project ? storage::ProjectStore(m_services.db).byId(id)->stars
                                       : storage::RecordingStore(m_services.db).byId(id)->stars;
    ex.sendJson(200, {{"starred", ex.method() == "PUT"}, {"stars", stars}});
}

} // namespace bunny::backend::http
