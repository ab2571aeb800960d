#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bunny::backend::storage {
class Database;
}

namespace bunny::backend::battles {

/// A battle as the database keeps it. Times are ms since the epoch (0: not yet).
struct BattleRow
{
    std::string id;
    std::string inviteCode;
    std::string problem; // slug
    std::string level;
    std::string language; // the battle's default language
    std::int64_t timeLimitS = 900;
    std::string visibility = "public";
    bool noPaste = false;
    std::string status = "waiting"; // waiting | countdown | running | finished
    std::string reason;             // when finished: solved deadline resign disconnect draw aborted expired
    std::string winner;             // "p1", "p2" or empty
    std::string p1Id, p2Id;
    std::string p1Name, p2Name;              // filled by reads (joined from users)
    std::int64_t p1Rating = 0, p2Rating = 0; // ratings when the battle began
    std::int64_t p1Delta = 0, p2Delta = 0;
    std::int64_t p1Passed = -1, p2Passed = -1; // best submissions (-1: none)
    std::int64_t total = 0;                    // tests of the problem
    std::string rematchOf, rematchId;
    std::int64_t created = 0, started = 0, ended = 0, deadline = 0;
};

struct RatingRow
{
    std::string userId;
    std::string username;
    std::int64_t rating = 0;
    std::int64_t wins = 0, losses = 0, draws = 0;
};

/// A rating change to store with a finished battle.
struct RatingChange
{
    std::string userId;
    std::int64_t rating = 0;
    int wins = 0, losses = 0, draws = 0; // added to the counters
};

/// Battles and ratings tables (migration step "battles"). Thread-safe like the Database.
class BattleStore
{
public:
    explicit BattleStore(storage::Database &db)
        : m_db(db)
    {}

    void insert(const BattleRow &b);
    /// Writes every mutable column of b.
    void update(const BattleRow &b);
    /// update(b) and the players' new ratings in one transaction.
    void finish(const BattleRow &b, const std::vector<RatingChange> &ratings);
    std::optional<BattleRow> byId(const std::string &id);
    std::optional<BattleRow> byInvite(const std::string &code);
    /// Battles visible to viewerId (public ones and their own), newest first; status and
    /// userId narrow it when not empty.
    std::vector<BattleRow> list(const std::string &status, const std::string &userId,
                                const std::string &viewerId, int page, int perPage, std::int64_t &total);
    /// Battles not finished (after a restart they end as aborted).
    std::vector<BattleRow> unfinished();

    /// A user's rating (1200 before their first battle).
    std::int64_t rating(const std::string &userId);
    std::vector<RatingRow> leaderboard(int page, int perPage, std::int64_t &total);

    // Several instances (backend/battles/README.md, "Several instances"): the database decides
    // races between instances.
    /// Takes the second seat of a waiting battle in one conditional UPDATE; false when the battle
    /// is not waiting, already has a second player, or is userId's own.
    bool takeSeat(const std::string &id, const std::string &userId, std::int64_t rating);
    /// Records a rematch offer unless one is recorded already; false then.
    bool offerRematch(const std::string &id, const std::string &rematchId);
    /// Waiting battles created by userId.
    std::int64_t openCount(const std::string &userId);
    /// Where a finished battle's recording is kept in the object store (migration step
    /// "battle_recordings"); nullopt when it is not archived.
    struct ArchivedRecording
    {
        std::string sha256;
        std::int64_t size = 0;
    };
    void archiveRecording(const std::string &id, const ArchivedRecording &recording);
    std::optional<ArchivedRecording> archivedRecording(const std::string &id);

private:
    storage::Database &m_db;
};

} // namespace bunny::backend::battles
