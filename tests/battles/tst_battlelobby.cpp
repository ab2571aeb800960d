// The battle REST routes (create, lobby, join, invite codes, quick match, rematch), expiry of a
// battle nobody joined, and a crash: unfinished battles end as aborted, recordings kept.
#include "battletestkit.h"

#include <recording/recording.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace bunny::test;
using nlohmann::json;

class tst_BattleLobby : public QObject
{
    Q_OBJECT

private:
    BunnydFixture m_server;
    BunnydFixture m_slow; // long countdown and expiry: time to act while waiting or counting down
    QTemporaryDir m_problems;

    Reply create(const Account &who, const json &body)
    {
        return m_server.postJson("/api/v1/battles", body, who.accessToken);
    }

private slots:
    void initTestCase()
    {
        if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        writeDoubleProblem(m_problems.path());
        QVERIFY2(m_server.start(fastBattleSettings(m_problems.path()) << "battles.expiry_ms=4000"
                                                                      << "problems.reload_ms=100"),
                 qPrintable(m_server.errorString()));
        QVERIFY2(m_slow.start(fastBattleSettings(m_problems.path()) << "battles.countdown_ms=60000"
                                                                    << "battles.expiry_ms=60000"),
                 qPrintable(m_slow.errorString()));
    }

    /// A battle on m_slow created by a and joined by b, with both sockets open.
    std::string slowBattle(const Account &a, const Account &b, BattleSocket &s1, BattleSocket &s2)
    {
        const auto made = m_slow.postJson("/api/v1/battles", {{"problem", "double"}, {"language", "python"}},
                                          a.accessToken);
        if (made.status != 201)
            return {};
        const std::string id = made.json()["id"];
        if (m_slow.postJson("/api/v1/battles/" + id + "/join", json::object(), b.accessToken).status != 200)
            return {};
        if (!s1.open(m_slow.port(), id, a.accessToken) || s1.waitFor("state").is_null())
            return {};
        if (!s2.open(m_slow.port(), id, b.accessToken) || s2.waitFor("state").is_null())
            return {};
        return id;
    }

    // The statement is shown from the countdown on, so backing out then is a rated resign.
    void resigningDuringTheCountdownLosesRating()
    {
        const auto a = m_slow.signUp("cdquita"), b = m_slow.signUp("cdquitb");
        BattleSocket s1, s2;
        const std::string id = slowBattle(a, b, s1, s2);
        QVERIFY(!id.empty());
        s1.send({{"type", "ready"}});
        s2.send({{"type", "ready"}});
        QVERIFY(!s1.waitFor("countdown").is_null());
        s1.send({{"type", "resign"}});
        const json end = s2.waitFor("end");
        QCOMPARE(end["reason"], "resign");
        QCOMPARE(end["winner"], "p2");
        QCOMPARE(end["ratings"]["p1"]["delta"], -16);
        QCOMPARE(end["ratings"]["p2"]["delta"], 16);
        const json b2 = m_slow.get("/api/v1/battles/" + id).json();
        QVERIFY(b2["started"].is_null()); // it never ran
        QCOMPARE(b2["players"][0]["delta"], -16);
        bool listed = false;
        const json board = m_slow.get("/api/v1/leaderboard?per_page=100").json(); // the loop borrows from it
        for (const auto &row : board["items"])
            if (row["user"]["username"] == a.username) {
                QCOMPARE(row["rating"], 1184);
                listed = true;
            }
        QVERIFY(listed);
    }

