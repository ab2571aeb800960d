#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include "storage/s3config.h"

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
    /// True when this run keeps objects in S3 (BUNNY_TEST_STORE=s3, the *_s3 variants).
    static bool wantsS3();
    /// Why the suite cannot run here (empty: it can); under CI=true a missing PostgreSQL or S3
    /// server is an error, not a reason to skip.
    static QString unavailableReason();
    /// Why no S3 server is there to test against (empty: there is); see tests/services.d/s3.sh.
    static QString s3UnavailableReason();
    /// The S3 server of tests/services.d/s3.sh, objects under prefix (path-style).
    static bunny::backend::storage::S3Config s3Config(const std::string &prefix);
    /// .properties lines for that S3 server with objects under prefix.
    static QStringList s3Properties(const std::string &prefix, bool redirectContent);
    /// A fresh random key prefix, so servers and suites never share objects.
    static std::string freshS3Prefix();
    /// True when this server's object store holds sha256 (the data folder, or S3 for *_s3).
    bool objectExists(const std::string &sha256) const;

    /// Extra .properties lines (e.g. "ratelimit.login_per_ip=3") over the test defaults: a cheap
    /// scrypt cost and no rate limits. args may pin "--port N" and "--data DIR" (a restart on the
    /// same port and data); otherwise port 0 and a fresh temporary folder.
    bool start(const QStringList &properties = {}, const QStringList &args = {});
    /// SIGTERM, then waits; returns the exit code (-1 on a crash or timeout).
    int stop();
    /// start() in two steps: prepare() writes the settings (and makes the PostgreSQL database),
    /// spawn() starts the process without waiting for it to listen (to kill it while it starts).
    bool prepare(const QStringList &properties = {});
    bool spawn(const QStringList &args = {});
    /// SIGKILL, as a crash or the OOM killer would: no clean-up runs.
    void kill();
    /// Starts the server again on the same data folder and settings (after stop() or kill()).
    bool restart(const QStringList &args = {});
    /// The running server's process id (0 when not running).
    qint64 pid() const;
    /// The same as kill(), the name the battle suites use.
    void crash();
    QString errorString() const { return m_error; }
    QString dataDir() const;
    /// The .properties file the server was started with (database URL, scrypt cost, …).
    QString configPath() const;
    quint16 port() const { return m_port; }
    QString output() const { return m_output; }
    /// Reads the running server's output until it contains text (true) or timeoutMs pass or the
    /// process ends (false); for servers started with spawn().
    bool waitForOutput(const QString &text, int timeoutMs);

    Reply request(const std::string &method, const std::string &path, const std::string &body = {},
                  const std::string &contentType = {},
                  const std::map<std::string, std::string> &headers = {});
    Reply get(const std::string &path, const std::string &token = {});
    /// A GET of any absolute URL (a presigned one, say), dialling connectTo instead of the URL's
    /// host when given; no credentials.
    static Reply getUrl(const std::string &url, const std::map<std::string, std::string> &headers = {},
                        const std::string &connectTo = {});
    /// A loopback port nothing listens on.
    static unsigned short closedPort();
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
    bool launch(const QStringList &args);
    void failOnSanitizerReport();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;

    quint16 m_port = 0;
    QString m_error;
    QString m_output;
    std::string m_s3Prefix; // set when the server keeps objects in S3
};

} // namespace bunny::test

// Lets QCOMPARE print std::string values on failure.
namespace QTest {
template<> inline char *toString(const std::string &s)
{
    return qstrdup(s.c_str());
}
} // namespace QTest
