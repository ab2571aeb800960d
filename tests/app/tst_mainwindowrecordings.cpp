// The main window's ways to open a recording besides File > Open Recording: a .bunnyrec dropped
// anywhere on it (the editor too), and File > Open Recent Recording.
#include "editor/codeeditor.h"
#include "player/playermodel.h"
#include "player/playerwindow.h"
#include "recordingfactory.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using bunny::app::MainWindow;
using bunny::app::PlayerWindow;
using namespace bunny::testing;

namespace {

QList<PlayerWindow *> playerWindows()
{
    QList<PlayerWindow *> players;
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *player = qobject_cast<PlayerWindow *>(widget))
            players << player;
    }
    return players;
}

void closePlayers()
{
    for (PlayerWindow *player : playerWindows())
        delete player;
}

/// Drags `mime` over `target` and drops it there, as a file manager does. True if accepted.
bool dragAndDrop(QWidget *target, QMimeData *mime)
{
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, {});
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, {});
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

} // namespace

class tst_MainWindowRecordings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_project;
    QString m_recording;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("player/recentRecordings"));
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("project"));
        QVERIFY(QDir().mkpath(m_project));
        QVERIFY(writeFile(m_project + QStringLiteral("/main.py"), "print('hi')\n"));
        m_recording = m_dir.filePath(QStringLiteral("talk.bunnyrec"));
        QVERIFY(
            writeFile(m_recording, serializeRecording(generateRecording(3, 200, "2026-11-29T05:00:00Z"))));
    }

    void cleanup() { closePlayers(); }

    void aRecordingDroppedOnTheEditorOpensInAPlayer()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_project));
        window.show();
        QVERIFY(window.editor());
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_recording)});
        mime.setText(QUrl::fromLocalFile(m_recording).toString()); // as file managers add
        const QByteArray before = window.editor()->textBytes();
        QVERIFY(dragAndDrop(window.editor()->viewport(), &mime));
        QCOMPARE(playerWindows().size(), 1);
        QCOMPARE(playerWindows().first()->model()->paths(), QStringList{m_recording});
        QCOMPARE(window.editor()->textBytes(), before); // not pasted as text
    }

    void otherFilesDroppedAreLeftToTheWindow()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_project));
        window.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_project + QStringLiteral("/main.py"))});
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, {});
        enter.ignore();
        QApplication::sendEvent(&window, &enter);
        QVERIFY(playerWindows().isEmpty());
    }

    void openRecentRecordingListsWhatPlayersOpened()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_project));
        auto *recent = window.findChild<QMenu *>(QStringLiteral("recentRecordings"));
        QVERIFY(recent);
        QVERIFY(recent->menuAction()->isVisible());
        QVERIFY(window.openPlayer({m_recording}));
        closePlayers();
        Q_EMIT recent->aboutToShow();
        const QList<QAction *> entries = recent->actions();
        QVERIFY(!entries.isEmpty());
        QCOMPARE(entries.first()->text(), QFileInfo(m_recording).absoluteFilePath());
        entries.first()->trigger();
        QCOMPARE(playerWindows().size(), 1);
        QCOMPARE(playerWindows().first()->model()->paths(),
                 QStringList{QFileInfo(m_recording).absoluteFilePath()});
    }
};

QTEST_MAIN(tst_MainWindowRecordings)
#include "tst_mainwindowrecordings.moc"
