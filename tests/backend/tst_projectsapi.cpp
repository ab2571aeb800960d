// Projects and versions over real HTTP: create, list, patch, versions as multipart with a real
// tar.gz, archive download, deletion, visibility, stars and views.
#include "bunnydfixture.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using bunny::test::Account;
using bunny::test::BunnydFixture;
using nlohmann::json;

namespace {
const std::string kCommit = "0123456789abcdef0123456789abcdef01234567";
}

class tst_ProjectsApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createAndReadAProject();
    void createRejectsBadFields_data();
    void createRejectsBadFields();
    void listShowsPublicAndOwnProjects();
    void patchIsForTheOwner();
    void versionRoundTripsItsArchive();
    void versionUploadRejectsBadInput_data();
    void versionUploadRejectsBadInput();
    void deletingAVersionKeepsTheOthers();
    void republishingTheSameCommitAnswersTheExistingVersion();
    void deletingAProjectRemovesItsVersions();
    void privateProjectsAreHiddenFromOthers();
    void starsAndViews();

private:
    std::string createProject(const Account &who, const std::string &name, const std::string &visibility);

    BunnydFixture m_server;
    Account m_alice, m_bob;
    std::string m_archive;
};

void tst_ProjectsApi::initTestCase()
{
    if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_alice = m_server.signUp("alice");
    m_bob = m_server.signUp("bob");
    m_archive = BunnydFixture::makeTarGz({{"main.py", "print('hi')\n"}, {"lib/util.py", "X = 1\n"}});
    QVERIFY(m_archive.size() > 20);
}

std::string tst_ProjectsApi::createProject(const Account &who, const std::string &name,
                                           const std::string &visibility)
{
    const auto r =
        m_server.postJson("/api/v1/projects", {{"name", name}, {"visibility", visibility}}, who.accessToken);
    return r.status == 201 ? r.json().value("id", "") : std::string();
}

void tst_ProjectsApi::createAndReadAProject()
{
    const auto r = m_server.postJson("/api/v1/projects", {{"name", "Snake"}, {"description", "A game"}},
                                     m_alice.accessToken);
    QCOMPARE(r.status, 201);
    const json j = r.json();
    QCOMPARE(j.value("name", ""), "Snake");
    QCOMPARE(j.value("description", ""), "A game");
    QCOMPARE(j.value("owner", ""), "alice");
    QCOMPARE(j.value("visibility", ""), "private");
    QCOMPARE(r.header("location"), "/api/v1/projects/" + j.value("id", ""));
    const auto got = m_server.get("/api/v1/projects/" + j.value("id", ""), m_alice.accessToken);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json().value("name", ""), "Snake");
    QCOMPARE(m_server.postJson("/api/v1/projects", {{"name", "x"}}).status, 401);
}

void tst_ProjectsApi::createRejectsBadFields_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::newRow("noName") << QByteArray(R"({"description":"d"})") << "bad_request";
    QTest::newRow("blankName") << QByteArray(R"({"name":"   "})") << "invalid_name";
    QTest::newRow("badVisibility") << QByteArray(R"({"name":"n","visibility":"everyone"})")
                                   << "invalid_visibility";
    QTest::newRow("descriptionNotString") << QByteArray(R"({"name":"n","description":[1]})") << "bad_request";
}

void tst_ProjectsApi::createRejectsBadFields()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    const auto r = m_server.request("POST", "/api/v1/projects", body.toStdString(), "application/json",
                                    {{"Authorization", "Bearer " + m_alice.accessToken}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), code.toStdString());
}

void tst_ProjectsApi::listShowsPublicAndOwnProjects()
{
    BunnydFixture server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const Account a = server.signUp("anna"), b = server.signUp("ben");
    for (int i = 0; i < 3; ++i)
        server.postJson("/api/v1/projects", {{"name", "pub" + std::to_string(i)}, {"visibility", "public"}},
                        a.accessToken);
    server.postJson("/api/v1/projects", {{"name", "secret"}}, a.accessToken);
    QCOMPARE(server.get("/api/v1/projects").json().value("total", 0), 3);
    QCOMPARE(server.get("/api/v1/projects", a.accessToken).json().value("total", 0), 4);
    QCOMPARE(server.get("/api/v1/projects", b.accessToken).json().value("total", 0), 3);
    QCOMPARE(server.get("/api/v1/projects?q=PUB1").json().value("total", 0), 1);
    QCOMPARE(server.get("/api/v1/projects?owner=ben").json().value("total", 0), 0);
    const json page = server.get("/api/v1/projects?per_page=2&page=2").json();
    QCOMPARE(page["items"].size(), std::size_t(1));
    QCOMPARE(page.value("per_page", 0), 2);
}

