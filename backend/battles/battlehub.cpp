#include "battles/battlehub.h"

#include "auth/randomtoken.h"
#include "battles/recordingflusher.h"
#include "battles/socketloop.h"
#include "http/apierror.h"
#include "http/exchange.h"
#include "http/views.h"
#include "scale/battlecluster.h"
#include "storage/objectstore.h"
#include "storage/userstore.h"

#include <problems/judge.h>
#include <problems/problemcatalog.h>

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Logger.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <sstream>

namespace bunny::backend::battles {

using http::ApiError;
using nlohmann::json;

namespace {

constexpr int kMaxOpenBattlesPerUser = 3;
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

/// One socket of a battle: parses messages (clientmessage.h), enforces the per-socket message rate, and
/// passes messages to the battle. Lives as long as its connection.
class BattleClient : public WsHandler
{
public:
    BattleClient(BattleHub &hub, std::shared_ptr<Battle> battle, Role role, std::string userId,
                 std::string username, const BattleConfig &config)
        : m_hub(hub)
        , m_battle(std::move(battle))
        , m_role(role)
        , m_userId(std::move(userId))
        , m_username(std::move(username))
        , m_chatBytes(config.chatBytes)
        , m_rate(std::max(1, config.messagesPerSecond))
        , m_tokens(2.0 * m_rate)
        , m_last(std::chrono::steady_clock::now())
    {}

    void onText(const std::shared_ptr<WsConnection> &conn, std::string &&text) override
    {
        if (!admit(conn))
            return;
        MessageError refused;
        const auto message = parseClientMessage(text, m_chatBytes, refused);
        if (!message)
            return error(conn, refused.code, refused.message);
        m_battle->onMessage(conn, m_role, m_username, *message);
    }

    void onClosed(const std::shared_ptr<WsConnection> &conn) override
    {
        m_battle->detach(conn, m_role);
        m_hub.releaseSocket(m_userId);
    }

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
        m_hub.countRefusal("battle_messages_per_s");
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

