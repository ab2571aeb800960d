// The app and a real bunnyd together: register and sign in through the dialog, publish with a
// preview, another account finds, streams and forks it; refresh on expiry; the server down.
#include "netfixture.h"

#include "net/publishplan.h"
#include "net/recordingdownload.h"
#include "net/sandboxrun.h"
#include "net/uploadqueue.h"
#include "net/versionfork.h"
#include "netui/accountdialog.h"
#include "netui/explorewindow.h"
#include "netui/netcontroller.h"
#include "netui/publishdialog.h"
#include "netui/uploadsdialog.h"
#include "player/playermodel.h"
#include "player/playerwindow.h"
#include "recorder/ignorematcher.h"
#include "recorder/recorder.h"
#include "run/runconsole.h"
#include "ui/emptyhint.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"

#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace bunny;
using namespace bunny::test;

class tst_NetFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void registerDialogShowsTheServersMessage();
    void signInDialogShowsWrongPassword();
    void publishFindStreamAndFork();
    void streamingStartsBeforeTheDownloadEnds();
    void forkDownloadReportsProgress();
    void explorePagesByTwentyAndFiltersByOwner();
    void expiredAccessTokenIsRefreshedSilently();
    void serverDownGivesAReadableMessage();
    void runInSandboxAnswersWithStatusTimeAndMemory();
    void uploadsDialogShowsRetriesAndRemovesJobs();
    void serverUrlSettingIsChecked_data();
    void serverUrlSettingIsChecked();
    void runInSandboxFromTheWindowUsesTheConsoleAndTheRecording(); // stops the server: keep last

private:
    QTemporaryDir m_root;
    BunnydFixture m_server;
    QUrl url() const { return QUrl(QString("http://127.0.0.1:%1").arg(m_server.port())); }
};

void tst_NetFlow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void tst_NetFlow::registerDialogShowsTheServersMessage()
{
    QCOMPARE(m_server.signUp("taken").id.empty(), false);
    Client c(url(), m_root.filePath("reg"));
    netui::AccountDialog dialog(c.session.get(), netui::AccountDialog::Mode::Register);
    dialog.show();
    dialog.usernameField()->setText("taken");
    dialog.emailField()->setText("other@example.org");
    dialog.newPasswordField()->setText("secret-pass-1");
    dialog.findChild<QLineEdit *>("newPassword2Field")->setText("secret-pass-1");
    QSignalSpy message(&dialog, &netui::AccountDialog::messageChanged);
    dialog.submitButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.message().contains("taken"), 30000);
    QCOMPARE(dialog.message(), QString("The username 'taken' is taken."));
    QVERIFY(!c.session->isSignedIn());

    dialog.usernameField()->setText("newcomer");
    dialog.emailField()->setText("newcomer@example.org");
    dialog.submitButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(c.session->isSignedIn(), 30000);
    QCOMPARE(c.session->account().username, QString("newcomer"));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void tst_NetFlow::signInDialogShowsWrongPassword()
{
    Client c(url(), m_root.filePath("wrong"));
    netui::AccountDialog dialog(c.session.get());
    dialog.show();
    dialog.loginField()->setText("newcomer");
    dialog.passwordField()->setText("not-the-password");
    dialog.submitButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.message(), QString("Wrong username, email or password."), 30000);
    dialog.passwordField()->setText("secret-pass-1");
    QSignalSpy signedIn(c.session.get(), &net::AccountSession::signedIn);
    dialog.submitButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.size(), 1, 30000);
}

