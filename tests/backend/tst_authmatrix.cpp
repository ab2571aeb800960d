// Every protected route against every kind of caller: no token, a forged token (wrong key), an
// expired token, and another user's valid token.
#include "bunnydfixture.h"

#include "auth/tokenservice.h"

#include <QTest>

using bunny::test::Account;
using bunny::test::BunnydFixture;
using nlohmann::json;

class tst_AuthMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyRouteChecksTheCaller_data();
    void everyRouteChecksTheCaller();

private:
    std::string expand(const QString &path) const;

    BunnydFixture m_server;
    Account m_owner, m_other;
    std::map<QString, std::string> m_ids;
};

void tst_AuthMatrix::initTestCase()
{
    if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_owner = m_server.signUp("owner");
    m_other = m_server.signUp("other");
    auto id = [](const bunny::test::Reply &r) { return r.json().value("id", ""); };
    m_ids["{pubrec}"] =
        id(m_server.upload(m_owner, BunnydFixture::sampleRecording("pub"), "?visibility=public"));
    m_ids["{privrec}"] = id(m_server.upload(m_owner, BunnydFixture::sampleRecording("priv")));
    m_ids["{pubproj}"] = id(m_server.postJson("/api/v1/projects", {{"name", "p"}, {"visibility", "public"}},
                                              m_owner.accessToken));
    m_ids["{privproj}"] = id(m_server.postJson("/api/v1/projects", {{"name", "q"}}, m_owner.accessToken));
    const std::string archive = BunnydFixture::makeTarGz({{"a.txt", "a"}});
    m_ids["{pubver}"] =
        id(m_server.publishVersion(m_owner, m_ids["{pubproj}"], std::string(40, 'a'), archive));
    m_ids["{privver}"] =
        id(m_server.publishVersion(m_owner, m_ids["{privproj}"], std::string(40, 'b'), archive));
    for (const auto &[k, v] : m_ids)
        QVERIFY2(!v.empty(), qPrintable(k));
}

std::string tst_AuthMatrix::expand(const QString &path) const
{
    QString out = path;
    for (const auto &[k, v] : m_ids)
        out.replace(k, QString::fromStdString(v));
    return out.toStdString();
}

