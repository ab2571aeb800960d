// The lobby's ways into a battle besides the list (join by invite code, quick match) and the
// creator's Cancel in the battle window while it waits, against a real bunnyd.

#include "battlefixture.h"

#include "battle/battleclient.h"
#include "battleui/battlewindow.h"
#include "battleui/lobbywindow.h"
#include "net/accountsession.h"
#include "net/apiclient.h"
#include "net/tokenstore.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

using bunny::battleui::BattleWindow;
using bunny::battleui::LobbyWindow;
using bunny::test::Account;
using Window = std::unique_ptr<BattleWindow>;

class tst_LobbyWindow : public QObject
{
    Q_OBJECT

    bunny::test::BunnydFixture m_server;
    bunny::test::ProblemFiles m_problem;
    QTemporaryDir m_tokens;

    /// The battle window the lobby opens after action (owned by the test from then on).
    static Window opened(LobbyWindow &lobby, const std::function<void()> &action)
    {
        QSignalSpy spy(&lobby, &LobbyWindow::battleWindowOpened);
        action();
        if (!spy.wait(10000))
            return nullptr;
        return Window(spy.at(0).at(0).value<BattleWindow *>());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_problem = bunny::test::findProblem();
        if (!m_problem.error.isEmpty())
            QSKIP(qPrintable(m_problem.error));
        QVERIFY2(m_server.start(bunny::test::quickBattleSettings() << "battles.expiry_ms=120000"),
                 qPrintable(m_server.errorString()));
    }

    void joinByInviteCodeSeatsUsInAPrivateBattle()
    {
        const Account host = m_server.signUp("codehost"), guest = m_server.signUp("codeguest");
        const auto made = m_server.postJson(
            "/api/v1/battles",
            {{"problem", m_problem.slug.toStdString()}, {"language", "python"}, {"visibility", "private"}},
            host.accessToken);
        QCOMPARE(made.status, 201);
        const QString id = QString::fromStdString(made.json()["id"]);
        const QString code = QString::fromStdString(made.json()["invite_code"]);

        bunny::test::SignedInSeat seat;
        QVERIFY(seat.signIn(m_server, guest, m_tokens));
        LobbyWindow lobby(seat.session.get());
        // No code: says what to type. A wrong code: the server's refusal, no window.
        lobby.joinByCodeButton()->click();
        QVERIFY(lobby.messageLabel()->text().contains(QStringLiteral("invite code")));
        const QString asked = lobby.messageLabel()->text();
        lobby.inviteCodeField()->setText(QStringLiteral("NOSUCHCODE"));
        QSignalSpy none(&lobby, &LobbyWindow::battleWindowOpened);
        lobby.joinByCodeButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(lobby.messageLabel()->text() != asked, 10000);
        QCOMPARE(none.count(), 0);
        // The right code, with stray spaces and Return as a user would: the second seat.
        lobby.inviteCodeField()->setText(QStringLiteral("  ") + code + QStringLiteral(" "));
        Window window = opened(lobby, [&] { Q_EMIT lobby.inviteCodeField()->returnPressed(); });
        QVERIFY(window);
        QCOMPARE(window->client()->battleId(), id);
        QTRY_COMPARE_WITH_TIMEOUT(window->client()->you(), bunny::battle::Role::P2, 10000);
        const auto seen = m_server.get("/api/v1/battles/" + id.toStdString(), host.accessToken).json();
        QCOMPARE(seen["players"][1]["user"]["username"].get<std::string>(), guest.username);
    }

    void quickMatchJoinsAnOpenBattleElseOpensOne()
    {
        const Account waiting = m_server.signUp("quickhost"), seeker = m_server.signUp("quickseeker");
        const QString id = bunny::test::createBattle(m_server, m_problem.slug, waiting, nullptr, 600);
        QVERIFY(!id.isEmpty());

        bunny::test::SignedInSeat seat;
        QVERIFY(seat.signIn(m_server, seeker, m_tokens));
        LobbyWindow lobby(seat.session.get());
        lobby.quickLanguageBox()->setCurrentIndex(
            lobby.quickLanguageBox()->findData(QStringLiteral("python")));
        Window joined = opened(lobby, [&] { lobby.quickMatchButton()->click(); });
        QVERIFY(joined);
        QCOMPARE(joined->client()->battleId(), id);
        QTRY_COMPARE_WITH_TIMEOUT(joined->client()->you(), bunny::battle::Role::P2, 10000);
        // Nobody else waits now: the next quick match opens a battle of ours for others to find.
        Window mine = opened(lobby, [&] { lobby.quickMatchButton()->click(); });
        QVERIFY(mine);
        QVERIFY(mine->client()->battleId() != id);
        QTRY_COMPARE_WITH_TIMEOUT(mine->client()->you(), bunny::battle::Role::P1, 10000);
        QCOMPARE(mine->client()->state().status, QStringLiteral("waiting"));
    }

    void theCreatorCancelsAWaitingBattle()
    {
        const Account host = m_server.signUp("cancelhost"), guest = m_server.signUp("cancelguest");
        const QString id = bunny::test::createBattle(m_server, m_problem.slug, host, &guest, 600);
        QVERIFY(!id.isEmpty());
        Window p1 = bunny::test::openBattleWindow(m_server, host, id);
        Window p2 = bunny::test::openBattleWindow(m_server, guest, id);
        QTRY_VERIFY_WITH_TIMEOUT(p1->cancelButton()->isEnabled(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(p2->client()->you(), bunny::battle::Role::P2, 10000);
        // Only the creator cancels (a tool bar may fold its buttons away: the state is what counts).
        QVERIFY(!p2->cancelButton()->isEnabled());
        p1->cancelButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(p2->client()->state().status, QStringLiteral("finished"), 10000);
        QVERIFY(p2->client()->endInfo());
        QCOMPARE(p2->client()->endInfo()->reason, QStringLiteral("expired"));
        QTRY_COMPARE_WITH_TIMEOUT(p1->client()->state().status, QStringLiteral("finished"), 10000);
        QVERIFY(!p1->cancelButton()->isEnabled());
        const auto after = m_server.get("/api/v1/battles/" + id.toStdString()).json();
        QCOMPARE(after["reason"].get<std::string>(), std::string("expired"));
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_MAIN(tst_LobbyWindow)
#include "tst_lobbywindow.moc"
