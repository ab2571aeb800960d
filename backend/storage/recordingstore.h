#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bunny::backend::storage {

class Database;

struct RecordingRow
{
    std::string id;
    std::string ownerId;
    std::string ownerName; // filled by reads (joined from users)
    std::string title;
    std::string visibility; // "public" | "private"
    std::string projectId;
    std::string versionId;
    std::int64_t durationMs = 0;
    std::int64_t events = 0;
    std::string files; // JSON array of paths
    std::string language;
    std::int64_t size = 0;
    std::string sha256;
    std::int64_t stars = 0;
    std::int64_t views = 0;
    std::int64_t created = 0;
};

struct ListQuery
{
    std::string text;      // substring of the title (case-insensitive); empty: any
    std::string ownerName; // empty: anyone
    std::string viewerId;  // sees public items and their own
    int page = 1;
    int perPage = 20;
};

/// Recording metadata; the bytes live in the object store under sha256.
class RecordingStore
{
public:
    explicit RecordingStore(Database &db)
        : m_db(db)
    {}

    /// Inserts r (id and created filled in). Returns false, inserting nothing, when the owner
    /// already has a recording with the same sha256 (see byOwnerSha).
    bool insert(RecordingRow &r);
    std::optional<RecordingRow> byId(const std::string &id);
    std::optional<RecordingRow> byOwnerSha(const std::string &ownerId, const std::string &sha256);
    std::vector<RecordingRow> list(const ListQuery &q, std::int64_t &total);
    void update(const RecordingRow &r); // title, visibility
    void remove(const std::string &id);
    std::vector<RecordingRow> ofOwner(const std::string &ownerId);

private:
    Database &m_db;
};

/// LIKE pattern matching text anywhere, with %, _ and \ escaped (use with ESCAPE '\').
std::string likeContains(const std::string &text);

} // namespace bunny::backend::storage
