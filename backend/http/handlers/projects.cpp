// Projects and their versions (a git commit plus a tar.gz of its tree).
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

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace bunny::backend::http {

namespace {

nlohmann::json projectJson(const storage::ProjectRow &p)
{
    return {{"id", p.id},
            {"name", p.name},
            {"description", p.description},
            {"owner", p.ownerName},
            {"visibility", p.visibility},
            {"stars", p.stars},
            {"views", p.views},
            {"created", rfc3339(p.created)},
            {"updated", rfc3339(p.updated)}};
}

nlohmann::json versionJson(const storage::VersionRow &v)
{
    return {{"id", v.id},
            {"project_id", v.projectId},
            {"commit", v.commitId},
            {"message", v.message},
            {"size", v.size},
            {"sha256", v.archiveSha},
            {"created", rfc3339(v.created)},
            {"archive_url", "/api/v1/projects/" + v.projectId + "/versions/" + v.id + "/archive"}};
}

storage::ProjectRow visibleProject(Exchange &ex, const std::string &id)
{
    return visibleItem(ex, storage::ProjectStore(ex.services().db).byId(id), "project", id);
}

storage::ProjectRow ownedProject(Exchange &ex, const std::string &id)
{
    return ownedItem(ex, storage::ProjectStore(ex.services().db).byId(id), "project", id);
}

storage::VersionRow visibleVersion(Exchange &ex)
{
    visibleProject(ex, ex.param(0));
    auto v = storage::ProjectStore(ex.services().db).version(ex.param(0), ex.param(1));
    if (!v)
        throw notFound("No version '" + ex.param(1) + "'.");
    return *v;
}

VersionUpload readVersionUpload(Exchange &ex)
{
    auto &request = ex.request();
    const std::int64_t limit = ex.services().settings.maxArchiveBytes;
    if (request.hasContentLength() && request.getContentLength64() > limit + (1 << 20))
        throw ApiError(413, "too_large",
                       "The upload is larger than the limit of " + std::to_string(limit) + " bytes.");
    return parseVersionUpload(request.stream(), request.getContentType(), limit,
                              ex.services().settings.maxJsonBytes);
}

} // namespace

void ProjectsHandler::handle(Exchange &ex)
{
    storage::ProjectStore projects(m_services.db);
    if (ex.method() == "GET") {
        const storage::ListQuery q = listQuery(ex);
        std::int64_t total = 0;
        nlohmann::json items = nlohmann::json::array();
        for (const auto &p : projects.list(q, total))
            items.push_back(projectJson(p));
        ex.sendJson(200, page(std::move(items), q.page, q.perPage, total));
    } else if (ex.method() == "POST") {
        const storage::User &me = ex.requireUser();
        const nlohmann::json body = ex.jsonBody();
        storage::ProjectRow p;
        p.ownerId = me.id;
        p.ownerName = me.username;
        p.visibility = "private";
        requireString(body, "name");
        applyProjectFields(body, p);
        projects.insert(p);
        ex.response().set("Location", "/api/v1/projects/" + p.id);
        ex.sendJson(201, projectJson(p));
    } else {
        throw methodNotAllowed("GET, POST");
    }
}

void ProjectHandler::handle(Exchange &ex)
{
    const std::string &id = ex.param(0);
    storage::ProjectStore projects(m_services.db);
    if (ex.method() == "GET") {
        storage::ProjectRow p = visibleProject(ex, id);
        ex.sendJson(200, engagedItemJson(ex, storage::ItemKind::Project, id, p.ownerId, p.views,
                                         [&] { return projectJson(p); }));
    } else if (ex.method() == "PATCH") {
        storage::ProjectRow p = ownedProject(ex, id);
        applyProjectFields(ex.jsonBody(), p);
        projects.update(p);
        ex.sendJson(200, projectJson(*projects.byId(id)));
    } else if (ex.method() == "DELETE") {
        ownedProject(ex, id);
        storage::deleteProject(m_services.db, m_services.store, id);
        ex.sendNoContent();
    } else {
        throw methodNotAllowed("GET, PATCH, DELETE");
    }
}

void VersionsHandler::handle(Exchange &ex)
{
    storage::ProjectStore projects(m_services.db);
    if (ex.method() == "GET") {
        visibleProject(ex, ex.param(0));
        const int pageNo = ex.queryInt("page", 1, 1'000'000), perPage = ex.queryInt("per_page", 20, 100);
        std::int64_t total = 0;
        nlohmann::json items = nlohmann::json::array();
        for (const auto &v : projects.versions(ex.param(0), pageNo, perPage, total))
            items.push_back(versionJson(v));
        ex.sendJson(200, page(std::move(items), pageNo, perPage, total));
        return;
    }
    if (ex.method() != "POST")
        throw methodNotAllowed("GET, POST");
    ownedProject(ex, ex.param(0));
    VersionUpload upload = readVersionUpload(ex);
    storage::VersionRow v;
    v.projectId = ex.param(0);
    v.commitId = upload.commit;
    v.message = upload.message;
    const bool hex =
        !v.commitId.empty() && v.commitId.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex || (v.commitId.size() != 40 && v.commitId.size() != 64))
        throw badRequest("meta.commit must be a full git commit id (40 or 64 lowercase hex digits).",
                         "invalid_commit");
    if (v.message.size() > 65536)
        throw badRequest("meta.message must be at most 65536 bytes long.", "invalid_message");
    checkTarGz(upload.archive);
    // Publishing is retried by clients after a lost answer: the same commit again is the
    // version already stored (200), never a second copy.
    if (auto existing = projects.versionByCommit(v.projectId, v.commitId)) {
        ex.response().set("Location", "/api/v1/projects/" + v.projectId + "/versions/" + existing->id);
        ex.sendJson(200, versionJson(*existing));
        return;
    }
    v.size = std::int64_t(upload.archive.size());
    v.archiveSha = m_services.store.put(upload.archive);
    projects.insertVersion(v);
    ex.response().set("Location", "/api/v1/projects/" + v.projectId + "/versions/" + v.id);
    ex.sendJson(201, versionJson(v));
}

void VersionHandler::handle(Exchange &ex)
{
    if (ex.method() == "GET") {
        ex.sendJson(200, versionJson(visibleVersion(ex)));
    } else if (ex.method() == "DELETE") {
        ownedProject(ex, ex.param(0));
        const storage::VersionRow v = visibleVersion(ex);
        storage::ProjectStore(m_services.db).removeVersion(v.id);
        storage::releaseObject(m_services.db, m_services.store, v.archiveSha);
        ex.sendNoContent();
    } else {
        throw methodNotAllowed("GET, DELETE");
    }
}

void ArchiveHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET")
        throw methodNotAllowed("GET");
    const storage::VersionRow v = visibleVersion(ex);
    sendObject(ex, {v.archiveSha, std::uint64_t(v.size), "application/gzip", "private, max-age=3600",
                    "attachment; filename=\"" + v.commitId.substr(0, 12) + ".tar.gz\""});
}

} // namespace bunny::backend::http
