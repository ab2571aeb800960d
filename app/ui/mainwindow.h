#pragma once

#include "editor/editorsettings.h"

#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QLabel;
class QMenu;
class QAction;

namespace bunny::vcsui {
class VcsPanel;
}
namespace bunny::vcs {
struct ReplayStretch;
}
namespace bunny::battleui {
class LobbyWindow;
}
namespace bunny::netui {
class NetController;
}

namespace bunny::app {

class PlayerWindow;

class CodeEditor;
class EditorTabs;
class FileTree;
class FindBar;
class Recorder;
class RunConsole;

/// The IDE window: file tree, editor tabs with a find bar, the output console, the recorder,
/// and the status bar. Version control docks and actions are added by the vcs side through
/// gitMenu() and addVcsDock().
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a folder as the project, or a file's folder with that file focused (caret at the
    /// start). Asks about unsaved changes of the current project first; false if cancelled or
    /// the path does not exist.
    bool openPath(const QString &path);
    QString projectPath() const { return m_projectPath; }
    QString currentFile() const;
    /// The focused editor (nullptr without an open file).
    CodeEditor *editor() const;
    EditorTabs *tabs() const { return m_tabs; }
    FileTree *tree() const { return m_tree; }
    FindBar *findBar() const { return m_findBar; }
    Recorder *recorder() const { return m_recorder; }
    RunConsole *console() const { return m_console; }
    QString recIndicatorText() const;
    QString statusPosition() const;
    QString statusLanguage() const;

    /// Records this project (remembered per project; the settings give the default).
    void setRecording(bool on);
    /// Sessions of this project that were cut short, as offered in the recovery bar.
    QStringList recoveredSessions() const { return m_recovered; }
    void keepRecoveredSessions();
    void discardRecoveredSessions();

    void applySettings(const EditorSettings &settings);
    void runCurrentFile();
    void goToLine(int line);

    /// Where the vcs side adds its actions; hidden until addVcsDock() (or
    /// gitMenu()->menuAction()->setVisible(true)) shows it.
    QMenu *gitMenu() const { return m_gitMenu; }
    /// Docks a version control panel on the right, with a toggle in the View menu.
    void addVcsDock(QDockWidget *dock);
    vcsui::VcsPanel *vcsPanel() const { return m_vcsPanel; }
    /// The link to bunnyd: account, publishing, explore, sandbox runs (app/netui).
    netui::NetController *net() const { return m_net; }

    /// The battle lobby (Battles menu, Ctrl+Shift+B), created on first use and raised after.
    battleui::LobbyWindow *openBattleLobby();

    /// Opens recordings in a player window; its forks open here as projects.
    PlayerWindow *openPlayer(const QStringList &recordings, QString *error = nullptr);
    /// Plays every session of this project, oldest first, as one timeline.
    void replayProjectSessions();
    /// Opens the stretch of recordings that led to a commit in a player, at its start, with the
    /// stretch marked on the timeline; playing pauses at its end. Null if it cannot be opened.
    PlayerWindow *replayStretch(const vcs::ReplayStretch &stretch);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void giveTheEditorRoom();
    void createStatusBar();
    void onEditorOpened(CodeEditor *editor);
    void onCurrentEditorChanged(CodeEditor *editor);
    void updateStatus();
    void updateRecIndicator();
    void startRecorder();
    void showRecovery();
    void showError(const QString &message);
    void rebuildRecentMenu();
    void openFolderDialog();
    void openFileDialog();
    void showSettings();
    void goToLineDialog();
    void createVcs();
    void createNet();
    void createPlayerActions(QMenu *file, QAction *before, QMenu *recording);
    void createBattles();

    FileTree *m_tree = nullptr;
    EditorTabs *m_tabs = nullptr;
    FindBar *m_findBar = nullptr;
    RunConsole *m_console = nullptr;
    QDockWidget *m_treeDock = nullptr;
    QDockWidget *m_consoleDock = nullptr;
    Recorder *m_recorder = nullptr;
    QWidget *m_recoveryBar = nullptr;
    QLabel *m_recoveryLabel = nullptr;
    QMenu *m_gitMenu = nullptr;
    vcsui::VcsPanel *m_vcsPanel = nullptr;
    QPointer<battleui::LobbyWindow> m_lobby;
    netui::NetController *m_net = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_runMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_recordAction = nullptr;
    QAction *m_darkAction = nullptr;
    QLabel *m_position = nullptr;
    QLabel *m_language = nullptr;
    QLabel *m_encoding = nullptr;
    QLabel *m_rec = nullptr;
    EditorSettings m_settings;
    QString m_projectPath;
    QStringList m_recovered;
    QString m_recorderError;
};

} // namespace bunny::app
