// The offline upload queue against a real bunnyd: it waits out a server that is down, survives
// a SIGKILL of the process sending it and a server restart, and never duplicates anything.
#include "netfixture.h"

#include "net/publishplan.h"
#include "net/uploadqueue.h"
#include "recording/recording.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <array>
#include <optional>

#include <signal.h>

using namespace bunny;
using namespace bunny::test;

namespace {
int total(BunnydFixture &server, const std::string &path)
{
    return server.get(path).json().value("total", -1);
}

net::ExcludeFilter noFilter()
{
    return [](const QString &) { return false; };
}
} // namespace

class tst_UploadQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void queuedWhileServerDownDrainsAfterRestart();
    void lostAnswersAreNotDuplicated();
    void sigkillMidQueueLosesAndDuplicatesNothing();
    void clientErrorFailsTheJobWithTheServersMessage();
    void twoInstancesOnOneQueueLoseAndDuplicateNothing();
    void aKilledSenderHandsTheQueueToTheOtherInstance();
    void aFileIgnoredAfterTheSessionNeverLeavesInItsRecording();
    void visibilityFollowsEachPublishForProjectAndRecordings();
    void progressCountsTheBytesSent();
    void signOutRevokesTheRefreshTokenAndForgetsTheTokens();
    void aRefreshTheServerCannotAnswerKeepsTheSession();

private:
    QTemporaryDir m_root;
    quint16 m_port = 0;
    QString m_data;
    BunnydFixture m_server;

    QUrl url() const { return QUrl(QString("http://127.0.0.1:%1").arg(m_port)); }
    /// Two bunny_queue_child processes on one queue folder, signed in as `user`, each with three
    /// projects to publish; both queue them at the same moment, once both are signed in.
    bool startTwins(const QString &user, std::array<QProcess, 2> &twins);
    QString queueDir(const QString &user) const;
    bool startServer() { return m_server.start({}, {"--port", QString::number(m_port), "--data", m_data}); }
};

void tst_UploadQueue::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_port = freePort();
    m_data = m_root.filePath("server-data");
    QVERIFY2(startServer(), qPrintable(m_server.errorString()));
    QCOMPARE(m_server.port(), m_port); // the server keeps its port across restarts
    for (const char *name : {"ann", "ben", "cat", "dan", "eve", "fay"})
        QCOMPARE(m_server.signUp(name).id.empty(), false);
}

