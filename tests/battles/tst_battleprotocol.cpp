// The battle WebSocket against forged and malformed input, stale revisions, language switches,
// spectators and chat: a real bunnyd, real sockets, no judge needed.
#include "battletestkit.h"

#include <battles/wsframe.h>

#include <Poco/Exception.h>

#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace bunny::test;
using nlohmann::json;
namespace ws = bunny::backend::battles::ws;

class tst_BattleProtocol : public QObject
{
    Q_OBJECT

private:
    BunnydFixture m_server;
    QTemporaryDir m_problems;
    Duel m_duel;
    Account m_watcher;   // reads fresh states without disturbing the players' sockets
    std::string m_text1; // p1's text as the server should have it
    std::int64_t m_rev1 = 0;

    /// The battle as a newly connected spectator sees it.
    json freshState()
    {
        BattleSocket s;
        if (!s.open(m_server.port(), m_duel.id, m_watcher.accessToken))
            return nullptr;
        return s.waitFor("state");
    }

    /// The value of one series on /metrics (0 when absent: a counter not yet incremented).
    double metric(const std::string &series)
    {
        const std::string text = "\n" + m_server.get("/metrics").body;
        const auto at = text.find("\n" + series + " ");
        return at == std::string::npos ? 0.0 : std::stod(text.substr(at + series.size() + 2));
    }

    void expectError(BattleSocket &s, const std::string &code)
    {
        const json e = s.waitFor("error");
        QVERIFY2(!e.is_null(), code.c_str());
        QCOMPARE(e["code"].get<std::string>(), code);
    }

private slots:
    void initTestCase()
    {
        if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        writeDoubleProblem(m_problems.path());
        QStringList settings = fastBattleSettings(m_problems.path());
        settings << "battles.max_frame_bytes=65536"
                 << "battles.messages_per_s=50"
                 << "battles.cursor_ms=1000"; // wide enough that a burst falls in one interval
        QVERIFY2(m_server.start(settings), qPrintable(m_server.errorString()));
        QVERIFY(m_duel.begin(m_server, "proto"));
        m_watcher = m_server.signUp("protowatcher");
        m_text1 = m_duel.s1.log().front()["battle"]["players"]["p1"]["text"];
    }

    /// A battle of two fresh players, both seated, neither socket open yet.
    std::string seatedBattle(const Account &a, const Account &b)
    {
        const auto made = m_server.postJson("/api/v1/battles",
                                            {{"problem", "double"}, {"language", "python"}}, a.accessToken);
        if (made.status != 201)
            return {};
        const std::string id = made.json()["id"];
        const auto joined =
            m_server.postJson("/api/v1/battles/" + id + "/join", json::object(), b.accessToken);
        return joined.status == 200 ? id : std::string();
    }

    // The freeze an auditor found: p1 readies, p1's socket drops, p2 readies, p1 comes back.
    // p1's old ready must not count (nobody was there to start with), and p1 readying again
    // must start the battle instead of being ignored as a duplicate.
    void readyOfADroppedSocketIsClearedSoReadyingAgainStarts()
    {
        const auto a = m_server.signUp("dropready1"), b = m_server.signUp("dropready2");
        const std::string id = seatedBattle(a, b);
        QVERIFY(!id.empty());
        BattleSocket s1, s2;
        QVERIFY(s1.open(m_server.port(), id, a.accessToken));
        QVERIFY(s2.open(m_server.port(), id, b.accessToken));
        QVERIFY(!s1.waitFor("state").is_null());
        QVERIFY(!s2.waitFor("state").is_null());
        s1.send({{"type", "ready"}});
        QCOMPARE(s2.waitFor("ready")["player"], "p1");
        s1.close();
        const json away = s2.waitFor("state"); // the drop, as p2 sees it
        QCOMPARE(away["battle"]["players"]["p1"]["connected"], false);
        QCOMPARE(away["battle"]["players"]["p1"]["ready"], false);
        s2.send({{"type", "ready"}});
        QCOMPARE(s2.waitFor("ready")["player"], "p2");

        BattleSocket back;
        QVERIFY(back.open(m_server.port(), id, a.accessToken));
        const json state = back.waitFor("state");
        QCOMPARE(state["battle"]["status"], "waiting");
        QCOMPARE(state["battle"]["players"]["p1"]["ready"], false);
        QCOMPARE(state["battle"]["players"]["p2"]["ready"], true);
        back.send({{"type", "ready"}});
        QVERIFY(!back.waitFor("countdown").is_null());
        QVERIFY(!s2.waitFor("start").is_null());
        back.send({{"type", "resign"}});
        QCOMPARE(s2.waitFor("end")["winner"], "p2");
    }

