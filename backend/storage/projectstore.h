#pragma once

#include "storage/recordingstore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bunny::backend::storage {

class Database;

struct ProjectRow
{
    std::string id;
    std::string ownerId;
    std::string ownerName; // filled by reads
    std::string name;
    std::string description;
    std::string visibility;
    std::int64_t stars = 0;
    std::int64_t views = 0;
    std::int64_t created = 0;
    std::int64_t updated = 0;
};

/// A published git commit: its id, message and a tar.gz of its tree in the object store.
struct VersionRow
{
    std::string id;
    std::string projectId;
    std::string commitId;
    std::string message;
    std::string archiveSha;
    std::int64_t size = 0;
    std::int64_t created = 0;
};

class ProjectStore
{
public:
    explicit ProjectStore(Database &db)
        : m_db(db)
    {}

    void insert(ProjectRow &p); // id, created, updated filled in
    std::optional<ProjectRow> byId(const std::string &id);
    std::vector<ProjectRow> list(const ListQuery &q, std::int64_t &total); // q.text matches the name
    void update(const ProjectRow &p);                                      // name, description, visibility
    /// Removes the project, its versions, stars and views; returns the archive objects it held.
    std::vector<std::string> remove(const std::string &id);
    std::vector<std::string> idsOfOwner(const std::string &ownerId);

    void insertVersion(VersionRow &v); // id, created filled in; touches the project's updated
    std::optional<VersionRow> version(const std::string &projectId, const std::string &versionId);
    /// The version of projectId published from commitId, if any (a retried upload finds it).
    std::optional<VersionRow> versionByCommit(const std::string &projectId, const std::string &commitId);
    std::vector<VersionRow> versions(const std::string &projectId, int page, int perPage,
                                     std::int64_t &total);
    void removeVersion(const std::string &versionId);

private:
    Database &m_db;
};

} // namespace bunny::backend::storage
