#include "bunnydfixture.h"

#include "auth/randomtoken.h"
#include "auth/tokenservice.h"
#include "storage/database.h"
#include "storage/s3store.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <fstream>
#include <signal.h>

namespace bunny::test {

namespace auth = bunny::backend::auth;
namespace storage = bunny::backend::storage;

nlohmann::json Reply::json() const
{
    auto j = nlohmann::json::parse(body, nullptr, false);
    return j.is_discarded() ? nlohmann::json() : j;
}

std::string Reply::header(const std::string &name) const
{
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Reply::errorCode() const
{
    const auto j = json();
    if (j.is_object() && j.contains("error") && j["error"].is_object())
        return j["error"].value("code", "");
    return {};
}

BunnydFixture::BunnydFixture() = default;

BunnydFixture::~BunnydFixture()
{
    stop();
}

bool BunnydFixture::wantsPostgres()
{
    return qgetenv("BUNNY_TEST_DB") == "postgresql";
}

bool BunnydFixture::wantsS3()
{
    return qgetenv("BUNNY_TEST_STORE") == "s3";
}

QString BunnydFixture::unavailableReason()
{
    if (wantsPostgres() && qEnvironmentVariableIsEmpty("BUNNY_TEST_PG_URL") && qgetenv("CI") != "true")
        return "BUNNY_TEST_PG_URL is not set (start tests/services.d/postgres.sh)";
    if (wantsS3())
        return s3UnavailableReason();
    return {};
}

QString BunnydFixture::s3UnavailableReason()
{
    if (qEnvironmentVariableIsEmpty("BUNNY_TEST_S3_ENDPOINT") && qgetenv("CI") != "true")
        return "BUNNY_TEST_S3_ENDPOINT is not set (start tests/services.d/s3.sh)";
    return {};
}

storage::S3Config BunnydFixture::s3Config(const std::string &prefix)
{
    storage::S3Config c;
    c.endpoint = qEnvironmentVariable("BUNNY_TEST_S3_ENDPOINT").toStdString();
    c.bucket = qEnvironmentVariable("BUNNY_TEST_S3_BUCKET").toStdString();
    c.accessKey = qEnvironmentVariable("BUNNY_TEST_S3_ACCESS_KEY").toStdString();
    c.secretKey = qEnvironmentVariable("BUNNY_TEST_S3_SECRET_KEY").toStdString();
    c.region = qEnvironmentVariable("BUNNY_TEST_S3_REGION", "us-east-1").toStdString();
    c.prefix = prefix;
    c.timeoutSeconds = 10;
    return c;
}

std::string BunnydFixture::freshS3Prefix()
{
    return "t-" + Poco::toLower(auth::newId()) + "/";
}

bool BunnydFixture::objectExists(const std::string &sha256) const
{
    if (!m_s3Prefix.empty())
        return storage::S3Store(s3Config(m_s3Prefix)).exists(sha256);
    return QFile::exists(dataDir() + "/objects/" + QString::fromStdString(sha256.substr(0, 2)) + "/" +
                         QString::fromStdString(sha256));
}

QStringList BunnydFixture::s3Properties(const std::string &prefix, bool redirectContent)
{
    const auto c = s3Config(prefix);
    return {"store.backend=s3",
            QString::fromStdString("s3.endpoint=" + c.endpoint),
            QString::fromStdString("s3.bucket=" + c.bucket),
            QString::fromStdString("s3.access_key=" + c.accessKey),
            QString::fromStdString("s3.secret_key=" + c.secretKey),
            QString::fromStdString("s3.region=" + c.region),
            QString::fromStdString("s3.prefix=" + c.prefix),
            QString("s3.redirect_content=") + (redirectContent ? "true" : "false")};
}

QString BunnydFixture::dataDir() const
{
    return m_dir ? m_dir->path() + "/data" : QString();
}

QString BunnydFixture::configPath() const
{
    return m_dir ? m_dir->path() + "/bunnyd.properties" : QString();
}

bool BunnydFixture::start(const QStringList &properties, const QStringList &args)
{
    return prepare(properties) && launch(args);
}

bool BunnydFixture::prepare(const QStringList &properties)
{
    stop();
    m_dir = std::make_unique<QTemporaryDir>();
    m_output.clear(); // a restart must wait for its own "listening" line, not the last run's
    // Cheap hashes and no rate limits unless a test asks: suites sign up many users at once.
    QStringList lines = {"auth.scrypt_n=1024", "log.level=warning", "ratelimit.register_per_ip=0",
                         "ratelimit.login_per_ip=0", "ratelimit.login_per_account=0"};
    if (wantsPostgres()) {
        const std::string url = qgetenv("BUNNY_TEST_PG_URL").toStdString();
        if (url.empty()) {
            m_error = "BUNNY_TEST_PG_URL is not set";
            return false;
        }
        // A fresh database per server, so suites never see each other's rows.
        std::string name = "bunny_t_" + Poco::toLower(auth::randomToken(9));
        for (char &c : name)
            if (!std::isalnum(static_cast<unsigned char>(c)))
                c = '_';
        try {
            storage::Database::open(url)->execute("CREATE DATABASE " + name);
        } catch (const std::exception &e) {
            m_error = QString("cannot create a PostgreSQL database: ") + e.what();
            return false;
        }
        const auto slash = url.rfind('/');
        lines << QString::fromStdString("db.url=" + url.substr(0, slash) + "/" + name);
    }
    // The API suites read content through bunnyd, so their *_s3 variants turn the redirect off;
    // tst_s3content covers the redirect.
    m_s3Prefix.clear();
    if (wantsS3()) {
        m_s3Prefix = freshS3Prefix();
        lines << s3Properties(m_s3Prefix, false);
    }
    for (const QString &line : properties)
        if (line.startsWith("s3.prefix="))
            m_s3Prefix = line.mid(10).toStdString();
    lines << properties;
    const QString config = m_dir->path() + "/bunnyd.properties";
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly) || file.write(lines.join('\n').toUtf8() + '\n') < 0) {
        m_error = "cannot write " + config;
        return false;
    }
    file.close();
    return true;
}

