#include "storage/engagement.h"

#include "storage/database.h"
#include "storage/objectstore.h"
#include "storage/userstore.h"

#include <cstdint>
#include <mutex>
#include <unordered_set>

namespace bunny::backend::storage {

namespace {

const char *kindName(ItemKind k)
{
    return k == ItemKind::Recording ? "recording" : "project";
}

// Table names come from this fixed map, never from input.
std::string counterSql(ItemKind k, const char *column, const char *delta)
{
    return std::string("UPDATE ") + (k == ItemKind::Recording ? "recordings" : "projects") + " SET " +
           column + " = " + column + " " + delta + " WHERE id = ?";
}

} // namespace

bool Engagement::star(ItemKind kind, const std::string &itemId, const std::string &userId)
{
    bool added = false;
    m_db.transaction([&](Connection &c) {
        if (c.execute("INSERT INTO stars (kind, item_id, user_id, created) VALUES (?, ?, ?, ?)"
                      " ON CONFLICT DO NOTHING",
                      {kindName(kind), itemId, userId, nowMs()}) == 1) {
            c.execute(counterSql(kind, "stars", "+ 1"), {itemId});
            added = true;
        }
    });
    return added;
}

bool Engagement::unstar(ItemKind kind, const std::string &itemId, const std::string &userId)
{
    bool removed = false;
    m_db.transaction([&](Connection &c) {
        if (c.execute("DELETE FROM stars WHERE kind = ? AND item_id = ? AND user_id = ?",
                      {kindName(kind), itemId, userId}) == 1) {
            c.execute(counterSql(kind, "stars", "- 1"), {itemId});
            removed = true;
        }
    });
    return removed;
}

bool Engagement::starred(ItemKind kind, const std::string &itemId, const std::string &userId)
{
    return m_db.scalar("SELECT COUNT(*) FROM stars WHERE kind = ? AND item_id = ? AND user_id = ?",
                       {kindName(kind), itemId, userId}) > 0;
}

namespace {

/// Views counted (or found counted) today by this process, per database. Only ever a subset of
/// the views table, so skipping the query for its members changes no count; forgotten at the
/// next UTC day or past a bound.
class SeenViews
{
public:
    bool contains(const std::string &key, std::int64_t day)
    {
        std::lock_guard lock(m_mutex);
        if (day != m_day) {
            m_keys.clear();
            m_day = day;
        }
        return m_keys.count(key) > 0;
    }
    void add(std::string key, std::int64_t day)
    {
        std::lock_guard lock(m_mutex);
        if (day != m_day || m_keys.size() >= kMaxKeys) {
            m_keys.clear();
            m_day = day;
        }
        m_keys.insert(std::move(key));
    }

private:
    static constexpr std::size_t kMaxKeys = 200'000;
    std::mutex m_mutex;
    std::int64_t m_day = -1;
    std::unordered_set<std::string> m_keys;
};

SeenViews &seenViews()
{
    static SeenViews seen;
    return seen;
}

} // namespace

bool Engagement::view(ItemKind kind, const std::string &itemId, const std::string &viewer)
{
    const std::int64_t day = nowMs() / 86'400'000;
    std::string key = std::to_string(reinterpret_cast<std::uintptr_t>(&m_db)) + '\n' + kindName(kind) + '\n' +
                      itemId + '\n' + viewer;
    if (seenViews().contains(key, day))
        return false;
    // Most views repeat (a reload, a player seeking): a read settles them without a write.
    if (m_db.scalar("SELECT COUNT(*) FROM views WHERE kind = ? AND item_id = ? AND viewer = ? AND day = ?",
                    {kindName(kind), itemId, viewer, day}) > 0) {
        seenViews().add(std::move(key), day);
        return false;
    }
    bool counted = false;
    m_db.transaction([&](Connection &c) {
        if (c.execute(
                "INSERT INTO views (kind, item_id, viewer, day) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                {kindName(kind), itemId, viewer, day}) == 1) {
            c.execute(counterSql(kind, "views", "+ 1"), {itemId});
            counted = true;
        }
    });
    seenViews().add(std::move(key), day);
    return counted;
}

void releaseObject(Database &db, ObjectStore &store, const std::string &sha256)
{
    if (sha256.empty())
        return;
    const std::int64_t refs = db.scalar("SELECT COUNT(*) FROM recordings WHERE sha256 = ?", {sha256}) +
                              db.scalar("SELECT COUNT(*) FROM versions WHERE archive_sha = ?", {sha256}) +
                              db.scalar("SELECT COUNT(*) FROM users WHERE avatar_sha = ?", {sha256});
    if (refs == 0)
        store.remove(sha256);
}

} // namespace bunny::backend::storage
