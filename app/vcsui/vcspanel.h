#pragma once

#include "vcs/asyncrepository.h"
#include "vcs/replaystretch.h"
#include "vcs/repository.h"
#include "vcs/types.h"

#include <QDateTime>
#include <QFuture>
#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace bunny::vcsui {

class BranchMenu;
class ChangesView;
class DiffView;
class HistoryView;

/// The version-control dock: changes (stage/unstage, commit), history (restore, replay,
/// branch/tag here), a diff view and the branch/tag menu, for one project folder.
///
/// Self-contained: give it a project with setProjectPath() and connect its signals. All git
/// work runs on an AsyncRepository worker; errors appear in a banner as sentences. Before
/// anything rewrites files on disk (restore, switch branch) it calls the unsaved-changes
/// guard, and afterwards emits workingTreeChanged() so editors reload.
class VcsPanel : public QWidget
{
    Q_OBJECT

public:
    /// Asked before an action that rewrites files (`action` names it, e.g. "Restore version
    /// abc1234"); return false to cancel. The editor saves or asks about unsaved buffers here.
    using UnsavedChangesGuard = std::function<bool(const QString &action)>;
    /// Asks the user a yes/no question; the default shows a QMessageBox.
    using Confirmation = std::function<bool(const QString &title, const QString &question)>;

    explicit VcsPanel(QWidget *parent = nullptr);
    ~VcsPanel() override;

    /// Shows the repository that holds `path` (or offers to create one there).
    void setProjectPath(const QString &path);
    QString projectPath() const { return m_projectPath; }
    void setUnsavedChangesGuard(UnsavedChangesGuard guard) { m_guard = std::move(guard); }
    void setConfirmation(Confirmation confirmation) { m_confirm = std::move(confirmation); }

    vcs::AsyncRepository *repository() const { return m_repo; }
    HistoryView *historyView() const { return m_history; }
    ChangesView *changesView() const { return m_changes; }
    DiffView *diffView() const { return m_diff; }
    BranchMenu *branchMenu() const { return m_branchMenu; }
    QString errorText() const;
    /// The last snapshot shown (after refreshed()).
    const vcs::RepositorySnapshot &snapshot() const { return m_snapshot; }

public Q_SLOTS:
    /// Reads the repository again; call it after the editor saves files.
    void refresh();
    /// Opens the commit dialog.
    void commitWithDialog();
    /// Commits without a dialog (author from vcs::AuthorSettings when `author` is empty).
    void commitChanges(const QString &message, bool stageAll, const vcs::Person &author = {});
    /// "Replay how this was written" for `commit`: finds its stretch of the project's recordings.
    void requestReplay(const vcs::CommitInfo &commit);
    void restoreVersion(const vcs::CommitInfo &commit);
    void restoreFile(const QString &commitId, const QString &path);
    void switchBranch(const QString &name);
    void createBranch(const QString &name, const QString &commitId = {});
    void createTag(const QString &name, const QString &commitId = {}, const QString &message = {});

Q_SIGNALS:
    /// A commit was made: add a commit marker (label "<shortId> <subject>") to the active recording.
    void committed(const QString &shortId, const QString &subject, const QDateTime &when);
    /// "Replay how this was written": the previous commit's time (invalid for the first commit),
    /// this commit's time and id. Emitted together with replayStretchFound().
    void replayRequested(const QDateTime &fromCommitTime, const QDateTime &toCommitTime,
                         const QString &commitId);
    /// The recordings and offsets to play for the last replayRequested().
    void replayStretchFound(const bunny::vcs::ReplayStretch &stretch);
    /// File statuses for the file tree (paths relative to `root`); see FileStatusProxyModel.
    void statusesChanged(const QString &root, const QMap<QString, bunny::vcs::FileStatus> &statuses);
    /// Restore or a branch switch rewrote files on disk: reload open buffers.
    void workingTreeChanged();
    /// A snapshot was read and shown.
    void refreshed();
    /// An error was shown in the banner.
    void errorOccurred(const QString &message);

private:
    void buildUi();
    void showSnapshot(const vcs::RepositorySnapshot &snapshot);
    void showError(const QString &message);
    void clearError();
    void showCommitDiff(const vcs::CommitInfo &commit);
    void showWorkingTreeDiff(const QString &focusPath);
    /// Runs `operation(Refuse)`; if it refuses, offers to force it. Then refreshes.
    void runGuarded(const QString &action, std::function<QFuture<Result<void>>(vcs::Overwrite)> operation,
                    bool rewritesFiles);
    void askName(const QString &title, const QString &label, std::function<void(const QString &)> done);
    bool confirm(const QString &title, const QString &question);

    QString m_projectPath;
    QPointer<vcs::AsyncRepository> m_repo;
    vcs::RepositorySnapshot m_snapshot;
    UnsavedChangesGuard m_guard;
    Confirmation m_confirm;
    bool m_refreshInFlight = false;
    bool m_refreshPending = false;

    QStackedWidget *m_pages = nullptr;
    QLabel *m_initText = nullptr;
    QLabel *m_banner = nullptr;
    QToolButton *m_branchButton = nullptr;
    QPushButton *m_commitButton = nullptr;
    BranchMenu *m_branchMenu = nullptr;
    QTabWidget *m_tabs = nullptr;
    ChangesView *m_changes = nullptr;
    HistoryView *m_history = nullptr;
    DiffView *m_diff = nullptr;
};

} // namespace bunny::vcsui