bool BunnydFixture::restart(const QStringList &args)
{
    if (!m_dir) {
        m_error = "restart() before start()";
        return false;
    }
    return launch(args);
}

bool BunnydFixture::spawn(const QStringList &args)
{
    stop();
    m_output.clear();
    m_port = 0;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    const QString binary = qEnvironmentVariable("BUNNY_BUILD_DIR") + "/backend/bunnyd";
    // A test may pin the port and data folder (to restart the same server); bunnyd refuses an
    // option given twice, so the defaults step aside.
    QStringList defaults{"--config", configPath()};
    if (!args.contains("--port"))
        defaults << "--port"
                 << "0";
    if (!args.contains("--data"))
        defaults << "--data" << dataDir();
    m_process->start(binary, defaults + args);
    if (!m_process->waitForStarted(10000)) {
        m_error = "cannot start " + binary + ": " + m_process->errorString();
        return false;
    }
    return true;
}

bool BunnydFixture::launch(const QStringList &args)
{
    if (!spawn(args))
        return false;
    static const QRegularExpression listening("listening on [^\\s]+:(\\d+)");
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        if (auto m = listening.match(m_output); m.hasMatch()) {
            m_port = quint16(m.captured(1).toUInt());
            return true;
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
        m_process->waitForReadyRead(200);
        m_output += QString::fromUtf8(m_process->readAll());
    }
    m_error = "bunnyd did not start listening; it said: " + m_output;
    return false;
}

bool BunnydFixture::waitForOutput(const QString &text, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_output.contains(text)) {
        if (!m_process || deadline.hasExpired() || m_process->state() == QProcess::NotRunning)
            return false;
        m_process->waitForReadyRead(200);
        m_output += QString::fromUtf8(m_process->readAll());
    }
    return true;
}

