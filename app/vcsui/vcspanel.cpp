#include "vcsui/vcspanel.h"

#include "vcs/asyncrepository.h"
#include "vcs/authorsettings.h"
#include "vcs/whenready.h"
#include "vcsui/branchmenu.h"
#include "vcsui/changesview.h"
#include "vcsui/commitdialog.h"
#include "vcsui/diffview.h"
#include "vcsui/historymodel.h"
#include "vcsui/historyview.h"

#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace bunny::vcsui {

using vcs::Overwrite;

namespace {
QString text(const std::string &message)
{
    return QString::fromStdString(message);
}
} // namespace

VcsPanel::VcsPanel(QWidget *parent)
    : QWidget(parent)
{
    buildUi();
}

VcsPanel::~VcsPanel() = default;

void VcsPanel::buildUi()
{
    m_pages = new QStackedWidget(this);

    // Page 0: the folder is not under version control yet.
    auto *initPage = new QWidget(m_pages);
    m_initText = new QLabel(initPage);
    m_initText->setWordWrap(true);
    auto *initButton = new QPushButton(tr("Start keeping versions"), initPage);
    auto *initLayout = new QVBoxLayout(initPage);
    initLayout->addStretch();
    initLayout->addWidget(m_initText);
    initLayout->addWidget(initButton, 0, Qt::AlignHCenter);
    initLayout->addStretch();
    connect(initButton, &QPushButton::clicked, this, [this] {
        if (!m_repo)
            return;
        vcs::whenReady(this, m_repo->init(), [this](const Result<void> &done) {
            if (!done)
                showError(text(done.message()));
            refresh();
        });
    });

    // Page 1: the repository.
    auto *repoPage = new QWidget(m_pages);
    m_branchMenu = new BranchMenu(this);
    m_branchButton = new QToolButton(repoPage);
    m_branchButton->setPopupMode(QToolButton::InstantPopup);
    m_branchButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_branchButton->setMenu(m_branchMenu);
    m_branchButton->setToolTip(tr("Branches and tags"));
    m_commitButton = new QPushButton(tr("Commit…"), repoPage);
    auto *refreshButton = new QToolButton(repoPage);
    refreshButton->setText(tr("Refresh"));
    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_branchButton);
    toolbar->addStretch();
    toolbar->addWidget(refreshButton);
    toolbar->addWidget(m_commitButton);

    m_tabs = new QTabWidget(repoPage);
    m_changes = new ChangesView(m_tabs);
    m_history = new HistoryView(m_tabs);
    m_tabs->addTab(m_changes, tr("Changes"));
    m_tabs->addTab(m_history, tr("History"));
    m_diff = new DiffView(repoPage);
    auto *splitter = new QSplitter(Qt::Vertical, repoPage);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_diff);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *repoLayout = new QVBoxLayout(repoPage);
    repoLayout->setContentsMargins(0, 0, 0, 0);
    repoLayout->addLayout(toolbar);
    repoLayout->addWidget(splitter, 1);

    m_pages->addWidget(initPage);
    m_pages->addWidget(repoPage);

    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #611a15; border: 1px solid #f5c2c0;"
                       " border-radius: 4px; padding: 6px; }"));
    m_banner->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_banner);
    // The history and diff would claim about 400 px; the panel works narrower, and the editor
    // beside it should not lose that room to it.
    setMinimumWidth(220);
    layout->addWidget(m_pages, 1);

    connect(refreshButton, &QToolButton::clicked, this, &VcsPanel::refresh);
    connect(m_commitButton, &QPushButton::clicked, this, &VcsPanel::commitWithDialog);
    connect(m_changes, &ChangesView::stageRequested, this, [this](const QStringList &paths) {
        vcs::whenReady(this, m_repo->stage(paths), [this](const Result<void> &done) {
            if (!done)
                showError(text(done.message()));
        });
    });
    connect(m_changes, &ChangesView::unstageRequested, this, [this](const QStringList &paths) {
        vcs::whenReady(this, m_repo->unstage(paths), [this](const Result<void> &done) {
            if (!done)
                showError(text(done.message()));
        });
    });
    connect(m_changes, &ChangesView::fileSelected, this, &VcsPanel::showWorkingTreeDiff);
    connect(m_history, &HistoryView::commitSelected, this, &VcsPanel::showCommitDiff);
    connect(m_history, &HistoryView::restoreRequested, this, &VcsPanel::restoreVersion);
    connect(m_history, &HistoryView::replayRequested, this, &VcsPanel::requestReplay);
    connect(m_history, &HistoryView::branchRequested, this, [this](const vcs::CommitInfo &commit) {
        askName(tr("New branch"), tr("Name of the branch at %1:").arg(commit.shortId),
                [this, id = commit.id](const QString &name) { createBranch(name, id); });
    });
    connect(m_history, &HistoryView::tagRequested, this, [this](const vcs::CommitInfo &commit) {
        askName(tr("New tag"), tr("Name of the tag on %1:").arg(commit.shortId),
                [this, id = commit.id](const QString &name) { createTag(name, id); });
    });
    connect(m_diff, &DiffView::restoreFileRequested, this, &VcsPanel::restoreFile);
    connect(m_branchMenu, &BranchMenu::switchRequested, this, &VcsPanel::switchBranch);
    connect(m_branchMenu, &BranchMenu::tagSelected, this, [this](const QString &, const QString &commitId) {
        m_tabs->setCurrentWidget(m_history);
        const QList<vcs::CommitInfo> &commits = m_history->model()->commits();
        for (int row = 0; row < commits.size(); ++row)
            if (commits[row].id == commitId)
                m_history->treeView()->setCurrentIndex(m_history->model()->index(row, 0));
    });
    connect(m_branchMenu, &BranchMenu::newBranchRequested, this, [this] {
        askName(tr("New branch"), tr("Name of the branch (at the current version):"),
                [this](const QString &name) { createBranch(name); });
    });
    connect(m_branchMenu, &BranchMenu::newTagRequested, this, [this] {
        askName(tr("New tag"), tr("Name of the tag on the current version:"),
                [this](const QString &name) { createTag(name); });
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_changes)
            showWorkingTreeDiff(QString());
    });
}

