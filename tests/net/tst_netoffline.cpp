// The real IDE window and a real bunnyd that goes away: the status bar says so without blocking
// anything, editing and saving go on, a publish waits in the queue, and when the server is back
// the message goes and the queue drains by itself.
#include "netfixture.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "net/tokenstore.h"
#include "net/uploadqueue.h"
#include "netui/netcontroller.h"
#include "netui/publishdialog.h"
#include "recorder/recorder.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>

using namespace bunny;
using namespace bunny::test;

class tst_NetOffline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serverDownIsSaidLocalWorkGoesOnAndTheQueueDrainsWhenItIsBack();
    void startedWhileTheServerIsDownStaysSignedInAndPublishingQueues();

private:
    QTemporaryDir m_root;
    quint16 m_port = 0;
    BunnydFixture m_server;

    QUrl url() const { return QUrl(QString("http://127.0.0.1:%1").arg(m_port)); }
    bool startServer()
    {
        return m_server.start({}, {"--port", QString::number(m_port), "--data", m_root.filePath("server")});
    }
};

void tst_NetOffline::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("BUNNY_TOKEN_STORE", "file");
    // The window's queue lives in the (test-mode) app data folder: start from an empty one.
    QDir(net::UploadQueue::defaultDir()).removeRecursively();
    m_port = freePort();
    QVERIFY2(startServer(), qPrintable(m_server.errorString()));
    QCOMPARE(m_server.signUp("hana").id.empty(), false);
    QCOMPARE(m_server.signUp("ivy").id.empty(), false);
}

namespace {
/// Git > Publish… with the (modal) preview answered "public"; true when it was shown.
bool publishAcceptingThePreview(netui::NetController *net, QObject *context)
{
    bool previewed = false;
    QTimer accept;
    QObject::connect(&accept, &QTimer::timeout, context, [&] {
        if (auto *dialog = qobject_cast<netui::PublishDialog *>(QApplication::activeModalWidget())) {
            previewed = !dialog->previewRows().isEmpty();
            dialog->setVisibility("public");
            dialog->accept();
        }
    });
    accept.start(20);
    net->publish(); // returns once the preview is answered; nothing waits for the server
    return previewed;
}
} // namespace

void tst_NetOffline::serverDownIsSaidLocalWorkGoesOnAndTheQueueDrainsWhenItIsBack()
{
    const QString project = m_root.filePath("offline-app");
    QVERIFY(!makePublishableProject(project, "offline-app").isEmpty());
    app::MainWindow window;
    QVERIFY(window.openPath(project + "/main.py"));
    window.show();
    netui::NetController *net = window.net();
    net->setProbeInterval(200);
    net->queue()->setBackoff(100, 400);
    net->setServerUrl(url().toString());
    QVERIFY(Client::waitFor(net->session()->signIn("hana", "secret-pass-1")).ok());
    QCOMPARE(net->accountText(), QString("● hana"));
    QVERIFY(net->serverText().isEmpty());

    // Gone: a probe finds out; the message says it and that work goes on offline.
    QCOMPARE(m_server.stop(), 0);
    net->api()->probe();
    QTRY_COMPARE_WITH_TIMEOUT(net->serverText(), QString("⚠ Server 127.0.0.1 unreachable — working offline"),
                              10000);
    // Back: the probe alone (nothing else is sent) notices, and the message goes.
    QVERIFY2(startServer(), qPrintable(m_server.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(net->serverText().isEmpty(), 10000);

    // Gone again, and this time the user edits, saves and publishes meanwhile.
    QCOMPARE(m_server.stop(), 0);
    net->api()->probe();
    QTRY_VERIFY_WITH_TIMEOUT(!net->serverText().isEmpty(), 10000);
    window.editor()->insertAt(QStringLiteral("# written offline\n"), 0, 0);
    QVERIFY(window.tabs()->saveAll());
    QFile saved(project + "/main.py");
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().startsWith("# written offline\n"));
    QVERIFY(window.recorder()->isRecording());

    QVERIFY(publishAcceptingThePreview(net, this));
    QCOMPARE(window.statusBar()->currentMessage(),
             QString("The server is unreachable; offline-app waits in the upload queue."));
    QCOMPARE(net->queue()->pendingCount(), 1);
    QCOMPARE(net->uploadText(), QString("⇡ 1 upload(s) queued"));

    // Back: the message goes, the queue drains by itself and says so.
    QVERIFY2(startServer(), qPrintable(m_server.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(net->queue()->pendingCount(), 0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(net->serverText().isEmpty(), 10000);
    QVERIFY(net->uploadText().isEmpty());
    QVERIFY2(window.statusBar()->currentMessage().startsWith("Published offline-app"),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(m_server.get("/api/v1/projects?owner=hana").json().value("total", -1), 1);
    QCOMPARE(m_server.get("/api/v1/recordings?owner=hana").json().value("total", -1), 1);
}

void tst_NetOffline::startedWhileTheServerIsDownStaysSignedInAndPublishingQueues()
{
    // ivy signed in on an earlier run: her tokens (and who she is) are in the token store.
    net::ApiClient::setConfiguredServerUrl(url());
    {
        net::ApiClient api;
        net::TokenStore store;
        net::AccountSession session(&api, &store);
        QVERIFY(Client::waitFor(session.signIn("ivy", "secret-pass-1")).ok());
    }
    const QString project = m_root.filePath("started-offline");
    QVERIFY(!makePublishableProject(project, "started-offline").isEmpty());

    // The app starts while the server is down.
    QCOMPARE(m_server.stop(), 0);
    app::MainWindow window;
    QVERIFY(window.openPath(project + "/main.py"));
    window.show();
    netui::NetController *net = window.net();
    net->setProbeInterval(200);
    net->queue()->setBackoff(100, 400);
    QTRY_COMPARE_WITH_TIMEOUT(net->accountText(), QString("● ivy (offline)"), 10000);
    QVERIFY(net->session()->isOffline());
    QVERIFY(!net->serverText().isEmpty());

    // Publishing neither asks to sign in (no modal but the preview) nor refuses: it queues.
    QVERIFY(publishAcceptingThePreview(net, this));
    QCOMPARE(window.statusBar()->currentMessage(),
             QString("The server is unreachable; started-offline waits in the upload queue."));
    QCOMPARE(net->queue()->pendingCount(), 1);

    // Back: /me confirms ivy, the queue drains and the work arrives as hers.
    QVERIFY2(startServer(), qPrintable(m_server.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(net->queue()->pendingCount(), 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(net->accountText(), QString("● ivy"), 10000);
    QVERIFY(!net->session()->isOffline());
    QCOMPARE(m_server.get("/api/v1/projects?owner=ivy").json().value("total", -1), 1);
    QCOMPARE(m_server.get("/api/v1/recordings?owner=ivy").json().value("total", -1), 1);
}

QTEST_MAIN(tst_NetOffline)
#include "tst_netoffline.moc"
