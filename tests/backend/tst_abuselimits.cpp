// Abuse limits on a real bunnyd: brute force, registration and run floods, slow clients holding
// connections (slowloris), oversized headers. Each is refused without hurting other users,
// configurable, and visible on /metrics.
#include "bunnydfixture.h"
#include "rawclient.h"

#include <QDeadlineTimer>
#include <QTest>

#include <poll.h>

#include <string>
#include <vector>

using bunny::test::Account;
using bunny::test::BunnydFixture;
using bunny::test::RawClient;

namespace {

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

nlohmann::json pythonRun(const std::string &code)
{
    return {{"language", "python"}, {"files", {{"main.py", code}}}};
}

} // namespace

class tst_AbuseLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loginBruteForceIsCountedOnMetrics();
    void rightPasswordsDoNotCountAgainstTheAccount();
    void registrationFloodIsLimitedPerAddressOnly();
    void runFloodIsLimitedPerUserNotForOthers();
    void slowClientsCannotStarveOthers();
    void oversizedHeadersAreRefused_data();
    void oversizedHeadersAreRefused();
    void limitsAreConfigurableAndPublished();

private:
    BunnydFixture m_server; // for the tests that need no settings of their own
};

void tst_AbuseLimits::initTestCase()
{
    if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void tst_AbuseLimits::loginBruteForceIsCountedOnMetrics()
{
    BunnydFixture server;
    QVERIFY2(server.start({"ratelimit.login_per_account=2", "ratelimit.login_per_ip=100"}),
             qPrintable(server.errorString()));
    const Account victim = server.signUp("victim");
    for (int i = 0; i < 2; ++i)
        QCOMPARE(server
                     .postJson("/api/v1/auth/login",
                               {{"login", "victim"}, {"password", "guess-" + std::to_string(i)}})
                     .status,
                 401);
    // The attacker is stopped on this account, even with the right password now...
    QCOMPARE(
        server.postJson("/api/v1/auth/login", {{"login", "victim"}, {"password", victim.password}}).status,
        429);
    // ...while other accounts sign in as usual.
    const Account other = server.signUp("bystander");
    QCOMPARE(
        server.postJson("/api/v1/auth/login", {{"login", "bystander"}, {"password", other.password}}).status,
        200);
    const std::string metrics = server.get("/metrics").body;
    QVERIFY2(contains(metrics, "bunny_rate_limited_total{limit=\"login_account\"} 1\n"), metrics.c_str());
    QVERIFY2(contains(metrics, "bunny_limit{name=\"login_per_account\"} 2\n"), metrics.c_str());
}

void tst_AbuseLimits::rightPasswordsDoNotCountAgainstTheAccount()
{
    BunnydFixture server;
    QVERIFY2(server.start({"ratelimit.login_per_account=2", "ratelimit.login_per_ip=100"}),
             qPrintable(server.errorString()));
    const Account owner = server.signUp("busy");
    // The owner signs in from many devices: more than the limit, never refused.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(
            server.postJson("/api/v1/auth/login", {{"login", "busy"}, {"password", owner.password}}).status,
            200);
    // One typo still leaves room; the second wrong password fills the window.
    QCOMPARE(server.postJson("/api/v1/auth/login", {{"login", "busy"}, {"password", "typo-1"}}).status, 401);
    QCOMPARE(server.postJson("/api/v1/auth/login", {{"login", "BUSY"}, {"password", owner.password}}).status,
             200);
    QCOMPARE(server.postJson("/api/v1/auth/login", {{"login", "busy"}, {"password", "typo-2"}}).status, 401);
    QCOMPARE(server.postJson("/api/v1/auth/login", {{"login", "busy"}, {"password", "typo-3"}}).status, 429);
}

void tst_AbuseLimits::registrationFloodIsLimitedPerAddressOnly()
{
    BunnydFixture server;
    QVERIFY2(server.start({"ratelimit.register_per_ip=2"}), qPrintable(server.errorString()));
    QVERIFY(!server.signUp("flood-1").accessToken.empty());
    QVERIFY(!server.signUp("flood-2").accessToken.empty());
    const auto refused = server.postJson(
        "/api/v1/auth/register",
        {{"username", "flood-3"}, {"email", "f3@example.org"}, {"password", "long-enough-1"}});
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), std::string("rate_limited"));
    // Signed-up users keep working: the flood limit is on registration only.
    const auto login =
        server.postJson("/api/v1/auth/login", {{"login", "flood-1"}, {"password", "secret-pass-1"}});
    QCOMPARE(login.status, 200);
    const std::string metrics = server.get("/metrics").body;
    QVERIFY2(contains(metrics, "bunny_rate_limited_total{limit=\"register_ip\"} 1\n"), metrics.c_str());
}

void tst_AbuseLimits::runFloodIsLimitedPerUserNotForOthers()
{
    BunnydFixture server;
    // 3 a minute: a burst of 1, then one every 20 s.
    QVERIFY2(server.start({"sandbox.backend=native", "ratelimit.runs_per_minute=3"}),
             qPrintable(server.errorString()));
    const Account flooder = server.signUp("flooder");
    const Account other = server.signUp("patient");
    const auto first = server.postJson("/api/v1/runs", pythonRun("print(1)\n"), flooder.accessToken);
    if (first.status == 503)
        QSKIP(qPrintable(QString::fromStdString("no sandbox here: " + first.body)));
    QCOMPARE(first.status, 200);
    const auto refused = server.postJson("/api/v1/runs", pythonRun("print(2)\n"), flooder.accessToken);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), std::string("rate_limited"));
    QVERIFY(std::stoi(refused.header("retry-after")) >= 1);
    const auto others = server.postJson("/api/v1/runs", pythonRun("print(3)\n"), other.accessToken);
    QCOMPARE(others.status, 200);
    QCOMPARE(others.json().value("stdout", ""), std::string("3\n"));
    const std::string metrics = server.get("/metrics").body;
    QVERIFY2(contains(metrics, "bunny_runs_rejected_total{reason=\"rate_limited\"} 1\n"), metrics.c_str());
    QVERIFY2(contains(metrics, "bunny_limit{name=\"runs_per_minute\"} 3\n"), metrics.c_str());
}