void VcsPanel::setProjectPath(const QString &path)
{
    if (m_repo)
        m_repo->deleteLater(); // its destructor waits for queued work, off this call
    m_projectPath = path;
    m_snapshot = {};
    m_repo = new vcs::AsyncRepository(path, this);
    connect(m_repo, &vcs::AsyncRepository::changed, this, &VcsPanel::refresh);
    connect(m_repo, &vcs::AsyncRepository::committed, this, [this](const vcs::CommitInfo &commit) {
        Q_EMIT committed(commit.shortId, commit.subject, commit.time);
    });
    clearError();
    refresh();
}

QString VcsPanel::errorText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

void VcsPanel::refresh()
{
    if (!m_repo)
        return;
    // One snapshot at a time: calls while one is read (a burst of saves) make one more read.
    if (m_refreshInFlight) {
        m_refreshPending = true;
        return;
    }
    m_refreshInFlight = true;
    vcs::whenReady(this, m_repo->snapshot(),
                   [this, repo = m_repo](const Result<vcs::RepositorySnapshot> &snapshot) {
                       m_refreshInFlight = false;
                       if (m_refreshPending || repo != m_repo) {
                           m_refreshPending = false;
                           refresh(); // the state read is already stale
                           return;
                       }
                       if (!snapshot) {
                           m_initText->setText(
                               tr("%1\n\nBunny can keep versions of this project with git: every commit is "
                                  "a version you can restore, compare and replay.")
                                   .arg(text(snapshot.message())));
                           m_pages->setCurrentIndex(0);
                           Q_EMIT statusesChanged(m_projectPath, {});
                           Q_EMIT refreshed();
                           return;
                       }
                       showSnapshot(*snapshot);
                   });
}

void VcsPanel::showSnapshot(const vcs::RepositorySnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_pages->setCurrentIndex(1);
    m_branchButton->setText(snapshot.currentBranch.isEmpty() ? tr("(detached)")
                                                             : QStringLiteral("⎇ ") + snapshot.currentBranch);
    m_branchMenu->setBranches(snapshot.branches);
    m_branchMenu->setTags(snapshot.tags);
    m_changes->setEntries(snapshot.changes);
    m_commitButton->setEnabled(!snapshot.changes.isEmpty());
    const QString selected =
        m_history->treeView()->currentIndex().data(HistoryModel::CommitIdRole).toString();
    m_history->setCommits(snapshot.history);
    for (int row = 0; row < snapshot.history.size(); ++row) {
        if (snapshot.history[row].id == selected)
            m_history->treeView()->setCurrentIndex(m_history->model()->index(row, 0));
    }
    if (m_tabs->currentWidget() == m_changes)
        showWorkingTreeDiff(QString());
    Q_EMIT statusesChanged(snapshot.workdir, snapshot.fileStatuses);
    Q_EMIT refreshed();
}

void VcsPanel::showError(const QString &message)
{
    m_banner->setText(message);
    m_banner->show();
    Q_EMIT errorOccurred(message);
}

void VcsPanel::clearError()
{
    m_banner->clear();
    m_banner->hide();
}

void VcsPanel::showCommitDiff(const vcs::CommitInfo &commit)
{
    if (!m_repo)
        return;
    const QString title = tr("%1  %2 — %3").arg(commit.shortId, commit.subject, commit.author.name);
    vcs::whenReady(this, m_repo->diffCommit(commit.id),
                   [this, title, id = commit.id](const Result<QList<vcs::FileDiff>> &diff) {
                       if (!diff)
                           m_diff->showMessage(text(diff.message()));
                       else
                           m_diff->setDiff(*diff, title, id);
                   });
}

void VcsPanel::showWorkingTreeDiff(const QString &focusPath)
{
    if (!m_repo)
        return;
    vcs::whenReady(this, m_repo->diffWorkingTree(),
                   [this, focusPath](const Result<QList<vcs::FileDiff>> &diff) {
                       if (!diff) {
                           m_diff->showMessage(text(diff.message()));
                           return;
                       }
                       // The Changes list above already says there is nothing; point somewhere useful.
                       if (diff->isEmpty())
                           m_diff->showMessage(tr("The working tree matches the last commit.\n"
                                                  "Pick a version in History to see what it changed."));
                       else
                           m_diff->setDiff(*diff, tr("Changes since the last commit"));
                       if (!focusPath.isEmpty())
                           m_diff->scrollToFile(focusPath);
                   });
}

