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

constexpr std::size_t kMaxOps = 1000;
constexpr std::size_t kMaxCompileOutput = 4096;

std::string dump(const json &j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool isCount(const json &j)
{
    return j.is_number_unsigned() || (j.is_number_integer() && j.get<std::int64_t>() >= 0);
}

bool isPlayerMessage(const std::string &type)
{
    return type == "edit" || type == "cursor" || type == "language" || type == "submit" || type == "resign" ||
           type == "ready";
}

} // namespace

void Battle::onMessage(const std::shared_ptr<WsConnection> &conn, Role role, const std::string &username,
                       const json &m)
{
    const std::string type = m.value("type", "");
    std::lock_guard lock(m_mutex);
    const std::int64_t now = storage::nowMs();
    if (type == "ping") {
        conn->sendText(R"({"type":"pong"})");
        return;
    }
    if (type == "chat")
        return onChat(conn, role, username, m, now);
    if (!isPlayerMessage(type))
        return sendError(conn, "bad_type", "Unknown message type \"" + type + "\".");
    if (role == Role::Spectator)
        return sendError(conn, "not_player", "Spectators can watch and chat, not play.");
    if (m.contains("player") && m["player"] != roleName(role))
        return sendError(conn, "forbidden", "You can only change your own text.");
    const int i = role == Role::P1 ? 0 : 1;
    Player &p = m_players[std::size_t(i)];
    if (type == "edit")
        return onEdit(conn, i, m, now);
    if (type == "cursor")
        return onCursor(conn, i, m, now);
    if (type == "language")
        return onLanguage(conn, i, m, now);
    if (type == "submit")
        return onSubmit(conn, i, now);
    if (type == "resign") {
        if (m_row.status != "running" && m_row.status != "countdown")
            return sendError(conn, "not_running", "Only a started battle can be resigned.");
        return end(i == 0 ? "p2" : "p1", "resign", now);
    }
    // ready
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

void Battle::onEdit(const std::shared_ptr<WsConnection> &conn, int i, const json &m, std::int64_t now)
{
    Player &p = m_players[std::size_t(i)];
    if (m_row.status != "running" || m_deadlinePassed)
        return sendError(conn, "not_running", "Edits are taken only while the battle runs.");
    const auto rev = m.find("rev");
    const auto ops = m.find("ops");
    if (rev == m.end() || !isCount(*rev) || ops == m.end() || !ops->is_array() || ops->size() > kMaxOps)
        return sendError(conn, "bad_message", "An edit needs rev and an array of at most 1000 ops.");
    if (rev->get<std::int64_t>() != p.rev) {
        // The client missed something (or raced a language switch): give it the whole truth.
        return sendState(conn, i == 0 ? Role::P1 : Role::P2, now);
    }
    // Apply every op or none: undo the applied ones if a later op does not fit.
    std::vector<bunny::rec::Event> undo;
    std::string problem;
    for (const auto &op : *ops) {
        if (!op.is_array() || op.size() != 3 || !op[0].is_string() || !isCount(op[1]) || !op[2].is_string()) {
            problem = "an op is [\"i\"|\"d\", pos, text]";
            break;
        }
        const std::string kind = op[0].get<std::string>();
        if (kind != "i" && kind != "d") {
            problem = "an op is [\"i\"|\"d\", pos, text]";
            break;
        }
        const auto pos = op[1].get<std::int64_t>();
        const auto event = kind == "i" ? bunny::rec::Event::insert(0, p.path, pos, op[2].get<std::string>())
                                       : bunny::rec::Event::erase(0, p.path, pos, op[2].get<std::string>());
        auto inverse = p.doc.inverse(event);
        auto applied = inverse ? p.doc.apply(event) : Result<void>(inverse.error());
        if (!applied) {
            problem = applied.message();
            break;
        }
        undo.push_back(std::move(*inverse));
        if (p.text().size() > m_config.maxTextBytes) {
            problem = "the text would pass " + std::to_string(m_config.maxTextBytes) + " bytes";
            break;
        }
    }
    if (!problem.empty()) {
        for (auto it = undo.rbegin(); it != undo.rend(); ++it)
            (void)p.doc.apply(*it);
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
                      R"(","rev":)" + newRev + R"(,"ops":)" + dump(*ops) + "}",
                  conn.get());
    conn->sendText(R"({"type":"ack","rev":)" + newRev + "}");
    if (!m_recorder)
        return;
    const std::int64_t t = m_recorder->t(now);
    const std::string path = pathOf(i);
    for (const auto &op : *ops) {
        const auto pos = op[1].get<std::int64_t>();
        const auto &text = op[2].get_ref<const std::string &>();
        if (op[0] == "i") {
            m_recorder->insert(t, path, pos, text);
            if (m_row.noPaste && text.size() >= m_config.pasteBytes)
                m_recorder->marker(t, "paste", std::to_string(text.size()) + " bytes inserted at once",
                                   i == 0 ? "p1/" : "p2/");
        } else {
            m_recorder->erase(t, path, pos, text);
        }
    }
}

void Battle::onCursor(const std::shared_ptr<WsConnection> &conn, int i, const json &m, std::int64_t now)
{
    Player &p = m_players[std::size_t(i)];
    const auto anchor = m.find("anchor");
    const auto caret = m.find("caret");
    if (anchor == m.end() || caret == m.end() || !isCount(*anchor) || !isCount(*caret))
        return sendError(conn, "bad_message", "A cursor needs anchor and caret byte offsets.");
    const auto size = std::int64_t(p.text().size());
    if (anchor->get<std::int64_t>() > size || caret->get<std::int64_t>() > size)
        return sendError(conn, "bad_message", "The cursor is past the end of your text.");
    if (m_row.status == "finished")
        return;
    p.anchor = anchor->get<std::int64_t>();
    p.caret = caret->get<std::int64_t>();
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

void Battle::onLanguage(const std::shared_ptr<WsConnection> &conn, int i, const json &m, std::int64_t now)
{
    Player &p = m_players[std::size_t(i)];
    const auto language = m.find("language");
    if (language == m.end() || !language->is_string())
        return sendError(conn, "bad_message",
                         "Name the language: {\"type\":\"language\",\"language\":\"python\"}.");
    const std::string wanted = language->get<std::string>();
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
                    const json &m, std::int64_t now)
{
    const auto text = m.find("text");
    if (text == m.end() || !text->is_string() || text->get_ref<const std::string &>().empty() ||
        text->get_ref<const std::string &>().size() > m_config.chatBytes)
        return sendError(conn, "bad_message",
                         "A chat message is text of 1 to " + std::to_string(m_config.chatBytes) + " bytes.");
    broadcast({{"type", "chat"},
               {"from", username},
               {"role", roleName(role)},
               {"text", *text},
               {"at", http::rfc3339(now)}});
    if (m_recorder && m_row.status == "running")
        m_recorder->marker(m_recorder->t(now), "chat", username + ": " + text->get<std::string>());
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
