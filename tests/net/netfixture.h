#pragma once

// Helpers for the net suites: a real git project with a recording that led to its commit, a
// free loopback port, and a signed-in session against a real bunnyd (BunnydFixture).

#include "bunnydfixture.h"
#include "net/accountsession.h"
#include "net/apiclient.h"
#include "net/tokenstore.h"
#include "vcs/replaystretch.h"
#include "vcs/repository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

namespace bunny::test {

inline void putFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

/// A committed project: main.py, lib/util.py, a .bunnyignore'd notes/ folder and a .env secret
/// (both committed, so only the filter keeps them home), and a recording whose commit marker
/// names the commit. Returns the commit id.
inline QString makePublishableProject(const QString &dir, const QString &marker)
{
    putFile(dir + "/main.py", "print('" + marker.toUtf8() + "')\n");
    putFile(dir + "/lib/util.py", "def add(a, b):\n    return a + b\n");
    putFile(dir + "/notes/private.txt", "do not publish\n");
    putFile(dir + "/.env", "TOKEN=hunter2\n");
    putFile(dir + "/.bunnyignore", "notes/\n");
    auto repo = vcs::Repository::init(dir);
    if (!repo)
        return {};
    auto commit = repo->commitAll("first version of " + marker, "Tester", "tester@example.org");
    if (!commit)
        return {};
    const QString label = vcs::commitMarkerLabel(commit->shortId, commit->subject);
    // "bunnyrec" must be the first key and QJsonObject sorts keys: the header is written by hand.
    QByteArray rec = "{\"bunnyrec\":1,\"id\":\"rec-" + marker.toUtf8() +
                     "\",\"started\":\"2026-11-29T05:00:00Z\",\"title\":\"" + marker.toUtf8() +
                     "\",\"author\":\"tester\",\"language\":\"python\"}\n";
    auto line = [&](const QJsonArray &a) { rec += QJsonDocument(a).toJson(QJsonDocument::Compact) + '\n'; };
    line({0, "k", "main.py", ""});
    const QString text = "print('" + marker + "')\n";
    for (int i = 0; i < text.size(); ++i)
        line({100 + i * 40, "i", "main.py", i, QString(text[i])});
    // A long tail of caret moves, so the file spans several download pieces.
    for (int i = 0; i < 400; ++i)
        line({2000 + i * 10, "s", "main.py", i % 10, i % 10});
    line({7000, "m", "commit", label});
    putFile(dir + "/.bunny/recordings/20261129T050000Z-" + marker + ".bunnyrec", rec);
    return commit->id;
}

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

/// A client + session for one user against `server`, tokens in a 0600 file under `dir`.
struct Client
{
    std::unique_ptr<net::ApiClient> api;
    std::unique_ptr<net::TokenStore> store;
    std::unique_ptr<net::AccountSession> session;

    Client(const QUrl &server, const QString &dir)
        : api(std::make_unique<net::ApiClient>())
        , store(std::make_unique<net::TokenStore>(nullptr, net::TokenStore::Backend::File,
                                                  dir + "/session.json"))
        , session(std::make_unique<net::AccountSession>(api.get(), store.get()))
    {
        api->setBaseUrl(server);
    }
    ~Client()
    {
        session.reset(); // before the client it points into
    }

    bool signUp(const QString &username)
    {
        auto r = waitFor(session->signUp(username, username + "@example.org", "secret-pass-1"));
        return r.ok() && session->isSignedIn();
    }
    bool signIn(const QString &username)
    {
        auto r = waitFor(session->signIn(username, "secret-pass-1"));
        if (!r.ok())
            qWarning("sign-in of %s failed: %d %s", qPrintable(username), r.status,
                     qPrintable(r.errorMessage));
        return r.ok() && session->isSignedIn();
    }
    static net::ApiResponse waitFor(net::ApiCall *call)
    {
        net::ApiResponse out;
        bool done = false;
        QObject::connect(call, &net::ApiCall::finished, call, [&](const net::ApiResponse &r) {
            out = r;
            done = true;
        });
        for (int i = 0; i < 6000 && !done; ++i)
            QTest::qWait(10);
        return out;
    }
};

} // namespace bunny::test
