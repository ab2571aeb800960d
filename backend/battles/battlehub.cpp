#include "battles/battlehub.h"

#include "auth/randomtoken.h"
#include "battles/recordingflusher.h"
#include "battles/socketloop.h"
#include "http/apierror.h"
#include "http/exchange.h"
#include "http/views.h"
#include "storage/userstore.h"

#include <problems/judge.h>
#include <problems/problemset.h>

#include <Poco/Logger.h>

#include <chrono>
#include <cstdlib>
#include <random>

namespace bunny::backend::battles {

using http::ApiError;
using nlohmann::json;

namespace {

constexpr int kMaxOpenBattlesPerUser = 3;
constexpr std::size_t kMaxJsonDepth = 8;
// Threads that write and fsync every live recording: enough for the file system to fold their
// fsyncs into shared journal commits, far fewer than one per battle.
constexpr int kRecordingThreads = 4;

std::string inviteCode()
{
    // No look-alike characters: people read these out to each other.
    static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const std::string bytes = auth::randomBytes(10);
    std::string out;
    for (unsigned char c : bytes)
        out += kAlphabet[c % 32];
    return out;
}

/// One socket of a battle: parses frames, enforces the per-socket message rate, and passes
/// messages to the battle. Lives as long as its connection.
class BattleClient : public WsHandler
{
public:
    BattleClient(std::shared_ptr<Battle> battle, Role role, std::string username, const BattleConfig &config)
        : m_battle(std::move(battle))
        , m_role(role)
        , m_username(std::move(username))
        , m_rate(std::max(1, config.messagesPerSecond))
        , m_tokens(2.0 * m_rate)
        , m_last(std::chrono::steady_clock::now())
    {}

    void onText(const std::shared_ptr<WsConnection> &conn, std::string &&text) override
    {
        if (!admit(conn))
            return;
        if (http::jsonNestingDepth(text) > kMaxJsonDepth)
            return error(conn, "bad_json", "Messages are flat JSON objects.");
        const json message = json::parse(text, nullptr, false);
        if (message.is_discarded())
            return error(conn, "bad_json", "That is not JSON (or not valid UTF-8).");
        if (!message.is_object() || !message.contains("type") || !message["type"].is_string())
            return error(conn, "bad_message", "A message is a JSON object with a string \"type\".");
        m_battle->onMessage(conn, m_role, m_username, message);
    }

    void onClosed(const std::shared_ptr<WsConnection> &conn) override { m_battle->detach(conn, m_role); }

private:
    /// A token bucket: bursts of twice the rate; past it messages are dropped, with one error a
    /// second, and a client that drops more than five times the rate within a second is
    /// closed (1008).
    bool admit(const std::shared_ptr<WsConnection> &conn)
    {
        const auto now = std::chrono::steady_clock::now();
        m_tokens =
            std::min(2.0 * m_rate, m_tokens + std::chrono::duration<double>(now - m_last).count() * m_rate);
        m_last = now;
        if (m_tokens >= 1.0) {
            m_tokens -= 1.0;
            return true;
        }
        if (now - m_dropWindow > std::chrono::seconds(1)) {
            m_dropWindow = now;
            m_dropped = 0;
        }
        if (++m_dropped > 5 * m_rate) {
            conn->close(1008, "too many messages");
            return false;
        }
        if (m_dropped == 1)
            error(conn, "rate_limited", "Too many messages: some were dropped. Slow down.");
        return false;
    }

    static void error(const std::shared_ptr<WsConnection> &conn, const std::string &code,
                      const std::string &message)
    {
        conn->sendText(json({{"type", "error"}, {"code", code}, {"message", message}}).dump());
    }

