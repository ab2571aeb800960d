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

#include <nlohmann/json.hpp>

#include <map>

using bunny::test::BunnydFixture;

class tst_TlsServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void servesHttpsWithTheConfiguredCertificate();
    void recordingContentIsEncryptedToo();
    void plainHttpToTheTlsPortGetsNoAnswer();
    void certificateWithoutKeyIsRefused();

private:
    QTemporaryDir m_dir;
    QString m_cert, m_key;

    struct Reply
    {
        int status = 0;
        std::string body;
    };
    /// One request over HTTPS that trusts exactly the test certificate.
    Reply https(unsigned short port, const std::string &method, const std::string &path,
                const std::map<std::string, std::string> &headers = {}, const std::string &body = {})
    {
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", m_cert.toStdString(),
                                   Poco::Net::Context::VERIFY_STRICT);
        Poco::Net::HTTPSClientSession session("127.0.0.1", port, context);
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto &[name, value] : headers)
            request.set(name, value);
        if (!body.empty())
            request.setContentLength(std::streamsize(body.size()));
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        Reply reply;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), reply.body);
        reply.status = int(response.getStatus());
        return reply;
    }
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

void tst_TlsServer::recordingContentIsEncryptedToo()
{
    // Over plain TCP bunnyd hands files to the kernel with sendfile(2); over TLS it must not.
    BunnydFixture server;
    QVERIFY2(server.start({"tls.cert=" + m_cert, "tls.key=" + m_key}), qPrintable(server.errorString()));
    const auto account =
        https(server.port(), "POST", "/api/v1/auth/register", {{"Content-Type", "application/json"}},
              R"({"username":"tina","email":"tina@example.org","password":"a long password"})");
    QCOMPARE(account.status, 201);
    const std::string token = nlohmann::json::parse(account.body).value("access_token", "");
    std::string bytes = BunnydFixture::sampleRecording("over-tls");
    for (int i = 0; i < 3000; ++i) // about 100 KiB: more than one TLS record
        bytes += "[" + std::to_string(2000 + i) + ",\"o\",\"stdout\",\"line " + std::to_string(i) + "\"]\n";
    const auto uploaded =
        https(server.port(), "POST", "/api/v1/recordings?visibility=public",
              {{"Authorization", "Bearer " + token}, {"Content-Type", "application/x-bunnyrec"}}, bytes);
    QVERIFY2(uploaded.status == 201, uploaded.body.c_str());
    const std::string path =
        "/api/v1/recordings/" + nlohmann::json::parse(uploaded.body).value("id", "") + "/content";
    for (int round = 0; round < 2; ++round) { // the second from the object cache
        const auto whole = https(server.port(), "GET", path);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.body.size(), bytes.size());
        QVERIFY(whole.body == bytes);
    }
    const auto part = https(server.port(), "GET", path, {{"Range", "bytes=70000-70099"}});
    QCOMPARE(part.status, 206);
    QVERIFY(part.body == bytes.substr(70000, 100));
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
