#include "auth/tokenservice.h"

#include "auth/randomtoken.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/JWT/JWTException.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/SHA2Engine.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace bunny::backend::auth {

TokenService::TokenService(std::string secret, int accessTtlSeconds)
    : m_secret(std::move(secret))
    , m_ttl(accessTtlSeconds)
{}

std::string TokenService::issue(const AccessClaims &claims, Poco::Timestamp now) const
{
    now = Poco::Timestamp::fromEpochTime(now.epochTime()); // whole seconds, as JWT readers expect
    Poco::JWT::Token token;
    token.setType("JWT");
    token.setSubject(claims.userId);
    token.payload().set("sv", Poco::Int64(claims.sessionVersion));
    token.setIssuedAt(now);
    token.setExpiration(now + Poco::Timespan(m_ttl, 0));
    Poco::JWT::Signer signer(m_secret);
    return signer.sign(token, Poco::JWT::Signer::ALGO_HS256);
}

std::optional<AccessClaims> TokenService::verify(const std::string &jwt, Poco::Timestamp now) const
{
    try {
        Poco::JWT::Signer signer(m_secret);
        Poco::JWT::Token token = signer.verify(jwt);
        if (!token.payload().has("exp") || token.getExpiration() <= now)
            return std::nullopt;
        AccessClaims claims;
        claims.userId = token.getSubject();
        claims.sessionVersion = token.payload().optValue<Poco::Int64>("sv", -1);
        if (claims.userId.empty())
            return std::nullopt;
        return claims;
    } catch (const Poco::Exception &) {
        return std::nullopt;
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

std::string TokenService::loadOrCreateSecret(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (in) {
        std::string secret((std::istreambuf_iterator<char>(in)), {});
        if (secret.size() >= 32)
            return secret;
        throw Poco::DataFormatException("the secret in " + path +
                                        " is too short; remove it to make a new one");
    }
    const std::string secret = randomToken(32);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw Poco::CreateFileException(path + ": " + std::strerror(errno));
    const bool ok = ::write(fd, secret.data(), secret.size()) == ssize_t(secret.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok)
        throw Poco::WriteFileException(path);
    return secret;
}

std::string hashToken(const std::string &token)
{
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(token);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

} // namespace bunny::backend::auth