void tst_AuthMatrix::everyRouteChecksTheCaller_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("body"); // JSON, or "@rec" for a recording upload
    QTest::addColumn<int>("none");
    QTest::addColumn<int>("other"); // a bad (forged or expired) token is always 401
    // Reads of private items by others look like absent items (404); changes to public items
    // of others are forbidden (403).
    QTest::newRow("getMe") << "GET"
                           << "/api/v1/me"
                           << "" << 401 << 200;
    QTest::newRow("deleteMe") << "DELETE"
                              << "/api/v1/me"
                              << R"({"password":"x"})" << 401 << 403;
    QTest::newRow("changePassword") << "POST"
                                    << "/api/v1/me/password"
                                    << R"({"current_password":"nope-nope","new_password":"whatever-1"})"
                                    << 401 << 403;
    QTest::newRow("putAvatar") << "PUT"
                               << "/api/v1/me/avatar"
                               << "" << 401 << 415;
    QTest::newRow("getUser") << "GET"
                             << "/api/v1/users/owner"
                             << "" << 200 << 200;
    QTest::newRow("listRecordings") << "GET"
                                    << "/api/v1/recordings"
                                    << "" << 200 << 200;
    QTest::newRow("uploadRecording") << "POST"
                                     << "/api/v1/recordings"
                                     << "@rec" << 401 << 201;
    QTest::newRow("getPublicRecording") << "GET"
                                        << "/api/v1/recordings/{pubrec}"
                                        << "" << 200 << 200;
    QTest::newRow("getPrivateRecording") << "GET"
                                         << "/api/v1/recordings/{privrec}"
                                         << "" << 404 << 404;
    QTest::newRow("patchPublicRecording") << "PATCH"
                                          << "/api/v1/recordings/{pubrec}"
                                          << R"({"title":"x"})" << 401 << 403;
    QTest::newRow("patchPrivateRecording") << "PATCH"
                                           << "/api/v1/recordings/{privrec}"
                                           << R"({"title":"x"})" << 401 << 404;
    QTest::newRow("deletePublicRecording") << "DELETE"
                                           << "/api/v1/recordings/{pubrec}"
                                           << "" << 401 << 403;
    QTest::newRow("deletePrivateRecording") << "DELETE"
                                            << "/api/v1/recordings/{privrec}"
                                            << "" << 401 << 404;
    QTest::newRow("publicContent") << "GET"
                                   << "/api/v1/recordings/{pubrec}/content"
                                   << "" << 200 << 200;
    QTest::newRow("privateContent") << "GET"
                                    << "/api/v1/recordings/{privrec}/content"
                                    << "" << 404 << 404;
    QTest::newRow("starPrivateRecording") << "PUT"
                                          << "/api/v1/recordings/{privrec}/star"
                                          << "" << 401 << 404;
    QTest::newRow("listProjects") << "GET"
                                  << "/api/v1/projects"
                                  << "" << 200 << 200;
    QTest::newRow("createProject") << "POST"
                                   << "/api/v1/projects"
                                   << R"({"name":"mine"})" << 401 << 201;
    QTest::newRow("getPrivateProject") << "GET"
                                       << "/api/v1/projects/{privproj}"
                                       << "" << 404 << 404;
    QTest::newRow("patchPublicProject") << "PATCH"
                                        << "/api/v1/projects/{pubproj}"
                                        << R"({"name":"x"})" << 401 << 403;
    QTest::newRow("deletePublicProject") << "DELETE"
                                         << "/api/v1/projects/{pubproj}"
                                         << "" << 401 << 403;
    QTest::newRow("deletePrivateProject") << "DELETE"
                                          << "/api/v1/projects/{privproj}"
                                          << "" << 401 << 404;
    QTest::newRow("starPrivateProject") << "PUT"
                                        << "/api/v1/projects/{privproj}/star"
                                        << "" << 401 << 404;
    QTest::newRow("publishToPublicProject") << "POST"
                                            << "/api/v1/projects/{pubproj}/versions"
                                            << "" << 401 << 403;
    QTest::newRow("listPrivateVersions") << "GET"
                                         << "/api/v1/projects/{privproj}/versions"
                                         << "" << 404 << 404;
    QTest::newRow("getPrivateVersion") << "GET"
                                       << "/api/v1/projects/{privproj}/versions/{privver}"
                                       << "" << 404 << 404;
    QTest::newRow("deletePublicVersion") << "DELETE"
                                         << "/api/v1/projects/{pubproj}/versions/{pubver}"
                                         << "" << 401 << 403;
    QTest::newRow("privateArchive") << "GET"
                                    << "/api/v1/projects/{privproj}/versions/{privver}/archive"
                                    << "" << 404 << 404;
    QTest::newRow("publicArchive") << "GET"
                                   << "/api/v1/projects/{pubproj}/versions/{pubver}/archive"
                                   << "" << 200 << 200;
}

void tst_AuthMatrix::everyRouteChecksTheCaller()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, body);
    QFETCH(int, none);
    QFETCH(int, other);
    const std::string m = method.toStdString(), p = expand(path);
    std::string payload = body.toStdString(), type = payload.empty() ? "" : "application/json";
    if (body == "@rec") {
        payload = BunnydFixture::sampleRecording("matrix-" + std::to_string(std::rand()));
        type = "application/x-bunnyrec";
    }
    auto call = [&](const std::string &token) {
        std::map<std::string, std::string> headers;
        if (!token.empty())
            headers["Authorization"] = "Bearer " + token;
        return m_server.request(m, p, payload, type, headers);
    };
    const auto anonymous = call({});
    QCOMPARE(anonymous.status, none);
    if (none >= 400)
        QVERIFY(!anonymous.errorCode().empty());

    bunny::backend::auth::TokenService forger(std::string(43, 'k'), 900);
    const std::string forged = forger.issue({m_owner.id, 0});
    const std::string expired = m_server.mintToken(m_owner.id, std::time(nullptr) - 30);
    for (const std::string &bad :
         {forged, expired, std::string("garbage"), forged.substr(0, forged.size() - 2)}) {
        const auto r = call(bad);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), "unauthorized");
    }
    const auto byOther = call(m_other.accessToken);
    QCOMPARE(byOther.status, other);
    // Nothing the intruders did changed the owner's items.
    QCOMPARE(
        m_server.get(expand("/api/v1/recordings/{pubrec}"), m_owner.accessToken).json().value("title", ""),
        "demo");
    QCOMPARE(m_server.get(expand("/api/v1/projects/{privproj}"), m_owner.accessToken).status, 200);
}

QTEST_GUILESS_MAIN(tst_AuthMatrix)
#include "tst_authmatrix.moc"
