#pragma once

// Whole battles in one process: a real bunnyd (tests/backend/bunnydfixture) and real battle
// windows of the app talking to it over WebSocket on loopback.

#include "battle/battleclient.h"
#include "battleui/battleeditor.h"
#include "battleui/battlewindow.h"
#include "bunnydfixture.h"
#include "net/accountsession.h"
#include "net/apiclient.h"
#include "net/tokenstore.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace bunny::test {

/// A problem of the bundled set with a right, a partly right and a wrong Python solution.
struct ProblemFiles
{
    QString slug;
    QByteArray solution;
    QByteArray partial; ///< prints test 01's answer: passes some tests, not all
    QByteArray wrong;
    QString error;
};

inline QString sourceDir()
{
    return QStringLiteral(BUNNY_SOURCE_DIR);
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The first easy problem (by slug) that has solutions/ref.py.
inline ProblemFiles findProblem()
{
    ProblemFiles p;
    const QDir root(sourceDir() + QStringLiteral("/resources/problems"));
    for (const QString &slug : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString dir = root.filePath(slug);
        const QJsonObject meta =
            QJsonDocument::fromJson(readAll(dir + QStringLiteral("/problem.json"))).object();
        const QByteArray ref = readAll(dir + QStringLiteral("/solutions/ref.py"));
        const QByteArray firstAnswer = readAll(dir + QStringLiteral("/tests/01.out"));
        if (meta.value(QLatin1String("level")).toString() != QLatin1String("easy") || ref.isEmpty() ||
            firstAnswer.isEmpty())
            continue;
        p.slug = slug;
        p.solution = ref;
        p.partial = "import sys\nsys.stdout.write(" +
                    QJsonDocument(QJsonArray{QString::fromUtf8(firstAnswer)})
                        .toJson(QJsonDocument::Compact)
                        .mid(1)
                        .chopped(1) +
                    ")\n";
        p.wrong = "print('no idea')\n";
        return p;
    }
    p.error = QStringLiteral("no easy problem with solutions/ref.py under ") + root.path();
    return p;
}

/// A battle window of `who`, connected; owned by the test.
inline std::unique_ptr<battleui::BattleWindow> openBattleWindow(const BunnydFixture &server,
                                                                const Account &who, const QString &battleId)
{
    auto *client = new battle::BattleClient;
    client->setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
    const QString token = QString::fromStdString(who.accessToken);
    client->setTokenProvider([token] { return token; });
    client->setPingInterval(500);
    client->setReconnectWindow(20000);
    auto window = std::make_unique<battleui::BattleWindow>(client, nullptr);
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->setWindowTitle(QString::fromStdString(who.username));
    window->show();
    client->connectToBattle(battleId);
    return window;
}

/// How long a battle may take to start (both ready, a short countdown) in the tests.
constexpr int kBattleStartMs = 20000;

/// bunnyd settings that make battles quick: the bundled problems, short countdown and grace.
inline QStringList quickBattleSettings()
{
    return {QStringLiteral("problems.dir=") + sourceDir() + QStringLiteral("/resources/problems"),
            "battles.countdown_ms=200",
            "battles.grace_ms=2500",
            "battles.min_time_limit_s=1",
            "battles.tick_ms=20",
            "battles.cursor_ms=20",
            "battles.messages_per_s=1000",
            "battles.recording_flush_ms=50",
            "sandbox.backend=native",
            "sandbox.prepared=1"};
}

/// A public battle on slug made by creator over REST (and joined by joiner when given); its id,
/// or empty after a warning.
inline QString createBattle(BunnydFixture &server, const QString &slug, const Account &creator,
                            const Account *joiner, int timeLimitS)
{
    const auto created = server.postJson("/api/v1/battles",
                                         {{"problem", slug.toStdString()},
                                          {"language", "python"},
                                          {"time_limit_s", timeLimitS},
                                          {"visibility", "public"}},
                                         creator.accessToken);
    if (created.status != 201) {
        qWarning("POST /battles: %d %s", created.status, created.body.c_str());
        return {};
    }
    const std::string id = created.json().value("id", "");
    if (joiner) {
        const auto joined =
            server.postJson("/api/v1/battles/" + id + "/join", nlohmann::json::object(), joiner->accessToken);
        if (joined.status != 200) {
            qWarning("join: %d %s", joined.status, joined.body.c_str());
            return {};
        }
    }
    return QString::fromStdString(id);
}

/// Both players press Ready; the short countdown runs out and both editors take typing.
inline bool startBattle(battleui::BattleWindow *p1, battleui::BattleWindow *p2)
{
    for (battleui::BattleWindow *w : {p1, p2}) {
        if (!QTest::qWaitFor([&] { return w->readyButton()->isEnabled(); }, kBattleStartMs))
            return false;
        w->readyButton()->click();
    }
    const auto running = [](battleui::BattleWindow *w) {
        return w->client()->state().status == QLatin1String("running") && !w->ownEditor()->isReadOnly();
    };
    return QTest::qWaitFor([&] { return running(p1) && running(p2); }, kBattleStartMs);
}

/// A user signed in the way the app does it (ApiClient, a token file, AccountSession), for the
/// windows that need the REST API (lobby, rematch, replay).
struct SignedInSeat
{
    net::ApiClient api;
    std::unique_ptr<net::TokenStore> store;
    std::unique_ptr<net::AccountSession> session;

    bool signIn(const BunnydFixture &server, const Account &who, const QTemporaryDir &tokens)
    {
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
        store = std::make_unique<net::TokenStore>(
            nullptr, net::TokenStore::Backend::File,
            tokens.filePath(QString::fromStdString(who.username) + QStringLiteral(".json")));
        session = std::make_unique<net::AccountSession>(&api, store.get());
        QSignalSpy signedIn(session.get(), &net::AccountSession::signedIn);
        session->signIn(QString::fromStdString(who.username), QString::fromStdString(who.password));
        return signedIn.wait(10000);
    }
};

/// Replaces the whole text of a player's editor the way a user does: select all, paste.
inline void pasteText(battleui::BattleEditor *editor, const QByteArray &text)
{
    QApplication::clipboard()->setText(QString::fromUtf8(text));
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(editor, Qt::Key_V, Qt::ControlModifier);
}

} // namespace bunny::test