    // Quick match takes the open battle whose creator's rating is nearest the seeker's, not the
    // oldest or the newest: ratings come from resigns during the countdown (rated, quick here).
    void quickMatchPicksTheNearestRatingNotTheOldestOrNewest()
    {
        const auto beat = [&](const Account &winner, const Account &loser) {
            BattleSocket s1, s2;
            if (slowBattle(winner, loser, s1, s2).empty())
                return false;
            s1.send({{"type", "ready"}});
            s2.send({{"type", "ready"}});
            if (s2.waitFor("countdown").is_null())
                return false;
            s2.send({{"type", "resign"}});
            return !s1.waitFor("end").is_null();
        };
        const auto hi = m_slow.signUp("nearhi"), lo = m_slow.signUp("nearlo");
        const auto hi2 = m_slow.signUp("nearhi2"), lo2 = m_slow.signUp("nearlo2");
        const auto mid = m_slow.signUp("nearmid");
        QVERIFY(beat(hi, lo));   // hi 1216, lo 1184
        QVERIFY(beat(hi2, lo2)); // lo2 1184
        const json body = {{"problem", "double"}, {"language", "python"}, {"visibility", "public"}};
        std::vector<std::string> ids; // oldest first: 1216, 1184, 1200
        for (const Account *creator : {&hi, &lo2, &mid}) {
            const auto made = m_slow.postJson("/api/v1/battles", body, creator->accessToken);
            QCOMPARE(made.status, 201);
            ids.push_back(made.json()["id"]);
        }
        const auto matched = m_slow.postJson("/api/v1/battles/quick",
                                             {{"level", "easy"}, {"language", "python"}}, lo.accessToken);
        QCOMPARE(matched.status, 200);
        QCOMPARE(matched.json()["id"], ids[1]); // lo2's: the same rating as lo's
        // A 1216 player gets hi's battle (0 away), though mid's (16) is newer and lo2's is gone.
        const auto again =
            m_slow.postJson("/api/v1/battles/quick", {{"level", "easy"}, {"language", "python"}},
                            hi2.accessToken); // 1216: hi's battle is 0 away
        QCOMPARE(again.json()["id"], ids[0]);
    }

    // resign while waiting is the creator's cancel: no rating, and the open-battle slot is free.
    void creatorCancelsAWaitingBattleAndGetsItsSlotBack()
    {
        const auto owner = m_slow.signUp("canceller"), guest = m_slow.signUp("cancelguest");
        BattleSocket s1, s2;
        const std::string id = slowBattle(owner, guest, s1, s2);
        QVERIFY(!id.empty());
        for (int i = 0; i < 2; ++i)
            QCOMPARE(m_slow
                         .postJson("/api/v1/battles", {{"problem", "double"}, {"language", "python"}},
                                   owner.accessToken)
                         .status,
                     201);
        const auto full = m_slow.postJson("/api/v1/battles", {{"problem", "double"}, {"language", "python"}},
                                          owner.accessToken);
        QCOMPARE(full.errorCode(), "too_many_open");
        // Only the creator cancels; the one who joined cannot end it before it starts.
        s2.send({{"type", "resign"}});
        QCOMPARE(s2.waitFor("error")["code"], "not_running");
        s1.send({{"type", "resign"}});
        const json end = s2.waitFor("end");
        QCOMPARE(end["reason"], "expired");
        QVERIFY(end["winner"].is_null());
        QVERIFY(end["ratings"].is_null());
        const json after = m_slow.get("/api/v1/battles/" + id).json();
        QCOMPARE(after["status"], "finished");
        QCOMPARE(after["reason"], "expired");
        QCOMPARE(m_slow
                     .postJson("/api/v1/battles", {{"problem", "double"}, {"language", "python"}},
                               owner.accessToken)
                     .status,
                 201);
        const json board = m_slow.get("/api/v1/leaderboard?per_page=100").json(); // the loop borrows from it
        for (const auto &row : board["items"])
            QVERIFY(row["user"]["username"] != owner.username && row["user"]["username"] != guest.username);
    }

