// A window with the VCS panel, a decorated file tree and a diff, over a sample repository made
// in a temporary folder: for looking at the widgets as a user (run under xvfb-run and take a
// screenshot). Not a test. Usage: vcspanel_demo [--history|--commit] [seconds-before-quit]

#include "recordingfixture.h"
#include "vcs/repository.h"
#include "vcsui/filestatusproxymodel.h"
#include "vcsui/historyview.h"
#include "vcsui/vcspanel.h"

#include <QApplication>
#include <QFileSystemModel>
#include <QHBoxLayout>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

using namespace bunny;

namespace {
void write(const QString &dir, const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(QDir(dir).filePath(path)).path());
    QFile file(QDir(dir).filePath(path));
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    const QString d = dir.path();
    auto repo = vcs::Repository::init(d);
    if (!repo)
        return 1;
    write(d, ".gitignore", "build/\n");
    write(d, "main.py", "def greet(name):\n    return 'Hello ' + name\n\nprint(greet('world'))\n");
    auto first = repo->commitAll("Greet the world", "Ada Lovelace", "ada@example.org");
    (void)repo->createTag("v0.1");
    write(d, "main.py",
          "def greet(name):\n    return f'Hello {name} 🐇'\n\nprint(greet('world'))\nprint(greet('é 中'))\n");
    write(d, "util.py", "def shout(text):\n    return text.upper()\n");
    auto second =
        repo->commitAll("Use f-strings and greet in two scripts", "Ada Lovelace", "ada@example.org");
    (void)repo->createBranch("experiment");
    write(d, "main.py",
          "from util import shout\n\ndef greet(name):\n    return shout(f'Hello {name} "
          "🐇')\n\nprint(greet('world'))\n");
    write(d, "notes.md", "# Notes\n");
    write(d, "build/out.txt", "generated\n");
    if (first && second) {
        vcs::test::writeRecording(d, "s1", "2026-11-28T10:00:00Z",
                                  {{4000, vcs::commitMarkerLabel(first->shortId, first->subject)}});
        vcs::test::writeRecording(d, "s2", "2026-11-28T12:00:00Z",
                                  {{2500, vcs::commitMarkerLabel(second->shortId, second->subject)}});
    }

    QWidget window;
    window.setWindowTitle(QStringLiteral("Bunny Code — version control"));
    auto *files = new QFileSystemModel(&window);
    files->setRootPath(d);
    auto *decorated = new vcsui::FileStatusProxyModel(&window);
    decorated->setSourceModel(files);
    auto *tree = new QTreeView(&window);
    tree->setModel(decorated);
    tree->setRootIndex(decorated->mapFromSource(files->index(d)));
    for (int column = 1; column < files->columnCount(); ++column)
        tree->hideColumn(column);
    tree->setHeaderHidden(true);
    auto *panel = new vcsui::VcsPanel(&window);
    QObject::connect(panel, &vcsui::VcsPanel::statusesChanged, decorated,
                     &vcsui::FileStatusProxyModel::setStatuses);
    auto *splitter = new QSplitter(&window);
    splitter->addWidget(tree);
    splitter->addWidget(panel);
    splitter->setSizes({220, 780});
    auto *layout = new QHBoxLayout(&window);
    layout->addWidget(splitter);
    window.resize(1000, 720);
    window.show();
    panel->setProjectPath(d);

    const QStringList args = app.arguments();
    if (args.contains(QStringLiteral("--history"))) {
        QTimer::singleShot(1000, panel, [panel] {
            panel->findChild<QTabWidget *>()->setCurrentIndex(1);
            auto *view = panel->historyView()->treeView();
            view->setCurrentIndex(view->model()->index(0, 0));
        });
    }
    if (args.contains(QStringLiteral("--commit")))
        QTimer::singleShot(1000, panel, &vcsui::VcsPanel::commitWithDialog);
    const int seconds = args.size() > 1 ? args.last().toInt() : 0;
    if (seconds > 0)
        QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    return app.exec();
}