    std::shared_ptr<Battle> m_battle;
    Role m_role;
    std::string m_username;
    double m_rate;
    double m_tokens;
    std::chrono::steady_clock::time_point m_last;
    std::chrono::steady_clock::time_point m_dropWindow;
    int m_dropped = 0;
};

bool knownLevel(const std::string &level)
{
    return level == "easy" || level == "medium" || level == "hard";
}

} // namespace

BattleHub::BattleHub(BattleConfig config, storage::Database &db, const problems::ProblemSet *problems,
                     JudgeFunction judge)
    : m_config(std::move(config))
    , m_store(db)
    , m_problems(problems)
    , m_judge(std::move(judge))
    , m_loop(std::make_unique<SocketLoop>(m_config.ioThreads,
                                          SocketLoopLimits{m_config.maxFrameBytes, m_config.maxOutboxBytes}))
    , m_flusher(std::make_shared<RecordingFlusher>(kRecordingThreads,
                                                   std::chrono::milliseconds(m_config.recordingFlushMs)))
{}

BattleHub::~BattleHub()
{
    stop();
}

std::string BattleHub::recordingPath(const std::string &battleId) const
{
    return m_config.recordingsDir + "/" + battleId + ".bunnyrec";
}

int BattleHub::start()
{
    int aborted = 0;
    for (auto row : m_store.unfinished()) {
        // The documents of a battle cut short by a restart are gone with the process; the
        // recording on disk keeps everything up to its last flush.
        row.status = "finished";
        row.reason = "aborted";
        row.winner.clear();
        row.ended = storage::nowMs();
        m_store.update(row);
        ++aborted;
    }
    std::lock_guard lock(m_threadMutex);
    if (!m_started) {
        m_started = true;
        m_threads.emplace_back([this] { tickLoop(); });
        for (int i = 0; i < std::max(1, m_config.judgeThreads); ++i)
            m_threads.emplace_back([this] { judgeLoop(); });
    }
    return aborted;
}

void BattleHub::stop()
{
    {
        std::lock_guard lock(m_threadMutex);
        if (m_stopping)
            return;
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto &t : m_threads)
        t.join();
    m_threads.clear();
    std::map<std::string, std::shared_ptr<Battle>> battles;
    {
        std::lock_guard lock(m_mutex);
        battles.swap(m_battles);
    }
    for (auto &[id, battle] : battles)
        battle->abort();
    m_loop->stop();
}

const problems::Problem *BattleHub::pickProblem(const std::string &slug, const std::string &level) const
{
    if (!m_problems)
        throw ApiError(503, "no_problems", "This server has no problems to battle on.");
    if (!slug.empty()) {
        const auto *problem = m_problems->find(slug);
        if (!problem)
            throw http::notFound("There is no problem \"" + slug + "\".");
        return problem;
    }
    const auto candidates = level.empty() ? m_problems->all() : m_problems->byLevel(level);
    if (candidates.empty())
        throw ApiError(503, "no_problems", "This server has no problems of that level.");
    static thread_local std::mt19937 random{std::random_device{}()};
    return candidates[std::uniform_int_distribution<std::size_t>(0, candidates.size() - 1)(random)];
}

BattleRow BattleHub::create(const CreateRequest &request, const storage::User &creator)
{
    if (entryFile(request.language).empty())
        throw http::badRequest("Unknown language \"" + request.language + "\".", "bad_language");
    if (!request.level.empty() && !knownLevel(request.level))
        throw http::badRequest("level is easy, medium or hard.");
    if (request.visibility != "public" && request.visibility != "private")
        throw http::badRequest("visibility is public or private.");
    const std::int64_t limit = request.timeLimitS != 0 ? request.timeLimitS : m_config.defaultTimeLimitS;
    if (limit < m_config.minTimeLimitS || limit > m_config.maxTimeLimitS)
        throw http::badRequest("time_limit_s must be between " + std::to_string(m_config.minTimeLimitS) +
                               " and " + std::to_string(m_config.maxTimeLimitS) + ".");
    const auto *problem = pickProblem(request.problem, request.level);
    if (!problem->starter.empty() && !problem->starter.count(request.language))
        throw http::badRequest("\"" + problem->slug + "\" cannot be solved in " + request.language + ".",
                               "bad_language");
    BattleRow row;
    row.id = auth::newId();
    row.inviteCode = inviteCode();
    row.problem = problem->slug;
    row.level = problem->level;
    row.language = request.language;
    row.timeLimitS = limit;
    row.visibility = request.visibility;
    row.noPaste = request.noPaste;
    row.p1Id = creator.id;
    row.p1Name = creator.username;
    row.p1Rating = m_store.rating(creator.id);
    row.total = std::int64_t(problem->tests.size());
    row.rematchOf = request.rematchOf;
    row.created = storage::nowMs();
    auto battle = std::make_shared<Battle>(*this, row, *problem);
    {
        std::lock_guard lock(m_mutex);
        int open = 0;
        for (const auto &[id, b] : m_battles) {
            const auto r = b->row();
            open += r.p1Id == creator.id && r.status == "waiting";
        }
        if (open >= kMaxOpenBattlesPerUser && request.rematchOf.empty())
            throw ApiError(409, "too_many_open",
                           "You already have " + std::to_string(open) + " battles waiting for an opponent.");
        m_store.insert(row);
        m_battles[row.id] = battle;
    }
    return row;
}

std::shared_ptr<Battle> BattleHub::live(const std::string &id)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_battles.find(id);
    return it == m_battles.end() ? nullptr : it->second;
}

std::optional<BattleRow> BattleHub::find(const std::string &id)
{
    if (auto battle = live(id))
        return battle->row();
    return m_store.byId(id);
}