void tst_NetFlow::publishFindStreamAndFork()
{
    // Alice publishes publicly, after a preview that leaves out .bunnyignore'd and secret files.
    const QString project = m_root.filePath("alice/hello-bunny");
    const QString commit = makePublishableProject(project, "alice-demo");
    QVERIFY(!commit.isEmpty());
    Client alice(url(), m_root.filePath("alice"));
    QVERIFY(alice.signUp("alice"));
    const app::IgnoreMatcher matcher(project);
    auto plan = net::planPublish(project, [&](const QString &p) { return matcher.isIgnored(p); });
    QVERIFY2(plan, plan ? "" : plan.message().c_str());
    netui::PublishDialog preview(*plan, url().toString(), "alice");
    const QStringList rows = preview.previewRows();
    QVERIFY(rows.contains("file\tmain.py"));
    QVERIFY(rows.contains("file\tlib/util.py"));
    QVERIFY(rows.contains("left-out\tnotes/private.txt"));
    QVERIFY(rows.contains("left-out\t.env"));
    QVERIFY(!rows.contains("file\t.env"));
    QCOMPARE(plan->recordings.size(), 1);
    QVERIFY(rows.contains("recording\t" + plan->recordings.first().fileName));
    preview.setVisibility("public");

    net::UploadQueue queue(alice.api.get(), alice.session.get(), m_root.filePath("alice/queue"));
    QSignalSpy finished(&queue, &net::UploadQueue::jobFinished);
    QSignalSpy progress(&queue, &net::UploadQueue::progress);
    QVERIFY(queue.enqueue(*plan, preview.visibility()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    // (Byte by byte progress: tst_uploadqueue's progressCountsTheBytesSent.)
    QCOMPARE(progress.last().at(1), progress.last().at(2));

    // Bob finds it in Explore: search, then alice's profile.
    Client bob(url(), m_root.filePath("bob"));
    QVERIFY(bob.signUp("bob"));
    netui::ExploreWindow explore(bob.api.get());
    explore.show();
    QSignalSpy loaded(&explore, &netui::ExploreWindow::pageLoaded);
    explore.search("hello-bunny", netui::ExploreWindow::Kind::Recordings);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
    QCOMPARE(loaded.first().first().toBool(), true);
    QCOMPARE(explore.items().size(), 1);
    const QJsonObject rec = explore.items().first();
    QCOMPARE(rec.value("owner").toString(), QString("alice"));
    QSignalSpy profile(&explore, &netui::ExploreWindow::profileLoaded);
    explore.showProfile("alice");
    QTRY_COMPARE_WITH_TIMEOUT(profile.size(), 1, 30000);
    QVERIFY(explore.profileText().contains("alice"));

    // Streams it into the player.
    QSignalSpy streamed(&explore, &netui::ExploreWindow::streamFinished);
    app::PlayerWindow *player =
        explore.playRecording(rec.value("id").toString(), rec.value("title").toString());
    QTRY_COMPARE_WITH_TIMEOUT(streamed.size(), 1, 30000);
    QVERIFY(streamed.first().first().toBool());
    QVERIFY(!player->model()->isLive()); // the download's end ends the player's live mode
    QCOMPARE(player->model()->duration(), 7000);
    player->model()->seek(7000);
    const std::string *text = player->model()->document().text("main.py");
    QVERIFY(text);
    QCOMPARE(QString::fromStdString(*text), QString("print('alice-demo')\n"));
    player->close();

    // Forks the project into a new local git repository.
    loaded.clear();
    explore.search("hello-bunny", netui::ExploreWindow::Kind::Projects);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
    QCOMPARE(explore.items().size(), 1);
    QSignalSpy forked(&explore, &netui::ExploreWindow::forked);
    QSignalSpy forkFailed(&explore, &netui::ExploreWindow::forkFailed);
    const QString target = m_root.filePath("bob/fork");
    explore.forkProject(explore.items().first().value("id").toString(), "alice/hello-bunny", target);
    QTRY_VERIFY_WITH_TIMEOUT(forked.size() + forkFailed.size() == 1, 30000);
    QVERIFY2(forked.size() == 1, qPrintable(forkFailed.value(0).value(0).toString()));
    QFile main(target + "/main.py");
    QVERIFY(main.open(QIODevice::ReadOnly));
    QCOMPARE(main.readAll(), QByteArray("print('alice-demo')\n"));
    QVERIFY(QFile::exists(target + "/lib/util.py"));
    QVERIFY(!QFile::exists(target + "/.env"));
    QVERIFY(!QFile::exists(target + "/notes/private.txt"));
    auto repo = vcs::Repository::open(target);
    QVERIFY(repo);
    auto log = repo->log();
    QVERIFY(log);
    QCOMPARE(log->size(), 1);
    QVERIFY(log->first().subject.contains("alice/hello-bunny"));
}

void tst_NetFlow::streamingStartsBeforeTheDownloadEnds()
{
    Client owner(url(), m_root.filePath("streamer"));
    QVERIFY(owner.signUp("streamer"));
    const QString project = m_root.filePath("streamer/p");
    QVERIFY(!makePublishableProject(project, "streamed").isEmpty());
    auto plan = net::planPublish(project, [](const QString &) { return false; });
    QVERIFY(plan);
    QFile file(plan->recordings.first().path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    net::ApiRequest upload;
    upload.method = "POST";
    upload.path = "/recordings";
    upload.query.addQueryItem("visibility", "public");
    upload.contentType = "application/x-bunnyrec";
    upload.body = bytes;
    const auto stored = Client::waitFor(owner.api->send(upload));
    QVERIFY2(stored.ok(), qPrintable(stored.errorMessage));

    app::PlayerModel model;
    model.openStream("streamed");
    net::RecordingDownload download(owner.api.get(), stored.object().value("id").toString());
    download.setChunkSize(1024);
    int chunks = 0;
    qint64 durationAtFirstChunk = -1;
    connect(&download, &net::RecordingDownload::chunkReceived, this, [&](const QByteArray &piece) {
        QVERIFY(model.appendData(piece));
        if (++chunks == 2)
            durationAtFirstChunk = model.duration();
    });
    QSignalSpy finished(&download, &net::RecordingDownload::finished);
    QSignalSpy progress(&download, &net::RecordingDownload::progress);
    download.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY(finished.first().first().toBool());
    QVERIFY(chunks >= bytes.size() / 1024);
    // Progress for the player's bar: one report a piece, growing, out of the whole size.
    QCOMPARE(progress.size(), chunks);
    for (int i = 0; i < progress.size(); ++i) {
        QCOMPARE(progress[i][1].toLongLong(), qint64(bytes.size()));
        QVERIFY(i == 0 || progress[i][0].toLongLong() > progress[i - 1][0].toLongLong());
    }
    QCOMPARE(progress.last()[0].toLongLong(), qint64(bytes.size()));
    // Playable after two pieces, long before the last: the timeline grew as bytes came.
    QVERIFY(durationAtFirstChunk > 0);
    QVERIFY(durationAtFirstChunk < 7000);
    QCOMPARE(model.duration(), 7000);
    QCOMPARE(download.received(), bytes.size());
}

void tst_NetFlow::forkDownloadReportsProgress()
{
    Account owner = m_server.signUp("archivist");
    QVERIFY(!owner.id.empty());
    const auto created =
        m_server.postJson("/api/v1/projects", {{"name", "big"}, {"visibility", "public"}}, owner.accessToken);
    QCOMPARE(created.status, 201);
    const std::string projectId = created.json().value("id", "");
    // Incompressible bytes, so the archive is big enough to arrive in several reads.
    std::string noise(256 * 1024, '\0');
    quint32 x = 2463534242u;
    for (char &c : noise) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = char('a' + x % 26);
    }
    const std::string archive = BunnydFixture::makeTarGz({{"main.py", "print(1)\n"}, {"data.txt", noise}});
    const auto version = m_server.publishVersion(owner, projectId, std::string(40, 'b'), archive);
    QCOMPARE(version.status, 201);

    Client reader(url(), m_root.filePath("reader"));
    QVERIFY(reader.signUp("reader"));
    net::VersionFork fork(reader.api.get());
    QSignalSpy progress(&fork, &net::VersionFork::progress);
    QSignalSpy finished(&fork, &net::VersionFork::finished);
    fork.start(QString::fromStdString(projectId), QString::fromStdString(version.json().value("id", "")),
               m_root.filePath("reader/big"), "archivist/big");
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY2(finished.first().first().toBool(), qPrintable(finished.first().at(2).toString()));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last()[0].toLongLong(), qint64(archive.size()));
    QCOMPARE(progress.last()[1].toLongLong(), qint64(archive.size()));
    QCOMPARE(QFileInfo(m_root.filePath("reader/big/data.txt")).size(), qint64(noise.size()));
}

void tst_NetFlow::explorePagesByTwentyAndFiltersByOwner()
{
    Account pager = m_server.signUp("pager");
    QVERIFY(!pager.id.empty());
    for (int i = 0; i < 23; ++i) {
        const std::string n = std::to_string(i);
        QCOMPARE(m_server
                     .upload(pager, BunnydFixture::sampleRecording("paged-" + n),
                             "?visibility=public&title=paged-" + n)
                     .status,
                 201);
    }
    Client viewer(url(), m_root.filePath("viewer"));
    QVERIFY(viewer.signUp("viewer"));
    netui::ExploreWindow explore(viewer.api.get());
    explore.show();
    QSignalSpy loaded(&explore, &netui::ExploreWindow::pageLoaded);
    // Only pager's work: 23 in pages of 20.
    explore.setOwnerFilter("pager");
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
    QCOMPARE(explore.total(), 23);
    QCOMPARE(explore.items().size(), 20);
    for (const QJsonObject &item : explore.items())
        QCOMPARE(item.value("owner").toString(), QString("pager"));
    QCOMPARE(explore.statusText(), QString("Showing only pager's work."));
    explore.nextPage();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 30000);
    QCOMPARE(explore.page(), 2);
    QCOMPARE(explore.items().size(), 3);
    explore.nextPage(); // there is no third page: nothing is asked (a request says "Loading…")
    QCOMPARE(explore.statusText(), QString("Showing only pager's work."));
    QCOMPARE(explore.page(), 2);
    explore.previousPage();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 3, 30000);
    QCOMPARE(explore.page(), 1);
    // The pages hold 23 different recordings.
    QSet<QString> ids;
    for (const QJsonObject &item : explore.items())
        ids.insert(item.value("id").toString());
    explore.nextPage();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 4, 30000);
    for (const QJsonObject &item : explore.items())
        ids.insert(item.value("id").toString());
    QCOMPARE(ids.size(), 23);
    // A search within them: paged-1 and paged-10 … paged-19.
    explore.search("paged-1");
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 5, 30000);
    QCOMPARE(explore.page(), 1);
    QCOMPARE(explore.total(), 11);
    // A search that finds nothing says so in the empty list.
    auto *hint = explore.findChild<QTreeWidget *>("exploreRecordings")->findChild<app::EmptyHint *>();
    QVERIFY(hint && !hint->showing());
    explore.search("no-such-title");
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 6, 30000);
    QCOMPARE(explore.total(), 0);
    QVERIFY(hint->showing());
    QCOMPARE(hint->text(), QString("None of pager's public recordings match “no-such-title”."));

    // The owner chip clears the filter: everyone's recordings again, pager's and others'.
    QVERIFY(explore.ownerChip()->isVisible());
    QCOMPARE(explore.ownerChip()->text(), QString("× pager"));
    explore.search(QString());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 7, 30000);
    QCOMPARE(explore.total(), 23);
    explore.ownerChip()->click();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 8, 30000);
    QVERIFY(explore.ownerFilter().isEmpty());
    QVERIFY(!explore.ownerChip()->isVisible());
    QVERIFY(explore.statusText().isEmpty());
    QVERIFY2(explore.total() > 23, qPrintable(QString::number(explore.total()))); // hello-bunny's too
}

