#include "ui/mainwindow.h"

#include "netui/netcontroller.h"
#include "vcsui/vcspanel.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "editor/findbar.h"
#include "editor/lexers.h"
#include "project/filetree.h"
#include "project/recentprojects.h"
#include "recorder/recorder.h"
#include "recorder/sessionrecovery.h"
#include "run/runconsole.h"
#include "ui/settingsdialog.h"

#include <QApplication>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPalette>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QStyleFactory>
#include <QUrl>
#include <QVBoxLayout>

namespace bunny::app {

namespace {

QString projectKey(const QString &projectPath)
{
    const QByteArray hash = QCryptographicHash::hash(projectPath.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("recorder/project-") + QString::fromLatin1(hash.left(16));
}

void applyAppPalette(bool dark)
{
    static const QPalette original = QApplication::palette();
    if (!dark) {
        QApplication::setPalette(original);
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    palette.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    palette.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x30));
    palette.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    palette.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
    palette.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    palette.setColor(QPalette::Highlight, QColor(0x26, 0x4f, 0x78));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    palette.setColor(QPalette::ToolTipText, QColor(0xdf, 0xe1, 0xe5));
    palette.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
    QApplication::setPalette(palette);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    m_settings = EditorSettings::load();
    m_recorder = new Recorder(this);

    m_tabs = new EditorTabs(this);
    m_findBar = new FindBar(this);
    m_findBar->hide();

    m_recoveryBar = new QWidget(this);
    m_recoveryBar->setAutoFillBackground(true);
    m_recoveryBar->setStyleSheet(QStringLiteral("background: #fff4ce; color: #3a3000;"));
    m_recoveryLabel = new QLabel(m_recoveryBar);
    m_recoveryLabel->setWordWrap(true);
    auto *keep = new QPushButton(tr("Keep"), m_recoveryBar);
    auto *discard = new QPushButton(tr("Discard"), m_recoveryBar);
    auto *open = new QPushButton(tr("Show Folder"), m_recoveryBar);
    auto *barLayout = new QHBoxLayout(m_recoveryBar);
    barLayout->setContentsMargins(8, 4, 8, 4);
    barLayout->addWidget(m_recoveryLabel, 1);
    barLayout->addWidget(open);
    barLayout->addWidget(keep);
    barLayout->addWidget(discard);
    m_recoveryBar->hide();
    connect(keep, &QPushButton::clicked, this, &MainWindow::keepRecoveredSessions);
    connect(discard, &QPushButton::clicked, this, &MainWindow::discardRecoveredSessions);
    connect(open, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(sessionrecovery::recordingsDir(m_projectPath)));
    });

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_recoveryBar);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_findBar);
    setCentralWidget(central);

    m_tree = new FileTree(this);
    m_treeDock = new QDockWidget(tr("Project"), this);
    m_treeDock->setObjectName(QStringLiteral("projectDock"));
    m_treeDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, m_treeDock);

    m_console = new RunConsole(this);
    m_consoleDock = new QDockWidget(tr("Output"), this);
    m_consoleDock->setObjectName(QStringLiteral("outputDock"));
    m_consoleDock->setWidget(m_console);
    addDockWidget(Qt::BottomDockWidgetArea, m_consoleDock);
    m_consoleDock->hide();

    createMenus();
    createStatusBar();
    createVcs();
    createBattles();
    createNet();

    connect(m_tree, &FileTree::fileActivated, this, [this](const QString &path) { m_tabs->openFile(path); });
    connect(m_tree, &FileTree::errorOccurred, this, &MainWindow::showError);
    // The recorder hears of a tree change before the tabs follow it, so a renamed file's
    // next edit already has its new name in the recording.
    connect(m_tree, &FileTree::fileCreated, m_recorder, &Recorder::fileCreated);
    connect(m_tree, &FileTree::pathRenamed, m_recorder, &Recorder::pathRenamed);
    connect(m_tree, &FileTree::pathRemoved, m_recorder, &Recorder::pathRemoved);
    connect(m_tree, &FileTree::pathRenamed, m_tabs, &EditorTabs::pathRenamed);
    connect(m_tree, &FileTree::pathRemoved, m_tabs, &EditorTabs::pathRemoved);
    // After a restore or branch switch (open editors reload first, in createVcs), files not
    // open are compared with the recording too.
    connect(m_vcsPanel, &vcsui::VcsPanel::workingTreeChanged, m_recorder, &Recorder::syncWithDisk);
    connect(m_tabs, &EditorTabs::editorOpened, this, &MainWindow::onEditorOpened);
    connect(m_tabs, &EditorTabs::currentEditorChanged, this, &MainWindow::onCurrentEditorChanged);
    connect(m_tabs, &EditorTabs::errorOccurred, this, &MainWindow::showError);
    connect(m_console, &RunConsole::output, m_recorder, &Recorder::runOutput);
    connect(m_console, &RunConsole::finished, m_recorder, &Recorder::runFinished);
    connect(m_recorder, &Recorder::recordingChanged, this, &MainWindow::updateRecIndicator);
    connect(m_recorder, &Recorder::failed, this, [this](const QString &message) {
        m_recorderError = message;
        showError(message);
        updateRecIndicator();
    });

    applySettings(m_settings);
    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 760);
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray()))
        giveTheEditorRoom();
}

