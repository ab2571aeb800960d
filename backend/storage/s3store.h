#pragma once

#include "storage/objectstore.h"
#include "storage/s3config.h"
#include "storage/sigv4.h"

#include <Poco/Net/Context.h>

#include <memory>
#include <mutex>
#include <vector>

namespace Poco::Net {
class HTTPClientSession;
}

namespace bunny::backend::storage {

/// Objects in an S3 bucket (AWS, MinIO, Ceph…) under prefix + sha256, over HTTP(S) with SigV4.
/// A single PUT is atomic in S3 (an object appears whole or not at all) and carries its
/// SHA-256 as x-amz-content-sha256, so S3 refuses a body that changed on the way.
/// Unreachable or failing (5xx) S3 throws StoreUnavailableException; a refusal (403, …)
/// Poco::IOException naming S3's error code, and so does a certificate the TLS handshake does
/// not trust (naming s3.ca_file); a missing object Poco::FileNotFoundException.
/// Thread-safe: keep-alive connections are pooled.
class S3Store : public ObjectStore
{
public:
    explicit S3Store(S3Config config);
    ~S3Store() override;

    std::string put(std::string_view bytes) override;
    bool exists(const std::string &sha256) override;
    std::uint64_t size(const std::string &sha256) override;
    std::string read(const std::string &sha256, std::uint64_t offset, std::uint64_t length) override;
    void remove(const std::string &sha256) override;
    std::string presignedGetUrl(const std::string &sha256, int ttlSeconds,
                                const std::string &contentType = {}) override;
    bool ping() override;

    /// "bucket at endpoint" for log lines.
    std::string describe() const;

private:
    struct Reply
    {
        int status = 0;
        std::string body;
        std::string contentLength;
    };

    Reply send(const std::string &method, const std::string &path, SigV4Signer::Pairs headers,
               std::string_view body = {}, const std::string &payloadHash = {});
    Reply attempt(Poco::Net::HTTPClientSession &session, const std::string &method, const std::string &path,
                  const SigV4Signer::Pairs &headers, std::string_view body, const std::string &payloadHash);
    std::string keyPath(const std::string &sha256) const;
    [[noreturn]] void fail(const std::string &method, const std::string &path, const Reply &reply) const;
    std::unique_ptr<Poco::Net::HTTPClientSession> takeSession(bool &reused);
    void giveBack(std::unique_ptr<Poco::Net::HTTPClientSession> session);

    S3Config m_config;
    SigV4Signer m_signer;
    bool m_https = false;
    Poco::Net::Context::Ptr m_tls;
    std::string m_host; // endpoint host
    unsigned short m_port = 0;
    std::string m_hostHeader; // bucket.host[:port] or host[:port]
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> m_idle;
};

} // namespace bunny::backend::storage
