#include "ui/screenshotdriver.h"

#include "net/accountsession.h"
#include "netui/accountdialog.h"
#include "netui/explorewindow.h"
#include "netui/netcontroller.h"
#include "netui/publishdialog.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QJsonObject>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QScreen>
#include <QTimer>
#include <QTreeWidget>

#include <cstdio>
#include <functional>

namespace bunny::app {

namespace {
constexpr int kSceneTimeoutMs = 30000;
// Long enough for the window manager to frame and place the windows and for them to paint.
constexpr int kSettleMs = 1000;

void finish(MainWindow *window, int code, const QString &message)
{
    std::fprintf(code == 0 ? stdout : stderr, "bunny-screenshot: %s\n", qPrintable(message));
    std::fflush(code == 0 ? stdout : stderr);
    // Closed like a person closes it, so the recording session ends cleanly.
    window->close();
    QCoreApplication::exit(code);
}

QPixmap grabScreen(QWidget *window)
{
    QScreen *screen = window->screen();
    QPixmap shot = screen ? screen->grabWindow(0) : QPixmap();
    if (!shot.isNull())
        return shot;
    // A platform that cannot read the screen back (offscreen): paint the windows, the main one
    // first, where they stand.
    shot = QPixmap(screen ? screen->geometry().size() : window->size());
    shot.fill(Qt::black);
    QPainter painter(&shot);
    painter.drawPixmap(window->geometry().topLeft(), window->grab());
    for (QWidget *w : QApplication::topLevelWidgets())
        if (w != window && w->isVisible())
            painter.drawPixmap(w->geometry().topLeft(), w->grab());
    return shot;
}

/// Saves the screen after the windows settled, then goes on with `then` (or quits).
void shoot(MainWindow *window, const QString &file, const std::function<void()> &then = {})
{
    QTimer::singleShot(kSettleMs, window, [window, file, then] {
        if (!grabScreen(window).save(file))
            return finish(window, 1, QStringLiteral("cannot save %1").arg(file));
        std::printf("bunny-screenshot: saved %s\n", qPrintable(file));
        std::fflush(stdout);
        if (then)
            then();
        else
            finish(window, 0, QStringLiteral("done"));
    });
}

/// Runs `then` once the session saved by an earlier run is restored.
void whenSignedIn(MainWindow *window, const std::function<void()> &then)
{
    net::AccountSession *session = window->net()->session();
    if (session->isSignedIn())
        return then();
    QObject::connect(
        session, &net::AccountSession::signedIn, window, [then] { then(); }, Qt::SingleShotConnection);
}

void signInScene(MainWindow *window, const QString &file)
{
    auto *dialog =
        new netui::AccountDialog(window->net()->session(), netui::AccountDialog::Mode::SignIn, window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->loginField()->setText(qEnvironmentVariable("BUNNY_SCREENSHOT_USER"));
    dialog->passwordField()->setText(qEnvironmentVariable("BUNNY_SCREENSHOT_PASSWORD"));
    dialog->show();
    dialog->passwordField()->setFocus();
    shoot(window, file, [window, dialog] {
        QObject::connect(
            window->net()->session(), &net::AccountSession::signedIn, window,
            [window](const net::Account &account) {
                finish(window, 0, QStringLiteral("signed in as %1").arg(account.username));
            },
            Qt::SingleShotConnection);
        // A refusal stays in the dialog; say it, and the scene's time limit ends the run.
        QObject::connect(dialog, &netui::AccountDialog::messageChanged, window, [](const QString &message) {
            std::fprintf(stderr, "bunny-screenshot: the dialog says: %s\n", qPrintable(message));
        });
        dialog->submitButton()->click();
    });
}

void exploreScene(MainWindow *window, const QString &file)
{
    whenSignedIn(window, [window, file] {
        netui::ExploreWindow *explore = window->net()->explore();
        const QRect area = window->geometry();
        explore->setGeometry(
            QRect(QPoint(0, 0), QSize(1040, 600)).translated(area.center() - QPoint(520, 290)));
        QObject::connect(
            explore, &netui::ExploreWindow::pageLoaded, window,
            [window, explore, file](bool ok) {
                if (!ok || explore->items().isEmpty())
                    return finish(window, 1, QStringLiteral("no recordings: %1").arg(explore->statusText()));
                auto *list = explore->findChild<QTreeWidget *>(QStringLiteral("exploreRecordings"));
                list->setCurrentItem(list->topLevelItem(0));
                list->setFocus();
                QObject::connect(
                    explore, &netui::ExploreWindow::profileLoaded, window,
                    [window, file] { shoot(window, file); }, Qt::SingleShotConnection);
                explore->showProfile(explore->items().first().value(QStringLiteral("owner")).toString());
            },
            Qt::SingleShotConnection);
        explore->show();
        explore->search(QString());
    });
}

void publishScene(MainWindow *window, const QString &file)
{
    whenSignedIn(window, [window, file] {
        auto plan = window->net()->planCurrentProject();
        if (!plan)
            return finish(window, 1, QStringLiteral("nothing to publish in %1").arg(window->projectPath()));
        netui::PublishDialog *dialog = window->net()->makePublishDialog(*plan);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setVisibility(QStringLiteral("public"));
        dialog->show();
        shoot(window, file);
    });
}
} // namespace

void startScreenshotFromEnvironment(MainWindow *window)
{
    const QString spec = qEnvironmentVariable("BUNNY_SCREENSHOT");
    if (spec.isEmpty())
        return;
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    const QString scene = spec.left(colon);
    const QString file = colon < 0 ? QString() : spec.mid(colon + 1);
    if (file.isEmpty() || !QStringList{"signin", "explore", "publish"}.contains(scene)) {
        std::fprintf(stderr, "bunny-screenshot: BUNNY_SCREENSHOT=signin|explore|publish:FILE.png, not %s\n",
                     qPrintable(spec));
        std::exit(2);
    }
    window->showMaximized();
    QTimer::singleShot(kSceneTimeoutMs, window, [window, scene] {
        finish(window, 1, QStringLiteral("the %1 scene was not ready in time").arg(scene));
    });
    // After the window is framed and laid out.
    QTimer::singleShot(kSettleMs, window, [window, scene, file] {
        if (scene == QLatin1String("signin"))
            signInScene(window, file);
        else if (scene == QLatin1String("explore"))
            exploreScene(window, file);
        else
            publishScene(window, file);
    });
}

} // namespace bunny::app
