#include "storage/projectstore.h"

#include "auth/randomtoken.h"
#include "storage/database.h"
#include "storage/userstore.h"

namespace bunny::backend::storage {

namespace {

constexpr const char *kSelect =
    "SELECT p.id, p.owner_id, u.username, p.name, p.description, p.visibility, p.stars,"
    " p.views, p.created, p.updated FROM projects p JOIN users u ON u.id = p.owner_id ";
constexpr const char *kSelectVersion =
    "SELECT id, project_id, commit_id, message, archive_sha, size, created FROM versions ";

ProjectRow toProject(const Row &r)
{
    return ProjectRow{r.str(0), r.str(1), r.str(2), r.str(3), r.str(4),
                      r.str(5), r.num(6), r.num(7), r.num(8), r.num(9)};
}

VersionRow toVersion(const Row &r)
{
    return VersionRow{r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.num(5), r.num(6)};
}

} // namespace

void ProjectStore::insert(ProjectRow &p)
{
    p.id = auth::newId();
    p.created = p.updated = nowMs();
    m_db.execute("INSERT INTO projects (id, owner_id, name, description, visibility, created, updated)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?)",
                 {p.id, p.ownerId, p.name, p.description, p.visibility, p.created, p.updated});
}

std::optional<ProjectRow> ProjectStore::byId(const std::string &id)
{
    auto rows = m_db.query(std::string(kSelect) + "WHERE p.id = ?", {id});
    return rows.empty() ? std::nullopt : std::optional(toProject(rows.front()));
}

std::vector<ProjectRow> ProjectStore::list(const ListQuery &q, std::int64_t &total)
{
    std::string where = "WHERE (p.visibility = 'public' OR p.owner_id = ?)";
    std::vector<Value> params{q.viewerId};
    if (!q.text.empty()) {
        where += " AND LOWER(p.name) LIKE ? ESCAPE '\\'";
        params.emplace_back(likeContains(q.text));
    }
    if (!q.ownerName.empty()) {
        where += " AND u.username_key = ?";
        params.emplace_back(lowercase(q.ownerName));
    }
    total = m_db.scalar("SELECT COUNT(*) FROM projects p JOIN users u ON u.id = p.owner_id " + where, params);
    params.emplace_back(std::int64_t(q.perPage));
    params.emplace_back(std::int64_t(q.page - 1) * q.perPage);
    std::vector<ProjectRow> out;
    for (const auto &r :
         m_db.query(std::string(kSelect) + where + " ORDER BY p.updated DESC, p.id LIMIT ? OFFSET ?", params))
        out.push_back(toProject(r));
    return out;
}

void ProjectStore::update(const ProjectRow &p)
{
    m_db.execute("UPDATE projects SET name = ?, description = ?, visibility = ?, updated = ? WHERE id = ?",
                 {p.name, p.description, p.visibility, nowMs(), p.id});
}

std::vector<std::string> ProjectStore::remove(const std::string &id)
{
    std::vector<std::string> shas;
    m_db.transaction([&](Connection &c) {
        for (const auto &r : c.query("SELECT archive_sha FROM versions WHERE project_id = ?", {id}))
            shas.push_back(r.str(0));
        c.execute("DELETE FROM versions WHERE project_id = ?", {id});
        c.execute("DELETE FROM stars WHERE kind = 'project' AND item_id = ?", {id});
        c.execute("DELETE FROM views WHERE kind = 'project' AND item_id = ?", {id});
        c.execute("DELETE FROM projects WHERE id = ?", {id});
    });
    return shas;
}

std::vector<std::string> ProjectStore::idsOfOwner(const std::string &ownerId)
{
    std::vector<std::string> out;
    for (const auto &r : m_db.query("SELECT id FROM projects WHERE owner_id = ?", {ownerId}))
        out.push_back(r.str(0));
    return out;
}

void ProjectStore::insertVersion(VersionRow &v)
{
    v.id = auth::newId();
    v.created = nowMs();
    m_db.transaction([&](Connection &c) {
        c.execute("INSERT INTO versions (id, project_id, commit_id, message, archive_sha, size, created)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  {v.id, v.projectId, v.commitId, v.message, v.archiveSha, v.size, v.created});
        c.execute("UPDATE projects SET updated = ? WHERE id = ?", {v.created, v.projectId});
    });
}

std::optional<VersionRow> ProjectStore::version(const std::string &projectId, const std::string &versionId)
{
    auto rows =
        m_db.query(std::string(kSelectVersion) + "WHERE project_id = ? AND id = ?", {projectId, versionId});
    return rows.empty() ? std::nullopt : std::optional(toVersion(rows.front()));
}

std::optional<VersionRow> ProjectStore::versionByCommit(const std::string &projectId,
                                                        const std::string &commitId)
{
    auto rows = m_db.query(std::string(kSelectVersion) +
                               "WHERE project_id = ? AND commit_id = ? ORDER BY created, id",
                           {projectId, commitId});
    return rows.empty() ? std::nullopt : std::optional(toVersion(rows.front()));
}

std::vector<VersionRow> ProjectStore::versions(const std::string &projectId, int page, int perPage,
                                               std::int64_t &total)
{
    total = m_db.scalar("SELECT COUNT(*) FROM versions WHERE project_id = ?", {projectId});
    std::vector<VersionRow> out;
    for (const auto &r : m_db.query(std::string(kSelectVersion) +
                                        "WHERE project_id = ? ORDER BY created DESC, id LIMIT ? OFFSET ?",
                                    {projectId, std::int64_t(perPage), std::int64_t(page - 1) * perPage}))
        out.push_back(toVersion(r));
    return out;
}

void ProjectStore::removeVersion(const std::string &versionId)
{
    m_db.execute("DELETE FROM versions WHERE id = ?", {versionId});
}

} // namespace bunny::backend::storage