void BunnydFixture::crash()
{
    kill();
}

void BunnydFixture::kill()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished(20000);
    m_output += QString::fromUtf8(m_process->readAll());
}

qint64 BunnydFixture::pid() const
{
    return m_process && m_process->state() != QProcess::NotRunning ? m_process->processId() : 0;
}

int BunnydFixture::stop()
{
    if (!m_process)
        return -1;
    if (m_process->state() == QProcess::NotRunning) {
        m_output += QString::fromUtf8(m_process->readAll());
        failOnSanitizerReport();
        return m_process->exitCode();
    }
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(20000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
        return -1;
    }
    m_output += QString::fromUtf8(m_process->readAll());
    failOnSanitizerReport();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void BunnydFixture::failOnSanitizerReport()
{
    // In build-asan bunnyd itself is sanitized; a leak found at exit fails no request, so the
    // suite must fail here, loudly, or the report would go unseen.
    for (const char *mark : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"})
        if (m_output.contains(mark))
            qFatal("bunnyd reported a sanitizer error:\n%s", qPrintable(m_output));
}

namespace {

Reply exchange(Poco::Net::HTTPClientSession &session, Poco::Net::HTTPRequest &req, const std::string &body,
               const std::map<std::string, std::string> &headers)
{
    session.setTimeout(Poco::Timespan(60, 0));
    for (const auto &[k, v] : headers)
        req.set(k, v);
    const std::string &method = req.getMethod();
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
        req.setContentLength64(Poco::Int64(body.size()));
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse resp;
    std::istream &in = session.receiveResponse(resp);
    Reply reply;
    reply.status = int(resp.getStatus());
    Poco::StreamCopier::copyToString(in, reply.body);
    for (const auto &[k, v] : resp)
        reply.headers[Poco::toLower(k)] = v;
    return reply;
}

} // namespace

Reply BunnydFixture::request(const std::string &method, const std::string &path, const std::string &body,
                             const std::string &contentType,
                             const std::map<std::string, std::string> &headers)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", m_port);
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!contentType.empty())
        req.setContentType(contentType);
    return exchange(session, req, body, headers);
}

