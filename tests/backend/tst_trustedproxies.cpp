// server.trusted_proxies: per-address limits count the client behind a trusted proxy (nginx), and
// nobody else can choose the address they are counted under by writing X-Forwarded-For.
#include "bunnydfixture.h"
#include "rawclient.h"
#include "server/trustedproxies.h"

#include <Poco/Exception.h>

#include <QDeadlineTimer>
#include <QTest>

#include <poll.h>

#include <memory>
#include <string>
#include <vector>

using bunny::backend::TrustedProxies;
using bunny::test::BunnydFixture;
using bunny::test::RawClient;

namespace {

/// One request over a fresh connection from `from` (a loopback address), with extra header
/// lines; the status of the answer, 0 when none came.
int statusOf(const char *from, quint16 port, const std::string &target, const std::string &headers,
             const std::string &body = {})
{
    RawClient client(from, port);
    if (!client.connected())
        return 0;
    const std::string request = (body.empty() ? "GET " : "POST ") + target +
                                " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers +
                                (body.empty() ? "" : "Content-Type: application/json\r\n") +
                                "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    if (!client.send(request))
        return 0;
    QDeadlineTimer deadline(30000);
    while (!client.drain() && !deadline.hasExpired()) {
        pollfd p{client.fd(), POLLIN, 0};
        ::poll(&p, 1, 100);
    }
    const std::string &answer = client.received();
    if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12)
        return 0;
    return std::stoi(answer.substr(9, 3));
}

int registerFrom(const char *from, quint16 port, const std::string &name, const std::string &headers)
{
    const std::string body =
        R"({"username":")" + name + R"(","email":")" + name + R"(@example.org","password":"long-enough-1"})";
    return statusOf(from, port, "/api/v1/auth/register", headers, body);
}

} // namespace

class tst_TrustedProxies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void clientAddressBelievesOnlyTrustedHops_data();
    void clientAddressBelievesOnlyTrustedHops();
    void badProxyListIsRefused_data();
    void badProxyListIsRefused();
    void forgedForwardedForFromAnUntrustedPeerIsIgnored();
    void trustedProxyForwardsTheAddressThatIsLimited();
    void trustedProxyIsExemptFromTheConnectionCap();
    void aBadProxyListStopsBunnydAtStart();

private:
    std::unique_ptr<BunnydFixture> m_server; // trusts 127.0.0.2; 2 registrations per address
};

