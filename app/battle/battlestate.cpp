#include "battle/battlestate.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace bunny::battle {

namespace {

qint64 integer(const QJsonValue &value, qint64 fallback = 0)
{
    return value.isDouble() ? qint64(value.toDouble()) : fallback;
}

QDateTime time(const QJsonValue &value)
{
    return value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODateWithMs) : QDateTime();
}

PlayerState parsePlayer(const QJsonValue &value)
{
    PlayerState p;
    if (!value.isObject())
        return p;
    const QJsonObject o = value.toObject();
    p.present = true;
    const QJsonObject user = o.value(QLatin1String("user")).toObject();
    p.userId = user.value(QLatin1String("id")).toString();
    p.username = user.value(QLatin1String("username")).toString();
    p.rating = int(integer(o.value(QLatin1String("rating"))));
    p.connected = o.value(QLatin1String("connected")).toBool();
    p.ready = o.value(QLatin1String("ready")).toBool();
    p.judging = o.value(QLatin1String("judging")).toBool();
    p.submissions = int(integer(o.value(QLatin1String("submissions"))));
    p.language = o.value(QLatin1String("language")).toString();
    p.path = o.value(QLatin1String("path")).toString();
    p.text = o.value(QLatin1String("text")).toString().toUtf8();
    p.rev = integer(o.value(QLatin1String("rev")));
    const QJsonObject cursor = o.value(QLatin1String("cursor")).toObject();
    p.anchor = integer(cursor.value(QLatin1String("anchor")));
    p.caret = integer(cursor.value(QLatin1String("caret")));
    const QJsonValue best = o.value(QLatin1String("best"));
    if (best.isObject()) {
        const QJsonObject b = best.toObject();
        p.best = BestResult{int(integer(b.value(QLatin1String("passed")))),
                            int(integer(b.value(QLatin1String("total")))),
                            b.value(QLatin1String("status")).toString()};
    }
    p.graceMs = integer(o.value(QLatin1String("grace_ms")), -1);
    return p;
}

ProblemInfo parseProblem(const QJsonObject &o)
{
    ProblemInfo p;
    p.slug = o.value(QLatin1String("slug")).toString();
    p.title = o.value(QLatin1String("title")).toString();
    p.level = o.value(QLatin1String("level")).toString();
    p.statement = o.value(QLatin1String("statement")).toString();
    p.timeLimitMs = integer(o.value(QLatin1String("time_limit_ms")));
    p.memoryLimitKb = integer(o.value(QLatin1String("memory_limit_kb")));
    p.tests = int(integer(o.value(QLatin1String("tests"))));
    for (const QJsonValue &sample : o.value(QLatin1String("samples")).toArray()) {
        const QJsonObject s = sample.toObject();
        p.samples.append({s.value(QLatin1String("name")).toString(),
                          s.value(QLatin1String("input")).toString(),
                          s.value(QLatin1String("expected")).toString()});
    }
    const QJsonObject starter = o.value(QLatin1String("starter")).toObject();
    for (auto it = starter.begin(); it != starter.end(); ++it)
        p.starter.insert(it.key(), it.value().toString().toUtf8());
    return p;
}

} // namespace

Role roleFromName(const QString &name)
{
    if (name == QLatin1String("p1"))
        return Role::P1;
    if (name == QLatin1String("p2"))
        return Role::P2;
    if (name == QLatin1String("spectator"))
        return Role::Spectator;
    return Role::None;
}

QString roleName(Role role)
{
    switch (role) {
    case Role::P1:
        return QStringLiteral("p1");
    case Role::P2:
        return QStringLiteral("p2");
    case Role::Spectator:
        return QStringLiteral("spectator");
    case Role::None:
        break;
    }
    return {};
}

int slotOf(Role role)
{
    return role == Role::P1 ? 0 : role == Role::P2 ? 1 : -1;
}

Role roleOfSlot(int slot)
{
    return slot == 0 ? Role::P1 : slot == 1 ? Role::P2 : Role::None;
}

BattleState parseBattleState(const QJsonObject &o)
{
    BattleState s;
    s.id = o.value(QLatin1String("id")).toString();
    s.status = o.value(QLatin1String("status")).toString();
    s.reason = o.value(QLatin1String("reason")).toString();
    s.winner = o.value(QLatin1String("winner")).toString();
    s.visibility = o.value(QLatin1String("visibility")).toString();
    s.noOutsidePaste = o.value(QLatin1String("no_outside_paste")).toBool();
    s.timeLimitS = int(integer(o.value(QLatin1String("time_limit_s"))));
    s.language = o.value(QLatin1String("language")).toString();
    s.problem = parseProblem(o.value(QLatin1String("problem")).toObject());
    s.deadline = time(o.value(QLatin1String("deadline")));
    s.remainingMs = integer(o.value(QLatin1String("remaining_ms")));
    s.countdownMs = integer(o.value(QLatin1String("countdown_ms")), -1);
    const QJsonObject players = o.value(QLatin1String("players")).toObject();
    s.players[0] = parsePlayer(players.value(QLatin1String("p1")));
    s.players[1] = parsePlayer(players.value(QLatin1String("p2")));
    s.spectators = int(integer(o.value(QLatin1String("spectators"))));
    s.inviteCode = o.value(QLatin1String("invite_code")).toString();
    s.rematchOf = o.value(QLatin1String("rematch_of")).toString();
    s.rematch = o.value(QLatin1String("rematch")).toString();
    s.rematchInviteCode = o.value(QLatin1String("rematch_invite_code")).toString();
    return s;
}

