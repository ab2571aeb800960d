#include "auth/accountrules.h"

#include <cctype>

namespace bunny::backend::auth {

std::optional<std::string> checkUsername(const std::string &u)
{
    if (u.size() < 3 || u.size() > 32)
        return "The username must be 3 to 32 characters long.";
    if (!std::isalnum(static_cast<unsigned char>(u.front())))
        return "The username must start with a letter or a digit.";
    for (unsigned char c : u)
        if (!std::isalnum(c) && c != '_' && c != '-')
            return "The username may hold only letters a-z, digits, '_' and '-'.";
    return std::nullopt;
}

std::optional<std::string> checkEmail(const std::string &e)
{
    const auto at = e.find('@');
    if (e.size() > 254 || at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos)
        return "Give a valid email address, like name@example.org.";
    const std::string domain = e.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == std::string::npos || dot == 0 || domain.back() == '.')
        return "Give a valid email address, like name@example.org.";
    for (unsigned char c : e)
        if (std::isspace(c) || c < 0x20)
            return "An email address holds no spaces.";
    return std::nullopt;
}

std::optional<std::string> checkPassword(const std::string &p, const std::string &username)
{
    if (p.size() < 8)
        return "The password must be at least 8 characters long.";
    if (p.size() > 128)
        return "The password must be at most 128 characters long.";
    if (p == username)
        return "The password must not be the username.";
    return std::nullopt;
}

} // namespace bunny::backend::auth
