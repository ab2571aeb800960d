// Accounts over real HTTP: register, login, refresh rotation, logout, profiles, password
// change, deletion, rate limits.
#include "bunnydfixture.h"

#include <QFile>
#include <QTest>

using bunny::test::Account;
using bunny::test::BunnydFixture;
using nlohmann::json;

class tst_AccountsApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void registerAnswers201WithSessionLikeLogin();
    void registerRejectsBadInput_data();
    void registerRejectsBadInput();
    void registerRefusesTakenNamesWhateverTheCase();
    void loginByUsernameOrEmail();
    void loginWithWrongPasswordIs401();
    void refreshRotatesAndTheOldTokenIsSpent();
    void reusingARotatedTokenRevokesTheFamily();
    void logoutEndsTheSession();
    void meNeedsAValidToken();
    void publicProfileHidesTheEmail();
    void passwordChangeEndsOtherSessions();
    void accountDeletionRemovesContent();
    void loginIsRateLimitedPerAccountAndIp();
    void registerIsRateLimitedPerIp();
    void avatarRoundTrips();

private:
    BunnydFixture m_server;
};

void tst_AccountsApi::initTestCase()
{
    if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void tst_AccountsApi::registerAnswers201WithSessionLikeLogin()
{
    const auto r = m_server.postJson(
        "/api/v1/auth/register",
        {{"username", "Rabbit_1"}, {"email", "rabbit1@example.org"}, {"password", "carrots-4-all"}});
    QCOMPARE(r.status, 201);
    const json j = r.json();
    for (const char *key : {"user", "access_token", "refresh_token", "expires_in"})
        QVERIFY2(j.contains(key), key);
    QCOMPARE(j["expires_in"].get<int>(), 900);
    QCOMPARE(j["user"].value("username", ""), "Rabbit_1");
    QCOMPARE(j["user"].value("email", ""), "rabbit1@example.org");
    QVERIFY(!j["user"].contains("password_hash"));

    const auto login =
        m_server.postJson("/api/v1/auth/login", {{"login", "Rabbit_1"}, {"password", "carrots-4-all"}});
    QCOMPARE(login.status, 200);
    std::vector<std::string> loginKeys, registerKeys;
    const json loginBody = login.json();
    for (auto it = loginBody.begin(); it != loginBody.end(); ++it)
        loginKeys.push_back(it.key());
    for (auto it = j.begin(); it != j.end(); ++it)
        registerKeys.push_back(it.key());
    QCOMPARE(loginKeys, registerKeys);
}

void tst_AccountsApi::registerRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    auto row = [](const char *name, json body, const char *code, const char *message) {
        QTest::newRow(name) << QByteArray::fromStdString(body.dump()) << code << message;
    };
    row("shortUsername", {{"username", "ab"}, {"email", "x@example.org"}, {"password", "long-enough"}},
        "invalid_username", "3 to 32");
    row("spaceInUsername", {{"username", "a b c"}, {"email", "x@example.org"}, {"password", "long-enough"}},
        "invalid_username", "letters");
    row("usernameStartsWithDash",
        {{"username", "-abc"}, {"email", "x@example.org"}, {"password", "long-enough"}}, "invalid_username",
        "start with");
    row("emailWithoutAt", {{"username", "abcd"}, {"email", "example.org"}, {"password", "long-enough"}},
        "invalid_email", "valid email");
    row("emailWithoutDomainDot",
        {{"username", "abcd"}, {"email", "a@localhost"}, {"password", "long-enough"}}, "invalid_email",
        "valid email");
    row("shortPassword", {{"username", "abcd"}, {"email", "a@example.org"}, {"password", "short"}},
        "invalid_password", "at least 8");
    row("passwordIsUsername",
        {{"username", "abcdefgh"}, {"email", "a@example.org"}, {"password", "abcdefgh"}}, "invalid_password",
        "not be the username");
    row("missingPassword", {{"username", "abcd"}, {"email", "a@example.org"}}, "bad_request", "'password'");
    row("numberAsUsername", {{"username", 42}, {"email", "a@example.org"}, {"password", "long-enough"}},
        "bad_request", "'username'");
}

void tst_AccountsApi::registerRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const auto r = m_server.request("POST", "/api/v1/auth/register", body.toStdString(), "application/json");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), code.toStdString());
    const std::string text = r.json()["error"].value("message", "");
    QVERIFY2(text.find(message.toStdString()) != std::string::npos, text.c_str());
}

void tst_AccountsApi::registerRefusesTakenNamesWhateverTheCase()
{
    QVERIFY(!m_server.signUp("taken").accessToken.empty());
    auto r = m_server.postJson(
        "/api/v1/auth/register",
        {{"username", "TAKEN"}, {"email", "other@example.org"}, {"password", "long-enough"}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), "username_taken");
    r = m_server.postJson(
        "/api/v1/auth/register",
        {{"username", "other"}, {"email", "Taken@Example.org"}, {"password", "long-enough"}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), "email_taken");
}

