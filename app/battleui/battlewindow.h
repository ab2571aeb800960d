#pragma once

#include "battle/battlestate.h"
#include "battle/editops.h"
#include "battleui/resultdialog.h" // QPointer<ResultDialog> needs the complete type

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <array>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace bunny::battle {
class BattleApi;
class BattleClient;
} // namespace bunny::battle

namespace bunny::battleui {

class BattleEditor;
class RemoteEditor;

/// A battle as a player or a spectator sees it. A player: the statement (Markdown), their own
/// editor, the opponent's live read-only editor with caret, the clock, per-test results of every
/// verdict, submit (Ctrl+Enter), resign (confirmed), chat, the language while the text is still
/// the starter code. A spectator: both players' editors read-only, results and chat. The end
/// opens a ResultDialog (winner, reason, rating change, rematch, replay).
class BattleWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// Takes the client (reparents it); api may be null (no rematch or replay then).
    BattleWindow(battle::BattleClient *client, battle::BattleApi *api, QWidget *parent = nullptr);
    ~BattleWindow() override;

    battle::BattleClient *client() const { return m_client; }
    /// Our editor (null for a spectator until a state says we play).
    BattleEditor *ownEditor() const { return m_ownEditor; }
    /// The read-only view of p1 (0) or p2 (1); for a player, only the opponent's exists.
    RemoteEditor *remoteEditor(int slot) const { return m_remote[std::size_t(slot)]; }
    QTextBrowser *statementView() const { return m_statement; }
    QTreeWidget *resultsView() const { return m_results; }
    QTextBrowser *chatLog() const { return m_chatLog; }
    QLineEdit *chatInput() const { return m_chatInput; }
    QComboBox *languageBox() const { return m_language; }
    QPushButton *readyButton() const { return m_ready; }
    QPushButton *submitButton() const { return m_submit; }
    QPushButton *resignButton() const { return m_resign; }
    /// The creator's Cancel while nobody has started: ends the battle unrated (as expired).
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *clockLabel() const { return m_clock; }
    QLabel *connectionLabel() const { return m_connectionLabel; }
    ResultDialog *resultDialog() const { return m_resultDialog; }

    void submit();
    /// Asks first; resigns when confirmed.
    void resign();
    void sendChat();

Q_SIGNALS:
    /// Another battle should open (a rematch): the lobby or main window opens it.
    void battleOpened(const QString &battleId);
    /// The replay of this battle was asked for.
    void replayRequested(const QString &battleId);

private:
    void buildUi();
    void onStateChanged();
    void onTextReset(int slot);
    void onRemoteEdited(int slot, const battle::EditOps &ops);
    void onVerdict(const battle::Verdict &verdict);
    void onEnded(const battle::EndInfo &end);
    void onChat(const battle::ChatMessage &message);
    void onConnectionChanged();
    void updateClock();
    void updateControls();
    void updateHeader();
    void changeLanguage(int index);
    /// Whether our text is still the starter code of our language (or empty): the only time
    /// the server lets the language change.
    bool textIsStarter() const;
    /// Shows our language in the box again (after a refused switch).
    void showOwnLanguage();
    void requestRematch();
    QString playerName(int slot) const;
    void appendNotice(const QString &text);

    battle::BattleClient *m_client = nullptr;
    battle::BattleApi *m_api = nullptr;
    int m_mine = -1; ///< our slot, -1 for a spectator
    bool m_built = false;
    QString m_statementSource;
    bool m_rematchAsked = false;

    QLabel *m_title = nullptr;
    QLabel *m_players = nullptr;
    QLabel *m_clock = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QTextBrowser *m_statement = nullptr;
    QTreeWidget *m_results = nullptr;
    BattleEditor *m_ownEditor = nullptr;
    std::array<RemoteEditor *, 2> m_remote = {nullptr, nullptr};
    std::array<QLabel *, 2> m_sideLabels = {nullptr, nullptr};
    QWidget *m_editorArea = nullptr;
    QTextBrowser *m_chatLog = nullptr;
    QLineEdit *m_chatInput = nullptr;
    QComboBox *m_language = nullptr;
    QPushButton *m_ready = nullptr;
    QPushButton *m_submit = nullptr;
    QPushButton *m_resign = nullptr;
    QPushButton *m_cancel = nullptr;
    QAction *m_submitAction = nullptr;
    QAction *m_readyAction = nullptr;
    QAction *m_submitButtonAction = nullptr;
    QAction *m_resignAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QPointer<ResultDialog> m_resultDialog;
    QTimer m_clockTimer;
    QTimer m_cursorTimer;
};

} // namespace bunny::battleui
