// /metrics of a live bunnyd after real traffic, checked by Prometheus's own linter
// (`promtool check metrics`, Debian package prometheus) and for the families operators need.
#include "bunnydfixture.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using bunny::test::BunnydFixture;

class tst_MetricsExposition : public QObject
{
    Q_OBJECT

private:
    BunnydFixture m_server;
    std::string m_metrics;

private slots:
    void initTestCase()
    {
        if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        // Traffic of every kind: successes, client errors, a store failure.
        const auto alice = m_server.signUp("alice");
        m_server.get("/healthz");
        m_server.get("/no/such/route");
        m_server.get("/api/v1/recordings/missing");
        const auto up =
            m_server.upload(alice, BunnydFixture::sampleRecording("metrics"), "?visibility=public");
        QCOMPARE(up.status, 201);
        const std::string id = up.json().value("id", ""), sha = up.json().value("sha256", "");
        QCOMPARE(m_server.get("/api/v1/recordings/" + id).status, 200);
        QCOMPARE(
            m_server.request("GET", "/api/v1/recordings/" + id + "/content", {}, {}, {{"Range", "bytes=0-3"}})
                .status,
            206);
        if (!BunnydFixture::wantsS3()) {
            // An object vanishes behind the server's back (never read, so never cached): reading
            // it is a store error.
            const auto lost = m_server.upload(alice, BunnydFixture::sampleRecording("metrics-lost"));
            const std::string lostSha = lost.json().value("sha256", "");
            QVERIFY(QFile::remove(m_server.dataDir() + "/objects/" +
                                  QString::fromStdString(lostSha.substr(0, 2)) + "/" +
                                  QString::fromStdString(lostSha)));
            QCOMPARE(
                m_server
                    .get("/api/v1/recordings/" + lost.json().value("id", "") + "/content", alice.accessToken)
                    .status,
                500);
        }
        const auto r = m_server.get("/metrics");
        QCOMPARE(r.status, 200);
        m_metrics = r.body;
    }

    void promtoolAcceptsTheExposition()
    {
        const QString promtool = QStandardPaths::findExecutable("promtool");
        if (promtool.isEmpty()) {
            if (qgetenv("CI") == "true")
                QFAIL("promtool is missing (package prometheus, packaging/deps/test-s3.list)");
            QSKIP("promtool is missing (package prometheus)");
        }
        QProcess check;
        check.setProcessChannelMode(QProcess::MergedChannels);
        check.start(promtool, {"check", "metrics"});
        QVERIFY(check.waitForStarted(10000));
        check.write(QByteArray::fromStdString(m_metrics));
        check.closeWriteChannel();
        QVERIFY(check.waitForFinished(30000));
        const QByteArray said = check.readAll();
        // Lint problems (not only syntax errors) make promtool exit 1 and name the metric.
        QVERIFY2(check.exitCode() == 0 && said.trimmed().isEmpty(), said.constData());
    }

    void familiesOperatorsNeedArePresent_data()
    {
        QTest::addColumn<QString>("line");
        QTest::newRow("requestsByRouteAndStatus") << "bunny_http_requests_total{route=\"/api/v1/recordings/"
                                                     "{id}\",method=\"GET\",status=\"200\"} 1\n";
        QTest::newRow("notFoundCountedByRoute") << "bunny_http_requests_total{route=\"/api/v1/recordings/"
                                                   "{id}\",method=\"GET\",status=\"404\"} 1\n";
        QTest::newRow("unknownPathsShareOneLabel")
            << "bunny_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n";
        QTest::newRow("latencyHistogramBuckets")
            << "bunny_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1\n";
        QTest::newRow("latencyHistogramCount")
            << "bunny_http_request_duration_seconds_count{route=\"/healthz\"} 1\n";
        QTest::newRow("databaseErrors") << "# TYPE bunny_database_errors_total counter\n";
        QTest::newRow("storeErrors") << "# TYPE bunny_object_store_errors_total counter\n";
        QTest::newRow("rateLimitBackendErrors") << "\nbunny_rate_limit_backend_errors_total 0\n";
    }

    void familiesOperatorsNeedArePresent()
    {
        QFETCH(QString, line);
        QVERIFY2(m_metrics.find(line.toStdString()) != std::string::npos, m_metrics.c_str());
    }

    void storeFailureIsCounted()
    {
        if (BunnydFixture::wantsS3())
            QSKIP("tst_s3content counts S3 failures");
        QVERIFY2(m_metrics.find("\nbunny_object_store_errors_total 1\n") != std::string::npos,
                 m_metrics.c_str());
        QVERIFY(m_metrics.find("bunny_http_requests_total{route=\"/api/v1/recordings/{id}/"
                               "content\",method=\"GET\",status=\"500\"} 1\n") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_MetricsExposition)
#include "tst_metricsexposition.moc"
