#pragma once

#include "battles/battleconfig.h"
#include "battles/battlerecorder.h"
#include "battles/battlestore.h"
#include "battles/clientmessage.h"

#include <recording/document.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace bunny::problems {
struct Problem;
struct Verdict;
} // namespace bunny::problems

namespace bunny::backend::battles {

class BattleHub;
class WsConnection;

enum class Role { P1, P2, Spectator };
const char *roleName(Role role);

/// The source file a language's code lives in ("main.py", "Main.java", …); empty if unknown.
std::string entryFile(const std::string &language);

/// One live battle: the authoritative copy of both players' documents, the lifecycle
/// (waiting -> countdown -> running -> finished) and everyone watching. Every method locks the
/// battle; messages from its sockets arrive on the socket loops, timers from the hub's ticker
/// and verdicts from the judge pool. See backend/battles/README.md for the protocol.
class Battle : public std::enable_shared_from_this<Battle>
{
public:
    /// Keeps its problem alive: a reload of the server's problems leaves the battle as it began.
    Battle(BattleHub &hub, BattleRow row, std::shared_ptr<const problems::Problem> problem);
    ~Battle();

    const std::string &id() const { return m_id; }
    const problems::Problem &problem() const { return m_problem; }

    /// The row as it is now (for REST answers and the database).
    BattleRow row();
    /// Spectators watching now.
    std::size_t spectators();
    /// Who userId is here: P1, P2, or Spectator for anyone else.
    Role roleOf(const std::string &userId);

    enum class JoinResult { Joined, AlreadyIn, Creator, Full, NotWaiting };
    /// Takes the second seat (the REST join).
    JoinResult join(const std::string &userId, const std::string &username, std::int64_t rating);
    /// Records the battle that a rematch offer made; its invite code goes to the players.
    void setRematch(const std::string &battleId, const std::string &inviteCode);

    /// A socket opened: sends the full state; a player's new socket replaces an older one and
    /// ends a disconnection grace.
    void attach(const std::shared_ptr<WsConnection> &conn, Role role, const std::string &username);
    void detach(const std::shared_ptr<WsConnection> &conn, Role role);
    /// One parsed message from a socket of role (parseClientMessage made it).
    void onMessage(const std::shared_ptr<WsConnection> &conn, Role role, const std::string &username,
                   const ClientMessage &message);
    /// Timers: countdown, deadline, disconnection grace, expiry, coalesced carets. Returns false
    /// once the battle is over and has lingered long enough to be dropped from memory.
    bool tick(std::int64_t nowMs);
    /// A judgment finished (judge pool thread).
    void onVerdict(int player, std::int64_t submittedT, const problems::Verdict &verdict);
    /// Ends the battle as aborted (server stopping).
    void abort();

    /// Sends every connection a close frame (the battle leaves memory).
    void closeAll(std::uint16_t code, const std::string &reason);

private:
    struct Player
    {
        std::string userId, username;
        std::string language;
        bunny::rec::Document doc; // one file: the player's entry file
        std::string path;         // entry file name, e.g. "main.py"
        std::int64_t rev = 0;
        bool ready = false;
        std::shared_ptr<WsConnection> conn;
        bool everConnected = false;
        std::int64_t disconnectedAt = 0; // epoch ms; 0 while connected
        bool judging = false;
        int submissions = 0;
        int bestPassed = -1;
        std::int64_t bestAt = 0; // recording t of the best submission
        std::string bestStatus;
        std::int64_t anchor = 0, caret = 0;
        bool cursorPending = false;
        std::int64_t cursorSentAt = 0;
        const std::string &text() const;
    };

    // All below need m_mutex.
    nlohmann::json stateLocked(Role you, std::int64_t nowMs) const;
    nlohmann::json playerJson(int i, Role you) const;
    void sendState(const std::shared_ptr<WsConnection> &conn, Role you, std::int64_t nowMs);
    void broadcastState(std::int64_t nowMs);
    void broadcast(const nlohmann::json &message, const WsConnection *except = nullptr);
    /// Frames text once and sends the same bytes to everyone but except.
    void broadcastText(const std::string &text, const WsConnection *except = nullptr);
    void sendError(const std::shared_ptr<WsConnection> &conn, const std::string &code,
                   const std::string &message);
    void startCountdown(std::int64_t nowMs);
    void startRunning(std::int64_t nowMs);
    void end(const std::string &winner, const std::string &reason, std::int64_t nowMs);
    void endAtDeadline(std::int64_t nowMs);
    void persist();
    void setLanguage(Player &p, const std::string &language);
    std::string pathOf(int i) const;

    void onEdit(const std::shared_ptr<WsConnection> &conn, int i, const ClientMessage &m, std::int64_t nowMs);
    void onCursor(const std::shared_ptr<WsConnection> &conn, int i, const ClientMessage &m,
                  std::int64_t nowMs);
    void onLanguage(const std::shared_ptr<WsConnection> &conn, int i, const ClientMessage &m,
                    std::int64_t nowMs);
    void onSubmit(const std::shared_ptr<WsConnection> &conn, int i, std::int64_t nowMs);
    void onChat(const std::shared_ptr<WsConnection> &conn, Role role, const std::string &username,
                const ClientMessage &m, std::int64_t nowMs);
    void relayCursor(int i, std::int64_t nowMs);

    BattleHub &m_hub;
    const std::string m_id;
    const std::shared_ptr<const problems::Problem> m_problemOwner;
    const problems::Problem &m_problem;
    const BattleConfig &m_config;

    std::mutex m_mutex;
    BattleRow m_row;
    std::array<Player, 2> m_players;
    std::set<std::shared_ptr<WsConnection>> m_spectators;
    std::string m_rematchInvite;
    std::int64_t m_countdownEnds = 0;
    bool m_deadlinePassed = false;
    std::unique_ptr<BattleRecorder> m_recorder;
};

} // namespace bunny::backend::battles
