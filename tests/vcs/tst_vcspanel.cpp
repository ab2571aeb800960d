// The VCS panel on real widgets (offscreen) over real repositories and recording files.

#include "gitcli.h"
#include "recordingfixture.h"
#include "vcs/repository.h"
#include "vcsui/changesview.h"
#include "vcsui/filestatusstyle.h"
#include "vcsui/historymodel.h"
#include "vcsui/historyview.h"
#include "vcsui/vcspanel.h"

#include <QAction>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace bunny::vcs;
using namespace bunny::vcs::test;
using bunny::vcsui::HistoryModel;
using bunny::vcsui::VcsPanel;

namespace {
bool waitRefreshed(VcsPanel &panel)
{
    QSignalSpy refreshed(&panel, &VcsPanel::refreshed);
    return refreshed.wait(10000);
}
} // namespace

class tst_VcsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void historyListsCommitsWithAuthorTimeAndLabels()
    {
        QTemporaryDir dir;
        const QString d = dir.path();
        QCOMPARE(BUNNY_GIT(d, {"init", "-q", "-b", "main"}).exitCode, 0);
        QVERIFY(writeFile(d, "a.txt", "a\n"));
        QCOMPARE(BUNNY_GIT(d, {"add", "-A"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"commit", "-q", "-m", "First"}).exitCode, 0);
        QCOMPARE(BUNNY_GIT(d, {"tag", "v1"}).exitCode, 0);
        QVERIFY(writeFile(d, "a.txt", "b\n"));
        QCOMPARE(BUNNY_GIT(d, {"commit", "-q", "-am", "Second"}).exitCode, 0);

        VcsPanel panel;
        panel.resize(700, 600);
        panel.show();
        panel.setProjectPath(d);
        QVERIFY(waitRefreshed(panel));
        QVERIFY2(panel.errorText().isEmpty(), qPrintable(panel.errorText()));
        HistoryModel *model = panel.historyView()->model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, HistoryModel::Subject).data().toString(), QStringLiteral("Second"));
        QCOMPARE(model->index(0, HistoryModel::Author).data().toString(), QStringLiteral("Git Author"));
        QCOMPARE(model->index(0, HistoryModel::When).data().toString(), QStringLiteral("just now"));
        QCOMPARE(model->index(0, HistoryModel::Subject).data(HistoryModel::LabelsRole).toStringList(),
                 QStringList{"main"});
        QCOMPARE(model->index(1, HistoryModel::Subject).data(HistoryModel::LabelsRole).toStringList(),
                 QStringList{"tag: v1"});
        QCOMPARE(model->index(1, HistoryModel::Id).data().toString(),
                 QString::fromUtf8(BUNNY_GIT(d, {"rev-parse", "--short", "HEAD~1"}).out).trimmed());
    }

    void committingEmitsCommittedForTheRecordingMarker()
    {
        QTemporaryDir dir;
        QVERIFY(Repository::init(dir.path()));
        QVERIFY(writeFile(dir.path(), "main.py", "print(1)\n"));
        VcsPanel panel;
        panel.setProjectPath(dir.path());
        QVERIFY(waitRefreshed(panel));
        QCOMPARE(panel.changesView()->treeWidget()->topLevelItemCount(), 1);

        QSignalSpy committed(&panel, &VcsPanel::committed);
        QSignalSpy statuses(&panel, &VcsPanel::statusesChanged);
        panel.commitChanges("Print one\n\nbody", true, {"Ada", "ada@x"});
        QVERIFY(committed.wait(10000));
        const QString shortId = committed.at(0).at(0).toString();
        QCOMPARE(committed.at(0).at(1).toString(), QStringLiteral("Print one"));
        QVERIFY(committed.at(0).at(2).toDateTime().secsTo(QDateTime::currentDateTime()) < 3600);
        QCOMPARE(shortId,
                 QString::fromUtf8(BUNNY_GIT(dir.path(), {"rev-parse", "--short", "HEAD"}).out).trimmed());
        QTRY_COMPARE_WITH_TIMEOUT(panel.historyView()->model()->rowCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(panel.changesView()->treeWidget()->topLevelItemCount(), 0, 10000);
        QVERIFY(!statuses.isEmpty());
        using StatusMap = QMap<QString, FileStatus>;
        QVERIFY(statuses.last().at(1).value<StatusMap>().isEmpty());
    }

    void deletedFilesAreListedWithADStruckOutAndSentToTheTree()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(writeFile(dir.path(), "top.py", "1\n"));
        QVERIFY(writeFile(dir.path(), "pkg/mod.py", "2\n"));
        QVERIFY(writeFile(dir.path(), "pkg/kept.py", "3\n"));
        QVERIFY(repo->commitAll("First", "Ada", "a@x"));
        QVERIFY(QFile::remove(dir.filePath("top.py")));
        QVERIFY(QFile::remove(dir.filePath("pkg/mod.py")));

        VcsPanel panel;
        QSignalSpy statuses(&panel, &VcsPanel::statusesChanged);
        panel.setProjectPath(dir.path());
        QVERIFY(waitRefreshed(panel));
        QTreeWidget *tree = panel.changesView()->treeWidget();
        QCOMPARE(tree->topLevelItemCount(), 2);
        const QIcon deletedIcon = bunny::vcsui::statusIcon(FileStatus::Deleted);
        QCOMPARE(bunny::vcsui::statusLetter(FileStatus::Deleted), QStringLiteral("D"));
        for (int row = 0; row < 2; ++row) {
            QTreeWidgetItem *item = tree->topLevelItem(row);
            QCOMPARE(item->text(0), row == 0 ? QStringLiteral("pkg/mod.py") : QStringLiteral("top.py"));
            QCOMPARE(item->icon(0).cacheKey(), deletedIcon.cacheKey());
            QVERIFY(item->font(0).strikeOut());
            QCOMPARE(item->foreground(0).color(), bunny::vcsui::statusColor(FileStatus::Deleted));
            QCOMPARE(item->toolTip(0), QStringLiteral("Deleted since the last commit"));
        }
        QVERIFY(!statuses.isEmpty());
        const auto map = statuses.last().at(1).value<QMap<QString, FileStatus>>();
        QCOMPARE(map.value("top.py"), FileStatus::Deleted);
        QCOMPARE(map.value("pkg/mod.py"), FileStatus::Deleted);
    }

    void replayFindsTheStretchBetweenCommitsAcrossTwoSessions()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(writeFile(dir.path(), "main.py", "1\n"));
        auto first = repo->commitAll("First", "Ada", "a@x");
        QVERIFY(writeFile(dir.path(), "main.py", "2\n"));
        auto second = repo->commitAll("Second", "Ada", "a@x");
        QVERIFY(first && second);
        QVERIFY(writeRecording(dir.path(), "s1", "2026-11-28T10:00:00Z",
                               {{4000, commitMarkerLabel(first->shortId, first->subject)}}));
        QVERIFY(writeRecording(dir.path(), "s2", "2026-11-28T12:00:00.250Z",
                               {{2500, commitMarkerLabel(second->shortId, second->subject)}}));

        VcsPanel panel;
        panel.setProjectPath(dir.path());
        QVERIFY(waitRefreshed(panel));
        QCOMPARE(panel.historyView()->model()->rowCount(), 2);
        QSignalSpy replay(&panel, &VcsPanel::replayRequested);
        QSignalSpy stretches(&panel, &VcsPanel::replayStretchFound);

        // Through the history's context menu, as a user would.
        std::unique_ptr<QMenu> menu(panel.historyView()->createContextMenu(0, &panel));
        QVERIFY(menu);
        QAction *replayAction = menu->actions().value(0);
        QCOMPARE(replayAction->text(), QStringLiteral("Replay how this was written"));
        replayAction->trigger();
        QVERIFY(stretches.wait(10000));
        QCOMPARE(replay.size(), 1);
        QCOMPARE(replay.at(0).at(0).toDateTime(), first->time);
        QCOMPARE(replay.at(0).at(1).toDateTime(), second->time);
        QCOMPARE(replay.at(0).at(2).toString(), second->id);
        const auto stretch = stretches.at(0).at(0).value<ReplayStretch>();
        const QString recordings = dir.filePath(".bunny/recordings/");
        QCOMPARE(stretch.files, (QStringList{recordings + "s1.bunnyrec", recordings + "s2.bunnyrec"}));
        QCOMPARE(stretch.startMs, 4000);
        QCOMPARE(stretch.endMs, 2500);
        QCOMPARE(stretch.endTime, QDateTime::fromString("2026-11-28T12:00:02.750Z", Qt::ISODateWithMs));

        // The first commit: from the beginning of the first session.
        panel.requestReplay(panel.historyView()->model()->commits().at(1));
        QVERIFY(stretches.wait(10000));
        const auto firstStretch = stretches.at(1).at(0).value<ReplayStretch>();
        QCOMPARE(firstStretch.files, QStringList{recordings + "s1.bunnyrec"});
        QCOMPARE(firstStretch.startMs, 0);
        QCOMPARE(firstStretch.endMs, 4000);
        QVERIFY(!replay.at(1).at(0).toDateTime().isValid());
        QVERIFY(panel.errorText().isEmpty());
    }

    void replayWithoutRecordingShowsAReadableError()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(writeFile(dir.path(), "main.py", "1\n"));
        auto commit = repo->commitAll("Only", "Ada", "a@x");
        QVERIFY(commit);
        VcsPanel panel;
        panel.setProjectPath(dir.path());
        QVERIFY(waitRefreshed(panel));
        QSignalSpy errors(&panel, &VcsPanel::errorOccurred);
        QSignalSpy replay(&panel, &VcsPanel::replayRequested);
        panel.requestReplay(*commit);
        QVERIFY(errors.wait(10000));
        QVERIFY2(panel.errorText().contains("No recording"), qPrintable(panel.errorText()));
        QCOMPARE(replay.size(), 0);
    }

    void restoreAsksTheGuardThenOffersToDiscardChanges()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(writeFile(dir.path(), "a.txt", "one\n"));
        auto first = repo->commitAll("one", "Ada", "a@x");
        QVERIFY(writeFile(dir.path(), "a.txt", "two\n"));
        QVERIFY(repo->commitAll("two", "Ada", "a@x"));
        QVERIFY(writeFile(dir.path(), "a.txt", "unsaved three\n"));

        VcsPanel panel;
        panel.setProjectPath(dir.path());
        QVERIFY(waitRefreshed(panel));
        QStringList guarded, questions;
        bool allowed = false, discard = false;
        panel.setUnsavedChangesGuard([&](const QString &action) {
            guarded.append(action);
            return allowed;
        });
        panel.setConfirmation([&](const QString &, const QString &question) {
            questions.append(question);
            return questions.size() == 1 || discard; // yes to "restore?", then `discard`
        });
        QSignalSpy rewritten(&panel, &VcsPanel::workingTreeChanged);
        QSignalSpy errors(&panel, &VcsPanel::errorOccurred);

        panel.restoreVersion(*first); // the editor's guard says no: nothing happens
        QCOMPARE(guarded.size(), 1);
        QCOMPARE(readFile(dir.path(), "a.txt"), QByteArray("unsaved three\n"));

        allowed = true;
        questions.clear();
        panel.restoreVersion(*first); // refused over the uncommitted change; the user keeps it
        QVERIFY(errors.wait(10000));
        QCOMPARE(questions.size(), 2);
        QVERIFY2(questions.at(1).contains("a.txt"), qPrintable(questions.at(1)));
        QCOMPARE(readFile(dir.path(), "a.txt"), QByteArray("unsaved three\n"));
        QCOMPARE(rewritten.size(), 0);

        questions.clear();
        discard = true;
        panel.restoreVersion(*first);
        QVERIFY(rewritten.wait(10000));
        QCOMPARE(readFile(dir.path(), "a.txt"), QByteArray("one\n"));
    }

    void aBurstOfRefreshesReadsOnceMoreAndShowsTheLatestState()
    {
        QTemporaryDir dir;
        QVERIFY(Repository::init(dir.path()));
        VcsPanel panel;
        panel.setProjectPath(dir.path());
        QVERIFY(waitRefreshed(panel));
        QCOMPARE(panel.changesView()->treeWidget()->topLevelItemCount(), 0);
        QSignalSpy refreshed(&panel, &VcsPanel::refreshed);
        panel.refresh();
        QVERIFY(writeFile(dir.path(), "saved.py", "x = 1\n"));
        panel.refresh();
        panel.refresh();
        panel.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(panel.changesView()->treeWidget()->topLevelItemCount(), 1, 10000);
        QTest::qWait(200);
        QCOMPARE(refreshed.size(), 1); // the first read was stale when it came back
    }

    void aFolderWithoutRepositoryOffersToStartOne()
    {
        QTemporaryDir dir;
        VcsPanel panel;
        panel.setProjectPath(dir.path());
        QVERIFY(waitRefreshed(panel));
        QPushButton *start = nullptr;
        for (QPushButton *button : panel.findChildren<QPushButton *>())
            if (button->text() == QStringLiteral("Start keeping versions"))
                start = button;
        QVERIFY(start);
        start->click();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dir.filePath(".git/HEAD")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.snapshot().workdir.isEmpty(), 10000);
        QVERIFY(panel.errorText().isEmpty());
    }
};

QTEST_MAIN(tst_VcsPanel)
#include "tst_vcspanel.moc"
