#include "battles/battle.h"

#include "battles/battlehub.h"
#include "battles/deadlineoutcome.h"
#include "battles/elo.h"
#include "battles/socketloop.h"
#include "http/views.h"
#include "storage/userstore.h"

#include <problems/judge.h>
#include <problems/problemset.h>

#include <Poco/Logger.h>

namespace bunny::backend::battles {

using nlohmann::json;

const char *roleName(Role role)
{
    switch (role) {
    case Role::P1:
        return "p1";
    case Role::P2:
        return "p2";
    case Role::Spectator:
        break;
    }
    return "spectator";
}

std::string entryFile(const std::string &language)
{
    for (const auto &starter : problems::starterFiles())
        if (language == starter.language)
            return starter.file;
    return {};
}

namespace {

std::string dump(const json &j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json timeOrNull(std::int64_t ms)
{
    return ms > 0 ? json(http::rfc3339(ms)) : json(nullptr);
}

std::string starterOf(const problems::Problem &problem, const std::string &language)
{
    const auto it = problem.starter.find(language);
    return it == problem.starter.end() ? std::string() : it->second;
}

} // namespace

const std::string &Battle::Player::text() const
{
    static const std::string kEmpty;
    const std::string *t = doc.text(path);
    return t ? *t : kEmpty;
}

Battle::Battle(BattleHub &hub, BattleRow row, std::shared_ptr<const problems::Problem> problem)
    : m_hub(hub)
    , m_id(row.id)
    , m_problemOwner(std::move(problem))
    , m_problem(*m_problemOwner)
    , m_config(hub.config())
    , m_row(std::move(row))
{
    m_row.total = std::int64_t(m_problem.tests.size());
    m_players[0].userId = m_row.p1Id;
    m_players[0].username = m_row.p1Name;
    m_players[1].userId = m_row.p2Id;
    m_players[1].username = m_row.p2Name;
    for (auto &p : m_players)
        setLanguage(p, m_row.language);
}

Battle::~Battle() = default;

void Battle::setLanguage(Player &p, const std::string &language)
{
    p.language = language;
    p.path = entryFile(language);
    p.doc = {};
    (void)p.doc.apply(bunny::rec::Event::keyframe(0, p.path, starterOf(m_problem, language)));
    p.anchor = p.caret = 0;
}

std::string Battle::pathOf(int i) const
{
    return std::string(i == 0 ? "p1/" : "p2/") + m_players[std::size_t(i)].path;
}

BattleRow Battle::row()
{
    std::lock_guard lock(m_mutex);
    return m_row;
}

std::size_t Battle::spectators()
{
    std::lock_guard lock(m_mutex);
    return m_spectators.size();
}

Role Battle::roleOf(const std::string &userId)
{
    std::lock_guard lock(m_mutex);
    if (userId == m_row.p1Id)
        return Role::P1;
    if (!m_row.p2Id.empty() && userId == m_row.p2Id)
        return Role::P2;
    return Role::Spectator;
}

Battle::JoinResult Battle::join(const std::string &userId, const std::string &username, std::int64_t rating)
{
    std::lock_guard lock(m_mutex);
    if (userId == m_row.p1Id)
        return JoinResult::Creator;
    if (userId == m_row.p2Id)
        return JoinResult::AlreadyIn;
    if (m_row.status != "waiting")
        return JoinResult::NotWaiting;
    if (!m_row.p2Id.empty())
        return JoinResult::Full;
    m_row.p2Id = m_players[1].userId = userId;
    m_row.p2Name = m_players[1].username = username;
    m_row.p2Rating = rating;
    persist();
    broadcast({{"type", "joined"},
               {"player", "p2"},
               {"user", {{"id", userId}, {"username", username}}},
               {"rating", rating},
               {"connected", false}});
    return JoinResult::Joined;
}

void Battle::setRematch(const std::string &battleId, const std::string &inviteCode)
{
    std::lock_guard lock(m_mutex);
    m_row.rematchId = battleId;
    m_rematchInvite = inviteCode;
    persist();
    broadcastState(storage::nowMs());
}

json Battle::playerJson(int i, Role you) const
{
    const Player &p = m_players[std::size_t(i)];
    if (p.userId.empty())
        return nullptr;
    json best = nullptr;
    if (p.bestPassed >= 0)
        best = {
            {"passed", p.bestPassed}, {"total", m_row.total}, {"status", p.bestStatus}, {"at_ms", p.bestAt}};
    json j = {{"user", {{"id", p.userId}, {"username", p.username}}},
              {"rating", i == 0 ? m_row.p1Rating : m_row.p2Rating},
              {"connected", p.conn != nullptr},
              {"ready", p.ready},
              {"language", p.language},
              {"path", p.path},
              {"text", p.text()},
              {"rev", p.rev},
              {"cursor", {{"anchor", p.anchor}, {"caret", p.caret}}},
              {"judging", p.judging},
              {"submissions", p.submissions},
              {"best", best}};
    if (p.conn == nullptr && p.disconnectedAt > 0 && m_row.status == "running")
        j["grace_ms"] = std::max<std::int64_t>(0, p.disconnectedAt + m_config.graceMs - storage::nowMs());
    (void)you;
    return j;
}

json Battle::stateLocked(Role you, std::int64_t now) const
{
    json samples = json::array();
    for (const auto &t : m_problem.tests)
        if (t.sample)
            samples.push_back({{"name", t.name}, {"input", t.input}, {"expected", t.expected}});
    json starter = json::object();
    for (const auto &[language, code] : m_problem.starter)
        starter[language] = code;
    std::int64_t remaining = m_row.timeLimitS * 1000;
    if (m_row.status == "running")
        remaining = std::max<std::int64_t>(0, m_row.deadline - now);
    else if (m_row.status == "finished")
        remaining = 0;
    json battle = {{"id", m_row.id},
                   {"status", m_row.status},
                   {"reason", m_row.reason.empty() ? json(nullptr) : json(m_row.reason)},
                   {"winner", m_row.winner.empty() ? json(nullptr) : json(m_row.winner)},
                   {"visibility", m_row.visibility},
                   {"no_outside_paste", m_row.noPaste},
                   {"time_limit_s", m_row.timeLimitS},
                   {"language", m_row.language},
                   {"problem",
                    {{"slug", m_problem.slug},
                     {"title", m_problem.title},
                     {"level", m_problem.level},
                     {"statement", m_problem.statement},
                     {"time_limit_ms", m_problem.timeLimitMs},
                     {"memory_limit_kb", m_problem.memoryLimitKb},
                     {"tests", m_problem.tests.size()},
                     {"samples", samples},
                     {"starter", starter}}},
                   {"deadline", timeOrNull(m_row.deadline)},
                   {"remaining_ms", remaining},
                   {"players", {{"p1", playerJson(0, you)}, {"p2", playerJson(1, you)}}},
                   {"spectators", m_spectators.size()},
                   {"rematch_of", m_row.rematchOf.empty() ? json(nullptr) : json(m_row.rematchOf)},
                   {"rematch", m_row.rematchId.empty() ? json(nullptr) : json(m_row.rematchId)}};
    if (m_row.status == "countdown")
        battle["countdown_ms"] = std::max<std::int64_t>(0, m_countdownEnds - now);
    if (you != Role::Spectator) {
        battle["invite_code"] = m_row.inviteCode;
        if (!m_rematchInvite.empty())
            battle["rematch_invite_code"] = m_rematchInvite;
    }
    return {{"type", "state"}, {"you", roleName(you)}, {"battle", battle}};
}

void Battle::sendState(const std::shared_ptr<WsConnection> &conn, Role you, std::int64_t now)
{
    conn->sendText(dump(stateLocked(you, now)));
}

void Battle::broadcastState(std::int64_t now)
{
    for (int i = 0; i < 2; ++i)
        if (auto &c = m_players[std::size_t(i)].conn)
            sendState(c, i == 0 ? Role::P1 : Role::P2, now);
    if (m_spectators.empty())
        return;
    const std::string frame = ws::encodeFrame(ws::Text, dump(stateLocked(Role::Spectator, now)));
    for (const auto &c : m_spectators)
        c->sendFrame(frame);
}

void Battle::broadcast(const json &message, const WsConnection *except)
{
    broadcastText(dump(message), except);
}

void Battle::broadcastText(const std::string &text, const WsConnection *except)
{
    const std::string frame = ws::encodeFrame(ws::Text, text);
    for (auto &p : m_players)
        if (p.conn && p.conn.get() != except)
            p.conn->sendFrame(frame);
    for (const auto &c : m_spectators)
        if (c.get() != except)
            c->sendFrame(frame);
}

void Battle::sendError(const std::shared_ptr<WsConnection> &conn, const std::string &code,
                       const std::string &message)
{
    conn->sendText(dump({{"type", "error"}, {"code", code}, {"message", message}}));
}

void Battle::attach(const std::shared_ptr<WsConnection> &conn, Role role, const std::string &username)
{
    std::lock_guard lock(m_mutex);
    const std::int64_t now = storage::nowMs();
    if (role == Role::Spectator) {
        m_spectators.insert(conn);
        sendState(conn, role, now);
        return;
    }
    Player &p = m_players[role == Role::P1 ? 0 : 1];
    auto old = std::move(p.conn);
    p.conn = conn;
    p.everConnected = true;
    p.disconnectedAt = 0;
    if (old)
        old->close(4000, "replaced by a newer connection");
    sendState(conn, role, now);
    broadcast({{"type", "joined"},
               {"player", roleName(role)},
               {"user", {{"id", p.userId}, {"username", username}}},
               {"rating", role == Role::P1 ? m_row.p1Rating : m_row.p2Rating},
               {"connected", true}},
              conn.get());
}

void Battle::detach(const std::shared_ptr<WsConnection> &conn, Role role)
{
    std::lock_guard lock(m_mutex);
    if (role == Role::Spectator) {
        m_spectators.erase(conn);
        return;
    }
    Player &p = m_players[role == Role::P1 ? 0 : 1];
    if (p.conn != conn)
        return; // an older socket that a newer one replaced
    p.conn.reset();
    if (m_row.status == "finished")
        return;
    // A ready given by a socket that is gone no longer counts: the countdown starts only when
    // both say ready while both are connected (see onMessage), so a player who drops while
    // waiting readies again when back, and the other's ready then starts it.
    if (m_row.status == "waiting")
        p.ready = false;
    p.disconnectedAt = storage::nowMs();
    broadcastState(p.disconnectedAt);
}

void Battle::closeAll(std::uint16_t code, const std::string &reason)
{
    std::lock_guard lock(m_mutex);
    for (auto &p : m_players)
        if (p.conn)
            p.conn->close(code, reason);
    for (const auto &c : m_spectators)
        c->close(code, reason);
}

void Battle::persist()
{
    try {
        m_hub.store().update(m_row);
    } catch (const std::exception &e) {
        Poco::Logger::get("bunnyd.battles").error("battle %s: cannot save: %s", m_id, std::string(e.what()));
    }
}

void Battle::startCountdown(std::int64_t now)
{
    m_row.status = "countdown";
    m_countdownEnds = now + m_config.countdownMs;
    persist();
    broadcast(
        {{"type", "countdown"}, {"ms", m_config.countdownMs}, {"starts_at", http::rfc3339(m_countdownEnds)}});
    if (m_config.countdownMs <= 0)
        startRunning(now);
}

void Battle::startRunning(std::int64_t now)
{
    m_row.status = "running";
    m_row.started = now;
    m_row.deadline = now + m_row.timeLimitS * 1000;
    // Ratings as they stand when the battle begins (the players may have played meanwhile).
    m_row.p1Rating = m_hub.store().rating(m_row.p1Id);
    m_row.p2Rating = m_hub.store().rating(m_row.p2Id);
    BattleRecorder::Start start;
    start.path = m_hub.recordingPath(m_id);
    start.battleId = m_id;
    start.title = m_problem.title + ": " + m_row.p1Name + " vs " + m_row.p2Name;
    start.p1 = m_row.p1Name;
    start.p2 = m_row.p2Name;
    start.language = m_row.language;
    start.problem = m_problem.slug;
    start.p1Entry = m_players[0].path;
    start.p2Entry = m_players[1].path;
    start.p1Text = m_players[0].text();
    start.p2Text = m_players[1].text();
    start.startedMs = now;
    start.flushMs = m_config.recordingFlushMs;
    start.flusher = m_hub.recordingFlusher();
    m_recorder = std::make_unique<BattleRecorder>(start);
    persist();
    broadcast({{"type", "start"},
               {"deadline", http::rfc3339(m_row.deadline)},
               {"remaining_ms", m_row.deadline - now},
               {"time_limit_s", m_row.timeLimitS}});
}

void Battle::end(const std::string &winner, const std::string &reason, std::int64_t now)
{
    if (m_row.status == "finished")
        return;
    // Rated from the countdown on: the statement is visible then, so backing out costs.
    const bool rated =
        reason != "aborted" && reason != "expired" && !m_row.p2Id.empty() && m_row.status != "waiting";
    m_row.status = "finished";
    m_row.reason = reason;
    m_row.winner = winner;
    m_row.ended = now;
    std::vector<RatingChange> changes;
    json ratings = nullptr;
    if (rated) {
        try {
            m_row.p1Rating = m_hub.store().rating(m_row.p1Id);
            m_row.p2Rating = m_hub.store().rating(m_row.p2Id);
        } catch (const std::exception &e) {
            Poco::Logger::get("bunnyd.battles").error("battle %s: ratings: %s", m_id, std::string(e.what()));
        }
        const double score = winner == "p1" ? 1.0 : winner == "p2" ? 0.0 : 0.5;
        const auto after = eloUpdate(int(m_row.p1Rating), int(m_row.p2Rating), score);
        m_row.p1Delta = after.a - m_row.p1Rating;
        m_row.p2Delta = after.b - m_row.p2Rating;
        changes.push_back({m_row.p1Id, after.a, winner == "p1", winner == "p2", winner.empty()});
        changes.push_back({m_row.p2Id, after.b, winner == "p2", winner == "p1", winner.empty()});
        ratings = {{"p1", {{"before", m_row.p1Rating}, {"after", after.a}, {"delta", m_row.p1Delta}}},
                   {"p2", {{"before", m_row.p2Rating}, {"after", after.b}, {"delta", m_row.p2Delta}}}};
    }
    try {
        m_hub.store().finish(m_row, changes);
    } catch (const std::exception &e) {
        Poco::Logger::get("bunnyd.battles")
            .error("battle %s: cannot save the result: %s", m_id, std::string(e.what()));
    }
    if (m_recorder) {
        const std::string label = winner.empty() ? reason : winner + " wins (" + reason + ")";
        m_recorder->marker(m_recorder->t(now), "end", label);
        m_recorder->close();
    }
    broadcast({{"type", "end"},
               {"winner", winner.empty() ? json(nullptr) : json(winner)},
               {"reason", reason},
               {"ratings", ratings}});
}

void Battle::endAtDeadline(std::int64_t now)
{
    const auto outcome = deadlineOutcome({m_players[0].bestPassed, m_players[0].bestAt},
                                         {m_players[1].bestPassed, m_players[1].bestAt});
    end(outcome.winner, outcome.reason, now);
}

bool Battle::tick(std::int64_t now)
{
    std::lock_guard lock(m_mutex);
    const std::string &status = m_row.status;
    if (status == "finished")
        return now - m_row.ended < m_config.lingerMs;
    if (status == "waiting") {
        if (now - m_row.created >= m_config.expiryMs)
            end("", "expired", now);
        return true;
    }
    if (status == "countdown") {
        if (now >= m_countdownEnds)
            startRunning(now);
        return true;
    }
    // running
    const bool judging = m_players[0].judging || m_players[1].judging;
    if (!m_deadlinePassed && now >= m_row.deadline) {
        // Submissions still being judged may yet decide it; nothing new is accepted.
        m_deadlinePassed = true;
        if (!judging)
            endAtDeadline(now);
    } else if (m_deadlinePassed && (!judging || now >= m_row.deadline + m_config.judgeGraceMs)) {
        endAtDeadline(now);
    }
    for (int i = 0; i < 2 && m_row.status == "running"; ++i) {
        const Player &p = m_players[std::size_t(i)];
        if (!p.conn && p.disconnectedAt > 0 && now - p.disconnectedAt >= m_config.graceMs)
            end(i == 0 ? "p2" : "p1", "disconnect", now);
    }
    for (int i = 0; i < 2 && m_row.status == "running"; ++i)
        if (m_players[std::size_t(i)].cursorPending &&
            now - m_players[std::size_t(i)].cursorSentAt >= m_config.cursorIntervalMs)
            relayCursor(i, now);
    return true;
}

void Battle::abort()
{
    std::lock_guard lock(m_mutex);
    end("", "aborted", storage::nowMs());
}

} // namespace bunny::backend::battles