void tst_ProjectsApi::patchIsForTheOwner()
{
    const std::string id = createProject(m_alice, "patchable", "public");
    auto r = m_server.sendJson("PATCH", "/api/v1/projects/" + id,
                               {{"name", "renamed"}, {"description", "new"}}, m_alice.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("name", ""), "renamed");
    r = m_server.sendJson("PATCH", "/api/v1/projects/" + id, {{"name", "stolen"}}, m_bob.accessToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(m_server.get("/api/v1/projects/" + id).json().value("name", ""), "renamed");
}

void tst_ProjectsApi::versionRoundTripsItsArchive()
{
    const std::string id = createProject(m_alice, "versioned", "public");
    const auto r = m_server.publishVersion(m_alice, id, kCommit, m_archive);
    QVERIFY2(r.status == 201, r.body.c_str());
    const json v = r.json();
    QCOMPARE(v.value("commit", ""), kCommit);
    QCOMPARE(v.value("message", ""), "publish 0123456");
    QCOMPARE(v.value("size", 0), int(m_archive.size()));
    const auto list = m_server.get("/api/v1/projects/" + id + "/versions");
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json().value("total", 0), 1);
    const auto one = m_server.get("/api/v1/projects/" + id + "/versions/" + v.value("id", ""));
    QCOMPARE(one.status, 200);
    const auto archive = m_server.get(v.value("archive_url", ""));
    QCOMPARE(archive.status, 200);
    QCOMPARE(archive.header("content-type"), "application/gzip");
    QVERIFY(archive.body == m_archive);
    // And it is a real tar.gz: tar lists the files.
    QTemporaryDir dir;
    QFile f(dir.path() + "/a.tar.gz");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(archive.body.data(), qint64(archive.body.size()));
    f.close();
    QProcess tar;
    tar.start("tar", {"-tzf", f.fileName()});
    QVERIFY(tar.waitForFinished(30000));
    QVERIFY(tar.readAllStandardOutput().contains("lib/util.py"));
}

void tst_ProjectsApi::versionUploadRejectsBadInput_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("notMultipart") << "json" << 415 << "unsupported_media_type";
    QTest::newRow("shortCommit") << "shortCommit" << 400 << "invalid_commit";
    QTest::newRow("archiveNotGzip") << "notGzip" << 400 << "invalid_archive";
    QTest::newRow("gzipButNotTar") << "gzipNotTar" << 400 << "invalid_archive";
    QTest::newRow("missingArchive") << "noArchive" << 400 << "invalid_multipart";
    QTest::newRow("metaNotJson") << "metaNotJson" << 400 << "invalid_json";
    QTest::newRow("garbageMultipart") << "garbage" << 400 << "invalid_multipart";
}

void tst_ProjectsApi::versionUploadRejectsBadInput()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(QString, code);
    const std::string id = createProject(m_alice, "strict", "private");
    std::string type, body;
    const json meta = {{"commit", kCommit}, {"message", "m"}};
    if (kind == "json") {
        type = "application/json";
        body = meta.dump();
    } else if (kind == "shortCommit") {
        body = BunnydFixture::versionForm({{"commit", "abc123"}}, m_archive, type);
    } else if (kind == "notGzip") {
        body = BunnydFixture::versionForm(meta, "plain text, not an archive", type);
    } else if (kind == "gzipNotTar") {
        // A gzip stream of text (made by gzip itself through tar's neighbour would do; here: a
        // valid gzip member holding 600 bytes of 'x').
        QProcess gz;
        gz.start("gzip", {"-c"});
        gz.waitForStarted();
        gz.write(QByteArray(600, 'x'));
        gz.closeWriteChannel();
        gz.waitForFinished();
        body = BunnydFixture::versionForm(meta, gz.readAllStandardOutput().toStdString(), type);
    } else if (kind == "noArchive") {
        type = "multipart/form-data; boundary=b";
        body = "--b\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\n" + meta.dump() + "\r\n--b--\r\n";
    } else if (kind == "metaNotJson") {
        body = BunnydFixture::versionForm(meta, m_archive, type);
        body.replace(body.find(meta.dump()), meta.dump().size(), "{not json");
    } else {
        type = "multipart/form-data; boundary=zz";
        body = "this is not a multipart body at all";
    }
    const auto r = m_server.request("POST", "/api/v1/projects/" + id + "/versions", body, type,
                                    {{"Authorization", "Bearer " + m_alice.accessToken}});
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code.toStdString());
}