void tst_UploadQueue::queuedWhileServerDownDrainsAfterRestart()
{
    const QString project = m_root.filePath("offline/hello");
    const QString commit = makePublishableProject(project, "offline");
    QVERIFY(!commit.isEmpty());
    Client ann(url(), m_root.filePath("ann"));
    QVERIFY(ann.signIn("ann"));
    net::UploadQueue queue(ann.api.get(), ann.session.get(), m_root.filePath("ann/queue"));
    queue.setBackoff(100, 800);

    QCOMPARE(m_server.stop(), 0);
    auto plan = net::planPublish(project, noFilter());
    QVERIFY(plan);
    QSignalSpy finished(&queue, &net::UploadQueue::jobFinished);
    auto id = queue.enqueue(*plan, "public");
    QVERIFY(id);
    // Down: the job stays pending, retried with backoff, nothing lost.
    QTRY_VERIFY_WITH_TIMEOUT(queue.jobs().first().attempts >= 2, 20000);
    QCOMPARE(queue.pendingCount(), 1);
    QVERIFY(!ann.api->serverReachable());
    QVERIFY(queue.jobs().first().lastError.contains("Cannot reach the server"));

    // Back on the same port and data: the queue drains by itself.
    QVERIFY2(startServer(), qPrintable(m_server.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.first().at(1).toBool(), true);
    QCOMPARE(queue.pendingCount(), 0);
    const auto job = queue.jobs().first();
    QCOMPARE(total(m_server, "/api/v1/projects?owner=ann"), 1);
    QCOMPARE(total(m_server, "/api/v1/projects/" + job.projectId.toStdString() + "/versions"), 1);
    QCOMPARE(total(m_server, "/api/v1/recordings?owner=ann"), 1);
    // The spool is gone once published.
    QVERIFY(!QDir(queue.dir() + "/" + *id).exists());
}

void tst_UploadQueue::lostAnswersAreNotDuplicated()
{
    // The server stored the version and the recording but the answers never arrived: sending
    // them again must find them, not copy them.
    const QString project = m_root.filePath("lost/answers");
    const QString commit = makePublishableProject(project, "lost");
    auto plan = net::planPublish(project, noFilter());
    QVERIFY(plan);
    Account ben = m_server.signUp("ben-direct");
    QVERIFY(!ben.id.empty());
    const auto created = m_server.postJson("/api/v1/projects",
                                           {{"name", "answers"}, {"visibility", "public"}}, ben.accessToken);
    QCOMPARE(created.status, 201);
    const std::string projectId = created.json().value("id", "");
    QCOMPARE(
        m_server.publishVersion(ben, projectId, commit.toStdString(), plan->archive.toStdString()).status,
        201);
    QFile rec(plan->recordings.first().path);
    QVERIFY(rec.open(QIODevice::ReadOnly));
    QCOMPARE(m_server.upload(ben, rec.readAll().toStdString()).status, 201);

    Client client(url(), m_root.filePath("ben"));
    QVERIFY(client.signIn("ben-direct"));
    net::UploadQueue queue(client.api.get(), client.session.get(), m_root.filePath("ben/queue"));
    QSignalSpy finished(&queue, &net::UploadQueue::jobFinished);
    QVERIFY(queue.enqueue(*plan, "public"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    QCOMPARE(queue.jobs().first().projectId.toStdString(), projectId);
    QCOMPARE(total(m_server, "/api/v1/projects?owner=ben-direct"), 1);
    QCOMPARE(total(m_server, "/api/v1/projects/" + projectId + "/versions"), 1);
    QCOMPARE(m_server.get("/api/v1/recordings?owner=ben-direct", ben.accessToken).json().value("total", -1),
             1);
}

void tst_UploadQueue::sigkillMidQueueLosesAndDuplicatesNothing()
{
    const QString queueDir = m_root.filePath("cat/queue");
    QStringList args{"--server", url().toString(), "--dir", queueDir, "--user", "cat"};
    for (int i = 0; i < 3; ++i) {
        const QString project = m_root.filePath(QString("killed/p%1").arg(i));
        QVERIFY(!makePublishableProject(project, QString("killed%1").arg(i)).isEmpty());
        args << "--enqueue" << project;
    }
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationDirPath() + "/bunny_queue_child", args);
    QVERIFY(child.waitForStarted(10000));
    // Kill it the moment the second project's version is saved: mid-queue, with one job done,
    // one half-sent and one untouched.
    QByteArray out;
    int versions = 0;
    QDeadlineTimer deadline(60000);
    while (versions < 2 && !deadline.hasExpired() && child.state() == QProcess::Running) {
        child.waitForReadyRead(100);
        out += child.readAllStandardOutput();
        versions = int(out.count(" version\n"));
    }
    QCOMPARE(versions, 2);
    ::kill(pid_t(child.processId()), SIGKILL);
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    QVERIFY(out.count("queued ") == 3);

    // And the server restarts too, before the app comes back.
    QCOMPARE(m_server.stop(), 0);
    QVERIFY2(startServer(), qPrintable(m_server.errorString()));

    Client cat(url(), m_root.filePath("cat"));
    QVERIFY(cat.signIn("cat"));
    net::UploadQueue queue(cat.api.get(), cat.session.get(), queueDir);
    QCOMPARE(queue.jobs().size(), 3); // nothing lost
    QTRY_COMPARE_WITH_TIMEOUT(queue.pendingCount(), 0, 60000);
    for (const auto &job : queue.jobs())
        QCOMPARE(job.state, net::UploadJob::State::Done);
    QCOMPARE(total(m_server, "/api/v1/projects?owner=cat"), 3); // nothing duplicated
    for (const auto &job : queue.jobs())
        QCOMPARE(total(m_server, "/api/v1/projects/" + job.projectId.toStdString() + "/versions"), 1);
    QCOMPARE(total(m_server, "/api/v1/recordings?owner=cat"), 3);
}

void tst_UploadQueue::clientErrorFailsTheJobWithTheServersMessage()
{
    // A project name the server refuses (over 100 bytes): a 400 is not retried.
    const QString project = m_root.filePath("bad/" + QString(120, 'n'));
    QVERIFY(!makePublishableProject(project, "bad").isEmpty());
    Client dan(url(), m_root.filePath("dan"));
    QVERIFY(dan.signIn("dan"));
    net::UploadQueue queue(dan.api.get(), dan.session.get(), m_root.filePath("dan/queue"));
    QSignalSpy finished(&queue, &net::UploadQueue::jobFinished);
    auto plan = net::planPublish(project, noFilter());
    QVERIFY(plan);
    QVERIFY(queue.enqueue(*plan, "private"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QVERIFY2(finished.first().at(2).toString().contains("name"),
             qPrintable(finished.first().at(2).toString()));
    QCOMPARE(queue.jobs().first().state, net::UploadJob::State::Failed);
    QCOMPARE(queue.jobs().first().attempts, 0);
}

bool tst_UploadQueue::startTwins(const QString &user, std::array<QProcess, 2> &twins)
{
    const QString go = m_root.filePath(user + "/go");
    for (int c = 0; c < 2; ++c) {
        QStringList args{"--server", url().toString(), "--dir", queueDir(user),       "--user",
                         user,       "--start-when",   go,      "--exit-when-drained"};
        for (int i = 0; i < 3; ++i) {
            const QString project = m_root.filePath(QString("%1/%2-%3-%4").arg(user).arg(user).arg(c).arg(i));
            if (makePublishableProject(project, QString("%1%2%3").arg(user).arg(c).arg(i)).isEmpty())
                return false;
            args << "--enqueue" << project;
        }
        twins[c].setProcessChannelMode(QProcess::ForwardedErrorChannel);
        twins[c].start(QCoreApplication::applicationDirPath() + "/bunny_queue_child", args);
    }
    for (auto &child : twins) {
        QByteArray out;
        QDeadlineTimer deadline(30000);
        while (!out.contains("ready\n") && !deadline.hasExpired() && child.state() != QProcess::NotRunning) {
            child.waitForReadyRead(100);
            out = child.peek(child.bytesAvailable()); // left for the test to read
        }
        if (!out.contains("ready\n"))
            return false;
    }
    putFile(go, "go\n"); // both queue now
    return true;
}

QString tst_UploadQueue::queueDir(const QString &user) const
{
    return m_root.filePath(user + "/queue");
}

namespace {
/// queue.json as another instance would read it: job id -> state.
QMap<QString, QString> statesOnDisk(const QString &dir)
{
    QFile f(dir + "/queue.json");
    QMap<QString, QString> states;
    if (!f.open(QIODevice::ReadOnly))
        return states;
    for (const auto &v : QJsonDocument::fromJson(f.readAll()).object().value("jobs").toArray())
        states[v.toObject().value("id").toString()] = v.toObject().value("state").toString();
    return states;
}

/// "step JOB STEP" lines of a child's output, as "JOB STEP".
QStringList steps(const QByteArray &out)
{
    QStringList list;
    for (const QByteArray &line : out.split('\n'))
        if (line.startsWith("step "))
            list << QString::fromUtf8(line.mid(5));
    return list;
}

QStringList queuedIds(const QByteArray &out)
{
    QStringList list;
    for (const QByteArray &line : out.split('\n'))
        if (line.startsWith("queued "))
            list << QString::fromUtf8(line.mid(7));
    return list;
}
} // namespace

void tst_UploadQueue::twoInstancesOnOneQueueLoseAndDuplicateNothing()
{
    // Two app instances on one queue file, same account: every job either queued is kept, and
    // each step of each job is sent by exactly one of them.
    std::array<QProcess, 2> twins;
    QVERIFY(startTwins("eve", twins));
    QByteArray out[2];
    for (int c = 0; c < 2; ++c) {
        QVERIFY2(twins[c].waitForFinished(60000), "an instance never saw the queue drained");
        QCOMPARE(twins[c].exitStatus(), QProcess::NormalExit);
        QCOMPARE(twins[c].exitCode(), 0);
        out[c] = twins[c].readAllStandardOutput();
    }
    const QStringList queued = queuedIds(out[0]) + queuedIds(out[1]);
    QCOMPARE(queued.size(), 6);
    const auto states = statesOnDisk(queueDir("eve"));
    QCOMPARE(states.size(), 6); // nothing lost from the file
    for (const QString &id : queued)
        QCOMPARE(states.value(id), QString("done"));
    const QStringList sent = steps(out[0]) + steps(out[1]);
    for (const QString &id : queued) {
        QCOMPARE(sent.count(id + " project"), 1);
        QCOMPARE(sent.count(id + " version"), 1);
        QCOMPARE(sent.count(id + " recording"), 1);
    }
    QCOMPARE(total(m_server, "/api/v1/projects?owner=eve&per_page=100"), 6);
    QCOMPARE(total(m_server, "/api/v1/recordings?owner=eve&per_page=100"), 6);
    QVERIFY(!QFile::exists(queueDir("eve") + "/drain.lock"));
}

void tst_UploadQueue::aKilledSenderHandsTheQueueToTheOtherInstance()
{
    std::array<QProcess, 2> twins;
    QVERIFY(startTwins("fay", twins));
    // SIGKILL whichever instance sends first, the moment it saved a version: it dies holding
    // drain.lock, and the other must take over (the lock's process is gone) and finish.
    QByteArray out[2];
    int sender = -1;
    QDeadlineTimer deadline(60000);
    while (sender < 0 && !deadline.hasExpired()) {
        for (int c = 0; c < 2 && sender < 0; ++c) {
            twins[c].waitForReadyRead(50);
            out[c] += twins[c].readAllStandardOutput();
            if (out[c].contains(" version\n"))
                sender = c;
        }
    }
    QVERIFY(sender >= 0);
    ::kill(pid_t(twins[sender].processId()), SIGKILL);
    QVERIFY(twins[sender].waitForFinished(10000));
    QCOMPARE(twins[sender].exitStatus(), QProcess::CrashExit);
    out[sender] += twins[sender].readAllStandardOutput();
    QProcess &survivor = twins[1 - sender];
    QVERIFY2(survivor.waitForFinished(60000), "the survivor never took the queue over");
    QCOMPARE(survivor.exitCode(), 0);
    out[1 - sender] += survivor.readAllStandardOutput();

    const QStringList queued = queuedIds(out[0]) + queuedIds(out[1]);
    QCOMPARE(queued.size(), 6);
    const auto states = statesOnDisk(queueDir("fay"));
    QCOMPARE(states.size(), 6);
    for (const QString &id : queued)
        QCOMPARE(states.value(id), QString("done"));
    QVERIFY(!steps(out[1 - sender]).isEmpty()); // the survivor sent what was left
    QCOMPARE(total(m_server, "/api/v1/projects?owner=fay&per_page=100"), 6);
    QCOMPARE(total(m_server, "/api/v1/recordings?owner=fay&per_page=100"), 6);
    for (const auto &p : m_server.get("/api/v1/projects?owner=fay&per_page=100").json()["items"])
        QCOMPARE(total(m_server, "/api/v1/projects/" + p.value("id", std::string()) + "/versions"), 1);
}

namespace {
/// Publishes `plan` through a fresh queue and waits for it; the finished job.
net::UploadJob publish(Client &who, const QString &queueDir, const net::PublishPlan &plan,
                       const QString &visibility)
{
    net::UploadQueue queue(who.api.get(), who.session.get(), queueDir);
    QSignalSpy finished(&queue, &net::UploadQueue::jobFinished);
    auto id = queue.enqueue(plan, visibility);
    if (!id)
        return {};
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000) || !finished.first().at(1).toBool())
        return {};
    for (const auto &j : queue.jobs())
        if (j.id == *id)
            return j;
    return {};
}
} // namespace

void tst_UploadQueue::aFileIgnoredAfterTheSessionNeverLeavesInItsRecording()
{
    // The session recorded secret.env and two *.key files; they were ignored only afterwards.
    const QString project = m_root.filePath("ignored/later");
    const QString commit = makePublishableProject(project, "later");
    QVERIFY(!commit.isEmpty());
    const QString recFile = project + "/.bunny/recordings/20261129T050000Z-later.bunnyrec";
    QFile original(recFile);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray head = original.readLine(); // the header; the events are replaced
    original.close();
    auto label = vcs::Repository::open(project)->head();
    QVERIFY(label);
    QByteArray rec = head;
    auto line = [&](const QJsonArray &a) { rec += QJsonDocument(a).toJson(QJsonDocument::Compact) + '\n'; };
    line({0, "k", "main.py", ""});
    line({0, "k", "secret.env", "SECRET-ONE\n"});
    line({10, "i", "secret.env", 0, "SECRET-TWO "});
    line({20, "f", "secret.env"});
    line({30, "s", "secret.env", 0, 0});
    line({35, "m", "paste", "SECRET-FOUR", "secret.env"});
    line({40, "k", "draft.txt", "public draft\n"});
    line({50, "r", "draft.txt", "old.key"}); // into hiding: draft.txt goes away
    line({60, "i", "old.key", 0, "SECRET-THREE "});
    line({70, "k", "notes.key", "plain notes\n"});
    line({80, "r", "notes.key", "notes.md"}); // out of hiding: notes.md appears with its text
    line({90, "i", "main.py", 0, "print(1)\n"});
    line({95, "f", "main.py"});
    line({96, "o", "stdout", "1\n"});
    line({100, "m", "commit", vcs::commitMarkerLabel(label->shortId, label->subject)});
    putFile(recFile, rec);

    const net::ExcludeFilter ignoredNow = [](const QString &p) {
        return p == "secret.env" || p.endsWith(".key");
    };
    auto plan = net::planPublish(project, ignoredNow);
    QVERIFY2(plan, plan ? "" : plan.message().c_str());
    QCOMPARE(plan->recordings.size(), 1);
    const auto &planned = plan->recordings.first();
    QCOMPARE(planned.removedPaths, QStringList({"notes.key", "old.key", "secret.env"}));
    QVERIFY(!planned.filtered.contains("SECRET"));
    QCOMPARE(planned.size, planned.filtered.size());
    auto replay = rec::Recording::parse(planned.filtered.toStdString());
    QVERIFY2(replay, replay ? "" : replay.message().c_str());
    const auto end = replay->stateAt(replay->durationMs()).files();
    QCOMPARE(end,
             (std::map<std::string, std::string>{{"main.py", "print(1)\n"}, {"notes.md", "plain notes\n"}}));

    // What reaches the server is the filtered copy, and it plays there.
    QCOMPARE(m_server.signUp("gil").id.empty(), false);
    Client gil(url(), m_root.filePath("gil"));
    QVERIFY(gil.signIn("gil"));
    const auto job = publish(gil, m_root.filePath("gil/queue"), *plan, "public");
    QCOMPARE(job.recordings.size(), 1);
    const auto content =
        m_server.get("/api/v1/recordings/" + job.recordings.first().remoteId.toStdString() + "/content");
    QCOMPARE(content.status, 200);
    QVERIFY(content.body.find("SECRET") == std::string::npos);
    QVERIFY(content.body.find("public draft") != std::string::npos);
    QVERIFY(rec::Recording::parse(content.body));
}

void tst_UploadQueue::visibilityFollowsEachPublishForProjectAndRecordings()
{
    // The same commit and recording published public, then private, then public again: the
    // server answers the existing version and recording each time; the queue sets what was chosen.
    const QString project = m_root.filePath("vis/flip");
    QVERIFY(!makePublishableProject(project, "flip").isEmpty());
    auto plan = net::planPublish(project, noFilter());
    QVERIFY(plan);
    const Account hal = m_server.signUp("hal");
    QVERIFY(!hal.id.empty());
    Client client(url(), m_root.filePath("hal"));
    QVERIFY(client.signIn("hal"));
    for (const char *visibility : {"public", "private", "public"}) {
        const auto job = publish(client, m_root.filePath("hal/queue"), *plan, visibility);
        QVERIFY2(!job.projectId.isEmpty(), visibility);
        const std::string projectPath = "/api/v1/projects/" + job.projectId.toStdString();
        const std::string recPath = "/api/v1/recordings/" + job.recordings.first().remoteId.toStdString();
        QCOMPARE(
            QString::fromStdString(m_server.get(projectPath, hal.accessToken).json().value("visibility", "")),
            QString(visibility));
        QCOMPARE(
            QString::fromStdString(m_server.get(recPath, hal.accessToken).json().value("visibility", "")),
            QString(visibility));
        // What a stranger sees: the project, its version list and the recording, or nothing.
        const int seen = visibility == QString("public") ? 200 : 404;
        QCOMPARE(m_server.get(projectPath).status, seen);
        QCOMPARE(m_server.get(projectPath + "/versions").status, seen);
        QCOMPARE(m_server.get(recPath).status, seen);
    }
    QCOMPARE(total(m_server, "/api/v1/projects?owner=hal"), 1);
    QCOMPARE(m_server.get("/api/v1/recordings?owner=hal", hal.accessToken).json().value("total", -1), 1);
}

void tst_UploadQueue::progressCountsTheBytesSent()
{
    // 3 MiB that do not compress: the archive goes up in many pieces.
    const QString project = m_root.filePath("progress/heavy");
    QByteArray noise(3 << 20, Qt::Uninitialized);
    quint32 x = 2463534242u;
    for (char &c : noise) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        c = char(x);
    }
    putFile(project + "/data.bin", noise);
    QVERIFY(!makePublishableProject(project, "heavy").isEmpty());
    auto plan = net::planPublish(project, noFilter());
    QVERIFY(plan);
    QVERIFY(plan->archive.size() > (3 << 20));
    QCOMPARE(m_server.signUp("ike").id.empty(), false);
    Client ike(url(), m_root.filePath("ike"));
    QVERIFY(ike.signIn("ike"));
    net::UploadQueue queue(ike.api.get(), ike.session.get(), m_root.filePath("ike/queue"));
    QSignalSpy progress(&queue, &net::UploadQueue::progress);
    QSignalSpy finished(&queue, &net::UploadQueue::jobFinished);
    QVERIFY(queue.enqueue(*plan, "private"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QVERIFY(finished.first().at(1).toBool());
    const qint64 total = plan->archive.size() + plan->recordings.first().size;
    qint64 last = 0;
    int between = 0;
    for (const auto &p : progress) {
        const qint64 done = p.at(1).toLongLong();
        QCOMPARE(p.at(2).toLongLong(), total);
        QVERIFY2(done >= last, qPrintable(QString("%1 after %2").arg(done).arg(last)));
        between += done > 0 && done < total;
        last = done;
    }
    QVERIFY2(between >= 2, qPrintable(QString::number(between))); // seen on the way, not only at the end
    QCOMPARE(last, total);
}

void tst_UploadQueue::signOutRevokesTheRefreshTokenAndForgetsTheTokens()
{
    QCOMPARE(m_server.signUp("jon").id.empty(), false);
    const QString file = m_root.filePath("jon/session.json");
    Client jon(url(), m_root.filePath("jon"));
    QVERIFY(jon.signIn("jon"));
    QFile stored(file);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    const QString refresh =
        QJsonDocument::fromJson(stored.readAll()).object().value("refresh_token").toString();
    stored.close();
    QVERIFY(!refresh.isEmpty());

    QSignalSpy out(jon.session.get(), &net::AccountSession::signedOut);
    net::ApiCall *logout = jon.session->signOut();
    QVERIFY(logout);
    QCOMPARE(out.size(), 1);
    QVERIFY(!jon.session->isSignedIn());
    QVERIFY(Client::waitFor(logout).ok());
    // The server no longer takes it, and nothing of it is left on disk.
    QCOMPARE(m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", refresh.toStdString()}}).status,
             401);
    QVERIFY(!QFile::exists(file));
    net::Tokens left;
    bool loaded = false;
    jon.store->load([&](const net::Tokens &t) {
        left = t;
        loaded = true;
    });
    QTRY_VERIFY(loaded);
    QVERIFY(left.isEmpty());
}

void tst_UploadQueue::aRefreshTheServerCannotAnswerKeepsTheSession()
{
    QCOMPARE(m_server.signUp("kim").id.empty(), false);
    Client kim(url(), m_root.filePath("kim"));
    QVERIFY(kim.signIn("kim"));
    QCOMPARE(m_server.stop(), 0);
    std::optional<net::AccountSession::RefreshResult> result;
    kim.session->refreshTokens(this, [&](net::AccountSession::RefreshResult r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
    QVERIFY2(startServer(), qPrintable(m_server.errorString()));
    QCOMPARE(*result, net::AccountSession::RefreshResult::Unreachable);
    QVERIFY(kim.session->isSignedIn()); // not "your session has ended"
    QVERIFY(QFile::exists(m_root.filePath("kim/session.json")));
    // And the kept tokens still work once the server is back.
    QVERIFY(Client::waitFor(kim.api->get("/me")).ok());
}

QTEST_GUILESS_MAIN(tst_UploadQueue)
#include "tst_uploadqueue.moc"
