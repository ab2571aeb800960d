#pragma once

#include "battle/battlestate.h"
#include "battle/editops.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>

class QWebSocket;

namespace bunny::battle {

/// One connection to a battle's WebSocket (DESIGN.md "Battle WebSocket"), widget-free.
///
/// It keeps both players' documents. The other player's (both, for a spectator) follows the
/// server's `edit` relays. Our own is the editor's text: local ops are sent as `edit {rev, ops}`
/// one message at a time (the next waits for its `ack`, ops typed meanwhile are batched), so a
/// rev is never guessed. A `state` snapshot (a stale rev, a language switch, a reconnect) is the
/// server's truth: without unconfirmed local ops we take its text; with some, our text stays and
/// the difference is sent against the snapshot's rev, so typing during a disconnect is not lost.
///
/// An unexpected close reconnects with backoff (0.25 s doubling to 8 s) for the grace period;
/// a ping goes out every pingInterval and a connection silent for three intervals is dropped
/// and reconnected.
class BattleClient : public QObject
{
    Q_OBJECT

public:
    enum class Connection { Disconnected, Connecting, Connected, Reconnecting };
    Q_ENUM(Connection)

    explicit BattleClient(QObject *parent = nullptr);
    ~BattleClient() override;

    /// The server's base URL (http://host:port); ws:// or wss:// follows from it.
    void setServerUrl(const QUrl &url) { m_serverUrl = url; }
    /// Asked on every (re)connect, so a refreshed token is used.
    void setTokenProvider(std::function<QString()> provider) { m_tokenProvider = std::move(provider); }
    void setPingInterval(int ms);
    /// How long to keep trying after an unexpected close (the server's grace period).
    void setReconnectWindow(int ms) { m_reconnectWindowMs = ms; }

    void connectToBattle(const QString &battleId);
    /// Closes on purpose: no reconnect.
    void disconnectFromBattle();
    /// Drops the socket as a network failure would (the reconnect logic takes over).
    void dropConnection();

    QString battleId() const { return m_battleId; }
    Connection connection() const { return m_connection; }
    bool hasState() const { return m_hasState; }
    Role you() const { return m_you; }
    bool isPlayer() const { return slotOf(m_you) >= 0; }
    const BattleState &state() const { return m_state; }
    /// The document of p1 (0) or p2 (1) as this client sees it (ours includes unsent ops).
    const QByteArray &text(int slot) const;
    qint64 anchor(int slot) const;
    qint64 caret(int slot) const;
    /// The rev the server confirmed for our document.
    qint64 confirmedRev() const { return m_confirmedRev; }
    /// Ops not yet acknowledged (in flight plus waiting).
    bool hasUnconfirmedOps() const { return !m_inFlight.empty() || !m_waiting.empty(); }
    /// Milliseconds to the deadline (running) or the start (countdown), from the last snapshot.
    qint64 remainingMs() const;
    /// The last verdict of each player, if any.
    const std::optional<Verdict> &lastVerdict(int slot) const { return m_verdicts[std::size_t(slot)]; }
    const std::optional<EndInfo> &endInfo() const { return m_end; }

    /// Our editor changed: the ops are already in the editor's text.
    void sendLocalOps(const EditOps &ops);
    void sendCursor(qint64 anchor, qint64 caret);
    void sendReady();
    void sendSubmit();
    void sendResign();
    void sendChat(const QString &text);
    void sendLanguage(const QString &language);

Q_SIGNALS:
    void connectionChanged(bunny::battle::BattleClient::Connection connection);
    /// A snapshot arrived: everything may have changed.
    void stateChanged();
    /// A document was replaced wholesale (a snapshot): views set the text of `slot` again.
    void textReset(int slot);
    /// The other player's (or, for spectators, either player's) ops, already applied to text(slot).
    void remoteEdited(int slot, const bunny::battle::EditOps &ops);
    void cursorMoved(int slot, qint64 anchor, qint64 caret);
    void acknowledged(qint64 rev);
    void playerJoined(int slot);
    void playerReady(int slot);
    void countdownStarted(qint64 ms);
    void started();
    void verdictReceived(const bunny::battle::Verdict &verdict);
    void ended(const bunny::battle::EndInfo &end);
    void chatReceived(const bunny::battle::ChatMessage &message);
    void serverError(const QString &code, const QString &message);
    /// Reconnecting failed for the whole window; the battle is lost to this client.
    void connectionLost(const QString &reason);

private:
    void openSocket();
    void onConnected();
    void onDisconnected();
    void onMessage(const QString &message);
    void handleState(const QJsonObject &message);
    void handleEdit(const QJsonObject &message);
    void handleAck(const QJsonObject &message);
    void handleVerdict(const QJsonObject &message);
    void handleEnd(const QJsonObject &message);
    void flushOps();
    void sendPendingCursor();
    void send(const QJsonObject &message);
    void setConnection(Connection connection);
    void scheduleReconnect();
    void onPingTimer();

    QWebSocket *m_socket = nullptr;
    QUrl m_serverUrl;
    std::function<QString()> m_tokenProvider;
    QString m_battleId;
    Connection m_connection = Connection::Disconnected;
    bool m_closing = false;
    bool m_hasState = false;
    Role m_you = Role::None;
    BattleState m_state;
    std::array<QByteArray, 2> m_texts;
    qint64 m_confirmedRev = 0;
    EditOps m_inFlight;
    EditOps m_waiting;
    bool m_submitPending = false;
    bool m_cursorPending = false;
    std::array<std::optional<Verdict>, 2> m_verdicts;
    std::optional<EndInfo> m_end;
    QElapsedTimer m_stateClock; ///< since remaining_ms was last set
    QTimer m_pingTimer;
    QElapsedTimer m_lastHeard;
    int m_pingIntervalMs = 10000;
    QTimer m_reconnectTimer;
    QElapsedTimer m_disconnectedFor;
    int m_attempt = 0;
    int m_reconnectWindowMs = 60000;
};

} // namespace bunny::battle
