#include "battles/battlestore.h"

#include "battles/elo.h"
#include "storage/database.h"
#include "storage/userstore.h"

namespace bunny::backend::battles {

using storage::Connection;
using storage::Value;

namespace {

constexpr const char *kSelect =
    "SELECT b.id, b.invite_code, b.problem, b.level, b.language, b.time_limit_s, b.visibility, b.no_paste,"
    " b.status, b.reason, b.winner, b.p1_id, b.p2_id, COALESCE(u1.username, ''), COALESCE(u2.username, ''),"
    " b.p1_rating, b.p2_rating, b.p1_delta, b.p2_delta, b.p1_passed, b.p2_passed, b.total, b.rematch_of,"
    " b.rematch_id, b.created, b.started, b.ended, b.deadline"
    " FROM battles b LEFT JOIN users u1 ON u1.id = b.p1_id LEFT JOIN users u2 ON u2.id = b.p2_id ";

BattleRow toBattle(const storage::Row &r)
{
    BattleRow b;
    std::size_t i = 0;
    b.id = r.str(i++);
    b.inviteCode = r.str(i++);
    b.problem = r.str(i++);
    b.level = r.str(i++);
    b.language = r.str(i++);
    b.timeLimitS = r.num(i++);
    b.visibility = r.str(i++);
    b.noPaste = r.num(i++) != 0;
    b.status = r.str(i++);
    b.reason = r.str(i++);
    b.winner = r.str(i++);
    b.p1Id = r.str(i++);
    b.p2Id = r.str(i++);
    b.p1Name = r.str(i++);
    b.p2Name = r.str(i++);
    b.p1Rating = r.num(i++);
    b.p2Rating = r.num(i++);
    b.p1Delta = r.num(i++);
    b.p2Delta = r.num(i++);
    b.p1Passed = r.num(i++);
    b.p2Passed = r.num(i++);
    b.total = r.num(i++);
    b.rematchOf = r.str(i++);
    b.rematchId = r.str(i++);
    b.created = r.num(i++);
    b.started = r.num(i++);
    b.ended = r.num(i++);
    b.deadline = r.num(i++);
    return b;
}

void updateRow(Connection &c, const BattleRow &b)
{
    c.execute(
        "UPDATE battles SET status = ?, reason = ?, winner = ?, p2_id = ?, p1_rating = ?, p2_rating = ?,"
        " p1_delta = ?, p2_delta = ?, p1_passed = ?, p2_passed = ?, total = ?, rematch_id = ?, started = ?,"
        " ended = ?, deadline = ? WHERE id = ?",
        {b.status, b.reason, b.winner, b.p2Id, b.p1Rating, b.p2Rating, b.p1Delta, b.p2Delta, b.p1Passed,
         b.p2Passed, b.total, b.rematchId, b.started, b.ended, b.deadline, b.id});
}

} // namespace

void BattleStore::insert(const BattleRow &b)
{
    m_db.execute(
        "INSERT INTO battles (id, invite_code, problem, level, language, time_limit_s, visibility, no_paste,"
        " status, reason, winner, p1_id, p2_id, p1_rating, p2_rating, p1_delta, p2_delta, p1_passed,"
        " p2_passed, total, rematch_of, rematch_id, created, started, ended, deadline)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {b.id,        b.inviteCode, b.problem,    b.level,
         b.language,  b.timeLimitS, b.visibility, std::int64_t(b.noPaste ? 1 : 0),
         b.status,    b.reason,     b.winner,     b.p1Id,
         b.p2Id,      b.p1Rating,   b.p2Rating,   b.p1Delta,
         b.p2Delta,   b.p1Passed,   b.p2Passed,   b.total,
         b.rematchOf, b.rematchId,  b.created,    b.started,
         b.ended,     b.deadline});
}

void BattleStore::update(const BattleRow &b)
{
    m_db.withConnection([&](Connection &c) { updateRow(c, b); });
}

void BattleStore::finish(const BattleRow &b, const std::vector<RatingChange> &ratings)
{
    m_db.transaction([&](Connection &c) {
        updateRow(c, b);
        const std::int64_t now = storage::nowMs();
        // One upsert, not UPDATE-then-INSERT: on PostgreSQL two battles of a new player ending at
        // once run on two connections, and both would find no row and insert it.
        for (const auto &r : ratings)
            c.execute(
                "INSERT INTO ratings (user_id, rating, wins, losses, draws, updated)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET rating = excluded.rating,"
                " wins = ratings.wins + excluded.wins, losses = ratings.losses + excluded.losses,"
                " draws = ratings.draws + excluded.draws, updated = excluded.updated",
                {r.userId, r.rating, std::int64_t(r.wins), std::int64_t(r.losses), std::int64_t(r.draws),
                 now});
    });
}

