// bunnyd end to end on the S3 store (s3rver from tests/services.d/s3.sh): upload, metadata,
// content as a 302 to a presigned URL that honours Range, delete; S3 down or refusing gives
// JSON errors that /metrics counts.
#include "bunnydfixture.h"

#include "storage/s3store.h"

#include <QTest>

using bunny::test::Account;
using bunny::test::BunnydFixture;
using bunny::test::Reply;

namespace {

/// Follows a Location as a player would: no credentials, the same Range header.
Reply follow(const std::string &url, const std::string &range = {})
{
    if (range.empty())
        return BunnydFixture::getUrl(url);
    return BunnydFixture::getUrl(url, {{"Range", range}});
}

std::uint64_t counter(BunnydFixture &server, const std::string &name)
{
    const std::string text = server.get("/metrics").body;
    const auto at = text.find("\n" + name + " ");
    return at == std::string::npos ? 0 : std::stoull(text.substr(at + name.size() + 2));
}

} // namespace

class tst_S3Content : public QObject
{
    Q_OBJECT

private:
    BunnydFixture m_server;
    std::string m_prefix;
    Account m_alice, m_bob;

private slots:
    void initTestCase()
    {
        if (const QString why = BunnydFixture::s3UnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY2(!qEnvironmentVariableIsEmpty("BUNNY_TEST_S3_ENDPOINT"),
                 "CI=true needs tests/services.d/s3.sh to have started s3rver");
        m_prefix = BunnydFixture::freshS3Prefix();
        QVERIFY2(m_server.start(BunnydFixture::s3Properties(m_prefix, true) << "s3.presign_ttl_s=120"),
                 qPrintable(m_server.errorString()));
        m_alice = m_server.signUp("alice");
        m_bob = m_server.signUp("bob");
        QVERIFY(!m_alice.accessToken.empty() && !m_bob.accessToken.empty());
    }

    void uploadMetadataRedirectedRangesAndDelete()
    {
        const std::string bytes = BunnydFixture::sampleRecording("s3-e2e", "On S3");
        const auto up = m_server.upload(m_alice, bytes, "?visibility=public");
        QVERIFY2(up.status == 201, up.body.c_str());
        const std::string id = up.json().value("id", ""), sha = up.json().value("sha256", "");
        QVERIFY(m_server.objectExists(sha));
        QVERIFY(bunny::backend::storage::S3Store(BunnydFixture::s3Config(m_prefix)).size(sha) ==
                bytes.size());

        const auto meta = m_server.get("/api/v1/recordings/" + id);
        QCOMPARE(meta.status, 200);
        QCOMPARE(meta.json().value("title", ""), "On S3");
        QCOMPARE(meta.json().value("size", 0), int(bytes.size()));

        const std::string content = "/api/v1/recordings/" + id + "/content";
        const auto redirect = m_server.get(content);
        QCOMPARE(redirect.status, 302);
        const std::string location = redirect.header("location");
        QVERIFY2(location.rfind(qEnvironmentVariable("BUNNY_TEST_S3_ENDPOINT").toStdString() + "/", 0) == 0,
                 location.c_str());
        QVERIFY(location.find("X-Amz-Signature=") != std::string::npos);
        QVERIFY(location.find("X-Amz-Expires=120") != std::string::npos);
        QCOMPARE(redirect.header("cache-control"), "no-store");

        const auto whole = follow(location);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.body, bytes);
        QCOMPARE(whole.header("content-type"), "application/x-bunnyrec");

        // A player asking bunnyd for a range is redirected too and sends the range on.
        const auto ranged = m_server.request("GET", content, {}, {}, {{"Range", "bytes=5-20"}});
        QCOMPARE(ranged.status, 302);
        const auto part = follow(ranged.header("location"), "bytes=5-20");
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, bytes.substr(5, 16));
        QCOMPARE(part.header("content-range"), "bytes 5-20/" + std::to_string(bytes.size()));

