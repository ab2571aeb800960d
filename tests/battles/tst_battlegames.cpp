// Whole battles between two real WebSocket clients and a real bunnyd over loopback, judged in
// the real sandbox: every way a battle can end, a reconnect, ratings and the recording.
#include "battletestkit.h"

#include <recording/recording.h>
#include <recording/summary.h>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace bunny::test;
using nlohmann::json;

class tst_BattleGames : public QObject
{
    Q_OBJECT

private:
    BunnydFixture m_server;
    QTemporaryDir m_problems;

    json battle(const std::string &id, const std::string &token = {})
    {
        return m_server.get("/api/v1/battles/" + id, token).json();
    }

private slots:
    void initTestCase()
    {
        if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        writeDoubleProblem(m_problems.path());
        QVERIFY2(m_server.start(fastBattleSettings(m_problems.path())), qPrintable(m_server.errorString()));
    }

    void solvingFirstWinsAndMovesRatings()
    {
        Duel d;
        QVERIFY(d.begin(m_server, "solve"));
        BattleSocket watcher;
        const auto fan = m_server.signUp("solvefan");
        QVERIFY(watcher.open(m_server.port(), d.id, fan.accessToken));
        const json seen = watcher.waitFor("state");
        QCOMPARE(seen["you"], "spectator");
        QCOMPARE(seen["battle"]["status"], "running");
        QVERIFY(!seen["battle"].contains("invite_code"));

        const std::string starter = seen["battle"]["players"]["p1"]["text"];
        d.s1.send(replaceAll(starter, kDoubleSolution, 0));
        QCOMPARE(d.s1.waitFor("ack")["rev"], 1);
        // The opponent and the spectator get the same ops, with the new revision.
        for (BattleSocket *s : {&d.s2, &watcher}) {
            const json edit = s->waitFor("edit");
            QCOMPARE(edit["player"], "p1");
            QCOMPARE(edit["rev"], 1);
            QCOMPARE(edit["ops"][1][2], kDoubleSolution);
        }
        d.s1.send({{"type", "cursor"}, {"anchor", 3}, {"caret", 3}});
        QCOMPARE(watcher.waitFor("cursor")["caret"], 3);

        // A wrong answer first: p2 passes only the sample.
        const std::string starter2 = seen["battle"]["players"]["p2"]["text"];
        d.s2.send(replaceAll(starter2, "print(4)\n", 0));
        QCOMPARE(d.s2.waitFor("ack")["rev"], 1);
        d.s2.send({{"type", "submit"}});
        const json wrong = d.s1.waitFor("verdict", 60000);
        QCOMPARE(wrong["player"], "p2");
        QCOMPARE(wrong["status"], "wrong_answer");
        QCOMPARE(wrong["passed"], 1);
        QCOMPARE(wrong["total"], 10);
        for (const auto &t : wrong["tests"])
            QCOMPARE(t.contains("expected"), t["sample"].get<bool>()); // hidden tests stay hidden

        d.s1.send({{"type", "submit"}});
        json right = watcher.waitFor("verdict", 60000);
        if (right["player"] == "p2") // the spectator saw p2's verdict too
            right = watcher.waitFor("verdict", 60000);
        QCOMPARE(right["player"], "p1");
        QCOMPARE(right["status"], "accepted");
        QCOMPARE(right["passed"], 10);
        const json end = d.s2.waitFor("end");
        QCOMPARE(end["winner"], "p1");
        QCOMPARE(end["reason"], "solved");
        QCOMPARE(end["ratings"]["p1"]["after"], 1216);
        QCOMPARE(end["ratings"]["p2"]["after"], 1184);
        QCOMPARE(watcher.waitFor("end")["winner"], "p1");

        const json after = battle(d.id);
        QCOMPARE(after["status"], "finished");
        QCOMPARE(after["winner"], "p1");
        QCOMPARE(after["players"][0]["delta"], 16);
        QCOMPARE(after["players"][1]["passed"], 1);
        const json board = m_server.get("/api/v1/leaderboard").json();
        bool found = false;
        for (const auto &row : board["items"])
            if (row["user"]["username"] == d.p1.username) {
                QCOMPARE(row["rating"], 1216);
                QCOMPARE(row["wins"], 1);
                found = true;
            }
        QVERIFY(found);
        const json history = m_server.get("/api/v1/battles?user=" + d.p2.username).json();
        QCOMPARE(history["total"], 1);
        QCOMPARE(history["items"][0]["id"], d.id);

        // The recording replays both players' texts with submit and verdict markers.
        const auto reply = m_server.get("/api/v1/battles/" + d.id + "/recording");
        QCOMPARE(reply.status, 200);
        QTemporaryDir tmp;
        const std::string path = tmp.path().toStdString() + "/battle.bunnyrec";
        std::ofstream(path, std::ios::binary) << reply.body;
        auto rec = bunny::rec::Recording::load(path);
        QVERIFY2(rec, rec ? "" : rec.message().c_str());
        const auto doc = rec->stateAt(rec->durationMs());
        QCOMPARE(*doc.text("p1/main.py"), kDoubleSolution);
        QCOMPARE(*doc.text("p2/main.py"), std::string("print(4)\n"));
        const auto summary = bunny::rec::summarize(*rec);
        QStringList kinds;
        for (const auto &m : summary.markers)
            kinds << QString::fromStdString(m.kind);
        QVERIFY2(kinds.count("submit") == 2 && kinds.count("verdict") == 2 && kinds.contains("end"),
                 qPrintable(kinds.join(',')));
    }