void tst_TrustedProxies::initTestCase()
{
    if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void tst_TrustedProxies::clientAddressBelievesOnlyTrustedHops_data()
{
    QTest::addColumn<QString>("trusted");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QStringList>("forwardedFor");
    QTest::addColumn<QString>("realIp");
    QTest::addColumn<QString>("expected");
    QTest::newRow("noProxiesTrustedHeaderIgnored") << ""
                                                   << "127.0.0.1" << QStringList{"203.0.113.9"} << ""
                                                   << "127.0.0.1";
    QTest::newRow("untrustedPeerHeaderIgnored") << "10.0.0.0/8"
                                                << "192.0.2.1" << QStringList{"203.0.113.9"} << ""
                                                << "192.0.2.1";
    QTest::newRow("trustedPeerGivesTheForwardedClient") << "127.0.0.1"
                                                        << "127.0.0.1" << QStringList{"203.0.113.9"} << ""
                                                        << "203.0.113.9";
    QTest::newRow("forgedLeftPartIsSkipped") << "127.0.0.1"
                                             << "127.0.0.1" << QStringList{"1.1.1.1, 203.0.113.9"} << ""
                                             << "203.0.113.9";
    QTest::newRow("chainOfTrustedProxiesIsWalked")
        << "127.0.0.1, 10.0.0.0/8"
        << "127.0.0.1" << QStringList{"1.1.1.1, 203.0.113.9, 10.1.2.3"} << ""
        << "203.0.113.9";
    QTest::newRow("severalHeadersAreOneList") << "127.0.0.1"
                                              << "127.0.0.1" << QStringList{"1.1.1.1", "203.0.113.9"} << ""
                                              << "203.0.113.9";
    QTest::newRow("garbageHopStopsAtTheLastTrusted")
        << "127.0.0.1, 10.0.0.0/8"
        << "127.0.0.1" << QStringList{"203.0.113.9, not-an-ip, 10.1.2.3"} << ""
        << "10.1.2.3";
    QTest::newRow("allHopsTrustedGivesTheFarthest") << "10.0.0.0/8, 127.0.0.1"
                                                    << "127.0.0.1" << QStringList{"10.9.9.9, 10.1.2.3"} << ""
                                                    << "10.9.9.9";
    QTest::newRow("realIpWhenNoForwardedFor") << "127.0.0.1"
                                              << "127.0.0.1" << QStringList{} << "203.0.113.7"
                                              << "203.0.113.7";
    QTest::newRow("badRealIpGivesThePeer") << "127.0.0.1"
                                           << "127.0.0.1" << QStringList{} << "nonsense"
                                           << "127.0.0.1";
    QTest::newRow("ipv6Network") << "::1, fd00::/8"
                                 << "::1" << QStringList{"2001:db8::5, fd00::17"} << ""
                                 << "2001:db8::5";
    QTest::newRow("mappedIpv4PeerMatchesIpv4Entry") << "127.0.0.0/8"
                                                    << "::ffff:127.0.0.1" << QStringList{"203.0.113.9"} << ""
                                                    << "203.0.113.9";
}

void tst_TrustedProxies::clientAddressBelievesOnlyTrustedHops()
{
    QFETCH(QString, trusted);
    QFETCH(QString, peer);
    QFETCH(QStringList, forwardedFor);
    QFETCH(QString, realIp);
    QFETCH(QString, expected);
    const TrustedProxies proxies = TrustedProxies::parse(trusted.toStdString());
    std::vector<std::string> headers;
    for (const QString &header : forwardedFor)
        headers.push_back(header.toStdString());
    QCOMPARE(QString::fromStdString(proxies.clientAddress(Poco::Net::IPAddress(peer.toStdString()), headers,
                                                          realIp.toStdString())),
             expected);
}

void tst_TrustedProxies::badProxyListIsRefused_data()
{
    QTest::addColumn<QString>("list");
    QTest::newRow("hostName") << "nginx.local";
    QTest::newRow("prefixTooLong") << "10.0.0.0/33";
    QTest::newRow("prefixNotANumber") << "10.0.0.0/eight";
    QTest::newRow("ipv6PrefixTooLong") << "::1/129";
    QTest::newRow("oneBadAmongGood") << "127.0.0.1, 10.0.0.0/8, 300.1.1.1";
}

void tst_TrustedProxies::badProxyListIsRefused()
{
    QFETCH(QString, list);
    QVERIFY_THROWS_EXCEPTION(Poco::InvalidArgumentException, TrustedProxies::parse(list.toStdString()));
}

void tst_TrustedProxies::forgedForwardedForFromAnUntrustedPeerIsIgnored()
{
    m_server = std::make_unique<BunnydFixture>();
    QVERIFY2(m_server->start({"server.trusted_proxies=127.0.0.2", "ratelimit.register_per_ip=2"}),
             qPrintable(m_server->errorString()));
    const quint16 port = m_server->port();
    // Each request claims another address; all of them count against 127.0.0.3.
    QCOMPARE(registerFrom("127.0.0.3", port, "forger1", "X-Forwarded-For: 198.51.100.1\r\n"), 201);
    QCOMPARE(registerFrom("127.0.0.3", port, "forger2", "X-Real-IP: 198.51.100.2\r\n"), 201);
    QCOMPARE(registerFrom("127.0.0.3", port, "forger3", "X-Forwarded-For: 198.51.100.3\r\n"), 429);
}

void tst_TrustedProxies::trustedProxyForwardsTheAddressThatIsLimited()
{
    QVERIFY(m_server);
    const quint16 port = m_server->port();
    // Through the proxy at 127.0.0.2 the forwarded client is counted, not the proxy...
    QCOMPARE(registerFrom("127.0.0.2", port, "behind1", "X-Forwarded-For: 203.0.113.1\r\n"), 201);
    QCOMPARE(registerFrom("127.0.0.2", port, "behind2", "X-Forwarded-For: 198.51.100.9, 203.0.113.1\r\n"),
             201);
    QCOMPARE(registerFrom("127.0.0.2", port, "behind3", "X-Forwarded-For: 203.0.113.1\r\n"), 429);
    // ...so another client behind the same proxy is not hurt by that one's flood,
    QCOMPARE(registerFrom("127.0.0.2", port, "other1", "X-Forwarded-For: 203.0.113.2\r\n"), 201);
    QCOMPARE(registerFrom("127.0.0.2", port, "other2", "X-Real-IP: 203.0.113.3\r\n"), 201);
    // and a forged left part of the header does not get the flooder a fresh count.
    QCOMPARE(registerFrom("127.0.0.2", port, "behind4", "X-Forwarded-For: 192.0.2.77, 203.0.113.1\r\n"), 429);
}

void tst_TrustedProxies::trustedProxyIsExemptFromTheConnectionCap()
{
    BunnydFixture server;
    QVERIFY2(server.start({"server.trusted_proxies=127.0.0.2/32", "server.max_connections_per_ip=2"}),
             qPrintable(server.errorString()));
    // Idle open connections: the proxy holds many (one per client), a plain client its cap.
    std::vector<std::unique_ptr<RawClient>> proxy, client;
    for (int i = 0; i < 4; ++i) {
        proxy.push_back(std::make_unique<RawClient>("127.0.0.2", server.port()));
        client.push_back(std::make_unique<RawClient>("127.0.0.4", server.port()));
        QVERIFY(proxy.back()->connected() && client.back()->connected());
    }
    // The client's two connections past its cap are answered 429 and closed.
    int refused = 0;
    QDeadlineTimer deadline(30000);
    while (refused < 2 && !deadline.hasExpired()) {
        refused = 0;
        for (const auto &c : client)
            refused += c->drain() && c->received().rfind("HTTP/1.1 429", 0) == 0;
        QTest::qWait(20);
    }
    QCOMPARE(refused, 2);
    QCOMPARE(statusOf("127.0.0.4", server.port(), "/healthz", {}), 429);
    // The proxy's four stay open, and it may open more.
    for (const auto &p : proxy)
        QVERIFY(!p->drain() && p->received().empty());
    QCOMPARE(statusOf("127.0.0.2", server.port(), "/healthz", {}), 200);
    const std::string metrics = server.get("/metrics").body;
    QVERIFY2(metrics.find("bunny_rate_limited_total{limit=\"connections_per_ip\"} 3\n") != std::string::npos,
             metrics.c_str());
}

void tst_TrustedProxies::aBadProxyListStopsBunnydAtStart()
{
    BunnydFixture server;
    QVERIFY(!server.start({"server.trusted_proxies=127.0.0.1, nginx.local"}));
    QVERIFY2(server.errorString().contains("nginx.local"), qPrintable(server.errorString()));
}

QTEST_GUILESS_MAIN(tst_TrustedProxies)
#include "tst_trustedproxies.moc"
