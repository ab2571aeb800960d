// "Replay how this was written" end to end: the real main window records, commits through its
// Git dock, and opens a real player at the stretch between two commits, which stops at its end.

#include "gitcli.h"
#include "recordingfixture.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "player/playermodel.h"
#include "player/playerwindow.h"
#include "player/timelinewidget.h"
#include "recorder/recorder.h"
#include "ui/mainwindow.h"
#include "vcs/replaystretch.h"
#include "vcsui/historymodel.h"
#include "vcsui/historyview.h"
#include "vcsui/vcspanel.h"

#include <QApplication>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using bunny::app::MainWindow;
using bunny::app::PlayerModel;
using bunny::app::PlayerWindow;
using bunny::vcsui::VcsPanel;
using namespace bunny::vcs;
using namespace bunny::vcs::test;

namespace {

/// Makes a commit of every change through the dock, as the Commit action does without its
/// dialog, and waits until the history shows it.
bool commitInApp(MainWindow &window, const QString &message, int expectedCommits)
{
    window.tabs()->saveAll();
    VcsPanel *panel = window.vcsPanel();
    QSignalSpy committed(panel, &VcsPanel::committed);
    panel->commitChanges(message, true);
    if (!committed.wait(10000))
        return false;
    return QTest::qWaitFor([&] { return panel->historyView()->model()->rowCount() == expectedCommits; },
                           10000);
}

/// Plays until the player pauses by itself.
bool playUntilPaused(PlayerModel *model)
{
    QSignalSpy playing(model, &PlayerModel::playingChanged);
    model->setSpeed(PlayerModel::kMaxSpeed);
    model->play();
    return QTest::qWaitFor([&] { return !model->isPlaying(); }, 30000) && playing.size() == 2;
}

} // namespace

