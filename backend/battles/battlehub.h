#pragma once

#include "battles/battle.h"
#include "battles/battleconfig.h"
#include "battles/battlestore.h"

#include <Poco/Net/StreamSocket.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace bunny::problems {
class ProblemCatalog;
struct Problem;
struct Verdict;
} // namespace bunny::problems

namespace bunny::backend::storage {
class Database;
class ObjectStore;
struct User;
} // namespace bunny::backend::storage

namespace bunny::backend::scale {
class BattleCluster;
} // namespace bunny::backend::scale

namespace bunny::backend::battles {

class RecordingFlusher;
class SocketLoop;

/// Judges code for a problem (problems::Judge::judge in the server; anything that answers a
/// Verdict in tests of the hub alone). Called on a judge pool thread; may block for seconds.
using JudgeFunction = std::function<problems::Verdict(const problems::Problem &, const std::string &language,
                                                      const std::string &code)>;

/// What POST /battles asks for.
struct CreateRequest
{
    std::string problem; // slug; empty: random of level
    std::string level;   // easy | medium | hard; empty: any
    std::string language;
    std::int64_t timeLimitS = 0; // 0: the default
    std::string visibility = "public";
    bool noPaste = false;
    std::string rematchOf;
};

/// Every live battle of this server, their sockets (an epoll SocketLoop), timers (one ticker
/// thread) and judgments (a small pool). REST handlers and the WebSocket upgrade call in here;
/// errors a client caused are thrown as http::ApiError.
class BattleHub
{
public:
    /// New battles take their problem from the catalog's set of the moment (null: none).
    BattleHub(BattleConfig config, storage::Database &db, const problems::ProblemCatalog *problems,
              JudgeFunction judge);
    ~BattleHub();
    BattleHub(const BattleHub &) = delete;
    BattleHub &operator=(const BattleHub &) = delete;

    /// Ends battles a previous run left unfinished (aborted, recordings kept) and starts the
    /// threads. Returns how many were aborted.
    int start();
    /// Ends running battles as aborted, closes every socket and stops the threads.
    void stop();

    const BattleConfig &config() const { return m_config; }
    BattleStore &store() { return m_store; }
    std::string recordingPath(const std::string &battleId) const;
    /// Writes and fsyncs every live recording (battles.recording_flush_ms).
    const std::shared_ptr<RecordingFlusher> &recordingFlusher() const { return m_flusher; }

    BattleRow create(const CreateRequest &request, const storage::User &creator);
    /// The live battle, or null when it is not in memory (finished long ago, or unknown).
    std::shared_ptr<Battle> live(const std::string &id);
    /// Takes the second seat of a waiting battle; returns its row.
    BattleRow join(const std::string &id, const storage::User &user);
    /// Joins the open public battle whose creator's rating is nearest, or opens one. The bool
    /// says whether it joined (true) or created (false).
    std::pair<BattleRow, bool> quick(const std::string &level, const std::string &language,
                                     const storage::User &user);
    /// A rematch of a finished battle offered by one of its players: a new private battle with
    /// the same settings that the opponent joins by its invite code (shown to both players).
    BattleRow rematch(const std::string &id, const storage::User &user);

    /// The battle as REST shows it to viewerId (empty: signed out).
    nlohmann::json view(const BattleRow &row, const std::string &viewerId);
    /// A row from memory when live, else from the database.
    std::optional<BattleRow> find(const std::string &id);

    /// Hands an upgraded WebSocket of userId to the battle's socket loop.
    void connect(Poco::Net::StreamSocket socket, const std::shared_ptr<Battle> &battle, Role role,
                 const std::string &userId, const std::string &username);
    /// Queues a judgment; the verdict goes back to battle->onVerdict on a pool thread.
    void submitJudgment(std::shared_ptr<Battle> battle, int player, std::int64_t submittedT,
                        std::string language, std::string code);

    std::size_t liveBattles();
    std::size_t connections() const;

    /// Counts a message, socket or byte refused by one of the battle socket's limits (the names
    /// of bunny_limit: battle_message_bytes, battle_messages_per_s, battle_outbox_bytes,
    /// battle_sockets_per_user); bunnyd passes them to bunny_rate_limited_total. Set before
    /// start().
    void setRefusalCounter(std::function<void(const std::string &limit)> counter);

    /// Takes one of userId's battles.max_sockets_per_user socket slots before the upgrade; false
    /// (counted) when all are in use. connect() hands the slot to the socket, which gives it back
    /// when it closes; releaseSocket gives it back when the upgrade fails.
    bool reserveSocket(const std::string &userId);
    void releaseSocket(const std::string &userId);
    /// Prometheus lines for /metrics.
    std::string metricsText();

    // Several instances (README.md, "Several instances").
    /// Before start(): share battles with other instances through cluster (leases, events) and
    /// copy finished recordings into archive so every instance can serve them. Battles are then
    /// created in the database only; the instance that gets the first WebSocket (nginx's pick by
    /// the battle id) takes the lease and holds the battle in memory.
    void setCluster(scale::BattleCluster *cluster, storage::ObjectStore *archive);
    /// The live battle, or with a cluster a waiting one taken over from the database when no
    /// other instance holds it; null otherwise.
    std::shared_ptr<Battle> acquire(const std::string &id);
    /// battle->roleOf(userId), after catching up with a seat taken on another instance.
    Role roleOf(Battle &battle, const storage::User &user);
    /// One refusal of limit, to the counter setRefusalCounter gave (any thread).
    void countRefusal(const std::string &limit);

private:
    std::shared_ptr<const problems::Problem> pickProblem(const std::string &slug,
                                                         const std::string &level) const;
    void tickLoop();
    void judgeLoop();

    BattleConfig m_config;
    BattleStore m_store;
    const problems::ProblemCatalog *m_problems;
    JudgeFunction m_judge;
    std::unique_ptr<SocketLoop> m_loop;
    std::shared_ptr<RecordingFlusher> m_flusher;

    std::mutex m_mutex; // guards m_battles
    std::map<std::string, std::shared_ptr<Battle>> m_battles;
    std::mutex m_matchMutex; // one quick match or join decision at a time

    std::mutex m_threadMutex; // guards m_stopping and the judge queue
    std::condition_variable m_wake;
    bool m_stopping = false;
    bool m_started = false;
    std::deque<std::function<void()>> m_judgeQueue;
    std::vector<std::thread> m_threads;

    // Several instances.
    bool takeSeat(const std::string &id, const storage::User &user, std::int64_t rating);
    BattleRow joinShared(const std::string &id, const storage::User &user);
    void onClusterEvent(const std::string &id, const std::string &message);
    void clusterChores(const std::vector<std::shared_ptr<Battle>> &battles, std::int64_t nowMs);
    void archiveRecording(const std::string &id);
    int reapOrphans(std::int64_t nowMs);
    void dropped(const std::string &id);

    scale::BattleCluster *m_cluster = nullptr;
    storage::ObjectStore *m_archive = nullptr;
    std::set<std::string> m_archived; // guarded by m_mutex: finished battles archived or on the way
    std::int64_t m_leasesRefreshed = 0, m_orphansReaped = 0, m_archiveChecked = 0; // ticker thread only
    std::function<void(const std::string &)> m_refusalCounter;
    std::mutex m_socketsMutex; // guards m_socketsPerUser
    std::map<std::string, int> m_socketsPerUser;
};

} // namespace bunny::backend::battles
