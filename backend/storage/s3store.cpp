#include "storage/s3store.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <ctime>

namespace bunny::backend::storage {

namespace {

constexpr std::size_t kMaxIdleSessions = 32;
const std::string kEmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The text of <name>…</name> in an S3 error document, empty when absent.
std::string xmlField(const std::string &xml, const std::string &name)
{
    const std::string open = "<" + name + ">", close = "</" + name + ">";
    const auto start = xml.find(open);
    if (start == std::string::npos)
        return {};
    const auto end = xml.find(close, start);
    return end == std::string::npos ? std::string()
                                    : xml.substr(start + open.size(), end - start - open.size());
}

} // namespace

S3Store::S3Store(S3Config config)
    : m_config(std::move(config))
    , m_signer(m_config.accessKey, m_config.secretKey, m_config.region)
{
    Poco::URI uri;
    try {
        uri = Poco::URI(m_config.endpoint);
    } catch (const Poco::SyntaxException &e) {
        throw Poco::InvalidArgumentException("s3.endpoint is not a URL: " + m_config.endpoint);
    }
    if (uri.getScheme() != "http" && uri.getScheme() != "https")
        throw Poco::InvalidArgumentException("s3.endpoint must start with http:// or https://: " +
                                             m_config.endpoint);
    if (uri.getHost().empty())
        throw Poco::InvalidArgumentException("s3.endpoint names no host: " + m_config.endpoint);
    if (m_config.bucket.empty())
        throw Poco::InvalidArgumentException("s3.bucket is not set");
    if (m_config.accessKey.empty() || m_config.secretKey.empty())
        throw Poco::InvalidArgumentException("s3.access_key and s3.secret_key are not set");
    if (m_config.region.empty())
        throw Poco::InvalidArgumentException("s3.region is empty");
    m_https = uri.getScheme() == "https";
    m_host = m_config.pathStyle ? uri.getHost() : m_config.bucket + "." + uri.getHost();
    m_port = uri.getPort();
    m_hostHeader = m_host;
    if (m_port != (m_https ? 443 : 80))
        m_hostHeader += ":" + std::to_string(m_port);
    if (m_https) {
        static std::once_flag once;
        std::call_once(once, [] { Poco::Net::initializeSSL(); });
        try {
            m_tls = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, m_config.caFile,
                                           Poco::Net::Context::VERIFY_RELAXED, 9, m_config.caFile.empty());
        } catch (const Poco::Exception &e) {
            throw Poco::InvalidArgumentException("s3.ca_file " + m_config.caFile +
                                                 " is not a readable PEM CA bundle: " + e.displayText());
        }
    }
}

S3Store::~S3Store() = default;

std::string S3Store::describe() const
{
    return "bucket " + m_config.bucket + " at " + m_config.endpoint +
           (m_config.pathStyle ? " (path-style)" : " (virtual-hosted)");
}

std::string S3Store::keyPath(const std::string &sha256) const
{
    if (!isSha256Hex(sha256))
        throw Poco::InvalidArgumentException("not an object name: " + sha256);
    const std::string key = m_config.prefix + sha256;
    return m_config.pathStyle ? "/" + m_config.bucket + "/" + key : "/" + key;
}

std::unique_ptr<Poco::Net::HTTPClientSession> S3Store::takeSession(bool &reused)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto session = std::move(m_idle.back());
            m_idle.pop_back();
            reused = true;
            return session;
        }
    }
    reused = false;
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (m_https) {
        session = std::make_unique<Poco::Net::HTTPSClientSession>(m_host, m_port, m_tls);
    } else if (!m_config.connectAddress.empty()) {
        const Poco::Net::SocketAddress address(m_config.connectAddress);
        session = std::make_unique<Poco::Net::HTTPClientSession>(address.host().toString(), address.port());
    } else {
        session = std::make_unique<Poco::Net::HTTPClientSession>(m_host, m_port);
    }
    session->setKeepAlive(true);
    session->setTimeout(Poco::Timespan(m_config.timeoutSeconds, 0));
    return session;
}

void S3Store::giveBack(std::unique_ptr<Poco::Net::HTTPClientSession> session)
{
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < kMaxIdleSessions)
        m_idle.push_back(std::move(session));
}

