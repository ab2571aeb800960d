#pragma once

#include <ctime>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bunny::backend::storage {

/// AWS Signature Version 4 (the S3 flavour: paths encoded once, payload hash in
/// x-amz-content-sha256), written over OpenSSL's SHA-256 and HMAC. Stateless and thread-safe.
class SigV4Signer
{
public:
    using Pairs = std::vector<std::pair<std::string, std::string>>;

    /// What gets signed. path is the raw (unencoded) absolute path, e.g. "/bucket/objects/ab…";
    /// query holds raw names and values; headers the ones to sign besides host (names in any
    /// case); host is exactly the Host header sent, with ":port" when it is not the default.
    struct Request
    {
        std::string method;
        std::string host;
        std::string path;
        Pairs query;
        Pairs headers;
        std::string payloadHash; // lowercase hex SHA-256 of the body, or "UNSIGNED-PAYLOAD"
    };

    SigV4Signer(std::string accessKey, std::string secretKey, std::string region, std::string service = "s3");

    /// The Authorization header for request at time (UTC). The request's headers must already
    /// hold x-amz-date (amzDate(time)) and x-amz-content-sha256, as S3 requires both signed.
    std::string authorization(const Request &request, std::time_t time) const;
    /// The query string (already encoded, without '?') of a presigned URL that lets anyone
    /// send request, signed for host only, for expiresSeconds from time.
    std::string presignedQuery(const Request &request, std::time_t time, int expiresSeconds) const;

    /// The canonical request and string to sign, exposed so a failure can be explained.
    std::string canonicalRequest(const Request &request) const;
    std::string stringToSign(const Request &request, std::time_t time) const;

    /// "20130524T000000Z".
    static std::string amzDate(std::time_t time);
    /// RFC 3986 percent-encoding of everything but unreserved characters (and '/' when keepSlash).
    static std::string uriEncode(std::string_view text, bool keepSlash);
    static std::string sha256Hex(std::string_view bytes);
    static constexpr const char *kUnsignedPayload = "UNSIGNED-PAYLOAD";

private:
    std::string scope(std::time_t time) const;
    std::string signature(const std::string &toSign, std::time_t time) const;

    std::string m_accessKey;
    std::string m_secretKey;
    std::string m_region;
    std::string m_service;
};

} // namespace bunny::backend::storage