    void deadlineGoesToTheBetterBestSubmission()
    {
        Duel d;
        QVERIFY(d.begin(m_server, "late", {{"time_limit_s", 3}}));
        const json state = d.s1.log().front();
        d.s1.send(replaceAll(state["battle"]["players"]["p1"]["text"], "print(4)\n", 0));
        QVERIFY(!d.s1.waitFor("ack").is_null());
        d.s1.send({{"type", "submit"}});
        QCOMPARE(d.s1.waitFor("verdict", 60000)["passed"], 1);
        const json end = d.s2.waitFor("end", 30000);
        QCOMPARE(end["reason"], "deadline");
        QCOMPARE(end["winner"], "p1");
    }

    // Same number of tests passed at the deadline: who reached it first wins, here p2 (so the
    // rule is not just "p1 on a tie"). The exact tie is in tst_deadlineoutcome.
    void deadlineTieGoesToWhoReachedItFirst()
    {
        Duel d;
        QVERIFY(d.begin(m_server, "first", {{"time_limit_s", 5}}));
        const json state = d.s1.log().front();
        d.s2.send(replaceAll(state["battle"]["players"]["p2"]["text"], "print(4)\n", 0));
        QVERIFY(!d.s2.waitFor("ack").is_null());
        d.s1.send(replaceAll(state["battle"]["players"]["p1"]["text"], "print(4)\n", 0));
        QVERIFY(!d.s1.waitFor("ack").is_null());
        d.s2.send({{"type", "submit"}});
        // p1 submits once the server has taken p2's submission (a spectator's fresh state says so).
        const auto fan = m_server.signUp("firstfan");
        for (int i = 0; i < 200; ++i) {
            BattleSocket look;
            QVERIFY(look.open(m_server.port(), d.id, fan.accessToken));
            if (look.waitFor("state")["battle"]["players"]["p2"]["submissions"] == 1)
                break;
            QTest::qWait(10);
        }
        d.s1.send({{"type", "submit"}});
        int verdicts = 0;
        json end;
        while (end.is_null()) {
            const auto message = d.s1.receive(60000);
            QVERIFY(message);
            if ((*message)["type"] == "verdict") {
                QCOMPARE((*message)["passed"], 1);
                ++verdicts;
            } else if ((*message)["type"] == "end") {
                end = *message;
            }
        }
        QCOMPARE(verdicts, 2);
        QCOMPARE(end["reason"], "deadline");
        QCOMPARE(end["winner"], "p2");
    }

    // With "no outside paste", an insert of battles.paste_bytes (200) or more is marked in the
    // recording as a paste of the player who made it; without it, or for a small insert, not.
    void largeInsertsAreMarkedAsPastesOnlyWithNoOutsidePaste_data()
    {
        QTest::addColumn<bool>("noPaste");
        QTest::newRow("noOutsidePaste") << true;
        QTest::newRow("pasteAllowed") << false;
    }
    void largeInsertsAreMarkedAsPastesOnlyWithNoOutsidePaste()
    {
        QFETCH(bool, noPaste);
        Duel d;
        QVERIFY(d.begin(m_server, noPaste ? "nopaste" : "okpaste", {{"no_outside_paste", noPaste}}));
        QCOMPARE(d.s2.log().front()["battle"]["no_outside_paste"], noPaste);
        const std::string starter = d.s2.log().front()["battle"]["players"]["p2"]["text"];
        const std::string pasted = "# " + std::string(250, 'x') + "\n"; // 253 bytes in one insert
        d.s2.send(replaceAll(starter, pasted, 0));
        QCOMPARE(d.s2.waitFor("ack")["rev"], 1);
        d.s2.send({{"type", "edit"}, {"rev", 1}, {"ops", {{"i", 0, "# typed\n"}}}});
        QCOMPARE(d.s2.waitFor("ack")["rev"], 2);
        d.s1.send({{"type", "resign"}});
        QVERIFY(!d.s2.waitFor("end").is_null());

        const auto reply = m_server.get("/api/v1/battles/" + d.id + "/recording");
        QCOMPARE(reply.status, 200);
        std::vector<json> pastes;
        std::istringstream lines(reply.body);
        std::string line;
        std::getline(lines, line); // the header
        while (std::getline(lines, line)) {
            const json event = json::parse(line, nullptr, false);
            if (event.is_array() && event.size() >= 4 && event[1] == "m" && event[2] == "paste")
                pastes.push_back(event);
        }
        if (!noPaste) {
            QVERIFY(pastes.empty());
            return;
        }
        QCOMPARE(pastes.size(), std::size_t(1));
        QCOMPARE(pastes[0][3], "253 bytes inserted at once");
        QCOMPARE(pastes[0][4], "p2/");
    }

