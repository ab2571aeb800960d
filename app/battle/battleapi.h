#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace bunny::net {
class ApiCall;
class ApiClient;
} // namespace bunny::net

namespace bunny::battle {

/// What POST /battles takes. An empty problem means a random one of `level`.
struct CreateOptions
{
    QString problem;
    QString level;
    QString language;
    int timeLimitS = 0; ///< 0: the server's default
    QString visibility = QStringLiteral("public");
    bool noOutsidePaste = false;

    QJsonObject toJson() const;
};

/// One battle of a list (GET /battles) or of a creation/join answer.
struct BattleSummary
{
    QString id;
    QString status;
    QString problemSlug;
    QString problemTitle;
    QString level;
    QString language;
    QString visibility;
    int timeLimitS = 0;
    QString p1;
    QString p2;
    int p1Rating = 0;
    int p2Rating = 0;
    QString winner;
    QString reason;
    QString inviteCode;

    static BattleSummary fromJson(const QJsonObject &o);
};
QList<BattleSummary> summariesFromList(const QJsonObject &page);

/// The battle routes of the REST API (DESIGN.md) over the app's ApiClient. Every call returns
/// the ApiCall in flight (it deletes itself after finished()).
class BattleApi
{
public:
    explicit BattleApi(net::ApiClient *api)
        : m_api(api)
    {}
    net::ApiClient *client() const { return m_api; }

    net::ApiCall *list(const QString &status, const QString &user = {}, int page = 1);
    net::ApiCall *battle(const QString &id);
    net::ApiCall *create(const CreateOptions &options);
    net::ApiCall *join(const QString &id);
    net::ApiCall *joinByInvite(const QString &inviteCode);
    net::ApiCall *quick(const QString &level, const QString &language);
    net::ApiCall *rematch(const QString &id);
    net::ApiCall *leaderboard(int page = 1);
    net::ApiCall *problems();
    net::ApiCall *recording(const QString &id);

private:
    net::ApiClient *m_api;
};

} // namespace bunny::battle
