// Battle's handling of socket messages and verdicts (the lifecycle is in battle.cpp).
#include "battles/battle.h"

#include "battles/battlehub.h"
#include "battles/socketloop.h"
#include "http/views.h"
#include "storage/userstore.h"

#include <problems/judge.h>
#include <problems/problemset.h>

namespace bunny::backend::battles {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxCompileOutput = 4096;

std::string dump(const json &j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool isPlayerMessage(MessageType type)
{
    return type == MessageType::Edit || type == MessageType::Cursor || type == MessageType::Language ||
           type == MessageType::Submit || type == MessageType::Resign || type == MessageType::Ready;
}

} // namespace

void Battle::onMessage(const std::shared_ptr<WsConnection> &conn, Role role, const std::string &username,
                       const ClientMessage &m)
{
    std::lock_guard lock(m_mutex);
    const std::int64_t now = storage::nowMs();
    if (m.type == MessageType::Ping) {
        conn->sendText(R"({"type":"pong"})");
        return;
    }
    if (m.type == MessageType::Chat)
        return onChat(conn, role, username, m, now);
    if (!isPlayerMessage(m.type))
        return sendError(conn, "bad_type", "Unknown message type \"" + m.typeName + "\".");
    if (role == Role::Spectator)
        return sendError(conn, "not_player", "Spectators can watch and chat, not play.");
    if (m.namesPlayer && m.player != roleName(role))
        return sendError(conn, "forbidden", "You can only change your own text.");
    const int i = role == Role::P1 ? 0 : 1;
    Player &p = m_players[std::size_t(i)];
    switch (m.type) {
    case MessageType::Edit:
        return onEdit(conn, i, m, now);
    case MessageType::Cursor:
        return onCursor(conn, i, m, now);
    case MessageType::Language:
        return onLanguage(conn, i, m, now);
    case MessageType::Submit:
        return onSubmit(conn, i, now);
    case MessageType::Resign:
        if (m_row.status == "waiting") {
            // The creator takes back an offer nobody has started: it frees one of their open
            // battle slots at once instead of after battles.expiry_ms, unrated like an expiry.
            if (i != 0)
                return sendError(conn, "not_running",
                                 "Only a started battle can be resigned; its creator can cancel it.");
            return end("", "expired", now);
        }
        if (m_row.status != "running" && m_row.status != "countdown")
            return sendError(conn, "not_running", "Only a started battle can be resigned.");
        return end(i == 0 ? "p2" : "p1", "resign", now);
    default: // ready
        break;
    }
    if (m_row.status != "waiting")
        return sendError(conn, "not_waiting", "The battle has already started.");
    if (p.ready)
        return;
    p.ready = true;
    broadcast({{"type", "ready"}, {"player", roleName(role)}});
    const Player &other = m_players[std::size_t(1 - i)];
    if (!m_row.p2Id.empty() && other.ready && other.conn)
        startCountdown(now);
}

void Battle::onEdit(const std::shared_ptr<WsConnection> &conn, int i, const ClientMessage &m,
                    std::int64_t now)
{
    Player &p = m_players[std::size_t(i)];
    if (m_row.status != "running" || m_deadlinePassed)
        return sendError(conn, "not_running", "Edits are taken only while the battle runs.");
    if (!m.invalid.empty())
        return sendError(conn, "bad_message", m.invalid);
    if (m.rev != p.rev) {
        // The client missed something (or raced a language switch): give it the whole truth.
        return sendState(conn, i == 0 ? Role::P1 : Role::P2, now);
    }
    // Every op or none (applyEditOps undoes the applied ones when a later op does not fit).
    if (const std::string problem = applyEditOps(p.doc, p.path, m.ops, m_config.maxTextBytes);
        !problem.empty()) {
        sendError(conn, "bad_op",
                  "The edit does not fit your text (" + problem + "); here is the current state.");
        return sendState(conn, i == 0 ? Role::P1 : Role::P2, now);
    }
    ++p.rev;
    // The hot path: both messages are written straight, without building a JSON tree; the
    // relayed one is framed once for every recipient (broadcastText) and goes out before the
    // sender's ack, since the others are the ones waiting for it.
    const std::string newRev = std::to_string(p.rev);
    broadcastText(R"({"type":"edit","player":")" + std::string(roleName(i == 0 ? Role::P1 : Role::P2)) +
                      R"(","rev":)" + newRev + R"(,"ops":)" + dump(opsJson(m.ops)) + "}",
                  conn.get());
    conn->sendText(R"({"type":"ack","rev":)" + newRev + "}");
    if (!m_recorder)
        return;
    const std::int64_t t = m_recorder->t(now);
    const std::string path = pathOf(i);
    for (const auto &op : m.ops) {
        if (op.insert) {
            m_recorder->insert(t, path, op.pos, op.text);
            if (m_row.noPaste && op.text.size() >= m_config.pasteBytes)
                m_recorder->marker(t, "paste", std::to_string(op.text.size()) + " bytes inserted at once",
                                   i == 0 ? "p1/" : "p2/");
        } else {
            m_recorder->erase(t, path, op.pos, op.text);
        }
    }
}

void Battle::onCursor(const std::shared_ptr<WsConnection> &conn, int i, const ClientMessage &m,
                      std::int64_t now)
{
    Player &p = m_players[std::size_t(i)];
    if (!m.invalid.empty())
        return sendError(conn, "bad_message", m.invalid);
    const auto size = std::int64_t(p.text().size());
    if (m.anchor > size || m.caret > size)
        return sendError(conn, "bad_message", "The cursor is past the end of your text.");
    if (m_row.status == "finished")
        return;
    p.anchor = m.anchor;
    p.caret = m.caret;
    // Coalesced: at most one relay per interval; the ticker sends the latest one after it.
    if (now - p.cursorSentAt >= m_config.cursorIntervalMs)
        relayCursor(i, now);
    else
        p.cursorPending = true;
}

