#include "player/playerlaunch.h"
#include "project/recentprojects.h"
#include "project/sampleproject.h"
#include "ui/mainwindow.h"
#include "ui/screenshotdriver.h"
#include "ui/testdriver.h"

#include <core/version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("bunny"));
    QApplication::setOrganizationName(QStringLiteral("Bunny Code"));
    QApplication::setApplicationVersion(
        QString::fromUtf8(bunny::version().data(), qsizetype(bunny::version().size())));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Bunny Code: edit, record and replay code"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QStringLiteral("A project folder or a file to open (default: the last project)."));
    const QCommandLineOption replay(QStringLiteral("replay"), QStringLiteral("Replay a recording."),
                                    QStringLiteral("file"));
    parser.addOption(replay);
    parser.process(app);

    const QStringList recordings =
        bunny::app::recordingsToReplay(parser.values(replay), parser.positionalArguments());
    if (!recordings.isEmpty())
        return bunny::app::runPlayer(recordings);

    QString path = parser.positionalArguments().value(0);
    if (path.isEmpty())
        path = bunny::app::recentprojects::last();
    if (path.isEmpty())
        path = bunny::app::ensureSampleProject();
    path = QDir::current().absoluteFilePath(path);
    if (!QFileInfo::exists(path)) {
        std::fprintf(stderr, "bunny: %s does not exist\n", qPrintable(QDir::toNativeSeparators(path)));
        return 2;
    }

    bunny::app::MainWindow window;
    window.openPath(path);
    window.show();
    bunny::app::startTestDriverFromEnvironment(&window);
    bunny::app::startScreenshotFromEnvironment(&window);
    return QApplication::exec();
}