void tst_NetFlow::expiredAccessTokenIsRefreshedSilently()
{
    Account carol = m_server.signUp("carol");
    QVERIFY(!carol.id.empty());
    const QString dir = m_root.filePath("carol");
    const QString expired =
        QString::fromStdString(m_server.mintToken(carol.id, QDateTime::currentSecsSinceEpoch() - 3600));
    {
        // Stored tokens whose access token expired an hour ago; the refresh token is good.
        net::TokenStore store(nullptr, net::TokenStore::Backend::File, dir + "/session.json");
        bool saved = false;
        store.save({expired, QString::fromStdString(carol.refreshToken), url().toString(), {}},
                   [&](bool ok) { saved = ok; });
        QVERIFY(saved);
    }
    Client c(url(), dir);
    QSignalSpy refreshed(c.session.get(), &net::AccountSession::tokensRefreshed);
    QSignalSpy restored(c.session.get(), &net::AccountSession::restoreFinished);
    c.session->restore();
    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 30000);
    QCOMPARE(restored.first().first().toBool(), true);
    QCOMPARE(refreshed.size(), 1);
    QCOMPARE(c.session->account().username, QString("carol"));
    // The rotated pair was stored at once; the old refresh token is spent.
    QVERIFY(c.session->accessToken() != expired);
    QCOMPARE(m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", carol.refreshToken}}).status, 401);
    // And an authenticated call after that works.
    QVERIFY(Client::waitFor(c.api->get("/me")).ok());
}