S3Store::Reply S3Store::attempt(Poco::Net::HTTPClientSession &session, const std::string &method,
                                const std::string &path, const SigV4Signer::Pairs &headers,
                                std::string_view body, const std::string &payloadHash)
{
    const std::time_t now = std::time(nullptr);
    SigV4Signer::Request signing{method, m_hostHeader, path, {}, headers, payloadHash};
    signing.headers.emplace_back("x-amz-content-sha256", payloadHash);
    signing.headers.emplace_back("x-amz-date", SigV4Signer::amzDate(now));

    Poco::Net::HTTPRequest request(method, SigV4Signer::uriEncode(path, true),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setHost(m_hostHeader);
    for (const auto &[name, value] : signing.headers)
        request.set(name, value);
    request.set("Authorization", m_signer.authorization(signing, now));
    if (method == Poco::Net::HTTPRequest::HTTP_PUT)
        request.setContentLength64(Poco::Int64(body.size()));
    std::ostream &out = session.sendRequest(request);
    out.write(body.data(), std::streamsize(body.size()));
    Poco::Net::HTTPResponse response;
    std::istream &in = session.receiveResponse(response);
    Reply reply;
    reply.status = int(response.getStatus());
    reply.contentLength = response.get("Content-Length", "");
    Poco::StreamCopier::copyToString(in, reply.body);
    return reply;
}

S3Store::Reply S3Store::send(const std::string &method, const std::string &path, SigV4Signer::Pairs headers,
                             std::string_view body, const std::string &payloadHash)
{
    const std::string hash = payloadHash.empty() ? kEmptyPayloadHash : payloadHash;
    for (int attemptNo = 0;; ++attemptNo) {
        bool reused = false;
        auto session = takeSession(reused);
        try {
            Reply reply = attempt(*session, method, path, headers, body, hash);
            giveBack(std::move(session));
            return reply;
        } catch (const Poco::Exception &e) {
            // A pooled keep-alive connection the server has since closed fails at once; every
            // request here is idempotent (PUT of content-addressed bytes too), so try afresh.
            if (reused && attemptNo == 0)
                continue;
            // A certificate refused is not S3 being down: trying again cannot help.
            if (dynamic_cast<const Poco::Net::SSLException *>(&e))
                throw Poco::IOException("S3 " + method + " " + path + " at " + m_config.endpoint +
                                        " failed in TLS: " + e.displayText() +
                                        " (if the endpoint's certificate comes from a private CA, set "
                                        "s3.ca_file to that CA's PEM bundle)");
            throw StoreUnavailableException("S3 " + method + " " + path + " at " + m_config.endpoint +
                                            " failed: " + e.displayText());
        }
    }
}

void S3Store::fail(const std::string &method, const std::string &path, const Reply &reply) const
{
    std::string message = "S3 " + method + " " + path + " at " + m_config.endpoint + " answered " +
                          std::to_string(reply.status);
    if (const std::string code = xmlField(reply.body, "Code"); !code.empty())
        message += " " + code;
    if (const std::string text = xmlField(reply.body, "Message"); !text.empty())
        message += ": " + text;
    if (reply.status >= 500)
        throw StoreUnavailableException(message);
    throw Poco::IOException(message);
}

std::string S3Store::put(std::string_view bytes)
{
    const std::string sha = sha256Hex(bytes);
    const std::string path = keyPath(sha);
    // Already stored: done. Any other answer to HEAD (which carries no error text) falls
    // through to the PUT, whose refusal names S3's reason.
    if (send("HEAD", path, {}).status == 200)
        return sha;
    // The payload hash S3 checks is the object's name itself.
    const Reply reply = send("PUT", path, {{"content-type", "application/octet-stream"}}, bytes, sha);
    if (reply.status != 200)
        fail("PUT", path, reply);
    return sha;
}

bool S3Store::exists(const std::string &sha256)
{
    const std::string path = keyPath(sha256);
    const Reply reply = send("HEAD", path, {});
    if (reply.status == 404)
        return false;
    if (reply.status != 200)
        fail("HEAD", path, reply);
    return true;
}

std::uint64_t S3Store::size(const std::string &sha256)
{
    const std::string path = keyPath(sha256);
    const Reply reply = send("HEAD", path, {});
    if (reply.status == 404)
        throw Poco::FileNotFoundException("S3 object " + path);
    if (reply.status != 200)
        fail("HEAD", path, reply);
    try {
        return std::stoull(reply.contentLength);
    } catch (const std::exception &) {
        throw Poco::IOException("S3 HEAD " + path + " gave no Content-Length");
    }
}

std::string S3Store::read(const std::string &sha256, std::uint64_t offset, std::uint64_t length)
{
    const std::string path = keyPath(sha256);
    if (length == 0)
        return {};
    const std::string range = "bytes=" + std::to_string(offset) + "-" + std::to_string(offset + length - 1);
    Reply reply = send("GET", path, {{"range", range}});
    if (reply.status == 404)
        throw Poco::FileNotFoundException("S3 object " + path);
    if (reply.status == 416) // offset past the end, like reading past a file's end
        return {};
    if (reply.status == 200) // a server that ignores Range sends everything
        return offset >= reply.body.size() ? std::string() : reply.body.substr(offset, length);
    if (reply.status != 206)
        fail("GET", path, reply);
    if (reply.body.size() > length)
        reply.body.resize(length);
    return std::move(reply.body);
}

void S3Store::remove(const std::string &sha256)
{
    const std::string path = keyPath(sha256);
    const Reply reply = send("DELETE", path, {});
    if (reply.status != 204 && reply.status != 200 && reply.status != 404)
        fail("DELETE", path, reply);
}

std::string S3Store::presignedGetUrl(const std::string &sha256, int ttlSeconds,
                                     const std::string &contentType)
{
    SigV4Signer::Request request{"GET", m_hostHeader, keyPath(sha256), {}, {}, {}};
    if (!contentType.empty())
        request.query.emplace_back("response-content-type", contentType);
    return std::string(m_https ? "https://" : "http://") + m_hostHeader +
           SigV4Signer::uriEncode(request.path, true) + "?" +
           m_signer.presignedQuery(request, std::time(nullptr), ttlSeconds);
}

bool S3Store::ping()
{
    try {
        return send("HEAD", m_config.pathStyle ? "/" + m_config.bucket : "/", {}).status == 200;
    } catch (const Poco::Exception &) {
        return false;
    }
}

} // namespace bunny::backend::storage
