#include "auth/passwordhasher.h"

#include "auth/randomtoken.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>
#include <sstream>

namespace bunny::backend::auth {

namespace {

constexpr std::size_t kKeyBytes = 32;

std::string scrypt(const std::string &password, const std::string &salt, std::uint64_t n, std::uint32_t r,
                   std::uint32_t p)
{
    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr),
                                                          EVP_KDF_free);
    if (!kdf)
        throw Poco::RuntimeException("OpenSSL has no scrypt");
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()),
                                                                  EVP_KDF_CTX_free);
    std::string pw = password, s = salt;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, pw.data(), pw.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, s.data(), s.size()),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_end(),
    };
    std::string key(kKeyBytes, '\0');
    if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char *>(key.data()), key.size(), params) != 1)
        throw Poco::RuntimeException("scrypt failed");
    return key;
}

std::string b64(const std::string &bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder enc(out);
    enc.rdbuf()->setLineLength(0);
    enc << bytes;
    enc.close();
    return out.str();
}

std::string unb64(const std::string &text)
{
    std::istringstream in(text);
    Poco::Base64Decoder dec(in);
    return std::string(std::istreambuf_iterator<char>(dec), {});
}

} // namespace

std::string PasswordHasher::hash(const std::string &password) const
{
    const std::string salt = randomBytes(16);
    return "scrypt$" + std::to_string(m_n) + "$8$1$" + b64(salt) + "$" +
           b64(scrypt(password, salt, m_n, 8, 1));
}

void PasswordHasher::burn(const std::string &password) const
{
    (void)scrypt(password, std::string(16, '\0'), m_n, 8, 1);
}

bool PasswordHasher::verify(const std::string &password, const std::string &stored) const
{
    try {
        Poco::StringTokenizer parts(stored, "$");
        if (parts.count() != 6 || parts[0] != "scrypt")
            return false;
        const std::uint64_t n = Poco::NumberParser::parseUnsigned64(parts[1]);
        const auto r = std::uint32_t(Poco::NumberParser::parseUnsigned(parts[2]));
        const auto p = std::uint32_t(Poco::NumberParser::parseUnsigned(parts[3]));
        const std::string expected = unb64(parts[5]);
        const std::string actual = scrypt(password, unb64(parts[4]), n, r, p);
        return expected.size() == actual.size() &&
               CRYPTO_memcmp(expected.data(), actual.data(), actual.size()) == 0;
    } catch (const Poco::Exception &) {
        return false;
    }
}

} // namespace bunny::backend::auth
