#include "net/apiclient.h"

#include "net/accountsession.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSettings>

namespace bunny::net {

namespace {
// The settings dialog (EditorSettings::serverUrl) writes the same key.
const QString kServerKey = QStringLiteral("net/serverUrl");

bool isUnreachable(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts with this
        return true;
    default:
        return false;
    }
}
} // namespace

QByteArray ApiResponse::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

void ApiCall::abort()
{
    m_aborted = true;
    if (m_reply)
        m_reply->abort();
}

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_baseUrl(configuredServerUrl())
{
    // bunnyd's S3 store may answer a recording's content with a 302 to a presigned URL.
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

ApiClient::~ApiClient() = default;

QUrl ApiClient::defaultServerUrl()
{
    return QUrl(QStringLiteral("http://127.0.0.1:8737"));
}

Result<QUrl> ApiClient::parseServerUrl(const QString &text)
{
    const QString typed = text.trimmed();
    const auto bad = [&] {
        return makeError(tr("“%1” is not a server address; write it like http://127.0.0.1:8737 or "
                            "localhost:8737.")
                             .arg(typed)
                             .toStdString());
    };
    if (typed.isEmpty())
        return bad();
    // "localhost:9000" parses as scheme "localhost" with no host: give it the scheme it meant.
    const QUrl url(typed.contains(QLatin1String("://")) ? typed : QStringLiteral("http://") + typed,
                   QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return bad();
    QUrl clean = url;
    if (clean.path() == QLatin1String("/"))
        clean.setPath(QString());
    return clean.adjusted(QUrl::StripTrailingSlash);
}

QUrl ApiClient::configuredServerUrl()
{
    const QUrl url(QSettings().value(kServerKey).toString());
    return url.isValid() && !url.host().isEmpty() ? url : defaultServerUrl();
}

void ApiClient::setConfiguredServerUrl(const QUrl &url)
{
    QSettings settings;
    if (url.isEmpty() || url == defaultServerUrl())
        settings.remove(kServerKey);
    else
        settings.setValue(kServerKey, url.toString());
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url.isValid() && !url.host().isEmpty() ? url : defaultServerUrl();
}

void ApiClient::setSession(AccountSession *session)
{
    m_session = session;
}

AccountSession *ApiClient::session() const
{
    return m_session;
}

QUrl ApiClient::urlFor(const QString &path, const QUrlQuery &query, bool rawPath) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith('/'))
        base.chop(1);
    url.setPath(base + (rawPath ? QString() : QStringLiteral("/api/v1")) + path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

ApiCall *ApiClient::send(ApiRequest request)
{
    auto *call = new ApiCall(this);
    start(call, request, false);
    return call;
}

ApiCall *ApiClient::get(const QString &path, const QUrlQuery &query)
{
    ApiRequest request;
    request.path = path;
    request.query = query;
    return send(std::move(request));
}

ApiCall *ApiClient::postJson(const QString &path, const QJsonObject &body)
{
    return sendJson("POST", path, body);
}

ApiCall *ApiClient::sendJson(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    ApiRequest request;
    request.method = method;
    request.path = path;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.contentType = "application/json";
    return send(std::move(request));
}

void ApiClient::start(ApiCall *call, const ApiRequest &request, bool retried)
{
    QNetworkRequest req(urlFor(request.path, request.query, request.rawPath));
    if (!request.contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    for (const auto &[k, v] : request.headers)
        req.setRawHeader(k, v);
    if (request.authenticate && m_session && !m_session->accessToken().isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_session->accessToken().toUtf8());
    if (request.timeoutMs > 0)
        req.setTransferTimeout(request.timeoutMs);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    QNetworkReply *reply = nullptr;
    if (request.body.isEmpty() && (request.method == "GET" || request.method == "DELETE"))
        reply = m_network->sendCustomRequest(req, request.method);
    else
        reply = m_network->sendCustomRequest(req, request.method, request.body);
    call->m_reply = reply;
    if (call->m_aborted)
        reply->abort();
    connect(reply, &QNetworkReply::uploadProgress, call, &ApiCall::uploadProgress);
    connect(reply, &QNetworkReply::downloadProgress, call, &ApiCall::downloadProgress);
    connect(reply, &QNetworkReply::readyRead, call, [call, reply] {
        // Only successful bodies stream out; an error body is read whole at the end.
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300 && call->receivers(SIGNAL(bodyChunk(QByteArray))) > 0)
            Q_EMIT call->bodyChunk(reply->readAll());
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, call, reply, request, retried] { finish(call, reply, request, retried); });
}

void ApiClient::finish(ApiCall *call, QNetworkReply *reply, const ApiRequest &request, bool retried)
{
    reply->deleteLater();
    ApiResponse response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.append(pair);
    const auto error = reply->error();

    if (call->m_aborted) {
        response.status = 0;
        response.errorCode = QStringLiteral("aborted");
        response.errorMessage = tr("Cancelled.");
    } else if (response.status == 0) {
        response.errorCode = QStringLiteral("network_error");
        response.errorMessage = readableError(0, {}, reply->errorString(), reply->url());
        if (!isUnreachable(error))
            response.errorCode = QStringLiteral("request_failed");
        setReachable(false);
    } else {
        setReachable(true);
        QJsonParseError parseError{};
        const auto doc = QJsonDocument::fromJson(response.body, &parseError);
        if (parseError.error == QJsonParseError::NoError)
            response.json = doc;
        if (response.status == 401 && request.authenticate && !retried && m_session &&
            m_session->isSignedIn()) {
            // The access token expired (or was revoked): refresh once, then replay the call.
            const QUrl url = reply->url();
            m_session->refreshTokens(call, [this, call, request, url](AccountSession::RefreshResult result) {
                if (result == AccountSession::RefreshResult::Refreshed) {
                    start(call, request, true);
                    return;
                }
                ApiResponse lost;
                if (result == AccountSession::RefreshResult::Unreachable) {
                    // The server went away between the 401 and the refresh: the session may
                    // well be fine; say what happened, not that it ended.
                    lost.errorCode = QStringLiteral("network_error");
                    lost.errorMessage = readableError(0, {}, tr("no answer while renewing the session"), url);
                    Q_EMIT call->finished(lost);
                    call->deleteLater();
                    return;
                }
                lost.status = 401;
                lost.errorCode = QStringLiteral("unauthorized");
                lost.errorMessage = tr("Your session has ended; please sign in again.");
                Q_EMIT call->finished(lost);
                call->deleteLater();
            });
            return;
        }
        if (response.status < 200 || response.status >= 300) {
            response.errorMessage = readableError(response.status, response.body, {}, reply->url());
            const auto err = response.json.object().value("error").toObject();
            response.errorCode = err.value("code").toString(QStringLiteral("http_%1").arg(response.status));
        }
    }
    Q_EMIT call->finished(response);
    call->deleteLater();
}

QString ApiClient::readableError(int status, const QByteArray &body, const QString &networkError,
                                 const QUrl &url)
{
    if (status == 0) {
        const QString where = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString();
        return tr("Cannot reach the server at %1 (%2).").arg(where, networkError);
    }
    const auto doc = QJsonDocument::fromJson(body);
    const auto err = doc.object().value("error").toObject();
    const QString message = err.value("message").toString();
    if (!message.isEmpty())
        return message;
    switch (status) {
    case 401:
        return tr("Please sign in.");
    case 403:
        return tr("That belongs to someone else.");
    case 404:
        return tr("Not found on the server.");
    case 413:
        return tr("Too large for the server.");
    case 429:
        return tr("The server is busy; try again in a moment.");
    default:
        break;
    }
    return status >= 500 ? tr("The server failed (HTTP %1).").arg(status)
                         : tr("The server refused the request (HTTP %1).").arg(status);
}

void ApiClient::probe()
{
    ApiRequest request;
    request.path = QStringLiteral("/healthz");
    request.rawPath = true;
    request.authenticate = false;
    request.timeoutMs = 5000;
    send(request);
}

void ApiClient::setReachable(bool reachable)
{
    if (m_reachable == reachable)
        return;
    m_reachable = reachable;
    Q_EMIT reachabilityChanged(reachable);
}

} // namespace bunny::net
