#include "storage/sigv4.h"

#include <Poco/Exception.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace bunny::backend::storage {

namespace {

std::string toHex(const unsigned char *bytes, std::size_t n)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = kDigits[bytes[i] >> 4];
        out[2 * i + 1] = kDigits[bytes[i] & 0xf];
    }
    return out;
}

std::string hmacSha256(std::string_view key, std::string_view data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char *>(data.data()),
              data.size(), out, &len))
        throw Poco::RuntimeException("HMAC-SHA256 failed in OpenSSL");
    return std::string(reinterpret_cast<const char *>(out), len);
}

std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

/// Header values are signed trimmed, with runs of spaces folded to one (SigV4's rule).
std::string canonicalValue(std::string_view v)
{
    std::string out;
    bool space = false;
    for (char c : v) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

/// Sorted lowercase name -> value, host included; repeated names joined by commas.
std::map<std::string, std::string> canonicalHeaders(const SigV4Signer::Request &r)
{
    std::map<std::string, std::string> headers{{"host", canonicalValue(r.host)}};
    for (const auto &[name, value] : r.headers) {
        auto [it, added] = headers.emplace(lowercase(name), canonicalValue(value));
        if (!added)
            it->second += "," + canonicalValue(value);
    }
    return headers;
}

std::string signedHeaderList(const std::map<std::string, std::string> &headers)
{
    std::string out;
    for (const auto &entry : headers)
        out += (out.empty() ? "" : ";") + entry.first;
    return out;
}

std::string canonicalQuery(const SigV4Signer::Pairs &query)
{
    SigV4Signer::Pairs encoded;
    encoded.reserve(query.size());
    for (const auto &[k, v] : query)
        encoded.emplace_back(SigV4Signer::uriEncode(k, false), SigV4Signer::uriEncode(v, false));
    std::sort(encoded.begin(), encoded.end());
    std::string out;
    for (const auto &[k, v] : encoded)
        out += (out.empty() ? "" : "&") + k + "=" + v;
    return out;
}

} // namespace

SigV4Signer::SigV4Signer(std::string accessKey, std::string secretKey, std::string region,
                         std::string service)
    : m_accessKey(std::move(accessKey))
    , m_secretKey(std::move(secretKey))
    , m_region(std::move(region))
    , m_service(std::move(service))
{}

std::string SigV4Signer::amzDate(std::time_t time)
{
    std::tm tm{};
    gmtime_r(&time, &tm);
    char out[17];
    std::strftime(out, sizeof out, "%Y%m%dT%H%M%SZ", &tm);
    return out;
}

std::string SigV4Signer::uriEncode(std::string_view text, bool keepSlash)
{
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
            out += char(c);
        } else {
            out += '%';
            out += kDigits[c >> 4];
            out += kDigits[c & 0xf];
        }
    }
    return out;
}

std::string SigV4Signer::sha256Hex(std::string_view bytes)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!EVP_Digest(bytes.data(), bytes.size(), out, &len, EVP_sha256(), nullptr))
        throw Poco::RuntimeException("SHA-256 failed in OpenSSL");
    return toHex(out, len);
}

std::string SigV4Signer::canonicalRequest(const Request &r) const
{
    const auto headers = canonicalHeaders(r);
    std::string out = r.method + "\n";
    out += (r.path.empty() ? std::string("/") : uriEncode(r.path, true)) + "\n";
    out += canonicalQuery(r.query) + "\n";
    for (const auto &[name, value] : headers)
        out += name + ":" + value + "\n";
    out += "\n" + signedHeaderList(headers) + "\n";
    out += r.payloadHash;
    return out;
}

std::string SigV4Signer::scope(std::time_t time) const
{
    return amzDate(time).substr(0, 8) + "/" + m_region + "/" + m_service + "/aws4_request";
}

std::string SigV4Signer::stringToSign(const Request &r, std::time_t time) const
{
    return "AWS4-HMAC-SHA256\n" + amzDate(time) + "\n" + scope(time) + "\n" + sha256Hex(canonicalRequest(r));
}

std::string SigV4Signer::signature(const std::string &toSign, std::time_t time) const
{
    std::string key = hmacSha256("AWS4" + m_secretKey, amzDate(time).substr(0, 8));
    key = hmacSha256(key, m_region);
    key = hmacSha256(key, m_service);
    key = hmacSha256(key, "aws4_request");
    const std::string mac = hmacSha256(key, toSign);
    return toHex(reinterpret_cast<const unsigned char *>(mac.data()), mac.size());
}

std::string SigV4Signer::authorization(const Request &r, std::time_t time) const
{
    return "AWS4-HMAC-SHA256 Credential=" + m_accessKey + "/" + scope(time) +
           ", SignedHeaders=" + signedHeaderList(canonicalHeaders(r)) +
           ", Signature=" + signature(stringToSign(r, time), time);
}

std::string SigV4Signer::presignedQuery(const Request &request, std::time_t time, int expiresSeconds) const
{
    Request r = request;
    r.payloadHash = kUnsignedPayload;
    r.query.emplace_back("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    r.query.emplace_back("X-Amz-Credential", m_accessKey + "/" + scope(time));
    r.query.emplace_back("X-Amz-Date", amzDate(time));
    r.query.emplace_back("X-Amz-Expires", std::to_string(expiresSeconds));
    r.query.emplace_back("X-Amz-SignedHeaders", signedHeaderList(canonicalHeaders(r)));
    return canonicalQuery(r.query) + "&X-Amz-Signature=" + signature(stringToSign(r, time), time);
}

} // namespace bunny::backend::storage