std::optional<BattleRow> BattleStore::byId(const std::string &id)
{
    auto rows = m_db.query(std::string(kSelect) + "WHERE b.id = ?", {id});
    if (rows.empty())
        return std::nullopt;
    return toBattle(rows.front());
}

std::optional<BattleRow> BattleStore::byInvite(const std::string &code)
{
    auto rows = m_db.query(std::string(kSelect) + "WHERE b.invite_code = ?", {code});
    if (rows.empty())
        return std::nullopt;
    return toBattle(rows.front());
}

std::vector<BattleRow> BattleStore::list(const std::string &status, const std::string &userId,
                                         const std::string &viewerId, int page, int perPage,
                                         std::int64_t &total)
{
    std::string where = "WHERE (b.visibility = 'public' OR b.p1_id = ? OR b.p2_id = ?)";
    std::vector<Value> params = {viewerId, viewerId};
    if (!status.empty()) {
        where += " AND b.status = ?";
        params.emplace_back(status);
    }
    if (!userId.empty()) {
        where += " AND (b.p1_id = ? OR b.p2_id = ?)";
        params.emplace_back(userId);
        params.emplace_back(userId);
    }
    total = m_db.scalar("SELECT COUNT(*) FROM battles b " + where, params);
    params.emplace_back(std::int64_t(perPage));
    params.emplace_back(std::int64_t(page - 1) * perPage);
    std::vector<BattleRow> out;
    for (const auto &row :
         m_db.query(std::string(kSelect) + where + " ORDER BY b.created DESC, b.id LIMIT ? OFFSET ?", params))
        out.push_back(toBattle(row));
    return out;
}

std::vector<BattleRow> BattleStore::unfinished()
{
    std::vector<BattleRow> out;
    for (const auto &row : m_db.query(std::string(kSelect) + "WHERE b.status <> 'finished'"))
        out.push_back(toBattle(row));
    return out;
}

std::int64_t BattleStore::rating(const std::string &userId)
{
    auto rows = m_db.query("SELECT rating FROM ratings WHERE user_id = ?", {userId});
    return rows.empty() ? kStartRating : rows.front().num(0);
}

std::vector<RatingRow> BattleStore::leaderboard(int page, int perPage, std::int64_t &total)
{
    total = m_db.scalar("SELECT COUNT(*) FROM ratings r JOIN users u ON u.id = r.user_id");
    std::vector<RatingRow> out;
    for (const auto &row : m_db.query("SELECT r.user_id, u.username, r.rating, r.wins, r.losses, r.draws"
                                      " FROM ratings r JOIN users u ON u.id = r.user_id"
                                      " ORDER BY r.rating DESC, u.username_key LIMIT ? OFFSET ?",
                                      {std::int64_t(perPage), std::int64_t(page - 1) * perPage})) {
        out.push_back({row.str(0), row.str(1), row.num(2), row.num(3), row.num(4), row.num(5)});
    }
    return out;
}

bool BattleStore::takeSeat(const std::string &id, const std::string &userId, std::int64_t rating)
{
    return m_db.execute("UPDATE battles SET p2_id = ?, p2_rating = ? WHERE id = ? AND status = 'waiting'"
                        " AND p2_id = '' AND p1_id <> ?",
                        {userId, rating, id, userId}) == 1;
}

bool BattleStore::offerRematch(const std::string &id, const std::string &rematchId)
{
    return m_db.execute("UPDATE battles SET rematch_id = ? WHERE id = ? AND rematch_id = ''",
                        {rematchId, id}) == 1;
}

std::int64_t BattleStore::openCount(const std::string &userId)
{
    return m_db.scalar("SELECT COUNT(*) FROM battles WHERE p1_id = ? AND status = 'waiting'", {userId});
}

void BattleStore::archiveRecording(const std::string &id, const ArchivedRecording &recording)
{
    m_db.transaction([&](Connection &c) {
        c.execute("DELETE FROM battle_recordings WHERE battle_id = ?", {id});
        c.execute("INSERT INTO battle_recordings (battle_id, sha256, size) VALUES (?, ?, ?)",
                  {id, recording.sha256, recording.size});
    });
}

std::optional<BattleStore::ArchivedRecording> BattleStore::archivedRecording(const std::string &id)
{
    const auto rows = m_db.query("SELECT sha256, size FROM battle_recordings WHERE battle_id = ?", {id});
    if (rows.empty())
        return std::nullopt;
    return ArchivedRecording{rows.front().str(0), rows.front().num(1)};
}

} // namespace bunny::backend::battles
