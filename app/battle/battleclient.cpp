#include "battle/battleclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>

namespace bunny::battle {

namespace {

constexpr int kFirstRetryMs = 250;
constexpr int kMaxRetryMs = 8000;
/// A connection that heard nothing for this many ping intervals is taken for dead.
constexpr int kSilentIntervals = 3;

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

qint64 num(const QJsonObject &o, const char *key, qint64 fallback = 0)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? qint64(v.toDouble()) : fallback;
}

} // namespace

BattleClient::BattleClient(QObject *parent)
    : QObject(parent)
{
    m_pingTimer.setInterval(m_pingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &BattleClient::onPingTimer);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &BattleClient::openSocket);
    m_stateClock.start();
}

BattleClient::~BattleClient()
{
    m_closing = true;
    // Nobody hears of this close: the owner is going away too.
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void BattleClient::setPingInterval(int ms)
{
    m_pingIntervalMs = std::max(ms, 10);
    m_pingTimer.setInterval(m_pingIntervalMs);
}

void BattleClient::connectToBattle(const QString &battleId)
{
    m_battleId = battleId;
    m_closing = false;
    m_hasState = false;
    m_attempt = 0;
    m_disconnectedFor.invalidate();
    openSocket();
}

void BattleClient::disconnectFromBattle()
{
    m_closing = true;
    m_reconnectTimer.stop();
    m_pingTimer.stop();
    if (m_socket)
        m_socket->close();
    else
        setConnection(Connection::Disconnected);
}

void BattleClient::dropConnection()
{
    if (m_socket)
        m_socket->abort();
}

const QByteArray &BattleClient::text(int slot) const
{
    return m_texts[std::size_t(std::clamp(slot, 0, 1))];
}

qint64 BattleClient::anchor(int slot) const
{
    return m_state.players[std::size_t(std::clamp(slot, 0, 1))].anchor;
}

qint64 BattleClient::caret(int slot) const
{
    return m_state.players[std::size_t(std::clamp(slot, 0, 1))].caret;
}

qint64 BattleClient::remainingMs() const
{
    const qint64 elapsed = m_stateClock.elapsed();
    if (m_state.status == QLatin1String("running"))
        return std::max<qint64>(0, m_state.remainingMs - elapsed);
    if (m_state.status == QLatin1String("countdown"))
        return std::max<qint64>(0, m_state.countdownMs - elapsed);
    if (m_state.status == QLatin1String("finished"))
        return 0;
    return m_state.remainingMs;
}

void BattleClient::openSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    QWebSocket *socket = m_socket;
    connect(socket, &QWebSocket::connected, this, &BattleClient::onConnected);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        if (socket == m_socket)
            onDisconnected();
    });
    connect(socket, &QWebSocket::textMessageReceived, this, &BattleClient::onMessage);

    QUrl url = m_serverUrl;
    url.setScheme(m_serverUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                                 : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/api/v1/battles/%1/ws").arg(m_battleId));
    QUrlQuery query;
    if (m_tokenProvider)
        query.addQueryItem(QStringLiteral("access_token"), m_tokenProvider());
    url.setQuery(query);
    setConnection(m_hasState ? Connection::Reconnecting : Connection::Connecting);
    socket->open(QNetworkRequest(url));
}

void BattleClient::onConnected()
{
    m_attempt = 0;
    m_disconnectedFor.invalidate();
    m_lastHeard.start();
    m_pingTimer.start();
    setConnection(Connection::Connected);
}

void BattleClient::onDisconnected()
{
    m_pingTimer.stop();
    const QString reason = m_socket ? m_socket->closeReason() : QString();
    const QString error = m_socket && m_socket->error() != QAbstractSocket::UnknownSocketError
                              ? m_socket->errorString()
                              : QString();
    // A finished battle, a close on purpose, or a socket that never reached the battle (no such
    // battle, a refused token) is not worth retrying.
    if (m_closing || m_state.status == QLatin1String("finished") || !m_hasState) {
        setConnection(Connection::Disconnected);
        if (!m_closing && !m_hasState)
            Q_EMIT connectionLost(!reason.isEmpty()  ? reason
                                  : !error.isEmpty() ? error
                                                     : tr("The server closed the battle's connection."));
        return;
    }
    if (!m_disconnectedFor.isValid())
        m_disconnectedFor.start();
    if (m_disconnectedFor.elapsed() >= m_reconnectWindowMs) {
        setConnection(Connection::Disconnected);
        Q_EMIT connectionLost(tr("The connection to the server was lost and could not be restored."));
        return;
    }
    scheduleReconnect();
}

void BattleClient::scheduleReconnect()
{
    const int delay = std::min(kMaxRetryMs, kFirstRetryMs << std::min(m_attempt, 6));
    ++m_attempt;
    setConnection(Connection::Reconnecting);
    m_reconnectTimer.start(delay);
}

