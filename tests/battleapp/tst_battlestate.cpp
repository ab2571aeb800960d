// Messages of the battle protocol as bunnyd writes them (backend/battles) parsed by the app.
#include "battle/battlestate.h"

#include <QJsonDocument>
#include <QTest>

using namespace bunny::battle;

namespace {

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

} // namespace

class tst_BattleState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aRunningSnapshotGivesBothPlayersTextsAndTheClock()
    {
        const QJsonObject state = parse(R"({"type":"state","you":"p2","battle":{
            "id":"b1","status":"running","reason":null,"winner":null,"visibility":"private",
            "no_outside_paste":true,"time_limit_s":600,"language":"python",
            "problem":{"slug":"sum","title":"Sum","level":"easy","statement":"Add **two** numbers.",
              "time_limit_ms":1000,"memory_limit_kb":65536,"tests":12,
              "samples":[{"name":"01","input":"1 2\n","expected":"3\n"}],
              "starter":{"python":"import sys\n","cpp":"int main(){}\n"}},
            "deadline":"2026-11-29T09:10:00.250Z","remaining_ms":543210,
            "players":{"p1":{"user":{"id":"u1","username":"alice"},"rating":1216,"connected":true,"ready":true,
                "language":"python","path":"main.py","text":"print('é中😀')\n","rev":7,
                "cursor":{"anchor":3,"caret":5},"judging":false,"submissions":1,
                "best":{"passed":4,"total":12,"status":"wrong_answer","at_ms":1234}},
              "p2":{"user":{"id":"u2","username":"bob"},"rating":1184,"connected":false,"ready":true,
                "language":"cpp","path":"main.cpp","text":"","rev":0,"cursor":{"anchor":0,"caret":0},
                "judging":true,"submissions":0,"best":null,"grace_ms":41000}},
            "spectators":3,"rematch_of":null,"rematch":null,"invite_code":"K7Q2-PX"}})");
        QCOMPARE(roleFromName(state.value("you").toString()), Role::P2);
        const BattleState s = parseBattleState(state.value("battle").toObject());
        QCOMPARE(s.id, QStringLiteral("b1"));
        QCOMPARE(s.status, QStringLiteral("running"));
        QVERIFY(s.reason.isEmpty());
        QVERIFY(s.noOutsidePaste);
        QCOMPARE(s.timeLimitS, 600);
        QCOMPARE(s.problem.title, QStringLiteral("Sum"));
        QCOMPARE(s.problem.samples.size(), qsizetype(1));
        QCOMPARE(s.problem.samples[0].expected, QStringLiteral("3\n"));
        QCOMPARE(s.problem.starter.value("cpp"), QByteArray("int main(){}\n"));
        QCOMPARE(s.deadline, QDateTime(QDate(2026, 11, 29), QTime(9, 10, 0, 250), Qt::UTC));
        QCOMPARE(s.remainingMs, qint64(543210));
        QCOMPARE(s.spectators, 3);
        QCOMPARE(s.inviteCode, QStringLiteral("K7Q2-PX"));
        const PlayerState &alice = s.players[0];
        QVERIFY(alice.present);
        QCOMPARE(alice.username, QStringLiteral("alice"));
        QCOMPARE(alice.rating, 1216);
        QCOMPARE(alice.text, QByteArray("print('é中😀')\n"));
        QCOMPARE(alice.rev, qint64(7));
        QCOMPARE(alice.caret, qint64(5));
        QVERIFY(alice.best.has_value());
        QCOMPARE(alice.best->passed, 4);
        QCOMPARE(alice.graceMs, qint64(-1));
        const PlayerState &bob = s.players[1];
        QVERIFY(!bob.connected);
        QVERIFY(bob.judging);
        QVERIFY(!bob.best.has_value());
        QCOMPARE(bob.graceMs, qint64(41000));
    }

    void aWaitingBattleHasNoSecondPlayer()
    {
        const BattleState s = parseBattleState(parse(R"({"id":"b2","status":"waiting",
            "players":{"p1":{"user":{"id":"u1","username":"alice"},"rating":1200},"p2":null},
            "deadline":null,"remaining_ms":900000})"));
        QVERIFY(s.players[0].present);
        QVERIFY(!s.players[1].present);
        QVERIFY(!s.deadline.isValid());
        QCOMPARE(s.remainingMs, qint64(900000));
    }

    void verdictsKeepSampleDetailsAndCompileOutput()
    {
        const Verdict v = parseVerdict(parse(R"({"type":"verdict","player":"p1","passed":1,"total":3,
            "status":"wrong_answer","compile_output":"warning: x",
            "tests":[{"name":"01","sample":true,"status":"ok","time_ms":12,"input":"1 2\n","expected":"3\n","actual":"3\n"},
                     {"name":"02","sample":false,"status":"wrong_answer","time_ms":15},
                     {"name":"03","sample":false,"status":"time_limit","time_ms":1000}]})"));
        QCOMPARE(v.player, Role::P1);
        QCOMPARE(v.passed, 1);
        QCOMPARE(v.total, 3);
        QCOMPARE(v.tests.size(), qsizetype(3));
        QVERIFY(v.tests[0].sample);
        QCOMPARE(v.tests[0].actual, QStringLiteral("3\n"));
        QVERIFY(v.tests[1].input.isEmpty());
        QCOMPARE(v.tests[2].status, QStringLiteral("time_limit"));
        QCOMPARE(v.compileOutput, QStringLiteral("warning: x"));
        QCOMPARE(describeStatus(v.tests[2].status), QStringLiteral("Time limit exceeded"));
    }

    void endsCarryWinnerReasonAndRatings_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("winner");
        QTest::addColumn<bool>("rated");
        QTest::addColumn<int>("p2Delta");
        QTest::newRow("solved") << QByteArray(R"({"type":"end","winner":"p1","reason":"solved","ratings":{
            "p1":{"before":1200,"after":1216,"delta":16},"p2":{"before":1200,"after":1184,"delta":-16}}})")
                                << 0 << true << -16;
        QTest::newRow("draw") << QByteArray(R"({"type":"end","winner":null,"reason":"draw","ratings":{
            "p1":{"before":1210,"after":1209,"delta":-1},"p2":{"before":1190,"after":1191,"delta":1}}})")
                              << -1 << true << 1;
        QTest::newRow("aborted") << QByteArray(
                                        R"({"type":"end","winner":null,"reason":"aborted","ratings":null})")
                                 << -1 << false << 0;
    }
    void endsCarryWinnerReasonAndRatings()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, winner);
        QFETCH(bool, rated);
        QFETCH(int, p2Delta);
        const EndInfo end = parseEnd(QJsonDocument::fromJson(json).object());
        QCOMPARE(slotOf(end.winner), winner);
        QCOMPARE(end.ratings.has_value(), rated);
        if (rated)
            QCOMPARE((*end.ratings)[1].delta, p2Delta);
        QVERIFY(!describeReason(end.reason).isEmpty());
    }

    void chatNamesTheSpeakerAndTheirRole()
    {
        const ChatMessage m = parseChat(parse(R"({"type":"chat","from":"carol","role":"spectator",
            "text":"gl hf <b>","at":"2026-11-29T09:00:00Z"})"));
        QCOMPARE(m.from, QStringLiteral("carol"));
        QCOMPARE(m.role, Role::Spectator);
        QCOMPARE(m.text, QStringLiteral("gl hf <b>"));
        QVERIFY(m.at.isValid());
    }

    void roleNamesRoundTrip()
    {
        for (Role role : {Role::P1, Role::P2, Role::Spectator})
            QCOMPARE(roleFromName(roleName(role)), role);
        QCOMPARE(roleFromName(QStringLiteral("p3")), Role::None);
        QCOMPARE(slotOf(Role::Spectator), -1);
    }
};

QTEST_GUILESS_MAIN(tst_BattleState)
#include "tst_battlestate.moc"
