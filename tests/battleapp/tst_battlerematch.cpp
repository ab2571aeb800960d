// After a battle, in the app: one player offers a rematch from the result dialog, the other's
// dialog turns into an acceptance, and both land in the same new battle. Real lobby and battle
// windows against a real bunnyd; offers made at the same moment meet in one battle.

#include "battlefixture.h"

#include "battleui/lobbywindow.h"
#include "battleui/resultdialog.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>

using bunny::battle::Role;
using bunny::battleui::BattleWindow;
using bunny::battleui::LobbyWindow;
using bunny::test::Account;

class tst_BattleRematch : public QObject
{
    Q_OBJECT

    bunny::test::BunnydFixture m_server;
    Account m_alice, m_bob;
    bunny::test::ProblemFiles m_problem;
    QTemporaryDir m_tokens;
    bunny::test::SignedInSeat m_aliceSeat, m_bobSeat;
    // Windows use their lobby's API: they go first (members are destroyed last to first).
    std::unique_ptr<LobbyWindow> m_aliceLobby, m_bobLobby;
    std::vector<std::unique_ptr<BattleWindow>> m_windows;

    BattleWindow *keep(BattleWindow *window)
    {
        window->setAttribute(Qt::WA_DeleteOnClose, false);
        m_windows.emplace_back(window);
        return window;
    }

    static BattleWindow *opened(const QSignalSpy &spy)
    {
        return spy.isEmpty() ? nullptr : spy.last().at(0).value<BattleWindow *>();
    }

    /// A battle of alice (p1) and bob (p2) opened from their lobbies, started, and resigned by bob.
    std::pair<BattleWindow *, BattleWindow *> finishedBattle()
    {
        const QString id = bunny::test::createBattle(m_server, m_problem.slug, m_alice, &m_bob, 600);
        if (id.isEmpty())
            return {};
        BattleWindow *alice = keep(m_aliceLobby->openBattle(id));
        BattleWindow *bob = keep(m_bobLobby->openBattle(id));
        if (!bunny::test::startBattle(alice, bob))
            return {};
        bob->client()->sendResign();
        if (!QTest::qWaitFor([&] { return alice->resultDialog() && bob->resultDialog(); },
                             bunny::test::kBattleStartMs))
            return {};
        return {alice, bob};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_problem = bunny::test::findProblem();
        if (!m_problem.error.isEmpty())
            QSKIP(qPrintable(m_problem.error));
        QVERIFY2(m_server.start(bunny::test::quickBattleSettings()), qPrintable(m_server.errorString()));
        m_alice = m_server.signUp("alice");
        m_bob = m_server.signUp("bob");
        QVERIFY(m_aliceSeat.signIn(m_server, m_alice, m_tokens));
        QVERIFY(m_bobSeat.signIn(m_server, m_bob, m_tokens));
        m_aliceLobby = std::make_unique<LobbyWindow>(m_aliceSeat.session.get());
        m_bobLobby = std::make_unique<LobbyWindow>(m_bobSeat.session.get());
    }

