// The main window's Battles menu: the lobby, from which battle windows and replays open.
#include "ui/mainwindow.h"

#include "battleui/lobbywindow.h"
#include "netui/netcontroller.h"
#include "player/playerwindow.h"

#include <QMenuBar>

namespace bunny::app {

void MainWindow::createBattles()
{
    auto *menu = new QMenu(tr("&Battles"), this);
    QAction *lobby = menu->addAction(tr("Battle Lobby…"), this, [this] { openBattleLobby(); });
    lobby->setShortcut(QKeySequence(tr("Ctrl+Shift+B")));
    // Before Help, which stays last.
    const QList<QAction *> menus = menuBar()->actions();
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), menu);
}

battleui::LobbyWindow *MainWindow::openBattleLobby()
{
    if (!m_lobby) {
        // The same signed-in account as publishing and explore: one sign-in for the whole app.
        m_lobby = new battleui::LobbyWindow(m_net->session());
        m_lobby->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_lobby, &battleui::LobbyWindow::replayOpened, this, [this](PlayerWindow *player) {
            connect(player, &PlayerWindow::forked, this,
                    [this](const QString &projectPath) { openPath(projectPath); });
        });
    }
    m_lobby->show();
    m_lobby->raise();
    m_lobby->activateWindow();
    return m_lobby;
}

} // namespace bunny::app