void tst_NetFlow::serverDownGivesAReadableMessage()
{
    Client c(QUrl(QString("http://127.0.0.1:%1").arg(freePort())), m_root.filePath("down"));
    QSignalSpy reach(c.api.get(), &net::ApiClient::reachabilityChanged);
    netui::AccountDialog dialog(c.session.get());
    dialog.show();
    dialog.loginField()->setText("someone");
    dialog.passwordField()->setText("secret-pass-1");
    dialog.submitButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.message().startsWith("Cannot reach the server"), 30000);
    QVERIFY(dialog.submitButton()->isEnabled()); // the user may try again; nothing hangs
    QCOMPARE(reach.size(), 1);
    QCOMPARE(reach.first().first().toBool(), false);
}

void tst_NetFlow::runInSandboxAnswersWithStatusTimeAndMemory()
{
    Client c(url(), m_root.filePath("runner"));
    QVERIFY(c.signUp("runner"));
    const auto languages = Client::waitFor(c.api->get("/languages"));
    QVERIFY(languages.ok());
    bool python = false;
    for (const auto &v : languages.json.array())
        python |= v.toObject().value("id").toString() == "python";
    if (!python)
        QSKIP("the server's sandbox offers no python here");
    net::SandboxRun run(c.api.get());
    QSignalSpy finished(&run, &net::SandboxRun::finished);
    run.start("python",
              {{"main.py", "import helper\nprint(helper.twice(21))\n"},
               {"helper.py", "def twice(x):\n    return 2 * x\n"}},
              "main.py");
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    const auto result = finished.first().first().value<net::SandboxResult>();
    if (!result.ok && result.error.contains("sandbox", Qt::CaseInsensitive) && qgetenv("CI") != "true")
        QSKIP(qPrintable("the sandbox cannot run here: " + result.error));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.status, QString("ok"));
    QCOMPARE(result.stdoutText, QString("42\n"));
    QVERIFY(result.summary().contains("ms"));
    QVERIFY(result.summary().contains("MiB"));
}

