#pragma once

#include <core/result.h>

#include <QMainWindow>

#include <array>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QSplitter;

namespace bunny::app {

class OutputPanel;
class PlayerEditors;
class PlayerModel;
class TimelineWidget;

/// The replay window: read-only editors following the recording, its program output, the
/// timeline and the controls, with asciinema's keys (space, arrows, shift+arrows, [ ], , . and
/// 0-9, + and - for speed).
class PlayerWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit PlayerWindow(QWidget *parent = nullptr);
    ~PlayerWindow() override;

    /// Opens a recording (plain or gzip). On error the window keeps what it showed.
    [[nodiscard]] Result<void> openRecording(const QString &path);
    /// Opens consecutive sessions of one project as one timeline.
    [[nodiscard]] Result<void> openRecordings(const QStringList &paths);
    void seekTo(qint64 ms);
    /// Puts the text of the visible tab's file at the current time on the clipboard.
    void copyCode();
    /// Writes the project as it is now into `dir` as a new git repository; emits forked.
    /// Blocks until done; "Fork from here" uses startFork().
    [[nodiscard]] Result<void> forkTo(const QString &dir);
    /// forkTo() without blocking the window: the files and the commit are written on a pool
    /// thread while the window shows it is busy (busy cursor, fork action disabled, a status
    /// message). Emits forked() or forkFailed() when done.
    void startFork(const QString &dir);
    bool isForking() const { return m_forking; }

    PlayerModel *model() const { return m_model; }
    PlayerEditors *editors() const { return m_editors; }
    /// A battle recording's views of p1 (0) and p2 (1), side by side; null for other recordings.
    PlayerEditors *battleEditors(int slot) const { return m_battleEditors[std::size_t(slot)]; }
    OutputPanel *outputPanel() const { return m_output; }
    TimelineWidget *timelineWidget() const { return m_timeline; }
    /// Recently opened recordings, newest first (shared by every player and the main window).
    static QStringList recentRecordings();

Q_SIGNALS:
    /// A fork was written to `projectPath`: the main window opens it as a project.
    void forked(const QString &projectPath);
    /// startFork() failed; the message says why (also shown in a message box).
    void forkFailed(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAction *addPlayerAction(const QString &text, QList<QKeySequence> keys, void (PlayerWindow::*slot)());
    QWidget *createControls();
    void createMenus();
    void openInteractively(const QStringList &paths);
    void openFromDialog();
    void forkFromDialog();
    void rememberRecent(const QStringList &paths);
    void updateRecentMenu();
    void updateTime();
    void updatePlaying(bool playing);
    void updateTitle();
    void updateLayout();
    /// The editors the user looks at (in a battle, the side clicked last).
    PlayerEditors *visibleEditors() const;

    // Thin slots for actions, so every key and button goes through one place.
    void togglePlay();
    void back5s();
    void forward5s();
    void back10pc();
    void forward10pc();
    void previousMarker();
    void nextMarker();
    void stepBack();
    void stepForward();
    void faster();
    void slower();

    PlayerModel *m_model = nullptr;
    PlayerEditors *m_editors = nullptr;
    QSplitter *m_editorSplitter = nullptr;
    QWidget *m_sideBySide = nullptr;
    std::array<PlayerEditors *, 2> m_battleEditors = {nullptr, nullptr};
    std::array<QLabel *, 2> m_battleLabels = {nullptr, nullptr};
    OutputPanel *m_output = nullptr;
    TimelineWidget *m_timeline = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_time = nullptr;
    QComboBox *m_speed = nullptr;
    QAction *m_playAction = nullptr;
    QAction *m_idleAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_forkAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    QList<QAction *> m_playbackActions;
    bool m_forking = false;
};

} // namespace bunny::app
