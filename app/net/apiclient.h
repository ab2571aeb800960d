#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

class QNetworkAccessManager;
class QNetworkReply;

namespace bunny::net {

class AccountSession;

/// What the server (or the network) answered. A failed call always carries a message a user
/// can read: the server's own `error.message` when it sent one, else a sentence about the
/// network ("Cannot reach the server at …").
struct ApiResponse
{
    int status = 0;       ///< HTTP status; 0 when the server was not reached at all
    QByteArray body;      ///< the raw body (JSON, an archive, recording bytes…)
    QJsonDocument json;   ///< the body parsed, when it is JSON
    QString errorCode;    ///< the server's snake_case code, or "network_error", "aborted"
    QString errorMessage; ///< readable; empty on success
    QList<QPair<QByteArray, QByteArray>> headers;

    bool ok() const { return status >= 200 && status < 300 && errorMessage.isEmpty(); }
    /// The server could not be reached (refused, DNS, timeout): worth a retry later.
    bool unreachable() const { return status == 0 && errorCode == QLatin1String("network_error"); }
    QJsonObject object() const { return json.object(); }
    QByteArray header(const QByteArray &name) const;
};

/// One request as the caller describes it; the client adds the base URL and the bearer token.
struct ApiRequest
{
    QByteArray method = "GET";
    QString path; ///< under /api/v1, e.g. "/recordings/abc"; or absolute ("/healthz") with raw
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool authenticate = true; ///< attach the bearer token when signed in
    bool rawPath = false;     ///< path is not under /api/v1 (healthz)
    int timeoutMs = 30000;    ///< transfer timeout (no bytes moving); 0 = none
};

/// One call in flight. Deleted by itself after finished() (deleteLater).
class ApiCall : public QObject
{
    Q_OBJECT
public:
    explicit ApiCall(QObject *parent = nullptr)
        : QObject(parent)
    {}
    /// Stops the transfer; finished() follows with errorCode "aborted".
    void abort();

Q_SIGNALS:
    /// Bytes sent or received so far and the total (-1 when unknown); upload and download.
    void uploadProgress(qint64 done, qint64 total);
    void downloadProgress(qint64 done, qint64 total);
    /// Bytes of the body as they arrive (for streaming a recording).
    void bodyChunk(const QByteArray &chunk);
    void finished(const bunny::net::ApiResponse &response);

private:
    friend class ApiClient;
    QPointer<QNetworkReply> m_reply;
    bool m_aborted = false;
};

/// The app's HTTP client for bunnyd. Base URL from QSettings "net/serverUrl" (default
/// http://127.0.0.1:8737). Attaches `Authorization: Bearer` from the AccountSession; on a 401
/// it refreshes the tokens once (silently; concurrent calls share one refresh) and retries the
/// call once. Tracks whether the server answers, so the UI can say "server unreachable" without
/// blocking anything. Lives on the GUI thread.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    static QUrl defaultServerUrl();
    /// A server address as typed in the settings: "host:port" and "host" get http://; the result
    /// must be http(s) with a host, else a message saying how to write it.
    [[nodiscard]] static Result<QUrl> parseServerUrl(const QString &text);
    /// The server URL the user chose (settings), else the default.
    static QUrl configuredServerUrl();
    static void setConfiguredServerUrl(const QUrl &url);

    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &url);

    /// Non-owning; the session gives tokens and performs refreshes.
    void setSession(AccountSession *session);
    AccountSession *session() const;

    QNetworkAccessManager *network() const { return m_network; }

    /// Sends the request; the returned call is owned by the client and deletes itself.
    ApiCall *send(ApiRequest request);
    ApiCall *get(const QString &path, const QUrlQuery &query = {});
    ApiCall *postJson(const QString &path, const QJsonObject &body);
    ApiCall *sendJson(const QByteArray &method, const QString &path, const QJsonObject &body);

    /// The full URL for an API path (for logs and messages).
    QUrl urlFor(const QString &path, const QUrlQuery &query = {}, bool rawPath = false) const;

    /// Last known state: false after a call failed to reach the server, true after any answer.
    bool serverReachable() const { return m_reachable; }
    /// GET /healthz; updates serverReachable().
    void probe();

    /// Maps a JSON error body or a network failure to a readable sentence.
    static QString readableError(int status, const QByteArray &body, const QString &networkError,
                                 const QUrl &url);

Q_SIGNALS:
    void reachabilityChanged(bool reachable);
    /// The refresh token was refused: the user must sign in again.
    void authenticationLost();

private:
    void start(ApiCall *call, const ApiRequest &request, bool retried);
    void finish(ApiCall *call, QNetworkReply *reply, const ApiRequest &request, bool retried);
    void setReachable(bool reachable);

    QNetworkAccessManager *m_network = nullptr;
    QPointer<AccountSession> m_session;
    QUrl m_baseUrl;
    bool m_reachable = true;
};

} // namespace bunny::net