void tst_NetFlow::uploadsDialogShowsRetriesAndRemovesJobs()
{
    // A project name the server refuses (over 100 bytes): the job fails with its message.
    const QString longName = QString(120, 'u');
    const QString project = m_root.filePath("uploads/" + longName);
    QVERIFY(!makePublishableProject(project, "uploads").isEmpty());
    auto plan = net::planPublish(project, [](const QString &) { return false; });
    QVERIFY(plan);
    const QString queueDir = m_root.filePath("uploads-queue");
    Client una(url(), m_root.filePath("una"));
    QVERIFY(una.signUp("una"));
    net::UploadQueue queue(una.api.get(), una.session.get(), queueDir);
    QSignalSpy finished(&queue, &net::UploadQueue::jobFinished);
    auto failing = queue.enqueue(*plan, "private");
    QVERIFY(failing);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);

    netui::UploadsDialog dialog(&queue, una.session.get());
    dialog.show();
    const QString where = "una @ " + url().toString();
    QCOMPARE(dialog.rows().size(), 1);
    const QStringList row = dialog.rows().first().split('\t');
    QCOMPARE(row.at(1), QString("failed"));
    QVERIFY2(!row.at(2).isEmpty(), qPrintable(dialog.rows().first())); // the server's message
    QCOMPARE(row.at(2), queue.jobs().first().lastError);
    QCOMPARE(row.at(3), where);

    // Retry sends it again (and the server refuses again: a second answer).
    dialog.select(*failing);
    QVERIFY(dialog.retryButton()->isEnabled());
    dialog.retryButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30000);
    QCOMPARE(queue.jobs().first().state, net::UploadJob::State::Failed);

    // Another account's job is said to wait for that account, not counted as ours.
    const QString other = m_root.filePath("uploads/other");
    QVERIFY(!makePublishableProject(other, "other").isEmpty());
    auto otherPlan = net::planPublish(other, [](const QString &) { return false; });
    QVERIFY(otherPlan);
    Client vic(url(), m_root.filePath("vic"));
    QVERIFY(vic.signUp("vic"));
    // vic's job is for a server that is not there, so it stays queued.
    const QUrl gone(QString("http://127.0.0.1:%1").arg(freePort()));
    vic.api->setBaseUrl(gone);
    {
        net::UploadQueue vicQueue(vic.api.get(), vic.session.get(), queueDir);
        QVERIFY(vicQueue.enqueue(*otherPlan, "private"));
        QTRY_VERIFY_WITH_TIMEOUT(vicQueue.jobs().last().attempts > 0 && !vicQueue.isBusy(), 30000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(dialog.rows().size(), 2, 10000);
    QVERIFY2(dialog.rows().first().startsWith("other ("), qPrintable(dialog.rows().first()));
    QVERIFY2(dialog.rows().first().contains("\twaiting for vic to sign in on that server\t"),
             qPrintable(dialog.rows().first()));
    QVERIFY(dialog.rows().first().endsWith("\tvic @ " + gone.toString()));

    // Remove drops the failed job and its spool.
    dialog.select(*failing);
    QVERIFY(dialog.removeButton()->isEnabled());
    dialog.removeButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.rows().size(), 1, 10000);
    QVERIFY(!QDir(queueDir + "/" + *failing).exists());
    QCOMPARE(queue.jobs().size(), 1);
}