    BattleHub &m_hub;
    std::shared_ptr<Battle> m_battle;
    Role m_role;
    std::string m_userId;
    std::string m_username;
    std::size_t m_chatBytes;
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

BattleHub::BattleHub(BattleConfig config, storage::Database &db, const problems::ProblemCatalog *problems,
                     JudgeFunction judge)
    : m_config(std::move(config))
    , m_store(db)
    , m_problems(problems)
    , m_judge(std::move(judge))
    , m_loop(std::make_unique<SocketLoop>(
          m_config.ioThreads, SocketLoopLimits{m_config.maxFrameBytes, m_config.maxOutboxBytes,
                                               [this](const std::string &limit) { countRefusal(limit); }}))
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
    if (m_cluster && !m_started) {
        // Other instances may be playing the unfinished battles: only those nobody holds end.
        m_cluster->onEvent(
            [this](const std::string &id, const std::string &message) { onClusterEvent(id, message); });
        aborted = reapOrphans(storage::nowMs());
        m_cluster->start();
    }
    for (auto row : m_cluster ? std::vector<BattleRow>() : m_store.unfinished()) {
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
    if (m_cluster)
        m_cluster->stop();
    std::map<std::string, std::shared_ptr<Battle>> battles;
    {
        std::lock_guard lock(m_mutex);
        battles.swap(m_battles);
    }
    for (auto &[id, battle] : battles)
        battle->abort();
    m_loop->stop();
}

std::shared_ptr<const problems::Problem> BattleHub::pickProblem(const std::string &slug,
                                                                const std::string &level) const
{
    if (!m_problems)
        throw ApiError(503, "no_problems", "This server has no problems to battle on.");
    const auto set = m_problems->current(); // a reload meanwhile does not change our pick
    if (!slug.empty()) {
        auto problem = set->shared(slug);
        if (!problem)
            throw http::notFound("There is no problem \"" + slug + "\".");
        return problem;
    }
    const auto candidates = level.empty() ? set->all() : set->byLevel(level);
    if (candidates.empty())
        throw ApiError(503, "no_problems", "This server has no problems of that level.");
    static thread_local std::mt19937 random{std::random_device{}()};
    return set->shared(
        candidates[std::uniform_int_distribution<std::size_t>(0, candidates.size() - 1)(random)]->slug);
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
    const auto problem = pickProblem(request.problem, request.level);
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
    if (m_cluster) {
        // In the database only: the instance nginx sends the battle's WebSockets to takes it.
        const auto open = m_store.openCount(creator.id);
        if (open >= kMaxOpenBattlesPerUser && request.rematchOf.empty())
            throw ApiError(409, "too_many_open",
                           "You already have " + std::to_string(open) + " battles waiting for an opponent.");
        m_store.insert(row);
        return row;
    }
    auto battle = std::make_shared<Battle>(*this, row, problem);
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
    if (m_cluster)
        return joinShared(id, user);
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
    // With a cluster the open battles are in the database, whoever holds them.
    std::vector<BattleRow> open;
    if (m_cluster) {
        std::int64_t total = 0;
        open = m_store.list("waiting", {}, user.id, 1, 100, total);
    } else {
        std::lock_guard lock(m_mutex);
        for (const auto &[id, b] : m_battles)
            open.push_back(b->row());
    }
    std::erase_if(open, [&](const BattleRow &r) {
        return r.status != "waiting" || !r.p2Id.empty() || r.visibility != "public" || r.p1Id == user.id ||
               (!level.empty() && r.level != level);
    });
    // Nearest rating first; the same language breaks ties.
    const auto gap = [&](const BattleRow &r) {
        return std::abs(r.p1Rating - mine) * 2 + (r.language == language ? 0 : 1);
    };
    std::stable_sort(open.begin(), open.end(),
                     [&](const BattleRow &a, const BattleRow &b) { return gap(a) < gap(b); });
    for (const auto &r : open) {
        if (m_cluster) {
            if (takeSeat(r.id, user, mine))
                return {*find(r.id), true};
        } else if (auto b = live(r.id);
                   b && b->join(user.id, user.username, mine) == Battle::JoinResult::Joined) {
            return {b->row(), true};
        }
    }
    CreateRequest request;
    request.level = level;
    request.language = language;
    return {create(request, user), false};
}

BattleRow BattleHub::rematch(const std::string &id, const storage::User &user)
{
    // One decision at a time: two offers at the same moment must not make two battles.
    std::lock_guard match(m_matchMutex);
    const auto row = find(id);
    if (!row || (row->p1Id != user.id && row->p2Id != user.id))
        throw http::notFound("There is no battle " + id + " of yours.");
    if (row->status != "finished" || row->p2Id.empty())
        throw ApiError(409, "not_finished",
                       "A rematch is offered after a battle with two players has ended.");
    if (!row->rematchId.empty()) {
        // The opponent offered first: offering too means accepting theirs, so take the seat.
        if (auto next = live(row->rematchId); next && next->roleOf(user.id) == Role::Spectator)
            next->join(user.id, user.username, m_store.rating(user.id));
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
    auto fresh = create(request, user);
    if (auto battle = live(id)) {
        battle->setRematch(fresh.id, fresh.inviteCode);
    } else if (m_cluster) {
        if (!m_store.offerRematch(id, fresh.id)) {
            // The opponent's offer on another instance came first: theirs stands, ours goes.
            fresh.status = "finished";
            fresh.reason = "expired";
            fresh.ended = storage::nowMs();
            m_store.update(fresh);
            if (const auto now = m_store.byId(id); now && !now->rematchId.empty())
                if (auto existing = find(now->rematchId))
                    return *existing;
            throw ApiError(409, "not_finished", "The rematch could not be offered; try again.");
        }
        m_cluster->publish(
            id, json({{"type", "rematch"}, {"id", fresh.id}, {"invite", fresh.inviteCode}}).dump());
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
    const auto battle = live(row.id);
    // A live battle knows its problem even when a reload has dropped it from the set since.
    std::string title;
    if (battle)
        title = battle->problem().title;
    else if (m_problems)
        if (const auto problem = m_problems->current()->shared(row.problem))
            title = problem->title;
    auto time = [](std::int64_t ms) { return ms > 0 ? json(http::rfc3339(ms)) : json(nullptr); };
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
    auto client = std::make_shared<BattleClient>(*this, battle, role, userId, username, m_config);
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
            {
                std::lock_guard lock(m_mutex);
                m_battles.erase(b->id());
            }
            dropped(b->id());
        }
        if (m_cluster)
            clusterChores(battles, now);
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

void BattleHub::setRefusalCounter(std::function<void(const std::string &)> counter)
{
    m_refusalCounter = std::move(counter);
}

void BattleHub::countRefusal(const std::string &limit)
{
    if (m_refusalCounter)
        m_refusalCounter(limit);
}

bool BattleHub::reserveSocket(const std::string &userId)
{
    std::lock_guard lock(m_socketsMutex);
    int &open = m_socketsPerUser[userId];
    if (m_config.maxSocketsPerUser > 0 && open >= m_config.maxSocketsPerUser) {
        if (open == 0)
            m_socketsPerUser.erase(userId);
        countRefusal("battle_sockets_per_user");
        return false;
    }
    ++open;
    return true;
}

void BattleHub::releaseSocket(const std::string &userId)
{
    std::lock_guard lock(m_socketsMutex);
    const auto it = m_socketsPerUser.find(userId);
    if (it != m_socketsPerUser.end() && --it->second <= 0)
        m_socketsPerUser.erase(it);
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

// Several instances ------------------------------------------------------------------------

void BattleHub::setCluster(scale::BattleCluster *cluster, storage::ObjectStore *archive)
{
    m_cluster = cluster;
    m_archive = archive;
}

std::shared_ptr<Battle> BattleHub::acquire(const std::string &id)
{
    if (auto battle = live(id); battle || !m_cluster)
        return battle;
    // The lease first, then the row: a seat taken meanwhile is in what we read.
    if (!m_cluster->claim(id))
        return nullptr;
    auto row = m_store.byId(id);
    const auto problem = row && m_problems ? m_problems->current()->shared(row->problem) : nullptr;
    if (!row || row->status != "waiting" || !problem) {
        if (row && row->status != "finished") {
            // Counting down or running with no live owner: it died with the documents.
            row->status = "finished";
            row->reason = "aborted";
            row->winner.clear();
            row->ended = storage::nowMs();
            m_store.update(*row);
        }
        m_cluster->release(id);
        return nullptr;
    }
    auto battle = std::make_shared<Battle>(*this, *row, problem);
    std::lock_guard lock(m_mutex);
    return m_battles.emplace(id, std::move(battle)).first->second;
}

Role BattleHub::roleOf(Battle &battle, const storage::User &user)
{
    Role role = battle.roleOf(user.id);
    if (role != Role::Spectator || !m_cluster)
        return role;
    // The event for a seat taken on another instance may not have arrived yet.
    if (const auto row = m_store.byId(battle.id()); row && row->p2Id == user.id && row->status == "waiting") {
        battle.join(user.id, user.username, row->p2Rating);
        role = battle.roleOf(user.id);
    }
    return role;
}

bool BattleHub::takeSeat(const std::string &id, const storage::User &user, std::int64_t rating)
{
    if (!m_store.takeSeat(id, user.id, rating))
        return false;
    // The seat is ours in the database; the owner's copy follows (its players hear "joined").
    if (auto battle = live(id))
        battle->join(user.id, user.username, rating);
    else
        m_cluster->publish(
            id,
            json({{"type", "joined"}, {"user_id", user.id}, {"username", user.username}, {"rating", rating}})
                .dump());
    return true;
}

BattleRow BattleHub::joinShared(const std::string &id, const storage::User &user)
{
    auto row = m_store.byId(id);
    if (!row)
        throw http::notFound("There is no battle " + id + ".");
    if (row->p1Id == user.id)
        throw ApiError(409, "own_battle", "You created this battle; wait for an opponent.");
    if (row->p2Id != user.id && !takeSeat(id, user, m_store.rating(user.id))) {
        row = m_store.byId(id);
        if (row && row->p2Id == user.id) // a second click racing the first
            return *find(id);
        if (row && row->status == "waiting")
            throw ApiError(409, "battle_full", "Someone else has already joined this battle.");
        if (row && row->status == "finished")
            throw ApiError(409, "not_waiting", "That battle is over.");
        throw ApiError(409, "not_waiting", "That battle has already started.");
    }
    return *find(id);
}

void BattleHub::onClusterEvent(const std::string &id, const std::string &message)
{
    const auto battle = live(id);
    if (!battle)
        return; // another instance's battle, or one this instance no longer holds
    const json event = json::parse(message, nullptr, false);
    if (!event.is_object())
        return;
    try {
        const std::string type = event.value("type", "");
        if (type == "joined")
            battle->join(event.value("user_id", ""), event.value("username", ""), event.value("rating", 0));
        else if (type == "rematch")
            battle->setRematch(event.value("id", ""), event.value("invite", ""));
    } catch (const std::exception &e) {
        Poco::Logger::get("bunnyd.battles")
            .error("battle %s: event %s: %s", id, message, std::string(e.what()));
    }
}

void BattleHub::clusterChores(const std::vector<std::shared_ptr<Battle>> &battles, std::int64_t now)
{
    try {
        if (now - m_leasesRefreshed >= m_cluster->lease().count() / 4) {
            m_leasesRefreshed = now;
            std::vector<std::string> ids;
            for (const auto &b : battles)
                ids.push_back(b->id());
            m_cluster->refresh(ids);
        }
        if (now - m_orphansReaped >= 5000) {
            m_orphansReaped = now;
            reapOrphans(now);
        }
    } catch (const std::exception &e) {
        Poco::Logger::get("bunnyd.battles").warning("battles: Redis: %s", std::string(e.what()));
    }
    if (!m_archive || now - m_archiveChecked < 500)
        return;
    m_archiveChecked = now;
    for (const auto &b : battles) {
        if (b->row().status != "finished")
            continue;
        {
            std::lock_guard lock(m_mutex);
            if (!m_archived.insert(b->id()).second)
                continue;
        }
        // Off the ticker: an upload may take a while.
        {
            std::lock_guard lock(m_threadMutex);
            m_judgeQueue.push_back([this, id = b->id()] { archiveRecording(id); });
        }
        m_wake.notify_all();
    }
}

void BattleHub::archiveRecording(const std::string &id)
{
    const std::string path = recordingPath(id);
    try {
        if (!Poco::File(path).exists())
            return; // it never started
        Poco::FileInputStream in(path);
        std::ostringstream bytes;
        Poco::StreamCopier::copyStream(in, bytes);
        const std::string content = bytes.str();
        m_store.archiveRecording(id, {m_archive->put(content), std::int64_t(content.size())});
    } catch (const std::exception &e) {
        Poco::Logger::get("bunnyd.battles")
            .error("battle %s: cannot copy the recording to the object store (will retry): %s", id,
                   std::string(e.what()));
        std::lock_guard lock(m_mutex);
        m_archived.erase(id);
    }
}

int BattleHub::reapOrphans(std::int64_t now)
{
    int ended = 0;
    // The battles not in this instance's memory, and which of them another instance holds: one
    // round trip to Redis for all of them.
    std::vector<BattleRow> elsewhere;
    std::vector<std::string> ids;
    for (auto &row : m_store.unfinished())
        if (!live(row.id)) {
            ids.push_back(row.id);
            elsewhere.push_back(std::move(row));
        }
    const std::vector<bool> held = m_cluster->owned(ids);
    for (std::size_t i = 0; i < elsewhere.size(); ++i) {
        if (held[i])
            continue;
        BattleRow &row = elsewhere[i];
        if (row.status == "waiting") {
            // Nobody holds a battle until its first WebSocket; the expiry still applies.
            if (now - row.created < m_config.expiryMs)
                continue;
            row.reason = "expired";
        } else {
            row.reason = "aborted"; // its owner died with the documents
        }
        row.status = "finished";
        row.winner.clear();
        row.ended = now;
        m_store.update(row);
        ++ended;
    }
    return ended;
}

void BattleHub::dropped(const std::string &id)
{
    if (!m_cluster)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_archived.erase(id);
    }
    try {
        m_cluster->release(id);
    } catch (const std::exception &e) {
        Poco::Logger::get("bunnyd.battles").warning("battle %s: lease: %s", id, std::string(e.what()));
    }
}

} // namespace bunny::backend::battles
