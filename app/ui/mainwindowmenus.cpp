// MainWindow's menus, shortcuts and status bar, apart from its behaviour in mainwindow.cpp.
#include "ui/mainwindow.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "editor/findbar.h"
#include "project/filetree.h"
#include "recorder/recorder.h"
#include "recorder/sessionrecovery.h"
#include "run/runconsole.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QUrl>

namespace bunny::app {

void MainWindow::createMenus()
{
    // Shortcuts follow VS Code first, with Qt Creator's as alternates where they differ.
    auto withEditor = [this](auto call) {
        return [this, call] {
            if (CodeEditor *current = editor())
                call(current);
        };
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_fileMenu = file;
    file->addAction(tr("New File…"), QKeySequence::New, m_tree,
                    [this] { m_tree->newFileInteractive(false); });
    file->addAction(tr("New Folder…"), m_tree, [this] { m_tree->newFileInteractive(true); });
    file->addSeparator();
    file->addAction(tr("Open File…"), QKeySequence::Open, this, &MainWindow::openFileDialog);
    QAction *openFolder = file->addAction(tr("Open Folder…"), this, &MainWindow::openFolderDialog);
    openFolder->setShortcuts({QKeySequence(tr("Ctrl+K, Ctrl+O")), QKeySequence(tr("Ctrl+Shift+O"))});
    m_recentMenu = file->addMenu(tr("Open Recent"));
    QAction *openRecordingAnchor = file->addSeparator();
    // The server's items (Explore) go in a group of their own before Save.
    file->addSeparator()->setObjectName(QStringLiteral("serverGroupEnd"));
    file->addAction(tr("Save"), QKeySequence::Save, m_tabs, &EditorTabs::saveCurrent);
    QAction *saveAll = file->addAction(tr("Save All"), m_tabs, &EditorTabs::saveAll);
    saveAll->setShortcuts({QKeySequence(tr("Ctrl+Alt+S")), QKeySequence(tr("Ctrl+Shift+S"))});
    QAction *close = file->addAction(tr("Close Tab"), this, [this] {
        if (m_tabs->currentIndex() >= 0)
            m_tabs->closeTab(m_tabs->currentIndex());
    });
    close->setShortcuts({QKeySequence(tr("Ctrl+W")), QKeySequence(tr("Ctrl+F4"))});
    file->addSeparator();
    file->addAction(tr("Settings…"), QKeySequence(tr("Ctrl+,")), this, &MainWindow::showSettings);
    file->addSeparator();
    file->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("Undo"), QKeySequence::Undo, this, withEditor([](CodeEditor *e) { e->undo(); }));
    QAction *redo = edit->addAction(tr("Redo"), this, withEditor([](CodeEditor *e) { e->redo(); }));
    redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    edit->addSeparator();
    edit->addAction(tr("Cut"), QKeySequence::Cut, this, withEditor([](CodeEditor *e) { e->cut(); }));
    edit->addAction(tr("Copy"), QKeySequence::Copy, this, withEditor([](CodeEditor *e) { e->copy(); }));
    edit->addAction(tr("Paste"), QKeySequence::Paste, this, withEditor([](CodeEditor *e) { e->paste(); }));
    edit->addAction(tr("Select All"), QKeySequence::SelectAll, this,
                    withEditor([](CodeEditor *e) { e->selectAll(); }));
    edit->addSeparator();
    edit->addAction(tr("Find…"), QKeySequence::Find, this, [this] { m_findBar->showFind(false); });
    edit->addAction(tr("Replace…"), QKeySequence(tr("Ctrl+H")), this, [this] { m_findBar->showFind(true); });
    edit->addAction(tr("Find Next"), QKeySequence::FindNext, this, [this] { m_findBar->findNext(true); });
    edit->addAction(tr("Find Previous"), QKeySequence::FindPrevious, this,
                    [this] { m_findBar->findNext(false); });
    QAction *goTo = edit->addAction(tr("Go to Line…"), this, &MainWindow::goToLineDialog);
    goTo->setShortcuts({QKeySequence(tr("Ctrl+G")), QKeySequence(tr("Ctrl+L"))});
    edit->addSeparator();
    edit->addAction(tr("Toggle Comment"), QKeySequence(tr("Ctrl+/")), this,
                    withEditor([](CodeEditor *e) { e->toggleComment(); }));
    edit->addAction(tr("Add Next Occurrence"), QKeySequence(tr("Ctrl+D")), this,
                    withEditor([](CodeEditor *e) { e->addNextOccurrence(); }));
    edit->addAction(tr("Select All Occurrences"), QKeySequence(tr("Ctrl+Shift+L")), this,
                    withEditor([](CodeEditor *e) { e->selectAllOccurrences(); }));
    edit->addAction(tr("Add Caret Above"), QKeySequence(tr("Ctrl+Alt+Up")), this,
                    withEditor([](CodeEditor *e) { e->addCaret(-1); }));
    edit->addAction(tr("Add Caret Below"), QKeySequence(tr("Ctrl+Alt+Down")), this,
                    withEditor([](CodeEditor *e) { e->addCaret(1); }));
    edit->addAction(tr("Complete"), QKeySequence(tr("Ctrl+Space")), this,
                    withEditor([](CodeEditor *e) { e->autoCompleteFromAll(); }));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *zoomIn =
        m_viewMenu->addAction(tr("Zoom In"), this, withEditor([](CodeEditor *e) { e->zoomIn(); }));
    zoomIn->setShortcuts({QKeySequence(tr("Ctrl+=")), QKeySequence(tr("Ctrl++"))});
    m_viewMenu->addAction(tr("Zoom Out"), QKeySequence(tr("Ctrl+-")), this,
                          withEditor([](CodeEditor *e) { e->zoomOut(); }));
    m_viewMenu->addAction(tr("Reset Zoom"), QKeySequence(tr("Ctrl+0")), this,
                          withEditor([](CodeEditor *e) { e->zoomTo(0); }));
    m_viewMenu->addSeparator();
    m_darkAction = m_viewMenu->addAction(tr("Dark Theme"), this, [this](bool dark) {
        EditorSettings settings = m_settings;
        settings.darkTheme = dark;
        settings.save();
        applySettings(settings);
    });
    m_darkAction->setCheckable(true);
    m_viewMenu->addSeparator();
    QAction *treeToggle = m_treeDock->toggleViewAction();
    treeToggle->setShortcut(QKeySequence(tr("Ctrl+B")));
    m_viewMenu->addAction(treeToggle);
    QAction *outputToggle = m_consoleDock->toggleViewAction();
    outputToggle->setShortcut(QKeySequence(tr("Ctrl+J")));
    m_viewMenu->addAction(outputToggle);

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    m_runMenu = run;
    QAction *runAction = run->addAction(tr("Run File"), this, &MainWindow::runCurrentFile);
    runAction->setShortcuts({QKeySequence(tr("F5")), QKeySequence(tr("Ctrl+R"))});
    run->addAction(tr("Stop"), QKeySequence(tr("Shift+F5")), m_console, &RunConsole::stop);
    // Ctrl+D does it in the output's input line; here without a key (Ctrl+D adds a caret).
    run->addAction(tr("Send End of Input"), m_console, &RunConsole::sendEndOfInput);

    // Filled by the version control side (app/vcsui); hidden until it has something to offer.
    m_gitMenu = menuBar()->addMenu(tr("&Git"));
    m_gitMenu->menuAction()->setVisible(false);

    QMenu *recording = menuBar()->addMenu(tr("Re&cording"));
    m_recordAction = recording->addAction(tr("Record This Project"), this, &MainWindow::setRecording);
    m_recordAction->setCheckable(true);
    recording->addAction(tr("Open Recordings Folder"), this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(sessionrecovery::recordingsDir(m_projectPath)));
    });
    createPlayerActions(file, openRecordingAnchor, recording);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About Bunny Code"), this, [this] {
        QMessageBox::about(
            this, tr("About Bunny Code"),
            tr("<b>Bunny Code %1</b><p>Edit code, record every edit, replay it like a video.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createStatusBar()
{
    m_position = new QLabel(this);
    m_language = new QLabel(this);
    m_encoding = new QLabel(QStringLiteral("UTF-8"), this);
    m_rec = new QLabel(this);
    for (QLabel *label : {m_position, m_language, m_encoding, m_rec}) {
        label->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(label);
    }
    updateRecIndicator();
}

} // namespace bunny::app