    void createRefusesBadInput_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("noLanguage") << R"({"problem":"double"})" << 400 << "bad_request";
        QTest::newRow("unknownLanguage")
            << R"({"problem":"double","language":"cobol"})" << 400 << "bad_language";
        QTest::newRow("unknownProblem") << R"({"problem":"nope","language":"python"})" << 404 << "not_found";
        QTest::newRow("badLevel") << R"({"level":"legendary","language":"python"})" << 400 << "bad_request";
        QTest::newRow("badVisibility")
            << R"({"language":"python","visibility":"secret"})" << 400 << "bad_request";
        QTest::newRow("timeLimitTooLong")
            << R"({"language":"python","time_limit_s":999999})" << 400 << "bad_request";
        QTest::newRow("timeLimitZero") << R"({"language":"python","time_limit_s":0})" << 400 << "bad_request";
        QTest::newRow("timeLimitNotNumber")
            << R"({"language":"python","time_limit_s":"soon"})" << 400 << "bad_request";
    }

    void createRefusesBadInput()
    {
        QFETCH(QString, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const auto who = m_server.signUp("bad" + std::to_string(qHash(body)));
        const auto reply = m_server.request("POST", "/api/v1/battles", body.toStdString(), "application/json",
                                            {{"Authorization", "Bearer " + who.accessToken}});
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.errorCode(), code.toStdString());
    }

    void createListGetAndJoin()
    {
        const auto alice = m_server.signUp("lobbyalice");
        const auto bob = m_server.signUp("lobbybob");
        QCOMPARE(m_server.postJson("/api/v1/battles", {{"language", "python"}}).status, 401);
        const auto reply = create(alice, {{"level", "easy"}, {"language", "python"}});
        QCOMPARE(reply.status, 201);
        const json b = reply.json();
        QCOMPARE(b["status"], "waiting");
        QCOMPARE(b["problem"]["slug"], "double"); // the only easy problem
        QCOMPARE(b["time_limit_s"], 900);
        QVERIFY(!b["invite_code"].get<std::string>().empty());
        QCOMPARE(b["players"].size(), 1u);
        const std::string id = b["id"];

        const json lobby = m_server.get("/api/v1/battles?status=waiting").json();
        bool listed = false;
        for (const auto &item : lobby["items"])
            listed = listed || item["id"] == id;
        QVERIFY(listed);
        QVERIFY(!m_server.get("/api/v1/battles/" + id).json().contains("invite_code")); // not a player

        QCOMPARE(m_server.postJson("/api/v1/battles/" + id + "/join", json::object(), alice.accessToken)
                     .errorCode(),
                 "own_battle");
        const auto joined =
            m_server.postJson("/api/v1/battles/" + id + "/join", json::object(), bob.accessToken);
        QCOMPARE(joined.status, 200);
        QCOMPARE(joined.json()["players"][1]["user"]["username"], bob.username);
        const auto carol = m_server.signUp("lobbycarol");
        QCOMPARE(m_server.postJson("/api/v1/battles/" + id + "/join", json::object(), carol.accessToken)
                     .errorCode(),
                 "battle_full");
        QCOMPARE(m_server.get("/api/v1/battles?status=sleeping").status, 400);
        QCOMPARE(m_server.get("/api/v1/battles/nosuch").status, 404);
    }

    void privateBattlesAreJoinedByInviteCode()
    {
        const auto host = m_server.signUp("privhost");
        const auto guest = m_server.signUp("privguest");
        const auto reply =
            create(host, {{"problem", "double"}, {"language", "go"}, {"visibility", "private"}});
        QCOMPARE(reply.status, 201);
        const std::string id = reply.json()["id"], code = reply.json()["invite_code"];
        QCOMPARE(m_server.get("/api/v1/battles/" + id, guest.accessToken).status, 404);
        QCOMPARE(
            m_server.postJson("/api/v1/battles/" + id + "/join", json::object(), guest.accessToken).status,
            404);
        QCOMPARE(
            m_server.postJson("/api/v1/battles/join", {{"invite_code", "NOPE"}}, guest.accessToken).status,
            404);
        const auto joined =
            m_server.postJson("/api/v1/battles/join", {{"invite_code", code}}, guest.accessToken);
        QCOMPARE(joined.status, 200);
        QCOMPARE(joined.json()["id"], id);
        QCOMPARE(m_server.get("/api/v1/battles/" + id, guest.accessToken).status, 200);
        const auto battles = m_server.get("/api/v1/battles").json(); // kept: the loop borrows from it
        for (const auto &item : battles["items"])
            QVERIFY(item["id"] != id); // not in anyone else's lobby
    }

    void quickMatchJoinsTheNearestRatingOrOpensOne()
    {
        const auto first = m_server.signUp("quickone");
        const auto second = m_server.signUp("quicktwo");
        auto opened = m_server.postJson("/api/v1/battles/quick", {{"level", "easy"}, {"language", "python"}},
                                        first.accessToken);
        // Other tests' open battles may be picked up first; keep asking until ours is made.
        QVERIFY(opened.status == 200 || opened.status == 201);
        while (opened.status == 200)
            opened = m_server.postJson("/api/v1/battles/quick", {{"level", "easy"}, {"language", "python"}},
                                       first.accessToken);
        QCOMPARE(opened.json()["matched"], false);
        const std::string id = opened.json()["id"];
        bool matched = false;
        for (int i = 0; i < 10 && !matched; ++i) {
            const auto reply =
                m_server.postJson("/api/v1/battles/quick", {{"language", "python"}}, second.accessToken);
            QCOMPARE(reply.status, 200);
            matched = reply.json()["id"] == id;
        }
        QVERIFY(matched);
    }

    void rematchOffersAPrivateBattleToTheOpponent()
    {
        Duel d;
        QVERIFY(d.begin(m_server, "again"));
        QCOMPARE(m_server.postJson("/api/v1/battles/" + d.id + "/rematch", json::object(), d.p1.accessToken)
                     .errorCode(),
                 "not_finished");
        d.s1.send({{"type", "resign"}});
        QVERIFY(!d.s2.waitFor("end").is_null());
        const auto offer =
            m_server.postJson("/api/v1/battles/" + d.id + "/rematch", json::object(), d.p2.accessToken);
        QCOMPARE(offer.status, 201);
        const json fresh = offer.json();
        QCOMPARE(fresh["visibility"], "private");
        QCOMPARE(fresh["rematch_of"], d.id);
        // The opponent hears of it on the old battle's socket, with the invite code.
        const json state = d.s1.waitFor("state");
        QCOMPARE(state["battle"]["rematch"], fresh["id"]);
        QCOMPARE(state["battle"]["rematch_invite_code"], fresh["invite_code"]);
        // Offering too is accepting: the same battle, not a second one, with both seated.
        const auto second =
            m_server.postJson("/api/v1/battles/" + d.id + "/rematch", json::object(), d.p1.accessToken);
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json()["id"], fresh["id"]);
        QCOMPARE(second.json()["players"].size(), 2u);
        const auto joined = m_server.postJson("/api/v1/battles/join", {{"invite_code", fresh["invite_code"]}},
                                              d.p1.accessToken);
        QCOMPARE(joined.status, 200);
        QCOMPARE(joined.json()["players"].size(), 2u);
    }

    void anUnreadBodyDoesNotSpillIntoTheNextRequestOnTheConnection()
    {
        // The rematch route ignores its body (the app sends "{}"): on a keep-alive connection
        // those bytes must not become the start of the next request ("{}POST …" → 405).
        Duel d;
        QVERIFY(d.begin(m_server, "spill"));
        d.s1.send({{"type", "resign"}});
        QVERIFY(!d.s2.waitFor("end").is_null());
        Poco::Net::HTTPClientSession session("127.0.0.1", m_server.port());
        session.setKeepAlive(true);
        for (int expected : {201, 200}) {
            Poco::Net::HTTPRequest request("POST", "/api/v1/battles/" + d.id + "/rematch",
                                           Poco::Net::HTTPMessage::HTTP_1_1);
            request.set("Authorization", "Bearer " + d.p2.accessToken);
            request.setContentType("application/json");
            request.setContentLength(2);
            request.setKeepAlive(true);
            session.sendRequest(request) << "{}";
            Poco::Net::HTTPResponse response;
            std::string body;
            Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
            QVERIFY2(int(response.getStatus()) == expected, body.c_str());
        }
    }

    void battleNobodyJoinedExpires()
    {
        const auto lonely = m_server.signUp("lonely");
        const auto reply = create(lonely, {{"problem", "double"}, {"language", "python"}});
        const std::string id = reply.json()["id"];
        json b;
        for (int i = 0; i < 100; ++i) {
            b = m_server.get("/api/v1/battles/" + id).json();
            if (b["status"] == "finished")
                break;
            QTest::qWait(100);
        }
        QCOMPARE(b["status"], "finished");
        QCOMPARE(b["reason"], "expired");
        QVERIFY(b["winner"].is_null());
        QCOMPARE(m_server.get("/api/v1/battles/" + id + "/recording").status, 404); // it never started
    }

    void crashAbortsUnfinishedBattlesAndKeepsTheRecording()
    {
        Duel d;
        QVERIFY(d.begin(m_server, "crash"));
        const std::string starter = d.s1.log().front()["battle"]["players"]["p1"]["text"];
        d.s1.send(replaceAll(starter, "print('before the crash')\n", 0));
        QCOMPARE(d.s1.waitFor("ack")["rev"], 1);
        QTest::qWait(300); // the recording flushes every 50 ms here
        m_server.crash();
        QVERIFY2(m_server.restart(), qPrintable(m_server.errorString()));
        const json b = m_server.get("/api/v1/battles/" + d.id).json();
        QCOMPARE(b["status"], "finished");
        QCOMPARE(b["reason"], "aborted");
        QVERIFY(b["winner"].is_null());
        const auto reply = m_server.get("/api/v1/battles/" + d.id + "/recording");
        QCOMPARE(reply.status, 200);
        QTemporaryDir tmp;
        const std::string path = tmp.path().toStdString() + "/crash.bunnyrec";
        std::ofstream(path, std::ios::binary) << reply.body;
        auto rec = bunny::rec::Recording::load(path);
        QVERIFY2(rec, rec ? "" : rec.message().c_str());
        QCOMPARE(*rec->stateAt(rec->durationMs()).text("p1/main.py"),
                 std::string("print('before the crash')\n"));
        // Ratings did not move for an aborted battle.
        const auto board = m_server.get("/api/v1/leaderboard?per_page=100").json();
        for (const auto &row : board["items"])
            QVERIFY(row["user"]["username"] != d.p1.username);
        BattleSocket late;
        QVERIFY(!late.open(m_server.port(), d.id, d.p1.accessToken));
        QCOMPARE(late.httpStatus(), 409);
    }

    void metricsCountBattles()
    {
        const std::string text = m_server.get("/metrics").body;
        QVERIFY(text.find("bunny_battles_live") != std::string::npos);
        QVERIFY(text.find("bunny_battle_connections") != std::string::npos);
    }

    // Runs last: it adds problems of the "easy" level the tests above count on.
    void importedProblemsAreLiveAndRunningBattlesKeepTheirs()
    {
        auto import = [&](const QString &set) {
            QProcess ctl;
            ctl.start(qEnvironmentVariable("BUNNY_BUILD_DIR") + "/backend/bunnyctl",
                      {"admin", "import-problems", set, "--config", m_server.configPath(), "--data",
                       m_server.dataDir()});
            return ctl.waitForFinished(60000) && ctl.exitStatus() == QProcess::NormalExit &&
                   ctl.exitCode() == 0;
        };
        QTemporaryDir source;
        const QString set = source.path() + "/club";
        writeTimesProblem(set, "triple", "Triple it", 3);
        QVERIFY(import(set));
        QTRY_COMPARE_WITH_TIMEOUT(m_server.get("/api/v1/problems/triple").status, 200, 15000);

        Duel d;
        QVERIFY(d.begin(m_server, "live", {{"problem", "triple"}}));
        QCOMPARE(d.created["problem"]["title"], "Triple it");
        // The set imported again without "triple": new battles cannot have it any more...
        QVERIFY(QDir(set + "/triple").removeRecursively());
        writeTimesProblem(set, "quadruple", "Quadruple it", 4);
        QVERIFY(import(set));
        QTRY_COMPARE_WITH_TIMEOUT(m_server.get("/api/v1/problems/quadruple").status, 200, 15000);
        QCOMPARE(m_server.get("/api/v1/problems/triple").status, 404);
        QCOMPARE(create(d.p1, {{"problem", "triple"}, {"language", "python"}}).status, 404);
        // ...while the battle on it runs on, judged on its own tests.
        const std::string starter = d.s1.log().front()["battle"]["players"]["p1"]["text"];
        d.s1.send(replaceAll(starter, "print(3 * int(input()))\n", 0));
        QCOMPARE(d.s1.waitFor("ack")["rev"], 1);
        d.s1.send({{"type", "submit"}});
        const json verdict = d.s2.waitFor("verdict", 60000);
        QCOMPARE(verdict["status"], "accepted");
        QCOMPARE(verdict["passed"], 10);
        QCOMPARE(d.s2.waitFor("end")["reason"], "solved");
        QCOMPARE(m_server.get("/api/v1/battles/" + d.id).json()["problem"]["title"], "Triple it");
    }
};

QTEST_GUILESS_MAIN(tst_BattleLobby)
#include "tst_battlelobby.moc"