        QCOMPARE(m_server.del("/api/v1/recordings/" + id, m_alice.accessToken).status, 204);
        QVERIFY(!m_server.objectExists(sha));
        QCOMPARE(follow(location).status, 404);
        QCOMPARE(m_server.get(content).status, 404);
    }

    void privateContentIsRedirectedForTheOwnerOnly()
    {
        const auto up = m_server.upload(m_alice, BunnydFixture::sampleRecording("s3-private"));
        const std::string content = "/api/v1/recordings/" + up.json().value("id", "") + "/content";
        const auto other = m_server.get(content, m_bob.accessToken);
        QCOMPARE(other.status, 404);
        QVERIFY(other.header("location").empty());
        QCOMPARE(m_server.get(content).status, 404);
        const auto mine = m_server.get(content, m_alice.accessToken);
        QCOMPARE(mine.status, 302);
        QCOMPARE(follow(mine.header("location")).body, BunnydFixture::sampleRecording("s3-private"));
    }

    void versionArchiveIsRedirectedToo()
    {
        const auto project =
            m_server.postJson("/api/v1/projects", {{"name", "s3 project"}}, m_alice.accessToken);
        const std::string archive = BunnydFixture::makeTarGz({{"main.py", "print('s3')\n"}});
        const auto v =
            m_server.publishVersion(m_alice, project.json().value("id", ""), std::string(40, 'a'), archive);
        QVERIFY2(v.status == 201, v.body.c_str());
        const auto r = m_server.get(v.json().value("archive_url", ""), m_alice.accessToken);
        QCOMPARE(r.status, 302);
        const auto got = follow(r.header("location"));
        QCOMPARE(got.body, archive);
        QCOMPARE(got.header("content-type"), "application/gzip");
    }

    void unreachableStoreAnswers503AndIsCounted()
    {
        BunnydFixture server;
        const std::string dead = "http://127.0.0.1:" + std::to_string(BunnydFixture::closedPort());
        QVERIFY2(server.start(BunnydFixture::s3Properties(BunnydFixture::freshS3Prefix(), true)
                              << QString::fromStdString("s3.endpoint=" + dead) << "s3.timeout_s=2"),
                 qPrintable(server.errorString()));
        QCOMPARE(server.get("/readyz").status, 503);
        const std::uint64_t before = counter(server, "bunny_object_store_errors_total");
        const auto up = server.upload(server.signUp("carol"), BunnydFixture::sampleRecording("s3-down"));
        QCOMPARE(up.status, 503);
        QCOMPARE(up.errorCode(), "store_unavailable");
        QCOMPARE(up.header("retry-after"), "5");
        QCOMPARE(counter(server, "bunny_object_store_errors_total"), before + 1);
        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.output().contains("object store unavailable"), qPrintable(server.output()));
        QVERIFY2(server.output().contains(QString::fromStdString(dead)), qPrintable(server.output()));
    }

    void refusingStoreAnswers500NamingS3sReasonInTheLog()
    {
        BunnydFixture server;
        QVERIFY2(server.start(BunnydFixture::s3Properties(BunnydFixture::freshS3Prefix(), true)
                              << "s3.access_key=NOT-A-KEY"),
                 qPrintable(server.errorString()));
        const auto up = server.upload(server.signUp("dave"), BunnydFixture::sampleRecording("s3-denied"));
        QCOMPARE(up.status, 500);
        QCOMPARE(up.errorCode(), "storage_error");
        QVERIFY(up.body.find("InvalidAccessKeyId") == std::string::npos); // details stay in the log
        QCOMPARE(counter(server, "bunny_object_store_errors_total"), std::uint64_t(1));
        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.output().contains("InvalidAccessKeyId"), qPrintable(server.output()));
    }
};

QTEST_GUILESS_MAIN(tst_S3Content)
#include "tst_s3content.moc"