void tst_AccountsApi::loginByUsernameOrEmail()
{
    const Account a = m_server.signUp("logme");
    for (const char *login : {"logme", "LogMe", "logme@example.org", "LOGME@example.org"}) {
        const auto r = m_server.postJson("/api/v1/auth/login", {{"login", login}, {"password", a.password}});
        QCOMPARE(r.status, 200);
        const std::string token = r.json().value("access_token", "");
        QCOMPARE(m_server.get("/api/v1/me", token).json().value("username", ""), "logme");
    }
}

void tst_AccountsApi::loginWithWrongPasswordIs401()
{
    m_server.signUp("wrongpw");
    auto r =
        m_server.postJson("/api/v1/auth/login", {{"login", "wrongpw"}, {"password", "not-the-password"}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), "invalid_credentials");
    r = m_server.postJson("/api/v1/auth/login", {{"login", "nobody-here"}, {"password", "whatever-123"}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), "invalid_credentials");
}

void tst_AccountsApi::refreshRotatesAndTheOldTokenIsSpent()
{
    const Account a = m_server.signUp("rotator");
    const auto r = m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", a.refreshToken}});
    QCOMPARE(r.status, 200);
    const std::string next = r.json().value("refresh_token", "");
    QVERIFY(!next.empty() && next != a.refreshToken);
    QCOMPARE(m_server.get("/api/v1/me", r.json().value("access_token", "")).status, 200);
    const auto again = m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", next}});
    QCOMPARE(again.status, 200);
    const auto unknown = m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", "made-up"}});
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.errorCode(), "invalid_token");
}

void tst_AccountsApi::reusingARotatedTokenRevokesTheFamily()
{
    const Account a = m_server.signUp("thief-victim");
    const auto first = m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", a.refreshToken}});
    QCOMPARE(first.status, 200);
    const std::string current = first.json().value("refresh_token", "");
    // An attacker replays the rotated token: refused, and the victim's current one dies too.
    const auto replay = m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", a.refreshToken}});
    QCOMPARE(replay.status, 401);
    QCOMPARE(replay.errorCode(), "token_reused");
    const auto victim = m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", current}});
    QCOMPARE(victim.status, 401);
    // Another login (another family) is untouched.
    const auto other =
        m_server.postJson("/api/v1/auth/login", {{"login", "thief-victim"}, {"password", a.password}});
    QCOMPARE(other.status, 200);
    QCOMPARE(
        m_server
            .postJson("/api/v1/auth/refresh", {{"refresh_token", other.json().value("refresh_token", "")}})
            .status,
        200);
}

void tst_AccountsApi::logoutEndsTheSession()
{
    const Account a = m_server.signUp("leaver");
    const auto r = m_server.postJson("/api/v1/auth/logout", {{"refresh_token", a.refreshToken}});
    QCOMPARE(r.status, 204);
    QCOMPARE(m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", a.refreshToken}}).status, 401);
    QCOMPARE(m_server.postJson("/api/v1/auth/logout", {{"refresh_token", "unknown"}}).status, 204);
}

void tst_AccountsApi::meNeedsAValidToken()
{
    const Account a = m_server.signUp("meuser");
    auto r = m_server.get("/api/v1/me", a.accessToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("email", ""), "meuser@example.org");
    QCOMPARE(m_server.get("/api/v1/me").status, 401);
    QCOMPARE(m_server.get("/api/v1/me", "not.a.jwt").status, 401);
    QCOMPARE(m_server.get("/api/v1/me", m_server.mintToken(a.id, std::time(nullptr) - 10)).status, 401);
    QCOMPARE(m_server.get("/api/v1/me", m_server.mintToken(a.id, std::time(nullptr) + 600)).status, 200);
    r = m_server.request("GET", "/api/v1/me", {}, {}, {{"Authorization", "Basic abc"}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), "unauthorized");
}

void tst_AccountsApi::publicProfileHidesTheEmail()
{
    m_server.signUp("public-face");
    auto r = m_server.get("/api/v1/users/public-face");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("username", ""), "public-face");
    QVERIFY(!r.json().contains("email"));
    QVERIFY(r.body.find("example.org") == std::string::npos);
    r = m_server.get("/api/v1/users/nobody-at-all");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), "not_found");
}