void Battle::relayCursor(int i, std::int64_t now)
{
    Player &p = m_players[std::size_t(i)];
    p.cursorPending = false;
    p.cursorSentAt = now;
    broadcast({{"type", "cursor"},
               {"player", roleName(i == 0 ? Role::P1 : Role::P2)},
               {"anchor", p.anchor},
               {"caret", p.caret}},
              p.conn.get());
    if (m_recorder && m_row.status == "running")
        m_recorder->caret(m_recorder->t(now), pathOf(i), p.anchor, p.caret);
}

void Battle::onLanguage(const std::shared_ptr<WsConnection> &conn, int i, const ClientMessage &m,
                        std::int64_t now)
{
    Player &p = m_players[std::size_t(i)];
    if (!m.invalid.empty())
        return sendError(conn, "bad_message", m.invalid);
    const std::string &wanted = m.language;
    if (entryFile(wanted).empty() || (!m_problem.starter.empty() && !m_problem.starter.count(wanted)))
        return sendError(conn, "bad_language", "This problem cannot be solved in \"" + wanted + "\".");
    if (m_row.status == "finished" || m_deadlinePassed)
        return sendError(conn, "not_running", "The battle is over.");
    if (wanted == p.language)
        return;
    const auto starter = m_problem.starter.find(p.language);
    const bool untouched =
        p.text().empty() || (starter != m_problem.starter.end() && p.text() == starter->second);
    if (!untouched)
        return sendError(conn, "language_locked",
                         "The language can change only while your text is the starter code or empty.");
    const std::string oldPath = pathOf(i);
    setLanguage(p, wanted);
    ++p.rev;
    if (m_recorder) {
        const std::int64_t t = m_recorder->t(now);
        m_recorder->remove(t, oldPath);
        m_recorder->keyframe(t, pathOf(i), p.text());
    }
    // No message of its own: everyone gets the new snapshot (language, path, text, rev).
    broadcastState(now);
}

void Battle::onSubmit(const std::shared_ptr<WsConnection> &conn, int i, std::int64_t now)
{
    Player &p = m_players[std::size_t(i)];
    if (m_row.status != "running" || m_deadlinePassed)
        return sendError(conn, "not_running", "Submissions are taken only while the battle runs.");
    if (p.judging)
        return sendError(conn, "judging", "Your last submission is still being judged.");
    p.judging = true;
    ++p.submissions;
    const std::int64_t t = m_recorder ? m_recorder->t(now) : now - m_row.started;
    if (m_recorder)
        m_recorder->marker(t, "submit",
                           "submission " + std::to_string(p.submissions) + " (" + p.language + ")",
                           i == 0 ? "p1/" : "p2/");
    m_hub.submitJudgment(shared_from_this(), i, t, p.language, p.text());
}

void Battle::onChat(const std::shared_ptr<WsConnection> &conn, Role role, const std::string &username,
                    const ClientMessage &m, std::int64_t now)
{
    if (!m.invalid.empty())
        return sendError(conn, "bad_message", m.invalid);
    broadcast({{"type", "chat"},
               {"from", username},
               {"role", roleName(role)},
               {"text", m.text},
               {"at", http::rfc3339(now)}});
    if (m_recorder && m_row.status == "running")
        m_recorder->marker(m_recorder->t(now), "chat", username + ": " + m.text);
}

void Battle::onVerdict(int i, std::int64_t submittedT, const problems::Verdict &verdict)
{
    std::lock_guard lock(m_mutex);
    const std::int64_t now = storage::nowMs();
    Player &p = m_players[std::size_t(i)];
    p.judging = false;
    if (m_row.status == "finished")
        return;
    if (verdict.passed > p.bestPassed) {
        p.bestPassed = verdict.passed;
        p.bestAt = submittedT;
        p.bestStatus = verdict.status;
    }
    (i == 0 ? m_row.p1Passed : m_row.p2Passed) = p.bestPassed;
    if (verdict.total > 0)
        m_row.total = verdict.total;
    json tests = json::array();
    for (const auto &t : verdict.tests) {
        json test = {{"name", t.name}, {"sample", t.sample}, {"status", t.status}, {"time_ms", t.timeMs}};
        if (t.sample) { // hidden tests never leave the server
            test["input"] = t.input;
            test["expected"] = t.expected;
            test["actual"] = t.actual;
        }
        tests.push_back(std::move(test));
    }
    json message = {{"type", "verdict"},        {"player", roleName(i == 0 ? Role::P1 : Role::P2)},
                    {"passed", verdict.passed}, {"total", verdict.total},
                    {"status", verdict.status}, {"tests", tests}};
    if (!verdict.compileOutput.empty())
        message["compile_output"] = verdict.compileOutput.substr(0, kMaxCompileOutput);
    if (m_recorder)
        m_recorder->marker(m_recorder->t(now), "verdict",
                           verdict.status + " " + std::to_string(verdict.passed) + "/" +
                               std::to_string(verdict.total),
                           i == 0 ? "p1/" : "p2/");
    broadcast(message);
    if (verdict.status == "accepted" && verdict.total > 0 && verdict.passed == verdict.total)
        return end(i == 0 ? "p1" : "p2", "solved", now);
    if (m_deadlinePassed && !m_players[0].judging && !m_players[1].judging)
        return endAtDeadline(now);
    persist();
}

} // namespace bunny::backend::battles
