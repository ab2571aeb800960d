#include "player/playerlaunch.h"

#include "player/playerwindow.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>

namespace bunny::app {

QStringList recordingsToReplay(const QStringList &replayValues, const QStringList &positional)
{
    QStringList result;
    for (const QString &path : replayValues)
        result << QFileInfo(path).absoluteFilePath();
    for (const QString &path : positional) {
        if (path.endsWith(QLatin1String(".bunnyrec"), Qt::CaseInsensitive) ||
            path.endsWith(QLatin1String(".bunnyrec.gz"), Qt::CaseInsensitive))
            result << QFileInfo(path).absoluteFilePath();
    }
    return result;
}

int runPlayer(const QStringList &recordings)
{
    PlayerWindow player;
    if (const auto opened = player.openRecordings(recordings); !opened) {
        QMessageBox::critical(nullptr, QObject::tr("Cannot open the recording"),
                              QString::fromStdString(opened.message()));
        return 1;
    }
    QObject::connect(&player, &PlayerWindow::forked, &player, [](const QString &projectPath) {
        auto *window = new MainWindow;
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->openPath(projectPath);
        window->show();
    });
    player.show();
    return QApplication::exec();
}

} // namespace bunny::app
