#pragma once

#include "net/account.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <vector>

namespace bunny::net {

class ApiCall;
class ApiClient;
class TokenStore;

/// The signed-in user and their tokens. Tokens live in a TokenStore (keyring or a 0600 file),
/// never in QSettings. restore() on start signs the user back in silently when stored tokens
/// still work. Lives on the GUI thread.
class AccountSession : public QObject
{
    Q_OBJECT
public:
    /// Registers itself with api (api->setSession(this)); store is not owned (nullptr: a default
    /// TokenStore owned by the session).
    AccountSession(ApiClient *api, TokenStore *store = nullptr, QObject *parent = nullptr);
    ~AccountSession() override;

    bool isSignedIn() const { return m_account.isValid(); }
    /// Signed in from the remembered account because the server could not be asked at start;
    /// cleared once it answers. Publishing still queues meanwhile.
    bool isOffline() const { return m_offline; }
    const Account &account() const { return m_account; }
    QString accessToken() const { return m_tokens.access; }
    ApiClient *api() const { return m_api; }
    TokenStore *store() const { return m_store; }

    /// Loads stored tokens and checks them with GET /me (refreshing if needed); emits signedIn on
    /// success, restoreFinished either way. Unreachable server: signed in offline as the account
    /// remembered with the tokens (isOffline()); call again when the server is back.
    void restore();

    /// POST /auth/login and /auth/register. The returned call's finished() carries the server's
    /// message on failure; signedIn is emitted before it on success.
    ApiCall *signIn(const QString &login, const QString &password);
    ApiCall *signUp(const QString &username, const QString &email, const QString &password);
    /// POST /auth/logout (best effort: the returned call, or nullptr without a refresh token,
    /// says whether the server revoked it), forgets the tokens, emits signedOut.
    ApiCall *signOut();

    enum class RefreshResult { Refreshed, Refused, Unreachable };
    /// Called by ApiClient on a 401: one refresh at a time; done(Refreshed) when new tokens
    /// arrived, Unreachable when the server could not be asked (the session stays).
    void refreshTokens(QObject *context, std::function<void(RefreshResult)> done);

Q_SIGNALS:
    void signedIn(const bunny::net::Account &account);
    void signedOut();
    void restoreFinished(bool signedIn);
    /// Tokens were rotated (after a refresh); mostly for tests and diagnostics.
    void tokensRefreshed();

private:
    void adopt(const QJsonObject &authAnswer);
    void forget(bool notify);

    ApiClient *m_api;
    TokenStore *m_store;
    Account m_account;
    Tokens m_tokens;
    bool m_refreshing = false;
    bool m_offline = false;
    std::vector<std::pair<QPointer<QObject>, std::function<void(RefreshResult)>>> m_waiting;
};

} // namespace bunny::net
