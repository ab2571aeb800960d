#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>

namespace bunny::test {

/// An HTTP answer as the tests see it.
struct Reply
{
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers; // names lowercased
    nlohmann::json json() const;
    std::string header(const std::string &lowercaseName) const;
    /// The error code of a JSON error body, empty otherwise.
    std::string errorCode() const;
};

/// A signed-in user of the running server.
struct Account
{
    std::string username;
    std::string password;
    std::string accessToken;
    std::string refreshToken;
    std::string id;
};

/// Starts the real bunnyd binary ($BUNNY_BUILD_DIR/backend/bunnyd) on port 0 with its data in a
/// temporary folder, and talks to it over real HTTP on loopback. With BUNNY_TEST_DB=postgresql
/// the server gets a fresh database on $BUNNY_TEST_PG_URL instead of SQLite.
class BunnydFixture
{
public:
    BunnydFixture();
    ~BunnydFixture();

    /// True when this run targets PostgreSQL; sets skipReason when it should skip (no
    /// server configured outside CI).
    static bool wantsPostgres();
    /// Why the suite cannot run here (empty: it can); under CI=true a missing PostgreSQL is an
    /// error, not a reason to skip.
    static QString unavailableReason();

    /// Extra .properties lines (e.g. "ratelimit.login_per_ip=3") over the test defaults: a cheap
    /// scrypt cost and no rate limits. args may pin "--port N" and "--data DIR" (a restart on the
    /// same port and data); otherwise port 0 and a fresh temporary folder.
    bool start(const QStringList &properties = {}, const QStringList &args = {});
    /// SIGTERM, then waits; returns the exit code (-1 on a crash or timeout).
    int stop();
    QString errorString() const { return m_error; }
    QString dataDir() const;
    /// The .properties file the server was started with (database URL, scrypt cost, …).
    QString configPath() const;
    quint16 port() const { return m_port; }
    QString output() const { return m_output; }

    Reply request(const std::string &method, const std::string &path, const std::string &body = {},
                  const std::string &contentType = {},
                  const std::map<std::string, std::string> &headers = {});
    Reply get(const std::string &path, const std::string &token = {});
    Reply del(const std::string &path, const std::string &token = {}, const nlohmann::json &body = nullptr);
    Reply postJson(const std::string &path, const nlohmann::json &body, const std::string &token = {});
    Reply sendJson(const std::string &method, const std::string &path, const nlohmann::json &body,
                   const std::string &token = {});

    /// Registers username (password "secret-pass-1", email username@example.org).
    Account signUp(const std::string &username);
    /// Uploads a recording; returns the reply.
    Reply upload(const Account &who, const std::string &bytes, const std::string &query = {},
                 const std::map<std::string, std::string> &headers = {});
    /// A well-formed recording of a few events whose text includes marker (distinct bytes).
    static std::string sampleRecording(const std::string &marker, const std::string &title = "demo");
    /// A tar.gz of a folder holding files (path -> text), made by the real tar.
    static std::string makeTarGz(const std::map<std::string, std::string> &files);
    /// A multipart/form-data body with a "meta" JSON part and an "archive" part; sets contentType.
    static std::string versionForm(const nlohmann::json &meta, const std::string &archive,
                                   std::string &contentType);
    /// Publishes a version of a project; returns the reply.
    Reply publishVersion(const Account &who, const std::string &projectId, const std::string &commit,
                         const std::string &archive);
    /// An access token for userId signed with this server's secret, expiring at expEpoch.
    std::string mintToken(const std::string &userId, long long expEpoch,
                          std::int64_t sessionVersion = 0) const;

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_error;
    QString m_output;
};

} // namespace bunny::test

// Lets QCOMPARE print std::string values on failure.
namespace QTest {
template<> inline char *toString(const std::string &s)
{
    return qstrdup(s.c_str());
}
} // namespace QTest
