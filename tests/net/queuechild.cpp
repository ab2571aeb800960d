// A stand-in for the app in tst_uploadqueue: signs in, queues the projects it is given and
// drains the queue, printing each saved step, so the test can SIGKILL it mid-queue. Two of them
// on one queue folder stand for two app instances.
//   bunny_queue_child --server URL --dir QUEUE_DIR --user NAME [--enqueue PROJECT_DIR]...
//                     [--start-when FILE] [--exit-when-drained]
// --start-when: signed in, prints "ready" and queues only once FILE exists (so two children
// queue at the same moment); --exit-when-drained: exits 0 once nothing in the queue is pending.
#include "net/accountsession.h"
#include "net/apiclient.h"
#include "net/publishplan.h"
#include "net/tokenstore.h"
#include "net/uploadqueue.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

using namespace bunny::net;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{"server", "server URL", "url"},
                       {"dir", "queue folder", "dir"},
                       {"user", "username (password secret-pass-1)", "name"},
                       {"enqueue", "project to publish", "dir"},
                       {"start-when", "queue once this file exists", "file"},
                       {"exit-when-drained", "exit once nothing is pending"}});
    parser.process(app);

    ApiClient api;
    api.setBaseUrl(QUrl(parser.value("server")));
    TokenStore store(nullptr, TokenStore::Backend::File,
                     parser.value("dir") +
                         QStringLiteral("/child-session-%1.json").arg(app.applicationPid()));
    AccountSession session(&api, &store);
    UploadQueue queue(&api, &session, parser.value("dir"));
    queue.setBackoff(100, 1000);
    auto say = [](const QString &line) {
        std::fputs(qPrintable(line + '\n'), stdout);
        std::fflush(stdout);
    };
    QObject::connect(&queue, &UploadQueue::stepDone, &app,
                     [&](const QString &job, const QString &step) { say("step " + job + " " + step); });
    QObject::connect(&queue, &UploadQueue::jobFinished, &app,
                     [&](const QString &job, bool ok, const QString &msg) {
                         say(QString("finished %1 %2 %3").arg(job, ok ? "ok" : "failed", msg));
                     });
    bool queued = false;
    QObject::connect(&queue, &UploadQueue::idle, &app, [&] {
        if (queue.pendingCount() != 0)
            return;
        say("drained");
        if (queued && parser.isSet("exit-when-drained"))
            app.exit(0);
    });
    auto enqueueAll = [&] {
        for (const QString &project : parser.values("enqueue")) {
            auto plan = planPublish(project, [](const QString &) { return false; });
            if (!plan) {
                say("plan failed: " + QString::fromStdString(plan.message()));
                app.exit(3);
                return;
            }
            auto id = queue.enqueue(*plan, "public");
            say(id ? "queued " + *id : "enqueue failed: " + QString::fromStdString(id.message()));
        }
        queued = true;
    };
    QTimer startPoll;
    QObject::connect(&startPoll, &QTimer::timeout, &app, [&] {
        if (!QFileInfo::exists(parser.value("start-when")))
            return;
        startPoll.stop();
        enqueueAll();
    });

    ApiCall *login = session.signIn(parser.value("user"), "secret-pass-1");
    QObject::connect(login, &ApiCall::finished, &app, [&](const ApiResponse &r) {
        if (!r.ok()) {
            say("login failed: " + r.errorMessage);
            app.exit(2);
            return;
        }
        if (!parser.isSet("start-when"))
            return enqueueAll();
        say("ready");
        startPoll.start(5);
    });
    return app.exec();
}
