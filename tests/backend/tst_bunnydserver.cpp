// bunnyd as a process: options, config file, port 0, logging, health, metrics, SIGTERM.
#include "bunnydfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using bunny::test::BunnydFixture;

class tst_BunnydServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void portZeroIsAnnouncedAndServesHealth();
    void readyzReportsTheDatabase();
    void unknownRouteAnswersJson404();
    void metricsCountRequestsByRouteAndStatus();
    void secretIsCreatedPrivateAndKeptAcrossRestarts();
    void commandLineOverridesConfigFile();
    void jsonLogFormatWritesOneObjectPerLine();
    void sigtermStopsGracefully();
    void badConfigValueFailsClearly();
    void helpPrintsUsage();
};

void tst_BunnydServer::initTestCase()
{
    if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void tst_BunnydServer::portZeroIsAnnouncedAndServesHealth()
{
    BunnydFixture server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QVERIFY(server.port() > 0);
    QVERIFY(server.output().contains(QString("listening on 127.0.0.1:%1").arg(server.port())));
    const auto r = server.get("/healthz");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("status", ""), "ok");
    QCOMPARE(r.header("content-type"), "application/json");
}

void tst_BunnydServer::readyzReportsTheDatabase()
{
    BunnydFixture server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const auto r = server.get("/readyz");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("status", ""), "ready");
}

void tst_BunnydServer::unknownRouteAnswersJson404()
{
    BunnydFixture server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    for (const char *path : {"/nope", "/api/v1/recordings/x/y/z", "/api/v2/me", "/%zz"}) {
        const auto r = server.get(path);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), "not_found");
    }
    const auto wrongMethod = server.request("PUT", "/healthz");
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.header("allow"), "GET");
}

void tst_BunnydServer::metricsCountRequestsByRouteAndStatus()
{
    BunnydFixture server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    server.get("/healthz");
    server.get("/healthz");
    server.get("/api/v1/recordings/missing");
    const auto r = server.get("/metrics");
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("content-type").rfind("text/plain; version=0.0.4", 0) == 0);
    const QString text = QString::fromStdString(r.body);
    QVERIFY(text.contains("bunny_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2\n"));
    QVERIFY(text.contains(
        "bunny_http_requests_total{route=\"/api/v1/recordings/{id}\",method=\"GET\",status=\"404\"} 1\n"));
    QVERIFY(text.contains("# TYPE bunny_http_request_duration_seconds histogram"));
    QVERIFY(text.contains("bunny_http_request_duration_seconds_count{route=\"/healthz\"} 2\n"));
    QVERIFY(text.contains("bunny_database_errors_total 0\n"));
    QVERIFY(text.contains("bunny_object_store_errors_total 0\n"));
}

void tst_BunnydServer::secretIsCreatedPrivateAndKeptAcrossRestarts()
{
    if (BunnydFixture::wantsPostgres())
        QSKIP("the secret lives in the data folder whatever the database");
    QTemporaryDir dir;
    const QString binary = qEnvironmentVariable("BUNNY_BUILD_DIR") + "/backend/bunnyd";
    const QString data = dir.path() + "/data", portFile = dir.path() + "/port";
    QByteArray first;
    for (int run = 0; run < 2; ++run) {
        QProcess p;
        p.start(binary, {"--port", "0", "--data", data, "--port-file", portFile});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(portFile), 30000);
        QFile secret(data + "/secret");
        QVERIFY(secret.open(QIODevice::ReadOnly));
        QCOMPARE(secret.permissions() &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        const QByteArray bytes = secret.readAll();
        QVERIFY(bytes.size() >= 32);
        if (run == 0)
            first = bytes;
        else
            QCOMPARE(bytes, first);
        p.terminate();
        QVERIFY(p.waitForFinished(20000));
        QFile::remove(portFile);
    }
}

void tst_BunnydServer::commandLineOverridesConfigFile()
{
    QTemporaryDir dir;
    const QString portFile = dir.path() + "/port";
    BunnydFixture server;
    // The config asks for port 1 (privileged, would fail as a user) and text logs; the command
    // line's --port 0 must win, while the config's port_file still applies.
    QVERIFY2(server.start({"server.port=1", "server.port_file=" + portFile}),
             qPrintable(server.errorString()));
    QFile f(portFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().trimmed().toUInt(), uint(server.port()));
    QCOMPARE(server.get("/healthz").status, 200);
}

void tst_BunnydServer::jsonLogFormatWritesOneObjectPerLine()
{
    BunnydFixture server;
    QVERIFY2(server.start({"log.level=information"}, {"--log-format", "json"}),
             qPrintable(server.errorString()));
    server.get("/healthz");
    QCOMPARE(server.stop(), 0);
    bool sawRequest = false;
    for (const QString &line : server.output().split('\n', Qt::SkipEmptyParts)) {
        if (line.startsWith("bunnyd ")) // the listening line on stdout
            continue;
        const auto j = nlohmann::json::parse(line.toStdString(), nullptr, false);
        QVERIFY2(j.is_object(), qPrintable(line));
        QVERIFY(j.contains("level") && j.contains("message"));
        sawRequest =
            sawRequest || j["message"].get<std::string>().find("GET /healthz 200") != std::string::npos;
    }
    QVERIFY(sawRequest);
}

void tst_BunnydServer::sigtermStopsGracefully()
{
    BunnydFixture server;
    QVERIFY2(server.start({"log.level=information"}), qPrintable(server.errorString()));
    QCOMPARE(server.get("/healthz").status, 200);
    QCOMPARE(server.stop(), 0);
    QVERIFY(server.output().contains("stopped"));
}

void tst_BunnydServer::badConfigValueFailsClearly()
{
    BunnydFixture server;
    QVERIFY(!server.start({"log.format=xml"}));
    QVERIFY(server.errorString().contains("log.format must be text or json"));
}

void tst_BunnydServer::helpPrintsUsage()
{
    QProcess p;
    p.start(qEnvironmentVariable("BUNNY_BUILD_DIR") + "/backend/bunnyd", {"--help"});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    for (const char *option : {"--port", "--data", "--bind", "--config"})
        QVERIFY2(out.contains(option), option);
}

QTEST_GUILESS_MAIN(tst_BunnydServer)
#include "tst_bunnydserver.moc"