    void deadlineWithNothingPassedIsADraw()
    {
        Duel d;
        QVERIFY(d.begin(m_server, "tie", {{"time_limit_s", 1}}));
        const json end = d.s1.waitFor("end", 30000);
        QCOMPARE(end["reason"], "draw");
        QVERIFY(end["winner"].is_null());
        QCOMPARE(end["ratings"]["p1"]["delta"], 0); // equal ratings draw: no change
        QCOMPARE(battle(d.id)["reason"], "draw");
    }

    void resigningLoses()
    {
        Duel d;
        QVERIFY(d.begin(m_server, "quit"));
        d.s2.send({{"type", "resign"}});
        const json end = d.s1.waitFor("end");
        QCOMPARE(end["winner"], "p1");
        QCOMPARE(end["reason"], "resign");
        QCOMPARE(end["ratings"]["p2"]["delta"], -16);
    }

    void disconnectPastGraceLoses()
    {
        Duel d;
        QVERIFY(d.begin(m_server, "gone"));
        d.s2.close();
        // p1 learns the opponent is away, then wins when the grace runs out.
        json away;
        for (int i = 0; i < 5 && away.is_null(); ++i) {
            const json s = d.s1.waitFor("state");
            if (!s.is_null() && !s["battle"]["players"]["p2"]["connected"].get<bool>())
                away = s;
        }
        QVERIFY(!away.is_null());
        QVERIFY(away["battle"]["players"]["p2"]["grace_ms"].get<int>() > 0);
        const json end = d.s1.waitFor("end", 10000);
        QCOMPARE(end["winner"], "p1");
        QCOMPARE(end["reason"], "disconnect");
    }

    void reconnectWithinGraceResumesExactly()
    {
        Duel d;
        QVERIFY(d.begin(m_server, "back"));
        const std::string starter = d.s1.log().front()["battle"]["players"]["p1"]["text"];
        const std::string text = "x = '中文 ✓'\n";
        d.s1.send(replaceAll(starter, text, 0));
        QCOMPARE(d.s1.waitFor("ack")["rev"], 1);
        d.s1.send({{"type", "edit"}, {"rev", 1}, {"ops", {{"i", text.size(), "y = 1\n"}}}}); // a byte offset
        QCOMPARE(d.s1.waitFor("ack")["rev"], 2);
        d.s1.close();

        BattleSocket again;
        QVERIFY(again.open(m_server.port(), d.id, d.p1.accessToken));
        const json state = again.waitFor("state");
        QCOMPARE(state["you"], "p1");
        QCOMPARE(state["battle"]["status"], "running");
        QCOMPARE(state["battle"]["players"]["p1"]["text"], text + "y = 1\n");
        QCOMPARE(state["battle"]["players"]["p1"]["rev"], 2);
        QVERIFY(state["battle"]["remaining_ms"].get<int>() > 0);
        // Carry on from the same revision; the opponent sees p1 back and the edit.
        again.send({{"type", "edit"}, {"rev", 2}, {"ops", {{"d", 0, "x"}, {"i", 0, "z"}}}});
        QCOMPARE(again.waitFor("ack")["rev"], 3);
        QCOMPARE(d.s2.waitFor("joined")["player"], "p1");
        QCOMPARE(d.s2.waitFor("edit")["rev"], 3);
        // Past the old grace the battle still runs: the reconnect cancelled it.
        QTest::qWait(1800);
        QCOMPARE(battle(d.id)["status"], "running");
        again.send({{"type", "resign"}});
        QCOMPARE(d.s2.waitFor("end")["winner"], "p2");
    }
};

QTEST_GUILESS_MAIN(tst_BattleGames)
#include "tst_battlegames.moc"
