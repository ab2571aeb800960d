#include "auth/randomtoken.h"

#include <Poco/Exception.h>

#include <openssl/rand.h>

namespace bunny::backend::auth {

std::string randomBytes(std::size_t n)
{
    std::string out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), int(n)) != 1)
        throw Poco::RuntimeException("no random bytes available");
    return out;
}

std::string randomToken(std::size_t n)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const std::string bytes = randomBytes(n);
    std::string out;
    unsigned bits = 0, acc = 0;
    for (unsigned char c : bytes) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kAlphabet[(acc >> bits) & 63];
        }
    }
    if (bits > 0)
        out += kAlphabet[(acc << (6 - bits)) & 63];
    return out;
}

std::string newId()
{
    return randomToken(12);
}

} // namespace bunny::backend::auth
