#include "battle/battleapi.h"

#include "net/accountsession.h" // before apiclient.h: its QPointer needs the complete type
#include "net/apiclient.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace bunny::battle {

namespace {

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

int integer(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInt();
}

/// A player may come as {"user":{"username"}, "rating"}, {"username"} or a plain name.
void readPlayer(const QJsonValue &value, QString &name, int &rating)
{
    if (value.isString()) {
        name = value.toString();
        return;
    }
    const QJsonObject o = value.toObject();
    const QJsonObject user = o.value(QLatin1String("user")).toObject();
    name = user.isEmpty() ? text(o, "username") : text(user, "username");
    rating = integer(o, "rating");
}

} // namespace

QJsonObject CreateOptions::toJson() const
{
    QJsonObject o{{QStringLiteral("language"), language}, {QStringLiteral("visibility"), visibility}};
    if (!problem.isEmpty())
        o.insert(QStringLiteral("problem"), problem);
    if (!level.isEmpty())
        o.insert(QStringLiteral("level"), level);
    if (timeLimitS > 0)
        o.insert(QStringLiteral("time_limit_s"), timeLimitS);
    if (noOutsidePaste)
        o.insert(QStringLiteral("no_outside_paste"), true);
    return o;
}

BattleSummary BattleSummary::fromJson(const QJsonObject &o)
{
    BattleSummary s;
    s.id = text(o, "id");
    s.status = text(o, "status");
    const QJsonValue problem = o.value(QLatin1String("problem"));
    if (problem.isObject()) {
        s.problemSlug = text(problem.toObject(), "slug");
        s.problemTitle = text(problem.toObject(), "title");
        s.level = text(problem.toObject(), "level");
    } else {
        s.problemSlug = problem.toString();
    }
    if (s.level.isEmpty())
        s.level = text(o, "level");
    if (s.problemTitle.isEmpty())
        s.problemTitle = o.value(QLatin1String("problem_title")).toString(s.problemSlug);
    s.language = text(o, "language");
    s.visibility = text(o, "visibility");
    s.timeLimitS = integer(o, "time_limit_s");
    // Players come as [{slot, user, rating}, …] (GET /battles) or {p1: …, p2: …}.
    const QJsonValue players = o.value(QLatin1String("players"));
    if (players.isArray()) {
        for (const QJsonValue &player : players.toArray()) {
            const bool second =
                player.toObject().value(QLatin1String("slot")).toString() == QLatin1String("p2");
            readPlayer(player, second ? s.p2 : s.p1, second ? s.p2Rating : s.p1Rating);
        }
    } else {
        readPlayer(players.toObject().value(QLatin1String("p1")), s.p1, s.p1Rating);
        readPlayer(players.toObject().value(QLatin1String("p2")), s.p2, s.p2Rating);
    }
    s.winner = text(o, "winner");
    s.reason = text(o, "reason");
    s.inviteCode = text(o, "invite_code");
    return s;
}

QList<BattleSummary> summariesFromList(const QJsonObject &page)
{
    QList<BattleSummary> result;
    for (const QJsonValue &item : page.value(QLatin1String("items")).toArray())
        result.append(BattleSummary::fromJson(item.toObject()));
    return result;
}

net::ApiCall *BattleApi::list(const QString &status, const QString &user, int page)
{
    QUrlQuery query;
    if (!status.isEmpty())
        query.addQueryItem(QStringLiteral("status"), status);
    if (!user.isEmpty())
        query.addQueryItem(QStringLiteral("user"), user);
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    return m_api->get(QStringLiteral("/battles"), query);
}

net::ApiCall *BattleApi::battle(const QString &id)
{
    return m_api->get(QStringLiteral("/battles/") + id);
}

net::ApiCall *BattleApi::create(const CreateOptions &options)
{
    return m_api->postJson(QStringLiteral("/battles"), options.toJson());
}

net::ApiCall *BattleApi::join(const QString &id)
{
    return m_api->postJson(QStringLiteral("/battles/%1/join").arg(id), {});
}

net::ApiCall *BattleApi::joinByInvite(const QString &inviteCode)
{
    return m_api->postJson(QStringLiteral("/battles/join"),
                           {{QStringLiteral("invite_code"), inviteCode.trimmed()}});
}

net::ApiCall *BattleApi::quick(const QString &level, const QString &language)
{
    QJsonObject body{{QStringLiteral("language"), language}};
    if (!level.isEmpty())
        body.insert(QStringLiteral("level"), level);
    return m_api->postJson(QStringLiteral("/battles/quick"), body);
}

net::ApiCall *BattleApi::rematch(const QString &id)
{
    return m_api->postJson(QStringLiteral("/battles/%1/rematch").arg(id), {});
}

net::ApiCall *BattleApi::leaderboard(int page)
{
    return m_api->get(QStringLiteral("/leaderboard"),
                      QUrlQuery{{QStringLiteral("page"), QString::number(page)}});
}

net::ApiCall *BattleApi::problems()
{
    return m_api->get(QStringLiteral("/problems"),
                      QUrlQuery{{QStringLiteral("per_page"), QStringLiteral("100")}});
}

net::ApiCall *BattleApi::recording(const QString &id)
{
    return m_api->get(QStringLiteral("/battles/%1/recording").arg(id));
}

} // namespace bunny::battle