Reply BunnydFixture::getUrl(const std::string &url, const std::map<std::string, std::string> &headers,
                            const std::string &connectTo)
{
    const Poco::URI uri(url);
    Poco::Net::HTTPClientSession session(connectTo.empty() ? uri.getHost() : connectTo, uri.getPort());
    Poco::Net::HTTPRequest req("GET", uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
    req.setHost(uri.getAuthority());
    return exchange(session, req, {}, headers);
}

unsigned short BunnydFixture::closedPort()
{
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port(); // closed again when socket goes: nothing listens there
}

namespace {
std::map<std::string, std::string> bearer(const std::string &token)
{
    if (token.empty())
        return {};
    return {{"Authorization", "Bearer " + token}};
}
} // namespace

Reply BunnydFixture::get(const std::string &path, const std::string &token)
{
    return request("GET", path, {}, {}, bearer(token));
}

Reply BunnydFixture::del(const std::string &path, const std::string &token, const nlohmann::json &body)
{
    if (body.is_null())
        return request("DELETE", path, {}, {}, bearer(token));
    return request("DELETE", path, body.dump(), "application/json", bearer(token));
}

Reply BunnydFixture::postJson(const std::string &path, const nlohmann::json &body, const std::string &token)
{
    return sendJson("POST", path, body, token);
}

Reply BunnydFixture::sendJson(const std::string &method, const std::string &path, const nlohmann::json &body,
                              const std::string &token)
{
    return request(method, path, body.dump(), "application/json", bearer(token));
}

Account BunnydFixture::signUp(const std::string &username)
{
    Account a;
    a.username = username;
    a.password = "secret-pass-1";
    const Reply r =
        postJson("/api/v1/auth/register",
                 {{"username", username}, {"email", username + "@example.org"}, {"password", a.password}});
    const auto j = r.json();
    if (r.status == 201) {
        a.accessToken = j.value("access_token", "");
        a.refreshToken = j.value("refresh_token", "");
        a.id = j["user"].value("id", "");
    }
    return a;
}

Reply BunnydFixture::upload(const Account &who, const std::string &bytes, const std::string &query,
                            const std::map<std::string, std::string> &headers)
{
    auto h = bearer(who.accessToken);
    h.insert(headers.begin(), headers.end());
    return request("POST", "/api/v1/recordings" + query, bytes, "application/x-bunnyrec", h);
}

std::string BunnydFixture::sampleRecording(const std::string &marker, const std::string &title)
{
    // ordered_json: the format wants "bunnyrec" as the first key.
    const nlohmann::ordered_json header = {
        {"bunnyrec", 1},  {"id", "rec-" + marker}, {"started", "2026-11-29T05:00:00Z"},
        {"title", title}, {"author", "tester"},    {"language", "python"}};
    std::string out = header.dump() + "\n";
    out += nlohmann::json::array({0, "k", "main.py", "print('" + marker + "')\n"}).dump() + "\n";
    out += nlohmann::json::array({250, "i", "main.py", 0, "# hi\n"}).dump() + "\n";
    out += nlohmann::json::array({900, "m", "run", "first run"}).dump() + "\n";
    out += nlohmann::json::array({1500, "d", "main.py", 0, "# hi\n"}).dump() + "\n";
    return out;
}

std::string BunnydFixture::makeTarGz(const std::map<std::string, std::string> &files)
{
    QTemporaryDir dir;
    for (const auto &[path, text] : files) {
        QFile f(dir.path() + "/tree/" + QString::fromStdString(path));
        QDir().mkpath(QFileInfo(f).path());
        if (f.open(QIODevice::WriteOnly))
            f.write(text.data(), qint64(text.size()));
    }
    QDir().mkpath(dir.path() + "/tree");
    QProcess tar;
    tar.start("tar", {"-czf", dir.path() + "/a.tar.gz", "-C", dir.path() + "/tree", "."});
    tar.waitForFinished(30000);
    QFile out(dir.path() + "/a.tar.gz");
    if (!out.open(QIODevice::ReadOnly))
        return {};
    return out.readAll().toStdString();
}

std::string BunnydFixture::versionForm(const nlohmann::json &meta, const std::string &archive,
                                       std::string &contentType)
{
    const std::string boundary = "bunny-boundary-7f3a";
    contentType = "multipart/form-data; boundary=" + boundary;
    std::string body;
    body += "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n";
    body += meta.dump() + "\r\n";
    body += "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"archive\"; filename=\"tree.tar.gz\"\r\n"
            "Content-Type: application/gzip\r\n\r\n";
    body += archive + "\r\n--" + boundary + "--\r\n";
    return body;
}

Reply BunnydFixture::publishVersion(const Account &who, const std::string &projectId,
                                    const std::string &commit, const std::string &archive)
{
    std::string type;
    const std::string body =
        versionForm({{"commit", commit}, {"message", "publish " + commit.substr(0, 7)}}, archive, type);
    return request("POST", "/api/v1/projects/" + projectId + "/versions", body, type,
                   bearer(who.accessToken));
}

std::string BunnydFixture::mintToken(const std::string &userId, long long expEpoch,
                                     std::int64_t sessionVersion) const
{
    std::ifstream in((dataDir() + "/secret").toStdString(), std::ios::binary);
    const std::string secret((std::istreambuf_iterator<char>(in)), {});
    // A token that expired at expEpoch: issued ttl seconds before it.
    auth::TokenService tokens(secret, 60);
    return tokens.issue({userId, sessionVersion}, Poco::Timestamp::fromEpochTime(std::time_t(expEpoch - 60)));
}

} // namespace bunny::test