void BattleClient::onPingTimer()
{
    if (m_lastHeard.elapsed() > qint64(kSilentIntervals) * m_pingIntervalMs) {
        dropConnection();
        return;
    }
    send({{QStringLiteral("type"), QStringLiteral("ping")}});
}

void BattleClient::setConnection(Connection connection)
{
    if (connection == m_connection)
        return;
    m_connection = connection;
    Q_EMIT connectionChanged(connection);
}

void BattleClient::send(const QJsonObject &message)
{
    if (m_socket && m_connection == Connection::Connected)
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void BattleClient::onMessage(const QString &text)
{
    m_lastHeard.start();
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = str(message, "type");
    const int slot = slotOf(roleFromName(str(message, "player")));
    if (type == QLatin1String("state")) {
        handleState(message);
    } else if (type == QLatin1String("edit")) {
        handleEdit(message);
    } else if (type == QLatin1String("ack")) {
        handleAck(message);
    } else if (type == QLatin1String("cursor") && slot >= 0) {
        PlayerState &p = m_state.players[std::size_t(slot)];
        p.anchor = num(message, "anchor");
        p.caret = num(message, "caret");
        Q_EMIT cursorMoved(slot, p.anchor, p.caret);
    } else if (type == QLatin1String("joined") && slot >= 0) {
        PlayerState &p = m_state.players[std::size_t(slot)];
        const QJsonObject user = message.value(QLatin1String("user")).toObject();
        p.present = true;
        p.userId = str(user, "id");
        p.username = str(user, "username");
        p.rating = int(num(message, "rating", p.rating));
        p.connected = message.value(QLatin1String("connected")).toBool();
        Q_EMIT playerJoined(slot);
    } else if (type == QLatin1String("ready") && slot >= 0) {
        m_state.players[std::size_t(slot)].ready = true;
        Q_EMIT playerReady(slot);
    } else if (type == QLatin1String("countdown")) {
        m_state.status = QStringLiteral("countdown");
        m_state.countdownMs = num(message, "ms");
        m_stateClock.restart();
        Q_EMIT countdownStarted(m_state.countdownMs);
    } else if (type == QLatin1String("start")) {
        m_state.status = QStringLiteral("running");
        m_state.remainingMs = num(message, "remaining_ms");
        m_state.deadline = QDateTime::fromString(str(message, "deadline"), Qt::ISODateWithMs);
        m_stateClock.restart();
        Q_EMIT started();
        flushOps();
    } else if (type == QLatin1String("verdict")) {
        handleVerdict(message);
    } else if (type == QLatin1String("end")) {
        handleEnd(message);
    } else if (type == QLatin1String("chat")) {
        Q_EMIT chatReceived(parseChat(message));
    } else if (type == QLatin1String("error")) {
        Q_EMIT serverError(str(message, "code"), str(message, "message"));
    }
    // pong and unknown types: hearing them is all (forward compatibility).
}

void BattleClient::handleState(const QJsonObject &message)
{
    const Role previousRole = m_you;
    const QString previousLanguage =
        m_hasState && isPlayer() ? m_state.players[std::size_t(slotOf(m_you))].language : QString();
    m_state = parseBattleState(message.value(QLatin1String("battle")).toObject());
    m_you = roleFromName(str(message, "you"));
    m_stateClock.restart();
    if (m_state.status == QLatin1String("countdown") && m_state.countdownMs < 0)
        m_state.countdownMs = 0;
    const bool firstState = !m_hasState || previousRole != m_you;
    m_hasState = true;
    const int mine = slotOf(m_you);
    for (int slot = 0; slot < 2; ++slot) {
        const PlayerState &p = m_state.players[std::size_t(slot)];
        QByteArray &text = m_texts[std::size_t(slot)];
        if (slot == mine) {
            m_confirmedRev = p.rev;
            const bool keepOurs = !firstState && hasUnconfirmedOps() && p.language == previousLanguage;
            m_inFlight.clear();
            m_waiting.clear();
            if (keepOurs) {
                m_waiting = diffOps(p.text, text);
                continue;
            }
        }
        if (firstState || text != p.text) {
            text = p.text;
            Q_EMIT textReset(slot);
        }
    }
    Q_EMIT stateChanged();
    flushOps();
}

void BattleClient::handleEdit(const QJsonObject &message)
{
    const int slot = slotOf(roleFromName(str(message, "player")));
    if (slot < 0 || slot == slotOf(m_you))
        return;
    const auto ops = opsFromJson(message.value(QLatin1String("ops")).toArray());
    const Result<void> applied = ops ? applyOps(m_texts[std::size_t(slot)], *ops) : Result<void>(ops.error());
    if (!applied) {
        // Our copy went astray: a reconnect brings a fresh snapshot.
        Q_EMIT serverError(QStringLiteral("resync"), QString::fromStdString(applied.message()));
        dropConnection();
        return;
    }
    m_state.players[std::size_t(slot)].rev = num(message, "rev");
    m_state.players[std::size_t(slot)].text = m_texts[std::size_t(slot)];
    Q_EMIT remoteEdited(slot, *ops);
}

void BattleClient::handleAck(const QJsonObject &message)
{
    m_confirmedRev = num(message, "rev", m_confirmedRev);
    m_inFlight.clear();
    Q_EMIT acknowledged(m_confirmedRev);
    flushOps();
    if (m_inFlight.empty())
        sendPendingCursor();
}

void BattleClient::handleVerdict(const QJsonObject &message)
{
    Verdict verdict = parseVerdict(message);
    const int slot = slotOf(verdict.player);
    if (slot < 0)
        return;
    PlayerState &p = m_state.players[std::size_t(slot)];
    p.judging = false;
    if (!p.best || verdict.passed > p.best->passed)
        p.best = BestResult{verdict.passed, verdict.total, verdict.status};
    m_verdicts[std::size_t(slot)] = verdict;
    Q_EMIT verdictReceived(verdict);
}

void BattleClient::handleEnd(const QJsonObject &message)
{
    m_end = parseEnd(message);
    m_state.status = QStringLiteral("finished");
    m_state.reason = m_end->reason;
    m_state.winner = roleName(m_end->winner);
    m_state.remainingMs = 0;
    Q_EMIT ended(*m_end);
}

void BattleClient::sendLocalOps(const EditOps &ops)
{
    const int mine = slotOf(m_you);
    if (mine < 0 || ops.empty())
        return;
    // The editor already holds these ops; our copy follows it (the link makes ops that fit).
    if (!applyOps(m_texts[std::size_t(mine)], ops))
        return;
    m_waiting.insert(m_waiting.end(), ops.begin(), ops.end());
    flushOps();
}

void BattleClient::flushOps()
{
    if (m_connection != Connection::Connected || !m_hasState || !isPlayer() || !m_inFlight.empty() ||
        m_waiting.empty() || m_state.status != QLatin1String("running"))
        return;
    m_inFlight = std::move(m_waiting);
    m_waiting.clear();
    send({{QStringLiteral("type"), QStringLiteral("edit")},
          {QStringLiteral("rev"), double(m_confirmedRev)},
          {QStringLiteral("ops"), opsToJson(m_inFlight)}});
    // The server handles a socket's messages in order: the submission sees these ops.
    if (m_submitPending) {
        m_submitPending = false;
        send({{QStringLiteral("type"), QStringLiteral("submit")}});
    }
}

void BattleClient::sendCursor(qint64 anchor, qint64 caret)
{
    if (!isPlayer())
        return;
    PlayerState &p = m_state.players[std::size_t(slotOf(m_you))];
    p.anchor = anchor;
    p.caret = caret;
    // While our ops wait for an ack the server's copy is shorter: the caret may not fit yet,
    // so it goes out once everything is confirmed.
    m_cursorPending = true;
    if (m_inFlight.empty() && m_waiting.empty())
        sendPendingCursor();
}

void BattleClient::sendPendingCursor()
{
    if (!m_cursorPending || !isPlayer() || m_connection != Connection::Connected)
        return;
    m_cursorPending = false;
    const PlayerState &p = m_state.players[std::size_t(slotOf(m_you))];
    send({{QStringLiteral("type"), QStringLiteral("cursor")},
          {QStringLiteral("anchor"), double(p.anchor)},
          {QStringLiteral("caret"), double(p.caret)}});
}

void BattleClient::sendReady()
{
    send({{QStringLiteral("type"), QStringLiteral("ready")}});
}

void BattleClient::sendSubmit()
{
    if (!isPlayer())
        return;
    m_state.players[std::size_t(slotOf(m_you))].judging = true;
    // Ops still waiting must reach the server first: it judges its own copy of our text.
    if (!m_waiting.empty()) {
        m_submitPending = true;
        flushOps();
        return;
    }
    send({{QStringLiteral("type"), QStringLiteral("submit")}});
}

void BattleClient::sendResign()
{
    send({{QStringLiteral("type"), QStringLiteral("resign")}});
}

void BattleClient::sendChat(const QString &text)
{
    send({{QStringLiteral("type"), QStringLiteral("chat")}, {QStringLiteral("text"), text}});
}

void BattleClient::sendLanguage(const QString &language)
{
    send({{QStringLiteral("type"), QStringLiteral("language")}, {QStringLiteral("language"), language}});
}

} // namespace bunny::battle