BattleRow BattleHub::join(const std::string &id, const storage::User &user)
{
    std::lock_guard match(m_matchMutex);
    auto battle = live(id);
    if (!battle) {
        if (m_store.byId(id))
            throw ApiError(409, "not_waiting", "That battle is over.");
        throw http::notFound("There is no battle " + id + ".");
    }
    switch (battle->join(user.id, user.username, m_store.rating(user.id))) {
    case Battle::JoinResult::Joined:
    case Battle::JoinResult::AlreadyIn:
        return battle->row();
    case Battle::JoinResult::Creator:
        throw ApiError(409, "own_battle", "You created this battle; wait for an opponent.");
    case Battle::JoinResult::Full:
        throw ApiError(409, "battle_full", "Someone else has already joined this battle.");
    case Battle::JoinResult::NotWaiting:
        break;
    }
    throw ApiError(409, "not_waiting", "That battle has already started.");
}

std::pair<BattleRow, bool> BattleHub::quick(const std::string &level, const std::string &language,
                                            const storage::User &user)
{
    if (!level.empty() && !knownLevel(level))
        throw http::badRequest("level is easy, medium or hard.");
    if (entryFile(language).empty())
        throw http::badRequest("Unknown language \"" + language + "\".", "bad_language");
    std::lock_guard match(m_matchMutex);
    const std::int64_t mine = m_store.rating(user.id);
    std::shared_ptr<Battle> best;
    std::int64_t bestGap = 0;
    std::vector<std::shared_ptr<Battle>> battles;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[id, b] : m_battles)
            battles.push_back(b);
    }
    for (const auto &b : battles) {
        const auto r = b->row();
        if (r.status != "waiting" || !r.p2Id.empty() || r.visibility != "public" || r.p1Id == user.id ||
            (!level.empty() && r.level != level))
            continue;
        // Nearest rating first; the same language breaks ties.
        const std::int64_t gap = std::abs(r.p1Rating - mine) * 2 + (r.language == language ? 0 : 1);
        if (!best || gap < bestGap) {
            best = b;
            bestGap = gap;
        }
    }
    if (best && best->join(user.id, user.username, mine) == Battle::JoinResult::Joined)
        return {best->row(), true};
    CreateRequest request;
    request.level = level;
    request.language = language;
    return {create(request, user), false};
}

BattleRow BattleHub::rematch(const std::string &id, const storage::User &user)
{
    const auto row = find(id);
    if (!row || (row->p1Id != user.id && row->p2Id != user.id))
        throw http::notFound("There is no battle " + id + " of yours.");
    if (row->status != "finished" || row->p2Id.empty())
        throw ApiError(409, "not_finished",
                       "A rematch is offered after a battle with two players has ended.");
    if (!row->rematchId.empty()) {
        if (auto existing = find(row->rematchId))
            return *existing;
    }
    CreateRequest request;
    request.level = row->level;
    request.language = row->language;
    request.timeLimitS = row->timeLimitS;
    request.visibility = "private"; // only the opponent, who sees the invite code, may take the seat
    request.noPaste = row->noPaste;
    request.rematchOf = row->id;
    // Another problem of the same level when there is one.
    for (int attempt = 0; attempt < 5; ++attempt) {
        request.problem = pickProblem({}, row->level)->slug;
        if (request.problem != row->problem)
            break;
    }
    const auto fresh = create(request, user);
    if (auto battle = live(id)) {
        battle->setRematch(fresh.id, fresh.inviteCode);
    } else {
        auto old = *row;
        old.rematchId = fresh.id;
        m_store.update(old);
    }
    return fresh;
}

