// GET /api/v1/problems and /problems/{slug} on a real bunnyd, and `bunnyctl admin
// import-problems` feeding the next start of a server and a running one (watching its folder,
// or on SIGHUP).

#include "bunnydfixture.h"
#include "problemfixture.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <QDeadlineTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <unistd.h>

using namespace bunny;
using test::BunnydFixture;

namespace {

struct Ctl
{
    int exitCode = -1;
    QString out, err;
};

Ctl importProblems(const QString &source, const QString &dataDir, const QStringList &more = {})
{
    QProcess p;
    p.start(qEnvironmentVariable("BUNNY_BUILD_DIR") + "/backend/bunnyctl",
            QStringList{"admin", "import-problems", source, "--data", dataDir} + more);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

/// bunnyd on port 0 over a data folder of the test's own (the fixture makes a fresh one per start).
class OwnServer
{
public:
    bool start(const QString &dataDir)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(qEnvironmentVariable("BUNNY_BUILD_DIR") + "/backend/bunnyd",
                        {"--port", "0", "--data", dataDir, "--log-format", "text"});
        static const QRegularExpression listening("listening on [^\\s]+:(\\d+)");
        QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired()) {
            m_process.waitForReadyRead(1000);
            m_output += QString::fromUtf8(m_process.readAll());
            if (auto m = listening.match(m_output); m.hasMatch()) {
                m_port = static_cast<quint16>(m.captured(1).toUInt());
                return true;
            }
            if (m_process.state() == QProcess::NotRunning)
                return false;
        }
        return false;
    }
    ~OwnServer()
    {
        m_process.terminate();
        m_process.waitForFinished(15000);
    }
    nlohmann::json get(const std::string &path)
    {
        Poco::Net::HTTPClientSession session("127.0.0.1", m_port);
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::string body;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
        return nlohmann::json::parse(body);
    }
    QString output() const { return m_output; }

private:
    QProcess m_process;
    QString m_output;
    quint16 m_port = 0;
};

} // namespace

class tst_ProblemsApi : public QObject
{
    Q_OBJECT

private:
    BunnydFixture m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void listIsPagedEasyToHard()
    {
        auto reply = m_server.get("/api/v1/problems");
        QCOMPARE(reply.status, 200);
        auto json = reply.json();
        QCOMPARE(json["total"].get<int>(), 24);
        QCOMPARE(json["items"].size(), size_t(20));
        QCOMPARE(json["items"][0]["level"].get<std::string>(), std::string("easy"));
        const auto &first = json["items"][0];
        for (const char *key : {"slug", "title", "level", "tags", "time_limit_ms", "memory_limit_kb"})
            QVERIFY2(first.contains(key), key);
        QVERIFY(!first.contains("statement"));
        reply = m_server.get("/api/v1/problems?page=2");
        QCOMPARE(reply.json()["items"].size(), size_t(4));
        QCOMPARE(reply.json()["items"][3]["level"].get<std::string>(), std::string("hard"));
    }