void MainWindow::giveTheEditorRoom()
{
    // First start: narrow side panels, so the editor has most of the width (the dock layout
    // would otherwise share it evenly with the version panel).
    QList<QDockWidget *> docks;
    QList<int> widths;
    for (auto *dock : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly)) {
        const Qt::DockWidgetArea area = dockWidgetArea(dock);
        if (area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea) {
            docks << dock;
            widths << (area == Qt::LeftDockWidgetArea ? 220 : 320);
        }
    }
    resizeDocks(docks, widths, Qt::Horizontal);
}

MainWindow::~MainWindow()
{
    m_recorder->stop();
}

QString MainWindow::currentFile() const
{
    CodeEditor *current = editor();
    return current ? current->filePath() : QString();
}

CodeEditor *MainWindow::editor() const
{
    return m_tabs->currentEditor();
}

bool MainWindow::openPath(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        showError(tr("%1 does not exist.").arg(path));
        return false;
    }
    if (!m_tabs->closeAll())
        return false;
    m_recorder->stop();
    m_findBar->hide();

    m_projectPath = QDir::cleanPath(info.isDir() ? info.absoluteFilePath() : info.absolutePath());
    m_tree->setRootPath(m_projectPath);
    m_vcsPanel->setProjectPath(m_projectPath);
    setWindowTitle(tr("%1 — Bunny Code").arg(QFileInfo(m_projectPath).fileName()));
    recentprojects::add(m_projectPath);
    rebuildRecentMenu();

    m_recovered = sessionrecovery::unfinishedSessions(m_projectPath);
    showRecovery();
    m_recorderError.clear();
    const bool record = QSettings().value(projectKey(m_projectPath), m_settings.recorderEnabled).toBool();
    m_recordAction->setChecked(record);
    if (record)
        startRecorder();
    updateRecIndicator();

    QString focus;
    if (info.isFile()) {
        focus = info.absoluteFilePath();
    } else {
        // A folder opens with its most likely entry point, so the window is never empty.
        for (const char *name : {"main.py", "hello.py", "main.cpp", "main.c", "main.go", "main.rs",
                                 "index.js", "Main.java", "README.md"}) {
            if (QFileInfo(m_projectPath + QLatin1Char('/') + QLatin1String(name)).isFile()) {
                focus = m_projectPath + QLatin1Char('/') + QLatin1String(name);
                break;
            }
        }
    }
    if (!focus.isEmpty()) {
        if (CodeEditor *opened = m_tabs->openFile(focus)) {
            opened->setCursorPosition(0, 0);
            opened->setFocus();
            m_tree->selectPath(focus);
        }
    }
    updateStatus();
    return true;
}

void MainWindow::startRecorder()
{
    const Result<void> started = m_recorder->start(m_projectPath);
    if (!started) {
        m_recorderError = QString::fromStdString(started.message());
        showError(m_recorderError);
    }
    // Editors already open (the recorder was switched on later) start with a keyframe.
    for (CodeEditor *open : m_tabs->editors())
        m_recorder->attach(open);
    if (CodeEditor *current = editor())
        m_recorder->focusChanged(current->filePath());
}

void MainWindow::setRecording(bool on)
{
    QSettings().setValue(projectKey(m_projectPath), on);
    m_recordAction->setChecked(on);
    m_recorderError.clear();
    if (on && !m_recorder->isRecording() && !m_projectPath.isEmpty())
        startRecorder();
    else if (!on)
        m_recorder->stop();
    updateRecIndicator();
}

void MainWindow::showRecovery()
{
    if (m_recovered.isEmpty()) {
        m_recoveryBar->hide();
        return;
    }
    QStringList names;
    for (const QString &session : std::as_const(m_recovered))
        names.append(QFileInfo(session).fileName());
    m_recoveryLabel->setText(
        tr("A recording session of this project was cut short (the app did not close cleanly). "
           "It is recovered up to its last second: %1")
            .arg(names.join(QStringLiteral(", "))));
    m_recoveryBar->show();
}

void MainWindow::keepRecoveredSessions()
{
    for (const QString &session : std::as_const(m_recovered))
        sessionrecovery::acknowledge(session);
    m_recovered.clear();
    showRecovery();
}