    // A newer socket replacing an older one (a client reconnecting before the server saw the
    // drop) keeps the player ready: the player never left.
    void readySurvivesASocketReplacedByANewerOne()
    {
        const auto a = m_server.signUp("swapready1"), b = m_server.signUp("swapready2");
        const std::string id = seatedBattle(a, b);
        QVERIFY(!id.empty());
        BattleSocket s1, s2, newer;
        QVERIFY(s1.open(m_server.port(), id, a.accessToken));
        QVERIFY(s2.open(m_server.port(), id, b.accessToken));
        QVERIFY(!s1.waitFor("state").is_null());
        QVERIFY(!s2.waitFor("state").is_null());
        s1.send({{"type", "ready"}});
        QCOMPARE(s2.waitFor("ready")["player"], "p1");
        QVERIFY(newer.open(m_server.port(), id, a.accessToken));
        QCOMPARE(newer.waitFor("state")["battle"]["players"]["p1"]["ready"], true);
        QCOMPARE(s1.waitClosed(), 4000);
        s2.send({{"type", "ready"}});
        QVERIFY(!newer.waitFor("start").is_null());
        newer.send({{"type", "resign"}});
        QCOMPARE(s2.waitFor("end")["winner"], "p2");
    }

    void editsApplyAtByteOffsetsIntoUtf8()
    {
        const std::string text = "s = \"é中😀\"\n";
        m_duel.s1.send(replaceAll(m_text1, text, m_rev1));
        QCOMPARE(m_duel.s1.waitFor("ack")["rev"], ++m_rev1);
        // 😀 starts at byte 10 (s = " is 5 bytes, é 2, 中 3): delete it, insert before é.
        m_duel.s1.send({{"type", "edit"}, {"rev", m_rev1}, {"ops", {{"d", 10, "😀"}, {"i", 5, "¡"}}}});
        QCOMPARE(m_duel.s1.waitFor("ack")["rev"], ++m_rev1);
        m_text1 = "s = \"¡é中\"\n";
        QCOMPARE(freshState()["battle"]["players"]["p1"]["text"], m_text1);
    }

    // Carets are coalesced: at most one relay per battles.cursor_ms per player, and the one
    // sent after the interval is the latest. A burst of five gets the first at once (unless a
    // caret went out less than an interval ago) and then only the fifth, never the three between.
    void cursorsAreCoalescedAndTheLatestWins()
    {
        for (int caret = 1; caret <= 5; ++caret)
            m_duel.s1.send({{"type", "cursor"}, {"anchor", caret}, {"caret", caret}});
        std::vector<int> relayed;
        for (json c = m_duel.s2.waitFor("cursor"); !c.is_null(); c = m_duel.s2.waitFor("cursor")) {
            QCOMPARE(c["player"], "p1");
            relayed.push_back(c["caret"].get<int>());
            if (relayed.back() == 5)
                break;
        }
        QVERIFY2(!relayed.empty() && relayed.back() == 5, "the latest caret was not relayed");
        QVERIFY2(relayed == std::vector<int>({1, 5}) || relayed == std::vector<int>({5}),
                 QByteArray::fromStdString(json(relayed).dump()).constData());
        QCOMPARE(freshState()["battle"]["players"]["p1"]["cursor"]["caret"], 5);
    }

    void staleRevisionGetsAFullState()
    {
        m_duel.s1.send({{"type", "edit"}, {"rev", m_rev1 + 5}, {"ops", {{"i", 0, "#"}}}});
        const json state = m_duel.s1.waitFor("state");
        QCOMPARE(state["battle"]["players"]["p1"]["rev"], m_rev1);
        QCOMPARE(state["battle"]["players"]["p1"]["text"], m_text1);
    }