class tst_ReplayFromHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void replayOfACommitOpensThePlayerAtThePreviousCommitAndPausesAtThisOne()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "main.py", "print(1)\n"));
        MainWindow window;
        QVERIFY(window.openPath(dir.path()));
        window.setRecording(true);
        QVERIFY(window.recorder()->isRecording());
        const QString firstSession = window.recorder()->sessionPath();

        // Keep versions, as the dock's button does, then commit what session 1 wrote.
        VcsPanel *panel = window.vcsPanel();
        QPushButton *start = nullptr;
        const QList<QPushButton *> buttons = panel->findChildren<QPushButton *>();
        for (QPushButton *button : buttons) {
            if (button->text() == QStringLiteral("Start keeping versions"))
                start = button;
        }
        QVERIFY(start);
        QSignalSpy refreshed(panel, &VcsPanel::refreshed);
        start->click();
        QVERIFY(refreshed.wait(10000));
        window.editor()->append(QStringLiteral("print(2)\n"));
        QVERIFY(commitInApp(window, QStringLiteral("First"), 1));
        const QByteArray firstText = readFile(dir.path(), "main.py");
        QCOMPARE(firstText, QByteArray("print(1)\nprint(2)\n"));

        // A new session (sessions are told apart by their start second), edits, a commit, and
        // work after it that the replay of the commit must not show.
        window.setRecording(false);
        QTest::qWait(1100);
        window.setRecording(true);
        QVERIFY(window.recorder()->sessionPath() != firstSession);
        window.editor()->append(QStringLiteral("print(3)\n"));
        window.editor()->append(QStringLiteral("print(4)\n"));
        QVERIFY(commitInApp(window, QStringLiteral("Second"), 2));
        const QByteArray secondText = readFile(dir.path(), "main.py");
        window.editor()->append(QStringLiteral("print('after the commit')\n"));
        // Ended, so the player sees a finished session rather than one that may still grow.
        window.setRecording(false);

        // Replay the second commit from its history row.
        const CommitInfo second = panel->historyView()->model()->commits().at(0);
        QCOMPARE(second.subject, QStringLiteral("Second"));
        QSignalSpy found(panel, &VcsPanel::replayStretchFound);
        panel->requestReplay(second);
        QVERIFY(found.wait(10000));
        const auto stretch = found.at(0).at(0).value<ReplayStretch>();
        QCOMPARE(stretch.files.size(), 2);
        QVERIFY(stretch.fromPreviousCommit);
        PlayerWindow *player = nullptr;
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (auto *candidate = qobject_cast<PlayerWindow *>(widget))
                player = candidate;
        }
        QVERIFY(player);
        PlayerModel *model = player->model();
        QCOMPARE(model->paths(), stretch.files);

        // At the first commit's marker, showing the text of the first commit.
        QVERIFY(model->hasStretch());
        QVERIFY(model->stretchStart() > 0);
        QVERIFY(model->stretchEnd() > model->stretchStart());
        QVERIFY(model->stretchEnd() < model->duration());
        QCOMPARE(model->position(), model->stretchStart());
        QCOMPARE(model->focusedText().toUtf8(), firstText);
        QList<qint64> commitMarkers;
        for (const auto &marker : model->timeline().markers()) {
            if (marker.kind == QStringLiteral("commit"))
                commitMarkers.append(marker.time);
        }
        QCOMPARE(commitMarkers, (QList<qint64>{model->stretchStart(), model->stretchEnd()}));

        // The timeline shows the stretch as a band between the two commit markers.
        player->resize(900, 600);
        const QRect band = player->timelineWidget()->stretchRect();
        QCOMPARE(band.left(), player->timelineWidget()->xForTime(model->stretchStart()));
        QCOMPARE(band.right(), player->timelineWidget()->xForTime(model->stretchEnd()));
        QVERIFY(band.width() > 1);

        // Playing stops at the second commit, with its text; playing again goes on to the end.
        QVERIFY(playUntilPaused(model));
        QCOMPARE(model->position(), model->stretchEnd());
        QCOMPARE(model->focusedText().toUtf8(), secondText);
        QVERIFY(playUntilPaused(model));
        QCOMPARE(model->position(), model->duration());
        QCOMPARE(model->focusedText().toUtf8(), secondText + "print('after the commit')\n");
        player->close();
    }

    void stretchIsMappedOntoTheIdleCompressedTimeline()
    {
        // Recording times with long idle pauses; the second session is gzip-compressed.
        QTemporaryDir dir;
        QVERIFY(writeRecording(dir.path(), "s1", "2026-11-28T10:00:00Z", {{30000, "aaaa111 First"}}));
        QVERIFY(writeRecording(dir.path(), "s2", "2026-11-28T10:05:00Z",
                               {{45000, "bbbb222 Second"}, {90000, "cccc333 Third"}}, true));
        const QString recordings = dir.filePath(".bunny/recordings/");
        QVERIFY(QFile::rename(recordings + "s2.bunnyrec", recordings + "s2.bunnyrec.gz"));
        auto stretch = findReplayStretch(loadRecordingMarkers(dir.path()), "bbbb2220", {"aaaa1110"});
        QVERIFY(stretch);
        QCOMPARE(stretch->files, (QStringList{recordings + "s1.bunnyrec", recordings + "s2.bunnyrec.gz"}));

        MainWindow window;
        PlayerWindow *player = window.replayStretch(*stretch);
        QVERIFY(player);
        PlayerModel *model = player->model();
        // Compressed (2 s idle limit): s1's insert at 29,999 ms sits at 2,000, its markers at
        // 2,001; s2 follows one limit later (4,001), its insert at 6,001 and markers at 6,002.
        QVERIFY(model->idleCompression());
        QCOMPARE(model->stretchStart(), 2001);
        QCOMPARE(model->stretchEnd(), 6002);
        QCOMPARE(model->position(), 2001);
        QCOMPARE(model->focusedText(), QStringLiteral("x"));
        // Real time: 30,000 into s1; s2 starts one limit after s1's end, 45,000 into it.
        model->setIdleCompression(false);
        QCOMPARE(model->stretchStart(), 30000);
        QCOMPARE(model->stretchEnd(), 32000 + 45000);
        model->setIdleCompression(true);

        QVERIFY(playUntilPaused(model));
        QCOMPARE(model->position(), 6002);
        QVERIFY(model->position() < model->duration());
        player->close();
    }
};

QTEST_MAIN(tst_ReplayFromHistory)
#include "tst_replayfromhistory.moc"
