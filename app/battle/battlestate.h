#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <array>
#include <optional>

namespace bunny::battle {

/// Who the connection is in a battle (`state.you`).
enum class Role { None, P1, P2, Spectator };

Role roleFromName(const QString &name);
QString roleName(Role role);
/// 0 for p1, 1 for p2, -1 otherwise.
int slotOf(Role role);
Role roleOfSlot(int slot);

/// A player's best submission so far.
struct BestResult
{
    int passed = 0;
    int total = 0;
    QString status;
};

/// One player as the server's snapshot describes them; text and rev are the server's copy.
struct PlayerState
{
    bool present = false; ///< false until someone takes the seat (p2 of a waiting battle)
    QString userId;
    QString username;
    int rating = 0;
    bool connected = false;
    bool ready = false;
    bool judging = false;
    int submissions = 0;
    QString language;
    QString path;
    QByteArray text;
    qint64 rev = 0;
    qint64 anchor = 0;
    qint64 caret = 0;
    std::optional<BestResult> best;
    qint64 graceMs = -1; ///< time left to come back after a disconnect, -1 when connected
};

struct SampleTest
{
    QString name;
    QString input;
    QString expected;
};

struct ProblemInfo
{
    QString slug;
    QString title;
    QString level;
    QString statement; ///< Markdown
    qint64 timeLimitMs = 0;
    qint64 memoryLimitKb = 0;
    int tests = 0;
    QList<SampleTest> samples;
    QMap<QString, QByteArray> starter; ///< language id -> starter code
};

/// The full snapshot of `state {battle, you}`.
struct BattleState
{
    QString id;
    QString status; ///< waiting, countdown, running, finished
    QString reason;
    QString winner; ///< p1, p2, or empty (draw or not over)
    QString visibility;
    bool noOutsidePaste = false;
    int timeLimitS = 0;
    QString language;
    ProblemInfo problem;
    QDateTime deadline;
    qint64 remainingMs = 0;
    qint64 countdownMs = -1;
    std::array<PlayerState, 2> players;
    int spectators = 0;
    QString inviteCode;
    QString rematchOf;
    QString rematch;
    QString rematchInviteCode;
};

/// Parses `state.battle`; missing keys keep their defaults (the server may add more).
BattleState parseBattleState(const QJsonObject &battle);

struct TestResult
{
    QString name;
    bool sample = false;
    QString status; ///< ok, wrong_answer, time_limit, …
    qint64 timeMs = 0;
    QString input, expected, actual; ///< samples only
};

/// `verdict {player, passed, total, status, tests, compile_output?}`.
struct Verdict
{
    Role player = Role::None;
    int passed = 0;
    int total = 0;
    QString status;
    QList<TestResult> tests;
    QString compileOutput;
};
Verdict parseVerdict(const QJsonObject &message);

struct RatingChange
{
    int before = 0;
    int after = 0;
    int delta = 0;
};

/// `end {winner, reason, ratings}`; ratings are absent for unrated endings (aborted, expired).
struct EndInfo
{
    Role winner = Role::None; ///< None: a draw or no winner
    QString reason;           ///< solved, deadline, resign, disconnect, draw, aborted, expired
    std::optional<std::array<RatingChange, 2>> ratings;
};
EndInfo parseEnd(const QJsonObject &message);

/// `chat {from, role, text, at}`.
struct ChatMessage
{
    QString from;
    Role role = Role::None;
    QString text;
    QDateTime at;
};
ChatMessage parseChat(const QJsonObject &message);

/// A readable sentence for an end reason ("time ran out", …).
QString describeReason(const QString &reason);
/// A readable name for a verdict or test status ("Wrong answer", …).
QString describeStatus(const QString &status);

} // namespace bunny::battle
