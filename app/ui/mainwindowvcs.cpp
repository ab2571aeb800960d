// MainWindow's links to version control (the Git dock and menu) and to the player.
#include "ui/mainwindow.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "player/playermodel.h"
#include "player/playerwindow.h"
#include "player/recordingdropfilter.h"
#include "project/filetree.h"
#include "recorder/recorder.h"
#include "recorder/sessionrecovery.h"
#include "vcs/replaystretch.h"
#include "vcsui/branchmenu.h"
#include "vcsui/vcspanel.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

namespace bunny::app {

void MainWindow::createVcs()
{
    m_vcsPanel = new vcsui::VcsPanel(this);
    auto *dock = new QDockWidget(tr("Git"), this);
    dock->setObjectName(QStringLiteral("gitDock"));
    dock->setWidget(m_vcsPanel);
    addVcsDock(dock);
    dock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+Shift+G")));

    // Restoring a version or switching a branch rewrites files: unsaved buffers are saved
    // first (or the action is cancelled), and open editors reload what git wrote.
    m_vcsPanel->setUnsavedChangesGuard([this](const QString &) { return m_tabs->saveAll(); });
    connect(m_vcsPanel, &vcsui::VcsPanel::workingTreeChanged, this, [this] {
        for (CodeEditor *editor : m_tabs->editors())
            m_tabs->checkExternalChange(editor->filePath());
    });
    connect(m_vcsPanel, &vcsui::VcsPanel::committed, this,
            [this](const QString &shortId, const QString &subject, const QDateTime &) {
                m_recorder->addMarker(QStringLiteral("commit"), vcs::commitMarkerLabel(shortId, subject));
                // Flushed now so "Replay how this was written" finds the marker at once.
                (void)m_recorder->flush();
            });
    connect(m_vcsPanel, &vcsui::VcsPanel::replayStretchFound, this, &MainWindow::replayStretch);
    // The project tree shows what the Git dock knows: changed files and folders in colour.
    connect(m_vcsPanel, &vcsui::VcsPanel::statusesChanged, m_tree, &FileTree::setFileStatuses);
    connect(m_tree, &FileTree::fileCreated, m_vcsPanel, &vcsui::VcsPanel::refresh);
    connect(m_tree, &FileTree::pathRenamed, m_vcsPanel, &vcsui::VcsPanel::refresh);
    connect(m_tree, &FileTree::pathRemoved, m_vcsPanel, &vcsui::VcsPanel::refresh);
    connect(m_vcsPanel, &vcsui::VcsPanel::errorOccurred, this, &MainWindow::showError);
    connect(m_tabs, &EditorTabs::editorOpened, m_vcsPanel, [this](CodeEditor *editor) {
        connect(editor, &CodeEditor::saved, m_vcsPanel, &vcsui::VcsPanel::refresh);
    });

    QAction *commit = m_gitMenu->addAction(tr("Commit…"), m_vcsPanel, [this] {
        m_tabs->saveAll();
        m_vcsPanel->commitWithDialog();
    });
    commit->setShortcuts({QKeySequence(tr("Ctrl+Alt+C")), QKeySequence(tr("Ctrl+Shift+Return"))});
    m_gitMenu->addAction(tr("Refresh"), m_vcsPanel, &vcsui::VcsPanel::refresh);
    m_gitMenu->addSeparator();
    QMenu *branches = m_vcsPanel->branchMenu();
    branches->setTitle(tr("Branches and Tags"));
    m_gitMenu->addMenu(branches);
}

void MainWindow::createPlayerActions(QMenu *file, QAction *before, QMenu *recording)
{
    const auto open = [this](const QStringList &paths) {
        QString error;
        if (!openPlayer(paths, &error))
            QMessageBox::warning(this, tr("Open Recording"), error);
    };
    auto *openRecording = new QAction(tr("Open Recording…"), file);
    openRecording->setShortcut(QKeySequence(tr("Ctrl+Alt+O")));
    connect(openRecording, &QAction::triggered, this, [this, open] {
        const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Open Recording"), sessionrecovery::recordingsDir(m_projectPath),
            tr("Recordings (*.bunnyrec *.bunnyrec.gz *.gz);;All files (*)"));
        if (!paths.isEmpty())
            open(paths);
    });
    file->insertAction(before, openRecording);
    // Recordings opened lately in any player, listed afresh each time the menu opens.
    auto *recent = new QMenu(tr("Open Recent Recording"), file);
    recent->setObjectName(QStringLiteral("recentRecordings"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent, open] {
        recent->clear();
        const QStringList paths = PlayerWindow::recentRecordings();
        for (const QString &path : paths)
            recent->addAction(path, this, [open, path] { open({path}); });
        if (paths.isEmpty())
            recent->addAction(tr("No recordings opened yet"))->setEnabled(false);
    });
    file->insertMenu(before, recent);
    // A .bunnyrec dropped anywhere on the window (editors too) opens in a player.
    connect(new RecordingDropFilter(this), &RecordingDropFilter::recordingsDropped, this, open);

    recording->addSeparator();
    QAction *replay =
        recording->addAction(tr("Replay This Project's Sessions"), this, &MainWindow::replayProjectSessions);
    replay->setShortcut(QKeySequence(tr("Ctrl+Alt+P")));
}

PlayerWindow *MainWindow::openPlayer(const QStringList &recordings, QString *error)
{
    auto *player = new PlayerWindow;
    player->setAttribute(Qt::WA_DeleteOnClose);
    const Result<void> opened = player->openRecordings(recordings);
    if (!opened) {
        if (error)
            *error = QString::fromStdString(opened.message());
        delete player;
        return nullptr;
    }
    connect(player, &PlayerWindow::forked, this, [this](const QString &projectPath) {
        if (openPath(projectPath)) {
            raise();
            activateWindow();
        }
    });
    player->show();
    return player;
}

void MainWindow::replayProjectSessions()
{
    const QDir dir(sessionrecovery::recordingsDir(m_projectPath));
    QStringList paths;
    // Session files are named by their start time, so name order is time order; the player
    // orders them by their headers anyway.
    for (const QFileInfo &info : dir.entryInfoList(
             {QStringLiteral("*.bunnyrec"), QStringLiteral("*.bunnyrec.gz")}, QDir::Files, QDir::Name))
        paths << info.absoluteFilePath();
    if (paths.isEmpty()) {
        showError(tr("This project has no recorded sessions yet."));
        return;
    }
    QString error;
    if (!openPlayer(paths, &error))
        showError(error);
}

PlayerWindow *MainWindow::replayStretch(const vcs::ReplayStretch &stretch)
{
    QString error;
    PlayerWindow *player = openPlayer(stretch.files, &error);
    if (!player) {
        showError(error);
        return nullptr;
    }
    // The player lays the files out by their start times, as the stretch search did; find them
    // by path anyway. The model maps recording times to its (idle-compressed) timeline.
    PlayerModel *model = player->model();
    const qsizetype first = model->paths().indexOf(stretch.files.first());
    const qsizetype last = model->paths().indexOf(stretch.files.last());
    if (first < 0 || last < first)
        return player;
    model->setStretch(std::size_t(first), stretch.startMs, std::size_t(last), stretch.endMs);
    player->seekTo(model->stretchStart());
    return player;
}

} // namespace bunny::app