    void listFiltersByLevel()
    {
        auto reply = m_server.get("/api/v1/problems?level=hard");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["total"].get<int>(), 6);
        const auto listed = reply.json(); // kept: the loop borrows from it
        for (const auto &item : listed["items"])
            QCOMPARE(item["level"].get<std::string>(), std::string("hard"));
        reply = m_server.get("/api/v1/problems?level=impossible");
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), std::string("bad_request"));
    }

    void problemHasStatementSamplesAndStartersButNoHiddenTests()
    {
        const auto reply = m_server.get("/api/v1/problems/carrot-tally");
        QCOMPARE(reply.status, 200);
        const auto json = reply.json();
        QVERIFY(json["statement"].get<std::string>().find("# Carrot Tally") == 0);
        QCOMPARE(json["samples"].size(), size_t(2));
        QCOMPARE(json["samples"][0]["input"].get<std::string>(), std::string("5\n3 -2 7 7 1\n"));
        QCOMPARE(json["samples"][0]["output"].get<std::string>(), std::string("16 3\n"));
        QCOMPARE(json["starter"].size(), size_t(7));
        QVERIFY(json["starter"]["java"].get<std::string>().find("class Main") != std::string::npos);
        QCOMPARE(json["time_limit_ms"].get<int>(), 1000);
        QVERIFY(json["tolerance"].is_null());
        QVERIFY(json["tests"].get<int>() >= 10);
        // Hidden test 04 is "1\n-1000000000\n": it must not appear anywhere in the answer.
        QVERIFY(reply.body.find("-1000000000") == std::string::npos);
        QCOMPARE(m_server.get("/api/v1/problems/meadow-temperature").json()["tolerance"].get<double>(), 1e-6);
    }

    void unknownProblemAndWrongMethod()
    {
        auto reply = m_server.get("/api/v1/problems/no-such-problem");
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.errorCode(), std::string("not_found"));
        reply = m_server.postJson("/api/v1/problems", nlohmann::json::object());
        QCOMPARE(reply.status, 405);
    }

    void importedSetIsServedAtTheNextStart()
    {
        QTemporaryDir source, data;
        const QString set = source.path() + "/club-set";
        QVERIFY(test::writeSumProblem(set, "club-add"));
        const Ctl ctl = importProblems(set, data.path());
        QVERIFY2(ctl.exitCode == 0, qPrintable(ctl.err));
        QVERIFY2(ctl.out.contains("imported 1 problem into"), qPrintable(ctl.out));
        QVERIFY(QFile::exists(data.path() + "/problems/club-set/club-add/problem.json"));

        {
            OwnServer server;
            QVERIFY2(server.start(data.path()), qPrintable(server.output()));
            QCOMPARE(server.get("/api/v1/problems")["total"].get<int>(), 25);
            QCOMPARE(server.get("/api/v1/problems/club-add")["title"].get<std::string>(), std::string("Add"));
        }

        // Importing the set again replaces it rather than clashing with itself.
        QVERIFY(test::writeSumProblem(set, "club-add-two"));
        const Ctl again = importProblems(set, data.path());
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(QFile::exists(data.path() + "/problems/club-set/club-add-two/problem.json"));
        QCOMPARE(
            QDir(data.path() + "/problems").entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
            QStringList{"club-set"});
    }

    void importIntoARunningServerIsOfferedWithoutARestart_data()
    {
        QTest::addColumn<int>("reloadMs");
        QTest::addColumn<bool>("sighup");
        QTest::newRow("watchingTheFolder") << 100 << false;
        QTest::newRow("onSighup") << 0 << true;
    }

    void importIntoARunningServerIsOfferedWithoutARestart()
    {
        QFETCH(int, reloadMs);
        QFETCH(bool, sighup);
        BunnydFixture server;
        QVERIFY2(server.start({"problems.reload_ms=" + QString::number(reloadMs)}),
                 qPrintable(server.errorString()));
        const auto who = server.signUp("importer");
        const nlohmann::json battle = {{"problem", "club-live"}, {"language", "python"}};
        QCOMPARE(server.postJson("/api/v1/battles", battle, who.accessToken).status, 404);

        QTemporaryDir source;
        const QString set = source.path() + "/live-set";
        QVERIFY(test::writeSumProblem(set, "club-live"));
        // With the server's own settings, so bunnyctl can say when the server will have it.
        const Ctl ctl = importProblems(set, server.dataDir(), {"--config", server.configPath()});
        QVERIFY2(ctl.exitCode == 0, qPrintable(ctl.err));
        QVERIFY2(ctl.out.contains(sighup ? "after SIGHUP" : "within 1 s"), qPrintable(ctl.out));
        if (sighup) {
            QTest::qWait(300); // not watching: nothing changes by itself
            QCOMPARE(server.get("/api/v1/problems/club-live").status, 404);
            QCOMPARE(::kill(pid_t(server.pid()), SIGHUP), 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.get("/api/v1/problems/club-live").status, 200, 15000);
        QCOMPARE(server.get("/api/v1/problems").json()["total"].get<int>(), 25);
        const auto created = server.postJson("/api/v1/battles", battle, who.accessToken);
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json()["problem"]["title"].get<std::string>(), std::string("Add"));
        QVERIFY(server.pid() != 0); // SIGHUP is a reload, not an end
        QCOMPARE(server.stop(), 0);
    }

    void invalidSetIsRefusedAndNothingIsImported_data()
    {
        QTest::addColumn<QString>("slug");
        QTest::addColumn<bool>("breakIt");
        QTest::addColumn<QString>("reason");
        QTest::newRow("brokenProblem") << "club-broken" << true << "problem.json: missing";
        QTest::newRow("slugOfABundledProblem")
            << "carrot-tally" << false << "the slug 'carrot-tally' is also";
    }

    void invalidSetIsRefusedAndNothingIsImported()
    {
        QFETCH(QString, slug);
        QFETCH(bool, breakIt);
        QFETCH(QString, reason);
        QTemporaryDir source, data;
        const QString set = source.path() + "/bad-set";
        QVERIFY(test::writeSumProblem(set, "fine-one"));
        QVERIFY(test::writeSumProblem(set, slug.toStdString()));
        if (breakIt)
            QVERIFY(QFile::remove(set + "/" + slug + "/problem.json"));
        const Ctl ctl = importProblems(set, data.path());
        QCOMPARE(ctl.exitCode, 1);
        QVERIFY2(ctl.err.contains(reason), qPrintable(ctl.err));
        QVERIFY(!QDir(data.path() + "/problems/bad-set").exists());
        QVERIFY(QDir(data.path() + "/problems")
                    .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                    .isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_ProblemsApi)
#include "tst_problemsapi.moc"