void tst_NetFlow::serverUrlSettingIsChecked_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("kept"); // empty: refused with a message
    QTest::newRow("hostAndPortGetHttp") << "localhost:9000"
                                        << "http://localhost:9000";
    QTest::newRow("ipAndPort") << "  10.0.0.7:8737 "
                               << "http://10.0.0.7:8737";
    QTest::newRow("fullUrl") << "https://bunny.example.org"
                             << "https://bunny.example.org";
    QTest::newRow("trailingSlash") << "http://127.0.0.1:8737/"
                                   << "http://127.0.0.1:8737";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("noHost") << "http://"
                            << "";
    QTest::newRow("otherScheme") << "ftp://files.example.org"
                                 << "";
    QTest::newRow("spaces") << "my server"
                            << "";
    QTest::newRow("badPort") << "localhost:99999"
                             << "";
}

void tst_NetFlow::serverUrlSettingIsChecked()
{
    QFETCH(QString, typed);
    QFETCH(QString, kept);
    // The default is the bunnyd the README's first command starts.
    QCOMPARE(app::EditorSettings().serverUrl, QString("http://127.0.0.1:8737"));
    QCOMPARE(net::ApiClient::defaultServerUrl(), QUrl("http://127.0.0.1:8737"));
    app::SettingsDialog dialog(app::EditorSettings{});
    auto *server = dialog.findChild<QLineEdit *>("serverUrl");
    QVERIFY(server);
    QCOMPARE(server->text(), QString("http://127.0.0.1:8737"));
    server->setText(typed);
    dialog.accept();
    if (kept.isEmpty()) {
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
        QVERIFY2(
            dialog.serverError().contains("is not a server address; write it like http://127.0.0.1:8737"),
            qPrintable(dialog.serverError()));
    } else {
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.serverError().isEmpty());
        QCOMPARE(dialog.settings().serverUrl, kept);
    }
}

