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
#include "netui/publishdialog.h"
#include "player/playermodel.h"
#include "player/playerwindow.h"
#include "recorder/ignorematcher.h"
#include "ui/emptyhint.h"

#include <QApplication>
#include <QDateTime>
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
    QVERIFY(!progress.isEmpty());

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
        store.save({expired, QString::fromStdString(carol.refreshToken), url().toString()},
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

QTEST_MAIN(tst_NetFlow)
#include "tst_netflow.moc"