void VcsPanel::commitWithDialog()
{
    int staged = 0;
    for (const vcs::StatusEntry &entry : m_snapshot.changes)
        staged += entry.isStaged() ? 1 : 0;
    CommitDialog dialog(staged, int(m_snapshot.changes.size()), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    commitChanges(dialog.message(), dialog.commitAll(), dialog.author());
}

void VcsPanel::commitChanges(const QString &message, bool stageAll, const vcs::Person &author)
{
    if (!m_repo)
        return;
    const vcs::Person who = author.name.isEmpty() ? vcs::AuthorSettings::author() : author;
    vcs::whenReady(this, m_repo->commit(message, who, stageAll), [this](const Result<vcs::CommitInfo> &made) {
        if (!made)
            showError(text(made.message()));
        else
            clearError();
    });
}

void VcsPanel::runGuarded(const QString &action, std::function<QFuture<Result<void>>(Overwrite)> operation,
                          bool rewritesFiles)
{
    if (!m_repo)
        return;
    if (rewritesFiles && m_guard && !m_guard(action))
        return;
    vcs::whenReady(this, operation(Overwrite::Refuse),
                   [this, action, operation, rewritesFiles](const Result<void> &done) {
                       if (done) {
                           clearError();
                           if (rewritesFiles)
                               Q_EMIT workingTreeChanged();
                           return;
                       }
                       if (!rewritesFiles || !confirm(action, text(done.message()) + QLatin1String("\n\n") +
                                                                  tr("Discard those changes and go on?"))) {
                           showError(text(done.message()));
                           return;
                       }
                       vcs::whenReady(this, operation(Overwrite::Force), [this](const Result<void> &forced) {
                           if (!forced) {
                               showError(text(forced.message()));
                               return;
                           }
                           clearError();
                           Q_EMIT workingTreeChanged();
                       });
                   });
}

void VcsPanel::restoreVersion(const vcs::CommitInfo &commit)
{
    const QString action = tr("Restore version %1").arg(commit.shortId);
    if (!confirm(action, tr("Make every file as it was in version %1 (\"%2\")? The history stays; commit "
                            "afterwards to keep the restored version.")
                             .arg(commit.shortId, commit.subject)))
        return;
    runGuarded(
        action, [this, id = commit.id](Overwrite overwrite) { return m_repo->restoreTree(id, overwrite); },
        true);
}

void VcsPanel::restoreFile(const QString &commitId, const QString &path)
{
    runGuarded(
        tr("Restore %1").arg(path),
        [this, commitId, path](Overwrite overwrite) {
            return m_repo->restoreFile(commitId, path, overwrite);
        },
        true);
}

void VcsPanel::switchBranch(const QString &name)
{
    runGuarded(
        tr("Switch to %1").arg(name),
        [this, name](Overwrite overwrite) { return m_repo->switchBranch(name, overwrite); }, true);
}

void VcsPanel::createBranch(const QString &name, const QString &commitId)
{
    runGuarded(
        tr("New branch %1").arg(name),
        [this, name, commitId](Overwrite) { return m_repo->createBranch(name, commitId); }, false);
}

void VcsPanel::createTag(const QString &name, const QString &commitId, const QString &message)
{
    runGuarded(
        tr("New tag %1").arg(name),
        [this, name, commitId, message](Overwrite) {
            return m_repo->createTag(name, commitId, message, vcs::AuthorSettings::author());
        },
        false);
}

void VcsPanel::requestReplay(const vcs::CommitInfo &commit)
{
    if (!m_repo)
        return;
    QDateTime parentTime;
    for (const vcs::CommitInfo &candidate : m_snapshot.history)
        if (!commit.parents.isEmpty() && candidate.id == commit.parents.first())
            parentTime = candidate.time;
    auto future = m_repo->run([commit](vcs::Repository &repo) {
        return vcs::findReplayStretch(vcs::loadRecordingMarkers(repo.workdir()), commit.id, commit.parents);
    });
    vcs::whenReady(this, future, [this, commit, parentTime](const Result<vcs::ReplayStretch> &stretch) {
        if (!stretch) {
            showError(text(stretch.message()));
            return;
        }
        clearError();
        Q_EMIT replayRequested(parentTime, commit.time, commit.id);
        Q_EMIT replayStretchFound(*stretch);
    });
}

void VcsPanel::askName(const QString &title, const QString &label, std::function<void(const QString &)> done)
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, title, label, QLineEdit::Normal, QString(), &ok).trimmed();
    if (ok && !name.isEmpty())
        done(name);
}

bool VcsPanel::confirm(const QString &title, const QString &question)
{
    if (m_confirm)
        return m_confirm(title, question);
    return QMessageBox::question(this, title, question, QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) == QMessageBox::Yes;
}

} // namespace bunny::vcsui
