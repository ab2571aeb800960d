// "Fork from here" commits as the author the commit dialog proposes, and runs off the UI thread.

#include "gitcli.h"
#include "recordingfixture.h"

#include "player/playerfork.h"
#include "player/playermodel.h"
#include "player/playerwindow.h"
#include "vcs/authorsettings.h"

#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using bunny::app::PlayerWindow;
using namespace bunny::vcs;
using namespace bunny::vcs::test;

namespace {
QString authorOfHead(const QString &dir)
{
    return QString::fromUtf8(git(dir, {"log", "-1", "--format=%an <%ae>"}).out).trimmed();
}
} // namespace

class tst_ForkAuthor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("bunny-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_forkauthor"));
    }

    void init()
    {
        QSettings().clear();
        AuthorSettings::setAccount({});
    }

    void forkCommitsAsTheAuthorTheCommitDialogProposes_data()
    {
        QTest::addColumn<QString>("savedName");
        QTest::addColumn<QString>("accountName");
        QTest::addColumn<QString>("expected");
        QTest::newRow("signedInAccount") << QString() << "Ada Account"
                                         << "Ada Account <ada@account.example>";
        QTest::newRow("savedInSettings") << "Saved Name"
                                         << "Ada Account"
                                         << "Saved Name <saved@example.org>";
        QTest::newRow("loginName") << QString() << QString() << "fork-tester <fork-tester@localhost>";
    }

    void forkCommitsAsTheAuthorTheCommitDialogProposes()
    {
        QFETCH(QString, savedName);
        QFETCH(QString, accountName);
        QFETCH(QString, expected);
        if (!savedName.isEmpty())
            AuthorSettings::save({savedName, QStringLiteral("saved@example.org")});
        if (!accountName.isEmpty())
            AuthorSettings::setAccount({accountName, QStringLiteral("ada@account.example")});
        const QByteArray user = qgetenv("USER");
        qputenv("USER", "fork-tester");
        // git's variables no longer decide: the app's settings do.
        qputenv("GIT_AUTHOR_NAME", "From The Environment");
        bunny::rec::Document document;
        QVERIFY(document.apply(bunny::rec::Event::keyframe(0, "main.py", "print(1)\n")));
        QTemporaryDir dir;
        const auto forked = bunny::app::writeFork(document, dir.filePath("fork"), QStringLiteral("Fork"));
        qputenv("USER", user);
        qunsetenv("GIT_AUTHOR_NAME");
        QVERIFY2(forked, forked ? "" : forked.message().c_str());
        QCOMPARE(authorOfHead(dir.filePath("fork")), expected);
    }

    void forkFromHereRunsInTheBackgroundWhileTheWindowShowsItIsBusy()
    {
        AuthorSettings::setAccount({QStringLiteral("Ada Account"), QStringLiteral("ada@account.example")});
        QTemporaryDir dir;
        QVERIFY(writeRecording(dir.path(), "s1", "2026-11-28T10:00:00Z", {{3000, "aaaa111 First"}}));
        PlayerWindow window;
        QVERIFY(window.openRecording(dir.filePath(".bunny/recordings/s1.bunnyrec")));
        window.seekTo(window.model()->duration());
        QAction *forkAction = nullptr;
        for (QAction *action : window.actions()) {
            if (action->text() == QStringLiteral("Fork from here…"))
                forkAction = action;
        }
        QVERIFY(forkAction);
        QSignalSpy forked(&window, &PlayerWindow::forked);
        const QString target = dir.filePath("fork");

        window.startFork(target);
        // Back at once: the result comes through the event loop, the window says it is busy.
        QVERIFY(window.isForking());
        QVERIFY(!forkAction->isEnabled());
        QCOMPARE(window.cursor().shape(), Qt::BusyCursor);
        QCOMPARE(forked.size(), 0);
        QVERIFY(forked.wait(20000));
        QCOMPARE(forked.at(0).at(0).toString(), target);
        QVERIFY(!window.isForking());
        QVERIFY(forkAction->isEnabled());
        QCOMPARE(window.cursor().shape(), Qt::ArrowCursor);
        QCOMPARE(readFile(target, "main.py"), QByteArray("x"));
        QCOMPARE(git(target, {"rev-list", "--count", "HEAD"}).out.trimmed(), QByteArray("1"));
        QCOMPARE(authorOfHead(target), QStringLiteral("Ada Account <ada@account.example>"));

        // A second fork into the now non-empty folder fails with a readable message.
        QSignalSpy failed(&window, &PlayerWindow::forkFailed);
        window.startFork(target);
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("not empty")),
                 qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(forked.size(), 1);
        QVERIFY(forkAction->isEnabled());
    }
};

QTEST_MAIN(tst_ForkAuthor)
#include "tst_forkauthor.moc"