    void anOfferAcceptedFromTheResultDialogStartsANewBattleForBoth()
    {
        const auto [alice, bob] = finishedBattle();
        QVERIFY(alice && bob);
        const QString old = alice->client()->battleId();
        QPushButton *offer = alice->resultDialog()->rematchButton();
        QVERIFY(offer->isVisible() && offer->isEnabled());
        QCOMPARE(offer->text(), QStringLiteral("Offer Rematch"));
        QCOMPARE(bob->resultDialog()->rematchButton()->text(), QStringLiteral("Offer Rematch"));

        QSignalSpy aliceOpened(m_aliceLobby.get(), &LobbyWindow::battleWindowOpened);
        QSignalSpy bobOpened(m_bobLobby.get(), &LobbyWindow::battleWindowOpened);
        offer->click();
        QCOMPARE(offer->text(), QStringLiteral("Rematch Offered"));
        QVERIFY(!offer->isEnabled());
        // The offerer's new battle opens at once, waiting for the opponent.
        QVERIFY(aliceOpened.wait(10000));
        BattleWindow *aliceNext = keep(opened(aliceOpened));
        QTRY_COMPARE_WITH_TIMEOUT(aliceNext->client()->you(), Role::P1, 10000);
        const QString next = aliceNext->client()->battleId();
        QVERIFY(next != old);
        QCOMPARE(aliceNext->client()->state().rematchOf, old);
        QCOMPARE(aliceNext->client()->state().visibility, QStringLiteral("private"));

        // The opponent's dialog turns into an acceptance, which seats them in the same battle.
        QPushButton *accept = bob->resultDialog()->rematchButton();
        QTRY_COMPARE_WITH_TIMEOUT(accept->text(), QStringLiteral("Accept Rematch"), 10000);
        QVERIFY(accept->isEnabled());
        QCOMPARE(offer->text(), QStringLiteral("Rematch Offered")); // the offerer's stays as it was
        accept->click();
        QVERIFY(bobOpened.wait(10000));
        BattleWindow *bobNext = keep(opened(bobOpened));
        QCOMPARE(bobNext->client()->battleId(), next);
        QTRY_COMPARE_WITH_TIMEOUT(bobNext->client()->you(), Role::P2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(aliceNext->client()->state().players[1].present, 10000);
        QVERIFY(bunny::test::startBattle(aliceNext, bobNext));
        QCOMPARE(aliceOpened.count(), 1); // one window each, one new battle
        QCOMPARE(bobOpened.count(), 1);
        const auto before = m_server.get("/api/v1/battles/" + old.toStdString(), m_alice.accessToken).json();
        QCOMPARE(QString::fromStdString(before.value("rematch", nlohmann::json()).dump()),
                 QStringLiteral("\"%1\"").arg(next));
        aliceNext->client()->sendResign();
        QTRY_VERIFY_WITH_TIMEOUT(bobNext->resultDialog(), bunny::test::kBattleStartMs);
    }

    void offersMadeAtTheSameMomentMeetInOneBattle()
    {
        const auto [alice, bob] = finishedBattle();
        QVERIFY(alice && bob);
        QSignalSpy aliceOpened(m_aliceLobby.get(), &LobbyWindow::battleWindowOpened);
        QSignalSpy bobOpened(m_bobLobby.get(), &LobbyWindow::battleWindowOpened);
        // Both click before either hears of the other's offer (no event loop turn between).
        // Each lobby's API connection is the keep-alive one its earlier offer used.
        alice->resultDialog()->rematchButton()->click();
        bob->resultDialog()->rematchButton()->click();
        QTRY_VERIFY2_WITH_TIMEOUT(
            aliceOpened.count() == 1 && bobOpened.count() == 1,
            qPrintable(QStringLiteral("opened %1 and %2; alice: %3; bob: %4")
                           .arg(aliceOpened.count())
                           .arg(bobOpened.count())
                           .arg(alice->statusBar()->currentMessage(), bob->statusBar()->currentMessage())),
            10000);
        BattleWindow *aliceNext = keep(opened(aliceOpened));
        BattleWindow *bobNext = keep(opened(bobOpened));
        QCOMPARE(aliceNext->client()->battleId(), bobNext->client()->battleId());
        // Whoever's offer the server took first plays p1; the other took the second seat.
        QTRY_VERIFY_WITH_TIMEOUT(aliceNext->client()->isPlayer() && bobNext->client()->isPlayer(), 10000);
        QVERIFY(aliceNext->client()->you() != bobNext->client()->you());
        QVERIFY(bunny::test::startBattle(aliceNext, bobNext));
        QTest::qWait(300); // nothing else opens later
        QCOMPARE(aliceOpened.count(), 1);
        QCOMPARE(bobOpened.count(), 1);
    }
};

QTEST_MAIN(tst_BattleRematch)
#include "tst_battlerematch.moc"
