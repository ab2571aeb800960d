#include "storage/engagement.h"

#include "storage/database.h"
#include "storage/objectstore.h"
#include "storage/userstore.h"

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

void Engagement::view(ItemKind kind, const std::string &itemId, const std::string &viewer)
{
    const std::int64_t day = nowMs() / 86'400'000;
    m_db.transaction([&](Connection &c) {
        if (c.execute(
                "INSERT INTO views (kind, item_id, viewer, day) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                {kindName(kind), itemId, viewer, day}) == 1)
            c.execute(counterSql(kind, "views", "+ 1"), {itemId});
    });
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
