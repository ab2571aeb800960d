// The main window with its version control dock, recorder and player working together.
#include "projectfixture.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "player/playermodel.h"
#include "player/playerwindow.h"
#include "project/filetree.h"
#include "recorder/recorder.h"
#include "ui/mainwindow.h"
#include "vcs/repository.h"
#include "vcsui/vcspanel.h"

#include <recording/recording.h>

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using bunny::app::FileTree;
using bunny::app::MainWindow;
using bunny::app::PlayerWindow;
using namespace bunny::testing;

namespace {

PlayerWindow *openPlayerWindow()
{
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (auto *player = qobject_cast<PlayerWindow *>(widget); player && player->isVisible())
            return player;
    return nullptr;
}

} // namespace

class tst_Workspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void commitFromTheGitDockLeavesACommitMarkerInTheRecording()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.py")), "print(1)\n");
        {
            auto repo = bunny::vcs::Repository::init(dir.path());
            QVERIFY2(repo.ok(), repo.ok() ? "" : repo.message().c_str());
            QVERIFY(repo->commitAll(QStringLiteral("Start"), QStringLiteral("Ada"),
                                    QStringLiteral("ada@example.org")));
        }

        MainWindow window;
        QVERIFY(window.openPath(dir.path()));
        QVERIFY(window.recorder()->isRecording());
        window.editor()->insertAt(QStringLiteral("# é\n"), 0, 0);
        QVERIFY(window.tabs()->saveAll());

        QSignalSpy committed(window.vcsPanel(), &bunny::vcsui::VcsPanel::committed);
        window.vcsPanel()->commitChanges(QStringLiteral("Add a comment"), true);
        QVERIFY(committed.wait(10000));
        const QString shortId = committed.at(0).at(0).toString();

        const QString session = window.recorder()->sessionPath();
        auto recording = bunny::rec::Recording::load(session.toStdString());
        QVERIFY2(recording.ok(), recording.ok() ? "" : recording.message().c_str());
        bool found = false;
        for (const bunny::rec::Event &event : recording->events())
            if (event.code == bunny::rec::Code::Marker && event.arg == "commit")
                found = event.text == (shortId + QStringLiteral(" Add a comment")).toStdString();
        QVERIFY2(found, "no commit marker with the short id and subject");
    }

    void theProjectTreeShowsWhatChangedSinceTheLastCommit()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.py")), "print(1)\n");
        writeFile(dir.filePath(QStringLiteral("lib/util.py")), "x = 1\n");
        {
            auto repo = bunny::vcs::Repository::init(dir.path());
            QVERIFY2(repo.ok(), repo.ok() ? "" : repo.message().c_str());
            QVERIFY(repo->commitAll(QStringLiteral("Start"), QStringLiteral("Ada"),
                                    QStringLiteral("ada@example.org")));
        }
        MainWindow window;
        QVERIFY(window.openPath(dir.path()));
        FileTree *tree = window.tree();
        const QString main = dir.filePath(QStringLiteral("main.py"));
        const QString util = dir.filePath(QStringLiteral("lib/util.py"));
        QTRY_COMPARE_WITH_TIMEOUT(tree->fileStatus(main), bunny::vcs::FileStatus::Unmodified, 10000);

        window.editor()->insertAt(QStringLiteral("# changed\n"), 0, 0);
        QVERIFY(window.tabs()->saveAll());
        writeFile(util, "x = 2\n");
        QVERIFY(tree->createFile(dir.filePath(QStringLiteral("new.py"))));
        QTRY_COMPARE_WITH_TIMEOUT(tree->fileStatus(main), bunny::vcs::FileStatus::Modified, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(tree->fileStatus(dir.filePath(QStringLiteral("new.py"))),
                                  bunny::vcs::FileStatus::New, 10000);
        window.vcsPanel()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(tree->fileStatus(util), bunny::vcs::FileStatus::Modified, 10000);
        // The folder holding a change is coloured too, and the colour reaches the view.
        QTRY_VERIFY_WITH_TIMEOUT(tree->indexOfPath(dir.filePath(QStringLiteral("lib"))).isValid(), 10000);
        QVERIFY(tree->indexOfPath(dir.filePath(QStringLiteral("lib"))).data(Qt::ForegroundRole).isValid());
        QVERIFY(tree->indexOfPath(main)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Changed since the last commit")));

        QSignalSpy committed(window.vcsPanel(), &bunny::vcsui::VcsPanel::committed);
        window.vcsPanel()->commitChanges(QStringLiteral("Everything"), true);
        QVERIFY(committed.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(tree->fileStatus(main), bunny::vcs::FileStatus::Unmodified, 10000);
        QCOMPARE(tree->fileStatus(dir.filePath(QStringLiteral("new.py"))),
                 bunny::vcs::FileStatus::Unmodified);
    }

    void replayingTheProjectOpensItsSessionsInAPlayer()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.py")), "x = 1\n");
        MainWindow window;
        QVERIFY(window.openPath(dir.path()));
        window.editor()->insertAt(QStringLiteral("y = 2\n"), 1, 0);
        QVERIFY(window.tabs()->saveAll());
        QVERIFY(window.recorder()->flush());

        window.replayProjectSessions();
        PlayerWindow *player = openPlayerWindow();
        QVERIFY(player);
        QVERIFY(player->model()->isOpen());
        player->seekTo(player->model()->duration());
        const bunny::rec::Document &document = player->model()->document();
        QVERIFY(document.text("main.py"));
        QCOMPARE(QByteArray::fromStdString(*document.text("main.py")), QByteArray("x = 1\ny = 2\n"));
        player->close();
    }

    void aProjectWithoutSessionsSaysSoInsteadOfOpeningAPlayer()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.py")), "x = 1\n");
        MainWindow window;
        QVERIFY(window.openPath(dir.path()));
        window.setRecording(false);
        QDir(dir.filePath(QStringLiteral(".bunny/recordings"))).removeRecursively();
        window.replayProjectSessions();
        QVERIFY(!openPlayerWindow());
    }
};

QTEST_MAIN(tst_Workspace)
#include "tst_workspace.moc"
