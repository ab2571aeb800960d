#include "storage/recordingstore.h"

#include "auth/randomtoken.h"
#include "storage/database.h"
#include "storage/userstore.h"

namespace bunny::backend::storage {

namespace {

constexpr const char *kSelect =
    "SELECT r.id, r.owner_id, u.username, r.title, r.visibility, r.project_id, r.version_id, r.duration_ms,"
    " r.events, r.files, r.language, r.size, r.sha256, r.stars, r.views, r.created"
    " FROM recordings r JOIN users u ON u.id = r.owner_id ";

RecordingRow toRecording(const Row &row)
{
    RecordingRow r;
    r.id = row.str(0);
    r.ownerId = row.str(1);
    r.ownerName = row.str(2);
    r.title = row.str(3);
    r.visibility = row.str(4);
    r.projectId = row.str(5);
    r.versionId = row.str(6);
    r.durationMs = row.num(7);
    r.events = row.num(8);
    r.files = row.str(9);
    r.language = row.str(10);
    r.size = row.num(11);
    r.sha256 = row.str(12);
    r.stars = row.num(13);
    r.views = row.num(14);
    r.created = row.num(15);
    return r;
}

} // namespace

std::string likeContains(const std::string &text)
{
    std::string out = "%";
    for (char c : lowercase(text)) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "%";
}

bool RecordingStore::insert(RecordingRow &r)
{
    r.id = auth::newId();
    r.created = nowMs();
    bool inserted = false;
    m_db.transaction([&](Connection &c) {
        if (c.scalar("SELECT COUNT(*) FROM recordings WHERE owner_id = ? AND sha256 = ?",
                     {r.ownerId, r.sha256}) > 0)
            return;
        c.execute(
            "INSERT INTO recordings (id, owner_id, title, visibility, project_id, version_id, duration_ms,"
            " events, files, language, size, sha256, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {r.id, r.ownerId, r.title, r.visibility, r.projectId, r.versionId, r.durationMs, r.events,
             r.files, r.language, r.size, r.sha256, r.created});
        inserted = true;
    });
    return inserted;
}

std::optional<RecordingRow> RecordingStore::byId(const std::string &id)
{
    auto rows = m_db.query(std::string(kSelect) + "WHERE r.id = ?", {id});
    return rows.empty() ? std::nullopt : std::optional(toRecording(rows.front()));
}

std::optional<RecordingRow> RecordingStore::byOwnerSha(const std::string &ownerId, const std::string &sha256)
{
    auto rows = m_db.query(std::string(kSelect) + "WHERE r.owner_id = ? AND r.sha256 = ?", {ownerId, sha256});
    return rows.empty() ? std::nullopt : std::optional(toRecording(rows.front()));
}

std::vector<RecordingRow> RecordingStore::list(const ListQuery &q, std::int64_t &total)
{
    std::string where = "WHERE (r.visibility = 'public' OR r.owner_id = ?)";
    std::vector<Value> params{q.viewerId};
    if (!q.text.empty()) {
        where += " AND LOWER(r.title) LIKE ? ESCAPE '\\'";
        params.emplace_back(likeContains(q.text));
    }
    if (!q.ownerName.empty()) {
        where += " AND u.username_key = ?";
        params.emplace_back(lowercase(q.ownerName));
    }
    total =
        m_db.scalar("SELECT COUNT(*) FROM recordings r JOIN users u ON u.id = r.owner_id " + where, params);
    params.emplace_back(std::int64_t(q.perPage));
    params.emplace_back(std::int64_t(q.page - 1) * q.perPage);
    std::vector<RecordingRow> out;
    for (const auto &row :
         m_db.query(std::string(kSelect) + where + " ORDER BY r.created DESC, r.id LIMIT ? OFFSET ?", params))
        out.push_back(toRecording(row));
    return out;
}

void RecordingStore::update(const RecordingRow &r)
{
    m_db.execute("UPDATE recordings SET title = ?, visibility = ? WHERE id = ?",
                 {r.title, r.visibility, r.id});
}

void RecordingStore::remove(const std::string &id)
{
    m_db.transaction([&](Connection &c) {
        c.execute("DELETE FROM stars WHERE kind = 'recording' AND item_id = ?", {id});
        c.execute("DELETE FROM views WHERE kind = 'recording' AND item_id = ?", {id});
        c.execute("DELETE FROM recordings WHERE id = ?", {id});
    });
}

std::vector<RecordingRow> RecordingStore::ofOwner(const std::string &ownerId)
{
    std::vector<RecordingRow> out;
    for (const auto &row : m_db.query(std::string(kSelect) + "WHERE r.owner_id = ?", {ownerId}))
        out.push_back(toRecording(row));
    return out;
}

} // namespace bunny::backend::storage
