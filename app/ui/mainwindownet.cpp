// MainWindow's link to bunnyd (app/netui): account, publish, explore, run in the sandbox.
#include "ui/mainwindow.h"

#include "editor/editortabs.h"
#include "editor/lexers.h"
#include "netui/netcontroller.h"
#include "recorder/ignorematcher.h"
#include "recorder/recorder.h"

#include <QDockWidget>
#include <QMenu>

namespace bunny::app {

void MainWindow::createNet()
{
    netui::NetHooks hooks;
    hooks.projectPath = [this] { return m_projectPath; };
    hooks.currentFile = [this] { return currentFile(); };
    hooks.languageOf = [](const QString &file) { return languageForFile(file); };
    hooks.saveAll = [this] { return m_tabs->saveAll(); };
    // The recorder's rules: .gitignore, .bunnyignore and the built-in secrets stay home.
    hooks.excludeFilter = [this]() -> std::function<bool(const QString &)> {
        return [matcher = IgnoreMatcher(m_projectPath)](const QString &relativePath) {
            return matcher.isIgnored(relativePath);
        };
    };
    hooks.openProject = [this](const QString &path) {
        if (openPath(path)) {
            raise();
            activateWindow();
        }
    };
    hooks.console = m_console;
    hooks.showConsole = [this] { m_consoleDock->show(); };
    hooks.runStarted = [this](const QString &label, const QString &path) {
        m_recorder->runStarted(label, path);
    };
    hooks.addMarker = [this](const QString &kind, const QString &label) {
        m_recorder->addMarker(kind, label);
    };
    m_net = new netui::NetController(this, std::move(hooks));
    m_net->installMenus(m_fileMenu, m_runMenu, m_gitMenu);
}

} // namespace bunny::app
