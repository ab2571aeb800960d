// Bad input of every kind gets a clear JSON error, and the server keeps serving.
#include "bunnydfixture.h"

#include <QTest>

#include <Poco/Net/StreamSocket.h>

using bunny::test::Account;
using bunny::test::BunnydFixture;

class tst_Robustness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void badBodiesGetClearErrors_data();
    void badBodiesGetClearErrors();
    void oversizedJsonIs413();
    void deepJsonIsRefusedWithoutCrashing();
    void rawGarbageOnTheSocketDoesNotHurt();
    void cleanup();

private:
    BunnydFixture m_server;
    Account m_user;
};

void tst_Robustness::initTestCase()
{
    if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY2(m_server.start({"limits.json_bytes=65536"}), qPrintable(m_server.errorString()));
    m_user = m_server.signUp("robust");
}

void tst_Robustness::cleanup()
{
    QCOMPARE(m_server.get("/healthz").status, 200);
}

void tst_Robustness::badBodiesGetClearErrors_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("truncatedJson") << "POST"
                                   << "/api/v1/auth/login" << QByteArray(R"({"login":"a")")
                                   << "application/json" << 400 << "invalid_json";
    QTest::newRow("jsonArrayBody") << "POST"
                                   << "/api/v1/auth/login" << QByteArray("[1,2]") << "application/json" << 400
                                   << "invalid_json";
    QTest::newRow("emptyJsonBody") << "POST"
                                   << "/api/v1/auth/register" << QByteArray() << "application/json" << 400
                                   << "invalid_json";
    QTest::newRow("binaryGarbage") << "POST"
                                   << "/api/v1/auth/register" << QByteArray("\x00\xff\xfe{", 4)
                                   << "application/json" << 400 << "invalid_json";
    QTest::newRow("invalidUtf8InString") << "POST"
                                         << "/api/v1/auth/login" << QByteArray("{\"login\":\"\xc3\x28\"}")
                                         << "application/json" << 400 << "invalid_json";
    QTest::newRow("formInsteadOfJson")
        << "POST"
        << "/api/v1/auth/login" << QByteArray("login=a&password=b") << "application/x-www-form-urlencoded"
        << 415 << "unsupported_media_type";
    QTest::newRow("noContentType") << "POST"
                                   << "/api/v1/auth/refresh" << QByteArray(R"({"refresh_token":"x"})") << ""
                                   << 415 << "unsupported_media_type";
    QTest::newRow("wrongFieldType") << "POST"
                                    << "/api/v1/auth/refresh" << QByteArray(R"({"refresh_token":12})")
                                    << "application/json" << 400 << "bad_request";
    QTest::newRow("badPercentEncoding")
        << "GET"
        << "/api/v1/recordings?q=%zz" << QByteArray() << "" << 400 << "bad_request";
    QTest::newRow("methodNotAllowed")
        << "DELETE"
        << "/api/v1/recordings" << QByteArray() << "" << 405 << "method_not_allowed";
    QTest::newRow("randomBytesAsRecording") << "POST"
                                            << "/api/v1/recordings" << QByteArray("\x01\x02\x03garbage", 10)
                                            << "application/octet-stream" << 400 << "invalid_recording";
}

void tst_Robustness::badBodiesGetClearErrors()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(int, status);
    QFETCH(QString, code);
    const auto r = m_server.request(method.toStdString(), path.toStdString(), body.toStdString(),
                                    type.toStdString(), {{"Authorization", "Bearer " + m_user.accessToken}});
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code.toStdString());
    QVERIFY(!r.json()["error"].value("message", "").empty());
}

void tst_Robustness::oversizedJsonIs413()
{
    const std::string big = R"({"login":")" + std::string(100000, 'a') + R"(","password":"x"})";
    const auto r = m_server.request("POST", "/api/v1/auth/login", big, "application/json");
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), "too_large");
}

void tst_Robustness::deepJsonIsRefusedWithoutCrashing()
{
    const std::string deep = std::string(20000, '[') + std::string(20000, ']');
    auto r = m_server.request("POST", "/api/v1/projects", deep, "application/json",
                              {{"Authorization", "Bearer " + m_user.accessToken}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), "invalid_json");
    // Brackets inside strings do not count.
    r = m_server.postJson("/api/v1/projects", {{"name", std::string(500, '[')}}, m_user.accessToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), "invalid_name"); // too long, but parsed
}

void tst_Robustness::rawGarbageOnTheSocketDoesNotHurt()
{
    for (const std::string &junk : {std::string("\x16\x03\x01\x02\x00garbage\r\n\r\n"),
                                    std::string("GET\r\n\r\n"), std::string(100000, 'A') + "\r\n\r\n"}) {
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", m_server.port()));
        socket.setReceiveTimeout(Poco::Timespan(2, 0));
        try {
            socket.sendBytes(junk.data(), int(junk.size()));
            char buffer[1024];
            socket.receiveBytes(buffer, sizeof buffer);
        } catch (const Poco::Exception &) { // the server may hang up: fine
        }
    }
}

QTEST_GUILESS_MAIN(tst_Robustness)
#include "tst_robustness.moc"