void tst_AbuseLimits::slowClientsCannotStarveOthers()
{
    BunnydFixture server;
    // Few threads, so that without the per-address cap the slow clients would hold all of them
    // for server.timeout (60 s here) and the normal request below would wait behind them.
    QVERIFY2(server.start({"server.threads=6", "server.max_connections_per_ip=4", "server.timeout=60"}),
             qPrintable(server.errorString()));
    constexpr int kSlow = 12;
    std::vector<std::unique_ptr<RawClient>> slow;
    for (int i = 0; i < kSlow; ++i) {
        slow.push_back(std::make_unique<RawClient>("127.0.0.2", server.port()));
        QVERIFY(slow.back()->connected());
        // A request line and half a header, then nothing: the classic slowloris.
        QVERIFY(slow.back()->send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "));
    }
    // Past the cap each is answered 429 and closed at once.
    int refused = 0;
    QDeadlineTimer deadline(30000);
    while (refused < kSlow - 4 && !deadline.hasExpired()) {
        std::vector<pollfd> fds;
        for (const auto &c : slow)
            fds.push_back({c->fd(), POLLIN, 0});
        ::poll(fds.data(), fds.size(), 200);
        refused = 0;
        for (const auto &c : slow) {
            c->drain();
            if (contains(c->received(), "HTTP/1.1 429") && contains(c->received(), "too_many_connections"))
                ++refused;
        }
    }
    QCOMPARE(refused, kSlow - 4);
    // The four held connections hold four threads; everyone else is served as usual.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(server.get("/healthz").status, 200);
    const Account user = server.signUp("unhurried");
    QCOMPARE(server.get("/api/v1/me", user.accessToken).status, 200);
    const std::string metrics = server.get("/metrics").body;
    QVERIFY2(contains(metrics,
                      "bunny_rate_limited_total{limit=\"connections_per_ip\"} " + std::to_string(kSlow - 4)),
             metrics.c_str());
    // When the slow clients finally finish their headers they are answered too: nothing was lost.
    slow.front()->send("1\r\n\r\n");
    QDeadlineTimer answered(30000);
    while (!contains(slow.front()->received(), "HTTP/1.1 200") && !answered.hasExpired()) {
        pollfd fd{slow.front()->fd(), POLLIN, 0};
        ::poll(&fd, 1, 200);
        slow.front()->drain();
    }
    // The first connection may have been one of the refused ones; then its answer was the 429.
    QVERIFY(contains(slow.front()->received(), "HTTP/1.1 200") ||
            contains(slow.front()->received(), "HTTP/1.1 429"));
}

void tst_AbuseLimits::oversizedHeadersAreRefused_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::newRow("valueOf10KiB") << QByteArray("X-Big: " + QByteArray(10 * 1024, 'a') + "\r\n");
    QByteArray many;
    for (int i = 0; i < 200; ++i)
        many += "X-Field-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("twoHundredFields") << many;
    QTest::newRow("nameOf1KiB") << QByteArray(QByteArray(1024, 'n') + ": v\r\n");
}

void tst_AbuseLimits::oversizedHeadersAreRefused()
{
    QFETCH(QByteArray, headers);
    if (m_server.port() == 0)
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    RawClient client("127.0.0.1", m_server.port());
    QVERIFY(client.connected());
    QVERIFY(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n" + headers.toStdString() + "\r\n"));
    QDeadlineTimer deadline(30000);
    bool closed = false;
    while (!closed && !deadline.hasExpired()) {
        pollfd fd{client.fd(), POLLIN, 0};
        ::poll(&fd, 1, 200);
        closed = client.drain();
    }
    QVERIFY2(contains(client.received(), "HTTP/1.1 400"), client.received().c_str());
    QCOMPARE(m_server.get("/healthz").status, 200);
}

void tst_AbuseLimits::limitsAreConfigurableAndPublished()
{
    BunnydFixture server;
    QVERIFY2(server.start({"server.max_connections_per_ip=7", "limits.json_bytes=1000",
                           "ratelimit.login_per_ip=9", "server.timeout=11"}),
             qPrintable(server.errorString()));
    const std::string metrics = server.get("/metrics").body;
    for (const char *line :
         {"bunny_limit{name=\"connections_per_ip\"} 7\n", "bunny_limit{name=\"json_bytes\"} 1000\n",
          "bunny_limit{name=\"login_per_ip\"} 9\n", "bunny_limit{name=\"server_timeout_seconds\"} 11\n",
          "bunny_limit{name=\"register_per_ip\"} 0\n"})
        QVERIFY2(contains(metrics, line), qPrintable(QString(line) + " missing in:\n" + metrics.c_str()));
}

QTEST_GUILESS_MAIN(tst_AbuseLimits)
#include "tst_abuselimits.moc"
