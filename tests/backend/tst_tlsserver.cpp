// HTTPS: bunnyd with tls.cert and tls.key from its config serves over TLS, checked with a
// self-signed certificate made by the real openssl tool.
#include "bunnydfixture.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

using bunny::test::BunnydFixture;

class tst_TlsServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void servesHttpsWithTheConfiguredCertificate();
    void plainHttpToTheTlsPortGetsNoAnswer();
    void certificateWithoutKeyIsRefused();

private:
    QTemporaryDir m_dir;
    QString m_cert, m_key;
};

void tst_TlsServer::initTestCase()
{
    if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_cert = m_dir.path() + "/cert.pem";
    m_key = m_dir.path() + "/key.pem";
    QProcess openssl;
    openssl.start("openssl",
                  {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                   "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", m_key, "-out", m_cert});
    QVERIFY(openssl.waitForFinished(60000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());
    Poco::Net::initializeSSL();
}

void tst_TlsServer::servesHttpsWithTheConfiguredCertificate()
{
    BunnydFixture server;
    QVERIFY2(server.start({"tls.cert=" + m_cert, "tls.key=" + m_key}), qPrintable(server.errorString()));
    QVERIFY(server.output().contains("(https)"));
    // Trust exactly this certificate: verification is on, so a wrong one would fail.
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", "", m_cert.toStdString(), Poco::Net::Context::VERIFY_STRICT);
    Poco::Net::HTTPSClientSession session("127.0.0.1", server.port(), context);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/healthz",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    QCOMPARE(int(response.getStatus()), 200);
    QVERIFY(body.find("\"ok\"") != std::string::npos);
}

void tst_TlsServer::plainHttpToTheTlsPortGetsNoAnswer()
{
    BunnydFixture server;
    QVERIFY2(server.start({"tls.cert=" + m_cert, "tls.key=" + m_key}), qPrintable(server.errorString()));
    bool failed = false;
    try {
        failed = server.get("/healthz").status != 200;
    } catch (const Poco::Exception &) {
        failed = true;
    }
    QVERIFY(failed);
}

void tst_TlsServer::certificateWithoutKeyIsRefused()
{
    BunnydFixture server;
    QVERIFY(!server.start({"tls.cert=" + m_cert}));
    QVERIFY2(server.errorString().contains("tls.key"), qPrintable(server.errorString()));
}

QTEST_GUILESS_MAIN(tst_TlsServer)
#include "tst_tlsserver.moc"
