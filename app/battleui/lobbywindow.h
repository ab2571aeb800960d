#pragma once

#include "battle/battleapi.h"
#include "battleui/battlewindow.h" // complete types for the signals' metatypes
#include "player/playerwindow.h"

#include <QMainWindow>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace bunny::net {
class AccountSession;
class ApiClient;
struct ApiResponse;
} // namespace bunny::net

namespace bunny::battleui {

/// The battle lobby (Battles menu): open battles to join or watch, create one (problem or level,
/// language, time limit, visibility, no outside paste), join by invite code, quick match, the
/// leaderboard and your history with replays. Asks to sign in through the account dialog.
class LobbyWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// session and its ApiClient are not owned.
    explicit LobbyWindow(net::AccountSession *session, QWidget *parent = nullptr);
    ~LobbyWindow() override;

    /// Opens the battle's window (as player or spectator, as the server decides).
    BattleWindow *openBattle(const QString &battleId);
    /// Downloads the battle's recording and plays it, both players side by side.
    void openReplay(const QString &battleId);
    void refresh();

    QTabWidget *tabs() const { return m_tabs; }
    QTableWidget *openBattlesTable() const { return m_open; }
    QTableWidget *leaderboardTable() const { return m_leaders; }
    QTableWidget *historyTable() const { return m_history; }
    QLineEdit *inviteCodeField() const { return m_inviteCode; }
    QPushButton *joinByCodeButton() const { return m_joinCode; }
    QComboBox *quickLevelBox() const { return m_quickLevel; }
    QComboBox *quickLanguageBox() const { return m_quickLanguage; }
    QPushButton *quickMatchButton() const { return m_quickMatch; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *joinButton() const { return m_join; }
    QPushButton *watchButton() const { return m_watch; }
    QPushButton *replayButton() const { return m_replay; }
    QComboBox *problemBox() const { return m_problem; }
    QComboBox *languageBox() const { return m_createLanguage; }
    QComboBox *visibilityBox() const { return m_visibility; }
    QSpinBox *timeLimitBox() const { return m_timeLimit; }
    QCheckBox *noPasteBox() const { return m_noPaste; }
    QLabel *messageLabel() const { return m_message; }

Q_SIGNALS:
    void battleWindowOpened(bunny::battleui::BattleWindow *window);
    /// A battle's replay was downloaded and opened in a player window.
    void replayOpened(bunny::app::PlayerWindow *player);
    void refreshed();

private:
    QWidget *buildOpenTab();
    QWidget *buildCreateTab();
    QWidget *buildLeaderboardTab();
    QWidget *buildHistoryTab();
    bool ensureSignedIn();
    void createBattle();
    void joinByInvite();
    void quickMatch();
    void joinSelected();
    void watchSelected();
    /// A double-click: join a battle that waits for a player, watch one that runs.
    void joinOrWatchSelected();
    /// Join, Watch and Watch Replay follow the selection of their lists.
    void updateButtons();
    void onBattleAnswer(const net::ApiResponse &response);
    void loadProblems();
    void showMessage(const QString &text);
    void updateAccount();
    QString selectedId(QTableWidget *table) const;

    net::AccountSession *m_session;
    battle::BattleApi m_api;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_account = nullptr;
    QPushButton *m_signIn = nullptr;
    QLabel *m_message = nullptr;
    QTableWidget *m_open = nullptr;
    QTableWidget *m_leaders = nullptr;
    QTableWidget *m_history = nullptr;
    QComboBox *m_problem = nullptr;
    QComboBox *m_createLanguage = nullptr;
    QSpinBox *m_timeLimit = nullptr;
    QComboBox *m_visibility = nullptr;
    QCheckBox *m_noPaste = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_join = nullptr;
    QPushButton *m_watch = nullptr;
    QPushButton *m_replay = nullptr;
    QLineEdit *m_inviteCode = nullptr;
    QPushButton *m_joinCode = nullptr;
    QPushButton *m_quickMatch = nullptr;
    QComboBox *m_quickLevel = nullptr;
    QComboBox *m_quickLanguage = nullptr;
    int m_pendingLists = 0;
};

} // namespace bunny::battleui