json BattleHub::view(const BattleRow &row, const std::string &viewerId)
{
    const bool participant = !viewerId.empty() && (viewerId == row.p1Id || viewerId == row.p2Id);
    json players = json::array();
    auto player = [&](const char *slot, const std::string &userId, const std::string &name,
                      std::int64_t rating, std::int64_t delta, std::int64_t passed) {
        if (userId.empty())
            return;
        players.push_back({{"slot", slot},
                           {"user", {{"id", userId}, {"username", name}}},
                           {"rating", rating},
                           {"delta", delta},
                           {"passed", passed >= 0 ? json(passed) : json(nullptr)}});
    };
    player("p1", row.p1Id, row.p1Name, row.p1Rating, row.p1Delta, row.p1Passed);
    player("p2", row.p2Id, row.p2Name, row.p2Rating, row.p2Delta, row.p2Passed);
    std::string title;
    if (m_problems)
        if (const auto *problem = m_problems->find(row.problem))
            title = problem->title;
    auto time = [](std::int64_t ms) { return ms > 0 ? json(http::rfc3339(ms)) : json(nullptr); };
    const auto battle = live(row.id);
    json j = {{"id", row.id},
              {"status", row.status},
              {"reason", row.reason.empty() ? json(nullptr) : json(row.reason)},
              {"winner", row.winner.empty() ? json(nullptr) : json(row.winner)},
              {"problem", {{"slug", row.problem}, {"title", title}, {"level", row.level}}},
              {"language", row.language},
              {"time_limit_s", row.timeLimitS},
              {"visibility", row.visibility},
              {"no_outside_paste", row.noPaste},
              {"players", players},
              {"tests", row.total},
              {"created", time(row.created)},
              {"started", time(row.started)},
              {"ended", time(row.ended)},
              {"deadline", time(row.deadline)},
              {"spectators", battle ? battle->spectators() : 0},
              {"rematch_of", row.rematchOf.empty() ? json(nullptr) : json(row.rematchOf)},
              {"rematch", row.rematchId.empty() ? json(nullptr) : json(row.rematchId)},
              {"ws", "/api/v1/battles/" + row.id + "/ws"}};
    if (row.status == "running")
        j["remaining_ms"] = std::max<std::int64_t>(0, row.deadline - storage::nowMs());
    if (participant) {
        j["invite_code"] = row.inviteCode;
        if (!row.rematchId.empty())
            if (auto next = m_store.byId(row.rematchId))
                j["rematch_invite_code"] = next->inviteCode;
    }
    return j;
}

void BattleHub::connect(Poco::Net::StreamSocket socket, const std::shared_ptr<Battle> &battle, Role role,
                        const std::string &userId, const std::string &username)
{
    (void)userId;
    auto client = std::make_shared<BattleClient>(battle, role, username, m_config);
    m_loop->adopt(std::move(socket), client,
                  [&](const std::shared_ptr<WsConnection> &conn) { battle->attach(conn, role, username); });
}

void BattleHub::submitJudgment(std::shared_ptr<Battle> battle, int player, std::int64_t submittedT,
                               std::string language, std::string code)
{
    auto job = [this, battle = std::move(battle), player, submittedT, language = std::move(language),
                code = std::move(code)] {
        problems::Verdict verdict;
        try {
            if (!m_judge)
                throw Poco::IllegalStateException("no judge on this server");
            verdict = m_judge(battle->problem(), language, code);
        } catch (const std::exception &e) {
            Poco::Logger::get("bunnyd.battles")
                .error("battle %s: judging failed: %s", battle->id(), std::string(e.what()));
            verdict = {};
            verdict.status = "internal_error";
            verdict.total = int(battle->problem().tests.size());
        }
        battle->onVerdict(player, submittedT, verdict);
    };
    {
        std::lock_guard lock(m_threadMutex);
        m_judgeQueue.push_back(std::move(job));
    }
    m_wake.notify_all();
}

void BattleHub::judgeLoop()
{
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_threadMutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_judgeQueue.empty(); });
            if (m_stopping)
                return;
            job = std::move(m_judgeQueue.front());
            m_judgeQueue.pop_front();
        }
        job();
    }
}

void BattleHub::tickLoop()
{
    for (;;) {
        {
            std::unique_lock lock(m_threadMutex);
            if (m_wake.wait_for(lock, std::chrono::milliseconds(std::max(1, m_config.tickMs)),
                                [&] { return m_stopping; }))
                return;
        }
        std::vector<std::shared_ptr<Battle>> battles;
        {
            std::lock_guard lock(m_mutex);
            for (const auto &[id, b] : m_battles)
                battles.push_back(b);
        }
        const std::int64_t now = storage::nowMs();
        for (const auto &b : battles) {
            try {
                if (b->tick(now))
                    continue;
            } catch (const std::exception &e) {
                Poco::Logger::get("bunnyd.battles").error("battle %s: %s", b->id(), std::string(e.what()));
                continue;
            }
            b->closeAll(1000, "the battle is over");
            std::lock_guard lock(m_mutex);
            m_battles.erase(b->id());
        }
    }
}

std::size_t BattleHub::liveBattles()
{
    std::lock_guard lock(m_mutex);
    return m_battles.size();
}

std::size_t BattleHub::connections() const
{
    return m_loop->connections();
}

std::string BattleHub::metricsText()
{
    return "# HELP bunny_battles_live Battles in memory (waiting, running or lingering after the end).\n"
           "# TYPE bunny_battles_live gauge\n"
           "bunny_battles_live " +
           std::to_string(liveBattles()) +
           "\n# HELP bunny_battle_connections Open battle WebSockets.\n"
           "# TYPE bunny_battle_connections gauge\n"
           "bunny_battle_connections " +
           std::to_string(connections()) + "\n";
}

} // namespace bunny::backend::battles
