// Projects and their versions (a git commit plus a tar.gz of its tree).
#include "http/apierror.h"
#include "http/exchange.h"
#include "http/handlers/handlers.h"
#include "http/itemaccess.h"
#include "http/objectresponse.h"
#include "http/recordinginspector.h"
#include "http/services.h"
#include "http/views.h"
#include "storage/contentcleanup.h"
#include "storage/engagement.h"
#include "storage/projectstore.h"

#include <Poco/InflatingStream.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/String.h>

#include <sstream>

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

void applyProjectFields(const nlohmann::json &body, storage::ProjectRow &p)
{
    if (body.contains("name")) {
        p.name = Poco::trim(requireString(body, "name"));
        if (p.name.empty() || p.name.size() > 100)
            throw badRequest("The name must be 1 to 100 bytes long.", "invalid_name");
    }
    if (body.contains("description")) {
        p.description = requireString(body, "description");
        if (p.description.size() > 10000)
            throw badRequest("The description must be at most 10000 bytes long.", "invalid_description");
    }
    if (body.contains("visibility")) {
        p.visibility = checkVisibility(requireString(body, "visibility"));
    }
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

std::string readPart(std::istream &in, std::int64_t limit, const std::string &name)
{
    std::string out;
    char buffer[65536];
    while (in) {
        in.read(buffer, sizeof buffer);
        out.append(buffer, std::size_t(in.gcount()));
        if (std::int64_t(out.size()) > limit)
            throw ApiError(413, "too_large",
                           "The part '" + name + "' is larger than the limit of " + std::to_string(limit) +
                               " bytes.");
    }
    return out;
}

/// A tar.gz: gzip whose first 512-byte block is a ustar header or the zero end block.
void checkTarGz(const std::string &archive)
{
    if (!isGzip(archive))
        throw badRequest("The archive must be a tar.gz (gzip data).", "invalid_archive");
    std::istringstream in(archive);
    Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    char block[512] = {};
    try {
        inflater.read(block, sizeof block);
    } catch (const Poco::Exception &) {
        throw badRequest("The archive's gzip data is damaged.", "invalid_archive");
    }
    const bool zero = std::all_of(std::begin(block), std::end(block), [](char c) { return c == 0; });
    if (inflater.gcount() != 512 || !(zero || std::string_view(block + 257, 5) == "ustar"))
        throw badRequest("The archive holds no tar data.", "invalid_archive");
}

struct VersionUpload
{
    nlohmann::json meta;
    std::string archive;
};

VersionUpload readVersionUpload(Exchange &ex)
{
    auto &request = ex.request();
    std::string type;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(request.getContentType(), type, params);
    if (Poco::toLower(type) != "multipart/form-data" || !params.has("boundary"))
        throw ApiError(
            415, "unsupported_media_type",
            "Send a version as multipart/form-data with a 'meta' JSON part and an 'archive' tar.gz part.");
    const std::int64_t limit = ex.services().settings.maxArchiveBytes;
    if (request.hasContentLength() && request.getContentLength64() > limit + (1 << 20))
        throw ApiError(413, "too_large",
                       "The upload is larger than the limit of " + std::to_string(limit) + " bytes.");
    VersionUpload upload;
    bool haveMeta = false, haveArchive = false;
    try {
        Poco::Net::MultipartReader reader(request.stream(), params.get("boundary"));
        while (reader.hasNextPart()) {
            Poco::Net::MessageHeader header;
            reader.nextPart(header);
            std::string disposition;
            Poco::Net::NameValueCollection dispParams;
            Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                                      dispParams);
            const std::string name = dispParams.get("name", "");
            if (name == "meta") {
                const std::string text = readPart(reader.stream(), ex.services().settings.maxJsonBytes, name);
                if (jsonNestingDepth(text) > 32)
                    throw badRequest("The meta part is nested too deeply.", "invalid_json");
                upload.meta = nlohmann::json::parse(text, nullptr, false);
                if (upload.meta.is_discarded() || !upload.meta.is_object())
                    throw badRequest("The meta part must be a JSON object.", "invalid_json");
                haveMeta = true;
            } else if (name == "archive") {
                upload.archive = readPart(reader.stream(), limit, name);
                haveArchive = true;
            } else {
                readPart(reader.stream(), 1 << 20, name); // skipped, but bounded
            }
        }
    } catch (const Poco::Net::MultipartException &e) {
        throw badRequest("The multipart body is malformed: " + e.message(), "invalid_multipart");
    } catch (const Poco::Net::MessageException &e) {
        throw badRequest("The multipart body is malformed: " + e.message(), "invalid_multipart");
    }
    if (!haveMeta || !haveArchive)
        throw badRequest("A version needs both a 'meta' part and an 'archive' part.", "invalid_multipart");
    return upload;
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
    v.commitId = upload.meta.value("commit", "");
    v.message = upload.meta.value("message", "");
    const bool hex =
        !v.commitId.empty() && v.commitId.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex || (v.commitId.size() != 40 && v.commitId.size() != 64))
        throw badRequest("meta.commit must be a full git commit id (40 or 64 lowercase hex digits).",
                         "invalid_commit");
    if (v.message.size() > 65536)
        throw badRequest("meta.message must be at most 65536 bytes long.", "invalid_message");
    checkTarGz(upload.archive);
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
