#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bunny::backend::storage {

class Database;

struct User
{
    std::string id;
    std::string username;
    std::string email;
    std::string passwordHash;
    std::int64_t sessionVersion = 0;
    std::string avatarSha;
    std::int64_t created = 0; // ms since the epoch
};

/// Accounts. Usernames and emails are unique without regard to case.
class UserStore
{
public:
    explicit UserStore(Database &db)
        : m_db(db)
    {}

    /// Inserts u (id and created filled in); false when the username or email is taken.
    bool create(User &u);
    std::optional<User> byId(const std::string &id);
    std::optional<User> byUsername(const std::string &username);
    /// By username or email, whichever login names.
    std::optional<User> byLogin(const std::string &login);
    bool usernameTaken(const std::string &username);
    bool emailTaken(const std::string &email);
    /// Sets the hash and bumps the session version, which voids every access token.
    void setPassword(const std::string &id, const std::string &hash);
    void setAvatar(const std::string &id, const std::string &sha);
    std::vector<User> list();
    /// Removes the account row and its refresh tokens, stars and views (content is removed by
    /// the caller, which also frees the objects).
    void remove(const std::string &id);

private:
    Database &m_db;
};

std::int64_t nowMs();
std::string lowercase(std::string s);

} // namespace bunny::backend::storage