Verdict parseVerdict(const QJsonObject &o)
{
    Verdict v;
    v.player = roleFromName(o.value(QLatin1String("player")).toString());
    v.passed = int(integer(o.value(QLatin1String("passed"))));
    v.total = int(integer(o.value(QLatin1String("total"))));
    v.status = o.value(QLatin1String("status")).toString();
    v.compileOutput = o.value(QLatin1String("compile_output")).toString();
    for (const QJsonValue &test : o.value(QLatin1String("tests")).toArray()) {
        const QJsonObject t = test.toObject();
        v.tests.append(
            {t.value(QLatin1String("name")).toString(), t.value(QLatin1String("sample")).toBool(),
             t.value(QLatin1String("status")).toString(), integer(t.value(QLatin1String("time_ms"))),
             t.value(QLatin1String("input")).toString(), t.value(QLatin1String("expected")).toString(),
             t.value(QLatin1String("actual")).toString()});
    }
    return v;
}

EndInfo parseEnd(const QJsonObject &o)
{
    EndInfo e;
    e.winner = roleFromName(o.value(QLatin1String("winner")).toString());
    e.reason = o.value(QLatin1String("reason")).toString();
    const QJsonValue ratings = o.value(QLatin1String("ratings"));
    if (ratings.isObject()) {
        std::array<RatingChange, 2> changes;
        for (int slot = 0; slot < 2; ++slot) {
            const QJsonObject r = ratings.toObject().value(roleName(roleOfSlot(slot))).toObject();
            changes[std::size_t(slot)] = {int(integer(r.value(QLatin1String("before")))),
                                          int(integer(r.value(QLatin1String("after")))),
                                          int(integer(r.value(QLatin1String("delta"))))};
        }
        e.ratings = changes;
    }
    return e;
}

ChatMessage parseChat(const QJsonObject &o)
{
    return {o.value(QLatin1String("from")).toString(),
            roleFromName(o.value(QLatin1String("role")).toString()),
            o.value(QLatin1String("text")).toString(), time(o.value(QLatin1String("at")))};
}

QString describeReason(const QString &reason)
{
    static const QMap<QString, const char *> kReasons = {
        {QStringLiteral("solved"), QT_TRANSLATE_NOOP("bunny::battle", "passed every test first")},
        {QStringLiteral("deadline"),
         QT_TRANSLATE_NOOP("bunny::battle", "time ran out; the better submission won")},
        {QStringLiteral("resign"), QT_TRANSLATE_NOOP("bunny::battle", "a player resigned")},
        {QStringLiteral("disconnect"),
         QT_TRANSLATE_NOOP("bunny::battle", "a player did not come back in time")},
        {QStringLiteral("draw"), QT_TRANSLATE_NOOP("bunny::battle", "nobody did better: a draw")},
        {QStringLiteral("aborted"), QT_TRANSLATE_NOOP("bunny::battle", "the server stopped the battle")},
        {QStringLiteral("expired"), QT_TRANSLATE_NOOP("bunny::battle", "nobody joined in time")},
    };
    const auto it = kReasons.find(reason);
    return it == kReasons.end() ? reason : QCoreApplication::translate("bunny::battle", it.value());
}

QString describeStatus(const QString &status)
{
    static const QMap<QString, const char *> kStatuses = {
        {QStringLiteral("ok"), QT_TRANSLATE_NOOP("bunny::battle", "Passed")},
        {QStringLiteral("accepted"), QT_TRANSLATE_NOOP("bunny::battle", "Accepted")},
        {QStringLiteral("wrong_answer"), QT_TRANSLATE_NOOP("bunny::battle", "Wrong answer")},
        {QStringLiteral("compile_error"), QT_TRANSLATE_NOOP("bunny::battle", "Compile error")},
        {QStringLiteral("runtime_error"), QT_TRANSLATE_NOOP("bunny::battle", "Runtime error")},
        {QStringLiteral("time_limit"), QT_TRANSLATE_NOOP("bunny::battle", "Time limit exceeded")},
        {QStringLiteral("memory_limit"), QT_TRANSLATE_NOOP("bunny::battle", "Memory limit exceeded")},
        {QStringLiteral("output_limit"), QT_TRANSLATE_NOOP("bunny::battle", "Output limit exceeded")},
        {QStringLiteral("internal_error"), QT_TRANSLATE_NOOP("bunny::battle", "Internal error")},
        {QStringLiteral("skipped"), QT_TRANSLATE_NOOP("bunny::battle", "Not run")},
    };
    const auto it = kStatuses.find(status);
    return it == kStatuses.end() ? status : QCoreApplication::translate("bunny::battle", it.value());
}

} // namespace bunny::battle
