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
#include <string>
#include <thread>
#include <vector>

namespace bunny::problems {
class ProblemSet;
struct Problem;
struct Verdict;
} // namespace bunny::problems

namespace bunny::backend::storage {
class Database;
struct User;
} // namespace bunny::backend::storage

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
    BattleHub(BattleConfig config, storage::Database &db, const problems::ProblemSet *problems,
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
    /// Prometheus lines for /metrics.
    std::string metricsText();

private:
    const problems::Problem *pickProblem(const std::string &slug, const std::string &level) const;
    void tickLoop();
    void judgeLoop();

    BattleConfig m_config;
    BattleStore m_store;
    const problems::ProblemSet *m_problems;
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
};

} // namespace bunny::backend::battles