void tst_ProjectsApi::deletingAVersionKeepsTheOthers()
{
    const std::string id = createProject(m_alice, "two-versions", "public");
    const auto v1 = m_server.publishVersion(m_alice, id, kCommit, m_archive);
    const std::string archive2 = BunnydFixture::makeTarGz({{"main.py", "print('v2')\n"}});
    const auto v2 = m_server.publishVersion(m_alice, id, std::string(40, 'e'), archive2);
    QCOMPARE(v2.status, 201);
    const std::string path1 = "/api/v1/projects/" + id + "/versions/" + v1.json().value("id", "");
    QCOMPARE(m_server.del(path1, m_bob.accessToken).status, 403);
    QCOMPARE(m_server.del(path1, m_alice.accessToken).status, 204);
    QCOMPARE(m_server.get(path1).status, 404);
    QCOMPARE(m_server.get("/api/v1/projects/" + id + "/versions").json().value("total", 0), 1);
    QCOMPARE(m_server.get(v2.json().value("archive_url", "")).body, archive2);
}

void tst_ProjectsApi::republishingTheSameCommitAnswersTheExistingVersion()
{
    // A client retrying after a lost answer must not get a second copy of the version.
    const std::string id = createProject(m_alice, "retried", "public");
    const auto first = m_server.publishVersion(m_alice, id, std::string(40, 'f'), m_archive);
    QCOMPARE(first.status, 201);
    const auto again = m_server.publishVersion(m_alice, id, std::string(40, 'f'), m_archive);
    QVERIFY2(again.status == 200, again.body.c_str());
    QCOMPARE(again.json().value("id", ""), first.json().value("id", ""));
    QCOMPARE(m_server.get("/api/v1/projects/" + id + "/versions").json().value("total", 0), 1);
    // Another project may publish the same commit as its own version.
    const std::string other = createProject(m_alice, "retried-too", "public");
    QCOMPARE(m_server.publishVersion(m_alice, other, std::string(40, 'f'), m_archive).status, 201);
}

void tst_ProjectsApi::deletingAProjectRemovesItsVersions()
{
    const std::string id = createProject(m_alice, "doomed", "public");
    const auto v = m_server.publishVersion(m_alice, id, std::string(40, 'd'),
                                           BunnydFixture::makeTarGz({{"doomed.txt", "bye"}}));
    QCOMPARE(v.status, 201);
    QCOMPARE(m_server.del("/api/v1/projects/" + id, m_bob.accessToken).status, 403);
    QCOMPARE(m_server.del("/api/v1/projects/" + id, m_alice.accessToken).status, 204);
    QCOMPARE(m_server.get("/api/v1/projects/" + id).status, 404);
    QCOMPARE(m_server.get(v.json().value("archive_url", "")).status, 404);
    const std::string sha = v.json().value("sha256", "");
    QVERIFY(!QFile::exists(m_server.dataDir() + "/objects/" + QString::fromStdString(sha.substr(0, 2)) + "/" +
                           QString::fromStdString(sha)));
}

void tst_ProjectsApi::privateProjectsAreHiddenFromOthers()
{
    const std::string id = createProject(m_alice, "hidden", "private");
    const auto v = m_server.publishVersion(m_alice, id, kCommit, m_archive);
    QCOMPARE(v.status, 201);
    for (const std::string &path : {"/api/v1/projects/" + id, "/api/v1/projects/" + id + "/versions",
                                    v.json().value("archive_url", "")}) {
        QCOMPARE(m_server.get(path, m_alice.accessToken).status, 200);
        QCOMPARE(m_server.get(path, m_bob.accessToken).status, 404);
        QCOMPARE(m_server.get(path).status, 404);
    }
    QCOMPARE(m_server.publishVersion(m_bob, id, kCommit, m_archive).status, 404);
}

void tst_ProjectsApi::starsAndViews()
{
    const std::string id = createProject(m_alice, "popular", "public");
    const std::string star = "/api/v1/projects/" + id + "/star";
    const std::map<std::string, std::string> bob = {{"Authorization", "Bearer " + m_bob.accessToken}};
    QCOMPARE(m_server.request("PUT", star, {}, {}, bob).json().value("stars", -1), 1);
    QCOMPARE(m_server.request("PUT", star, {}, {}, bob).json().value("stars", -1), 1);
    QCOMPARE(m_server.get("/api/v1/projects/" + id, m_bob.accessToken).json().value("starred", false), true);
    QCOMPARE(m_server.get("/api/v1/projects/" + id, m_bob.accessToken).json().value("views", -1), 1);
    QCOMPARE(m_server.get("/api/v1/projects/" + id, m_alice.accessToken).json().value("views", -1), 1);
    QCOMPARE(m_server.get("/api/v1/projects/" + id).json().value("views", -1), 2);
    QCOMPARE(m_server.del(star, m_bob.accessToken).json().value("stars", -1), 0);
}

QTEST_GUILESS_MAIN(tst_ProjectsApi)
#include "tst_projectsapi.moc"
