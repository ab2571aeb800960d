#include "net/accountsession.h"

#include "net/apiclient.h"
#include "net/tokenstore.h"

namespace bunny::net {

AccountSession::AccountSession(ApiClient *api, TokenStore *store, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_store(store ? store : new TokenStore(this))
{
    qRegisterMetaType<bunny::net::Account>();
    m_api->setSession(this);
}

AccountSession::~AccountSession() = default;

void AccountSession::restore()
{
    m_store->load([this](const Tokens &tokens) {
        if (tokens.isEmpty() || tokens.serverUrl != m_api->baseUrl().toString()) {
            Q_EMIT restoreFinished(false);
            return;
        }
        m_tokens = tokens;
        // A provisional account, so a 401 on /me triggers the silent refresh. Already signed in
        // offline: that account stays while /me is asked.
        if (!isSignedIn())
            m_account.id = QStringLiteral("?");
        ApiCall *call = m_api->get(QStringLiteral("/me"));
        connect(call, &ApiCall::finished, this,
                [this, remembered = Account::fromJson(tokens.user)](const ApiResponse &r) {
                    if (r.ok()) {
                        // A refresh on the way (adopt), or an offline start, may already have announced
                        // the user.
                        const bool announced = m_account.id != QLatin1String("?");
                        const bool changed = m_account.id != r.object().value("id").toString();
                        m_account = Account::fromJson(r.object());
                        m_tokens.user = r.object();
                        m_offline = false;
                        if (!announced || changed)
                            Q_EMIT signedIn(m_account);
                        Q_EMIT restoreFinished(true);
                    } else if (r.unreachable() &&
                               (remembered.isValid() || m_account.id != QLatin1String("?"))) {
                        // The server is down, not the session: signed in as the remembered account, so
                        // publishing queues; the server says what it thinks when it is back.
                        m_offline = true;
                        if (m_account.id == QLatin1String("?")) {
                            m_account = remembered;
                            Q_EMIT signedIn(m_account);
                        }
                        Q_EMIT restoreFinished(true);
                    } else if (r.unreachable()) {
                        // Tokens from before accounts were remembered: kept for when the server is back.
                        m_account = {};
                        Q_EMIT restoreFinished(false);
                    } else {
                        forget(true);
                        Q_EMIT restoreFinished(false);
                    }
                });
    });
}

ApiCall *AccountSession::signIn(const QString &login, const QString &password)
{
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/auth/login");
    request.authenticate = false;
    request.contentType = "application/json";
    request.body = QJsonDocument(QJsonObject{{"login", login}, {"password", password}}).toJson();
    ApiCall *call = m_api->send(request);
    connect(call, &ApiCall::finished, this, [this](const ApiResponse &r) {
        if (r.ok())
            adopt(r.object());
    });
    return call;
}

ApiCall *AccountSession::signUp(const QString &username, const QString &email, const QString &password)
{
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/auth/register");
    request.authenticate = false;
    request.contentType = "application/json";
    request.body =
        QJsonDocument(QJsonObject{{"username", username}, {"email", email}, {"password", password}}).toJson();
    ApiCall *call = m_api->send(request);
    connect(call, &ApiCall::finished, this, [this](const ApiResponse &r) {
        if (r.ok())
            adopt(r.object());
    });
    return call;
}

ApiCall *AccountSession::signOut()
{
    ApiCall *call = nullptr;
    if (!m_tokens.refresh.isEmpty()) {
        ApiRequest request;
        request.method = "POST";
        request.path = QStringLiteral("/auth/logout");
        request.authenticate = false;
        request.contentType = "application/json";
        request.body = QJsonDocument(QJsonObject{{"refresh_token", m_tokens.refresh}}).toJson();
        call = m_api->send(request); // best effort: the tokens are forgotten here either way
    }
    forget(true);
    return call;
}

void AccountSession::refreshTokens(QObject *context, std::function<void(RefreshResult)> done)
{
    m_waiting.emplace_back(context, std::move(done));
    if (m_refreshing)
        return;
    if (m_tokens.refresh.isEmpty()) {
        auto waiting = std::move(m_waiting);
        m_waiting.clear();
        for (auto &[ctx, fn] : waiting)
            if (ctx)
                fn(RefreshResult::Refused);
        return;
    }
    m_refreshing = true;
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/auth/refresh");
    request.authenticate = false;
    request.contentType = "application/json";
    request.body = QJsonDocument(QJsonObject{{"refresh_token", m_tokens.refresh}}).toJson();
    ApiCall *call = m_api->send(request);
    connect(call, &ApiCall::finished, this, [this](const ApiResponse &r) {
        m_refreshing = false;
        RefreshResult result = r.unreachable() ? RefreshResult::Unreachable : RefreshResult::Refused;
        if (r.ok()) {
            adopt(r.object());
            Q_EMIT tokensRefreshed();
            result = RefreshResult::Refreshed;
        } else if (!r.unreachable()) {
            forget(true);
            Q_EMIT m_api->authenticationLost();
        }
        auto waiting = std::move(m_waiting);
        m_waiting.clear();
        for (auto &[ctx, fn] : waiting)
            if (ctx)
                fn(result);
    });
}

void AccountSession::adopt(const QJsonObject &answer)
{
    const bool wasSignedIn = isSignedIn() && m_account.id != QLatin1String("?");
    const Account account = Account::fromJson(answer.value("user").toObject());
    m_tokens.access = answer.value("access_token").toString();
    m_tokens.refresh = answer.value("refresh_token").toString();
    m_tokens.serverUrl = m_api->baseUrl().toString();
    m_tokens.user = answer.value("user").toObject();
    m_offline = false;
    // Persist at once: the server has already retired the previous refresh token.
    m_store->save(m_tokens);
    const bool changedUser = account.id != m_account.id;
    m_account = account;
    if (!wasSignedIn || changedUser)
        Q_EMIT signedIn(m_account);
}

void AccountSession::forget(bool notify)
{
    const bool was = isSignedIn();
    m_tokens = {};
    m_account = {};
    m_offline = false;
    m_store->clear();
    if (notify && was)
        Q_EMIT signedOut();
}

} // namespace bunny::net