    void forgedFramesGetErrorsAndChangeNothing_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("code");
        QTest::newRow("notJson") << "{\"type\":"
                                 << "bad_json";
        QTest::newRow("notAnObject") << "[1,2,3]"
                                     << "bad_message";
        QTest::newRow("typeNotString") << "{\"type\":7}"
                                       << "bad_message";
        QTest::newRow("unknownType") << "{\"type\":\"teleport\"}"
                                     << "bad_type";
        QTest::newRow("deepNesting") << "{\"type\":\"chat\",\"text\":[[[[[[[[[[[[1]]]]]]]]]]]]}"
                                     << "bad_json";
        QTest::newRow("editOtherPlayer")
            << "{\"type\":\"edit\",\"player\":\"p2\",\"rev\":0,\"ops\":[[\"i\",0,\"x\"]]}"
            << "forbidden";
        QTest::newRow("editNoOps") << "{\"type\":\"edit\",\"rev\":REV}"
                                   << "bad_message";
        QTest::newRow("editOpPastEnd") << "{\"type\":\"edit\",\"rev\":REV,\"ops\":[[\"i\",9999,\"x\"]]}"
                                       << "bad_op";
        QTest::newRow("editInsideMultibyte") << "{\"type\":\"edit\",\"rev\":REV,\"ops\":[[\"i\",6,\"x\"]]}"
                                             << "bad_op";
        QTest::newRow("editDeleteMismatch") << "{\"type\":\"edit\",\"rev\":REV,\"ops\":[[\"d\",0,\"zz\"]]}"
                                            << "bad_op";
        QTest::newRow("editSecondOpBad")
            << "{\"type\":\"edit\",\"rev\":REV,\"ops\":[[\"i\",0,\"ok\"],[\"d\",0,\"no\"]]}"
            << "bad_op";
        QTest::newRow("editNegativePos") << "{\"type\":\"edit\",\"rev\":REV,\"ops\":[[\"i\",-1,\"x\"]]}"
                                         << "bad_op";
        QTest::newRow("editWrongOpKind") << "{\"type\":\"edit\",\"rev\":REV,\"ops\":[[\"r\",0,\"x\"]]}"
                                         << "bad_op";
        QTest::newRow("cursorPastEnd") << "{\"type\":\"cursor\",\"anchor\":0,\"caret\":100000}"
                                       << "bad_message";
        QTest::newRow("chatEmpty") << "{\"type\":\"chat\",\"text\":\"\"}"
                                   << "bad_message";
        QTest::newRow("languageUnknown") << "{\"type\":\"language\",\"language\":\"cobol\"}"
                                         << "bad_language";
        QTest::newRow("readyWhileRunning") << "{\"type\":\"ready\"}"
                                           << "not_waiting";
    }

    void forgedFramesGetErrorsAndChangeNothing()
    {
        QFETCH(QString, frame);
        QFETCH(QString, code);
        m_duel.s1.sendText(frame.replace("REV", QString::number(m_rev1)).toStdString());
        expectError(m_duel.s1, code.toStdString());
        const json state = freshState();
        QCOMPARE(state["battle"]["players"]["p1"]["text"], m_text1);
        QCOMPARE(state["battle"]["players"]["p1"]["rev"], m_rev1);
        QCOMPARE(state["battle"]["status"], "running");
    }

    void spectatorsWatchAndChatButCannotPlay_data()
    {
        QTest::addColumn<QString>("type");
        for (const char *type : {"edit", "cursor", "language", "submit", "resign", "ready"})
            QTest::newRow(type) << type;
    }

    void spectatorsWatchAndChatButCannotPlay()
    {
        QFETCH(QString, type);
        const auto fan = m_server.signUp("fan" + type.toStdString());
        BattleSocket s;
        QVERIFY(s.open(m_server.port(), m_duel.id, fan.accessToken));
        QCOMPARE(s.waitFor("state")["you"], "spectator");
        s.send({{"type", type.toStdString()}, {"rev", 0}, {"ops", json::array()}, {"language", "c"}});
        expectError(s, "not_player");
        s.send({{"type", "chat"}, {"text", "go p1!"}});
        const json chat = m_duel.s1.waitFor("chat");
        QCOMPARE(chat["from"], fan.username);
        QCOMPARE(chat["role"], "spectator");
        QCOMPARE(freshState()["battle"]["status"], "running");
    }

    void pingGetsPong()
    {
        m_duel.s2.send({{"type", "ping"}});
        QVERIFY(!m_duel.s2.waitFor("pong").is_null());
    }

    void languageSwitchesOnlyWhileTextIsTheStarter()
    {
        // p2 has not typed: the switch takes the new starter; everyone gets a new state.
        m_duel.s2.send({{"type", "language"}, {"language", "cpp"}});
        json state = m_duel.s2.waitFor("state");
        QCOMPARE(state["battle"]["players"]["p2"]["language"], "cpp");
        QCOMPARE(state["battle"]["players"]["p2"]["path"], "main.cpp");
        QCOMPARE(state["battle"]["players"]["p2"]["text"], "#include <iostream>\n");
        QCOMPARE(state["battle"]["players"]["p2"]["rev"], 1);
        // p1 has typed: refused.
        m_duel.s1.send({{"type", "language"}, {"language", "cpp"}});
        expectError(m_duel.s1, "language_locked");
    }

    // One judgment at a time per player: a second submit while the first is judged is refused
    // (the C++ build keeps the first busy long enough).
    void aSecondSubmitWhileJudgingIsRefused()
    {
        m_duel.s2.send({{"type", "submit"}});
        m_duel.s2.send({{"type", "submit"}});
        expectError(m_duel.s2, "judging");
        const json verdict = m_duel.s1.waitFor("verdict", 120000);
        QCOMPARE(verdict["player"], "p2");
        QVERIFY(verdict["status"] != "accepted");
        // Exactly one was judged, and once it is in, submitting works again.
        QCOMPARE(freshState()["battle"]["players"]["p2"]["submissions"], 1);
        m_duel.s2.send({{"type", "submit"}});
        QCOMPARE(m_duel.s1.waitFor("verdict", 120000)["player"], "p2");
        QCOMPARE(freshState()["battle"]["players"]["p2"]["submissions"], 2);
    }

    void floodsAreRateLimitedThenClosed()
    {
        const std::string dropped = R"(bunny_rate_limited_total{limit="battle_messages_per_s"})";
        const double droppedBefore = metric(dropped);
        const auto flooder = m_server.signUp("flooder");
        BattleSocket s;
        QVERIFY(s.open(m_server.port(), m_duel.id, flooder.accessToken));
        QVERIFY(!s.waitFor("state").is_null());
        // The server may close the socket while the flood is still being written: stop there.
        try {
            for (int i = 0; i < 700; ++i)
                s.send({{"type", "ping"}});
        } catch (const Poco::Exception &) {
        }
        expectError(s, "rate_limited");
        QCOMPARE(s.waitClosed(), 1008);
        QCOMPARE(freshState()["battle"]["status"], "running");
        // Every dropped message is counted where operators look: the socket closes only after
        // more than five times messages_per_s (50 here) were dropped within a second.
        QVERIFY2(metric(dropped) - droppedBefore > 250,
                 std::to_string(metric(dropped) - droppedBefore).c_str());
    }

    void badFramesCloseTheSocket_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("closeCode");
        const std::string big(70000, 'x');
        QTest::newRow("tooLarge") << QByteArray::fromStdString(ws::encodeFrame(ws::Text, big, true)) << 1009;
        QTest::newRow("unmasked") << QByteArray::fromStdString(
                                         ws::encodeFrame(ws::Text, "{\"type\":\"ping\"}", false))
                                  << 1002;
        QTest::newRow("binary") << QByteArray::fromStdString(ws::encodeFrame(ws::Binary, "abc", true))
                                << 1003;
        std::string rsv = ws::encodeFrame(ws::Text, "{}", true);
        rsv[0] = char(rsv[0] | 0x40);
        QTest::newRow("reservedBits") << QByteArray::fromStdString(rsv) << 1002;
        std::string longPing = ws::encodeFrame(ws::Ping, std::string(200, 'p'), true);
        QTest::newRow("longControlFrame") << QByteArray::fromStdString(longPing) << 1002;
        std::string stray = ws::encodeFrame(ws::Continuation, "x", true);
        QTest::newRow("strayContinuation") << QByteArray::fromStdString(stray) << 1002;
    }

    void badFramesCloseTheSocket()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, closeCode);
        const auto who = m_server.signUp("raw" + std::to_string(qHash(bytes)));
        RawBattleSocket raw;
        QVERIFY(raw.open(m_server.port(), m_duel.id, who.accessToken));
        raw.sendBytes(bytes.toStdString());
        QCOMPARE(raw.waitCloseCode(), closeCode);
        QCOMPARE(freshState()["battle"]["players"]["p1"]["text"], m_text1);
    }

    void battleLimitsAndRefusalsAreOnMetrics_data()
    {
        QTest::addColumn<QString>("series");
        QTest::addColumn<double>("atLeast");
        QTest::newRow("messageBytesLimit")
            << QString(R"(bunny_limit{name="battle_message_bytes"})") << 65536.0;
        QTest::newRow("messageRateLimit") << QString(R"(bunny_limit{name="battle_messages_per_s"})") << 50.0;
        QTest::newRow("outboxLimit") << QString(R"(bunny_limit{name="battle_outbox_bytes"})") << 4194304.0;
        QTest::newRow("socketsLimit") << QString(R"(bunny_limit{name="battle_sockets_per_user"})") << 8.0;
        // badFramesCloseTheSocket's tooLarge row, before this test.
        QTest::newRow("oversizedMessageCounted")
            << QString(R"(bunny_rate_limited_total{limit="battle_message_bytes"})") << 1.0;
    }

    void battleLimitsAndRefusalsAreOnMetrics()
    {
        QFETCH(QString, series);
        QFETCH(double, atLeast);
        QVERIFY2(metric(series.toStdString()) >= atLeast, qPrintable(series));
    }

    void socketsPerUserAreCapped()
    {
        const std::string refused = R"(bunny_rate_limited_total{limit="battle_sockets_per_user"})";
        const double refusedBefore = metric(refused);
        const auto hoarder = m_server.signUp("hoarder");
        std::vector<BattleSocket> open(8);
        for (auto &s : open) {
            QVERIFY(s.open(m_server.port(), m_duel.id, hoarder.accessToken));
            QVERIFY(!s.waitFor("state").is_null());
        }
        BattleSocket ninth;
        QVERIFY(!ninth.open(m_server.port(), m_duel.id, hoarder.accessToken));
        QCOMPARE(ninth.httpStatus(), 429);
        QCOMPARE(metric(refused), refusedBefore + 1);
        // Someone else is not affected, and a closed socket frees its slot.
        QVERIFY(!freshState().is_null());
        open.back().close();
        bool reopened = false;
        for (int attempt = 0; attempt < 50 && !reopened; ++attempt) {
            reopened = ninth.open(m_server.port(), m_duel.id, hoarder.accessToken);
            if (!reopened)
                QTest::qWait(100);
        }
        QVERIFY(reopened);
    }

    void upgradeNeedsAValidTokenAndAVisibleBattle()
    {
        BattleSocket s;
        QVERIFY(!s.open(m_server.port(), m_duel.id, "not-a-token"));
        QCOMPARE(s.httpStatus(), 401);
        QVERIFY(!s.open(m_server.port(), "nosuchbattle", m_duel.p1.accessToken));
        QCOMPARE(s.httpStatus(), 404);
        // A private battle: its socket is for its players and whoever has the invite code.
        const auto owner = m_server.signUp("privowner");
        const auto stranger = m_server.signUp("privstranger");
        const auto reply = m_server.postJson(
            "/api/v1/battles", {{"problem", "double"}, {"language", "python"}, {"visibility", "private"}},
            owner.accessToken);
        QCOMPARE(reply.status, 201);
        const std::string id = reply.json()["id"];
        QVERIFY(!s.open(m_server.port(), id, stranger.accessToken));
        QCOMPARE(s.httpStatus(), 404);
        QVERIFY(s.open(m_server.port(), id, stranger.accessToken,
                       "invite=" + reply.json()["invite_code"].get<std::string>()));
        QCOMPARE(s.waitFor("state")["you"], "spectator");
        // A plain GET is not an upgrade.
        QCOMPARE(m_server.get("/api/v1/battles/" + id + "/ws?access_token=" + owner.accessToken).status, 400);
    }

    void serverSurvivesItAll()
    {
        QCOMPARE(m_server.get("/healthz").status, 200);
        m_duel.s1.send({{"type", "edit"}, {"rev", m_rev1}, {"ops", {{"i", 0, "#"}}}});
        QCOMPARE(m_duel.s1.waitFor("ack")["rev"], m_rev1 + 1);
        m_duel.s1.send({{"type", "resign"}});
        QCOMPARE(m_duel.s2.waitFor("end")["reason"], "resign");
    }
};

QTEST_GUILESS_MAIN(tst_BattleProtocol)
#include "tst_battleprotocol.moc"