void tst_AccountsApi::passwordChangeEndsOtherSessions()
{
    const Account a = m_server.signUp("changer");
    const auto second =
        m_server.postJson("/api/v1/auth/login", {{"login", "changer"}, {"password", a.password}});
    QCOMPARE(second.status, 200);
    auto r = m_server.postJson("/api/v1/me/password",
                               {{"current_password", "wrong-one-1"}, {"new_password", "brand-new-pw"}},
                               a.accessToken);
    QCOMPARE(r.status, 403);
    r = m_server.postJson("/api/v1/me/password",
                          {{"current_password", a.password}, {"new_password", "brand-new-pw"}},
                          a.accessToken);
    QCOMPARE(r.status, 200);
    const std::string fresh = r.json().value("access_token", "");
    QCOMPARE(m_server.get("/api/v1/me", fresh).status, 200);
    QCOMPARE(m_server.get("/api/v1/me", a.accessToken).status, 401);
    QCOMPARE(m_server.get("/api/v1/me", second.json().value("access_token", "")).status, 401);
    QCOMPARE(m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", a.refreshToken}}).status, 401);
    QCOMPARE(m_server.postJson("/api/v1/auth/login", {{"login", "changer"}, {"password", a.password}}).status,
             401);
    QCOMPARE(
        m_server.postJson("/api/v1/auth/login", {{"login", "changer"}, {"password", "brand-new-pw"}}).status,
        200);
}

void tst_AccountsApi::accountDeletionRemovesContent()
{
    const Account a = m_server.signUp("goner");
    const Account fan = m_server.signUp("goner-fan");
    const auto up = m_server.upload(a, BunnydFixture::sampleRecording("goner"), "?visibility=public");
    QCOMPARE(up.status, 201);
    const std::string id = up.json().value("id", "");
    const auto project =
        m_server.postJson("/api/v1/projects", {{"name", "gone"}, {"visibility", "public"}}, a.accessToken);
    QCOMPARE(project.status, 201);
    QCOMPARE(m_server
                 .request("PUT", "/api/v1/recordings/" + id + "/star", {}, {},
                          {{"Authorization", "Bearer " + fan.accessToken}})
                 .status,
             200);

    QCOMPARE(m_server.del("/api/v1/me", a.accessToken, {{"password", "wrong-password"}}).status, 403);
    QCOMPARE(m_server.del("/api/v1/me", a.accessToken, {{"password", a.password}}).status, 204);
    QCOMPARE(m_server.get("/api/v1/users/goner").status, 404);
    QCOMPARE(m_server.get("/api/v1/recordings/" + id).status, 404);
    QCOMPARE(m_server.get("/api/v1/projects/" + project.json().value("id", "")).status, 404);
    QCOMPARE(m_server.get("/api/v1/me", a.accessToken).status, 401);
    QCOMPARE(m_server.postJson("/api/v1/auth/login", {{"login", "goner"}, {"password", a.password}}).status,
             401);
    // The object is gone from the store too (nobody else uploaded these bytes).
    const std::string sha = up.json().value("sha256", "");
    QVERIFY(!QFile::exists(m_server.dataDir() + "/objects/" + QString::fromStdString(sha.substr(0, 2)) + "/" +
                           QString::fromStdString(sha)));
}

void tst_AccountsApi::loginIsRateLimitedPerAccountAndIp()
{
    BunnydFixture server;
    QVERIFY2(server.start({"ratelimit.login_per_account=3", "ratelimit.login_per_ip=5"}),
             qPrintable(server.errorString()));
    const Account a = server.signUp("limited");
    for (int i = 0; i < 3; ++i)
        QCOMPARE(server
                     .postJson("/api/v1/auth/login",
                               {{"login", "limited"}, {"password", "bad-guess-" + std::to_string(i)}})
                     .status,
                 401);
    auto r = server.postJson("/api/v1/auth/login", {{"login", "LIMITED"}, {"password", a.password}});
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), "rate_limited");
    QVERIFY(std::stoi(r.header("retry-after")) >= 1);
    // Another account from the same address: still allowed until the per-address limit.
    server.postJson("/api/v1/auth/login", {{"login", "someone"}, {"password", "x-password"}});
    r = server.postJson("/api/v1/auth/login", {{"login", "someone-else"}, {"password", "x-password"}});
    QCOMPARE(r.status, 429);
    QVERIFY(!r.header("retry-after").empty());
}

void tst_AccountsApi::registerIsRateLimitedPerIp()
{
    BunnydFixture server;
    QVERIFY2(server.start({"ratelimit.register_per_ip=2"}), qPrintable(server.errorString()));
    QCOMPARE(server.signUp("first-one").accessToken.empty(), false);
    QCOMPARE(server.signUp("second-one").accessToken.empty(), false);
    const auto r =
        server.postJson("/api/v1/auth/register",
                        {{"username", "third-one"}, {"email", "t@example.org"}, {"password", "long-enough"}});
    QCOMPARE(r.status, 429);
    QVERIFY(!r.header("retry-after").empty());
}

void tst_AccountsApi::avatarRoundTrips()
{
    const Account a = m_server.signUp("pictured");
    const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, 'x');
    auto r = m_server.request("PUT", "/api/v1/me/avatar", png, "image/png",
                              {{"Authorization", "Bearer " + a.accessToken}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("avatar_url", ""), "/api/v1/users/pictured/avatar");
    r = m_server.get("/api/v1/users/pictured/avatar");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), "image/png");
    QCOMPARE(r.body, png);
    r = m_server.request("PUT", "/api/v1/me/avatar", "GIF89a", "image/gif",
                         {{"Authorization", "Bearer " + a.accessToken}});
    QCOMPARE(r.status, 415);
    QCOMPARE(m_server.request("PUT", "/api/v1/me/avatar", png, "image/png").status, 401);
    QCOMPARE(m_server.del("/api/v1/me/avatar", a.accessToken).status, 204);
    QCOMPARE(m_server.get("/api/v1/users/pictured/avatar").status, 404);
}

QTEST_GUILESS_MAIN(tst_AccountsApi)
#include "tst_accountsapi.moc"