namespace {
/// Everything the window's recorder wrote so far.
QByteArray recorded(app::MainWindow &window, const QString &project)
{
    if (!window.recorder()->flush())
        return {};
    QByteArray all;
    for (const QFileInfo &f :
         QDir(project + "/.bunny/recordings").entryInfoList({"*.bunnyrec"}, QDir::Files)) {
        QFile file(f.absoluteFilePath());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}
} // namespace

void tst_NetFlow::runInSandboxFromTheWindowUsesTheConsoleAndTheRecording()
{
    qputenv("BUNNY_TOKEN_STORE", "file");
    QCOMPARE(m_server.signUp("boxer").id.empty(), false);
    const QString project = m_root.filePath("boxed");
    // local.flag stays home (.bunnyignore): the same file says where it runs, and the local run
    // is the slow one.
    putFile(project + "/main.py", "print('from the sandbox')\n");
    putFile(project + "/where.py", "import os, time\nhere = os.path.exists('local.flag')\n"
                                   "time.sleep(3 if here else 0)\nprint('local' if here else 'remote')\n");
    putFile(project + "/local.flag", "");
    putFile(project + "/.bunnyignore", "local.flag\n");
    putFile(project + "/big.txt", QByteArray((1 << 20) + 1, 'a'));
    putFile(project + "/blob.bin", QByteArray("\x7f"
                                              "ELF\0\0",
                                              6));
    app::MainWindow window;
    QVERIFY(window.openPath(project + "/main.py"));
    window.show();
    netui::NetController *net = window.net();
    net->setServerUrl(url().toString());
    QVERIFY(Client::waitFor(net->session()->signIn("boxer", "secret-pass-1")).ok());
    auto *dock = window.findChild<QDockWidget *>("outputDock");
    QVERIFY(dock);
    QVERIFY(!dock->isVisible()); // hidden at start: the first Ctrl+F5 must show it
    app::RunConsole *console = window.console();

    net->runInSandbox();
    QVERIFY(dock->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!console->isRemoteRunning(), 60000);
    const QString transcript = console->transcript();
    if (transcript.contains("sandbox", Qt::CaseInsensitive) && !transcript.contains("■ ok") &&
        qgetenv("CI") != "true")
        QSKIP(qPrintable("the sandbox cannot run here: " + transcript));
    QVERIFY2(transcript.contains("from the sandbox\n■ ok · exit 0 · "), qPrintable(transcript));
    // What was not sent is said, and why.
    QVERIFY(transcript.startsWith("▶ Running main.py in the server's sandbox\nNot sent to the server: "));
    QVERIFY(transcript.contains("big.txt (over 1 MiB)"));
    QVERIFY(transcript.contains("blob.bin (binary)"));
    QVERIFY(!transcript.contains("local.flag")); // ignored on purpose: no word
    QByteArray rec = recorded(window, project);
    QVERIFY2(rec.contains(R"("m","run","main.py","main.py"])"), rec.right(400).constData());
    QVERIFY(rec.contains(R"("o","stdout","from the sandbox\n"])"));
    QVERIFY(rec.contains(R"("m","exit","exit code 0 after )"));

    // Stop while the server works: a clear line, and its answer never shows.
    QVERIFY(window.openPath(project + "/where.py"));
    net->runInSandbox();
    QVERIFY(console->isRemoteRunning());
    console->stop();
    QVERIFY(
        console->transcript().endsWith("■ Stopped waiting for the server; its result will be ignored.\n"));
    QVERIFY(recorded(window, project).contains(R"("m","exit","stopped waiting for the server's sandbox"])"));

    // A local run (F5) while the remote one is on: only the local run's output and end show,
    // although the server answers ("remote") long before the local run ends ("local").
    net->runInSandbox();
    window.runCurrentFile();
    QVERIFY(!console->isRemoteRunning());
    QTRY_VERIFY_WITH_TIMEOUT(console->transcript().contains("■ Exit code 0 after"), 30000);
    QVERIFY2(!console->transcript().contains("remote"), qPrintable(console->transcript()));
    QVERIFY(console->transcript().contains("local\n"));

    // The server gone: the reason is the last line and the recording gets it, not "exit -1".
    QCOMPARE(m_server.stop(), 0);
    net->runInSandbox();
    QTRY_VERIFY_WITH_TIMEOUT(!console->isRemoteRunning(), 30000);
    QVERIFY2(console->transcript().contains("■ Cannot reach the server"), qPrintable(console->transcript()));
    rec = recorded(window, project);
    QVERIFY(rec.contains(R"("m","error","Cannot reach the server)"));
    QVERIFY(!rec.contains("exit code -1"));
}

QTEST_MAIN(tst_NetFlow)
#include "tst_netflow.moc"