void MainWindow::discardRecoveredSessions()
{
    for (const QString &session : std::as_const(m_recovered))
        sessionrecovery::discard(session);
    m_recovered.clear();
    showRecovery();
}

void MainWindow::onEditorOpened(CodeEditor *opened)
{
    opened->applySettings(m_settings);
    connect(opened, &QsciScintilla::cursorPositionChanged, this, [this, opened] {
        if (opened == editor())
            updateStatus();
    });
    m_recorder->attach(opened);
}

void MainWindow::onCurrentEditorChanged(CodeEditor *current)
{
    m_findBar->setEditor(current);
    if (current) {
        m_recorder->focusChanged(current->filePath());
        m_tree->selectPath(current->filePath());
    }
    updateStatus();
}

void MainWindow::updateStatus()
{
    CodeEditor *current = editor();
    if (!current) {
        m_position->clear();
        m_language->clear();
        return;
    }
    int line = 0, index = 0;
    current->getCursorPosition(&line, &index);
    m_position->setText(tr("Ln %1, Col %2").arg(line + 1).arg(index + 1));
    m_language->setText(languageDisplayName(current->language()));
}

QString MainWindow::statusPosition() const
{
    return m_position->text();
}

QString MainWindow::statusLanguage() const
{
    return m_language->text();
}

QString MainWindow::recIndicatorText() const
{
    return m_rec->text();
}

void MainWindow::updateRecIndicator()
{
    if (m_recorder->isRecording()) {
        m_rec->setText(QStringLiteral("● REC"));
        m_rec->setStyleSheet(QStringLiteral("color: #d02020; font-weight: bold;"));
        m_rec->setToolTip(tr("Recording this session to %1").arg(m_recorder->sessionPath()));
    } else if (!m_recorderError.isEmpty()) {
        m_rec->setText(QStringLiteral("⚠ REC"));
        m_rec->setStyleSheet(QStringLiteral("color: #b07000; font-weight: bold;"));
        m_rec->setToolTip(m_recorderError);
    } else {
        m_rec->setText(tr("REC off"));
        m_rec->setStyleSheet(QStringLiteral("color: gray;"));
        m_rec->setToolTip(tr("This project is not recorded (Recording > Record This Project)."));
    }
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 10000);
}

void MainWindow::applySettings(const EditorSettings &settings)
{
    m_settings = settings;
    m_tabs->applySettings(settings);
    m_darkAction->setChecked(settings.darkTheme);
    applyAppPalette(settings.darkTheme);
    if (m_net)
        m_net->setServerUrl(settings.serverUrl);
}

void MainWindow::runCurrentFile()
{
    CodeEditor *current = editor();
    if (!current) {
        showError(tr("Open a file to run it."));
        return;
    }
    m_tabs->saveAll();
    m_consoleDock->show();
    m_recorder->runStarted(QFileInfo(current->filePath()).fileName(), current->filePath());
    m_console->run(current->language(), current->filePath(), m_projectPath);
}

void MainWindow::goToLine(int line)
{
    CodeEditor *current = editor();
    if (!current)
        return;
    const int target = std::clamp(line, 1, current->lines()) - 1;
    current->setCursorPosition(target, 0);
    current->ensureLineVisible(target);
    current->setFocus();
}

void MainWindow::goToLineDialog()
{
    CodeEditor *current = editor();
    if (!current)
        return;
    int line = 0, index = 0;
    current->getCursorPosition(&line, &index);
    bool ok = false;
    const int target = QInputDialog::getInt(this, tr("Go to Line"), tr("Line (1–%1):").arg(current->lines()),
                                            line + 1, 1, current->lines(), 1, &ok);
    if (ok)
        goToLine(target);
}

void MainWindow::addVcsDock(QDockWidget *dock)
{
    addDockWidget(Qt::RightDockWidgetArea, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    m_gitMenu->menuAction()->setVisible(true);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_tabs->closeAll()) {
        event->ignore();
        return;
    }
    m_console->stop();
    m_recorder->stop();
    QSettings settings;
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    event->accept();
}

void MainWindow::openFolderDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Folder"), m_projectPath);
    if (!dir.isEmpty())
        openPath(dir);
}

void MainWindow::openFileDialog()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open File"), m_projectPath);
    if (file.isEmpty())
        return;
    if (file.startsWith(m_projectPath + QLatin1Char('/')))
        m_tabs->openFile(file);
    else
        openPath(file);
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const EditorSettings settings = dialog.settings();
    settings.save();
    applySettings(settings);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList projects = recentprojects::list();
    for (const QString &project : projects) {
        m_recentMenu->addAction(project, this, [this, project] { openPath(project); });
    }
    m_recentMenu->setEnabled(!projects.isEmpty());
}

} // namespace bunny::app
