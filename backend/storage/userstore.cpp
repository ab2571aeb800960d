#include "storage/userstore.h"

#include "auth/randomtoken.h"
#include "storage/database.h"

#include <Poco/Timestamp.h>

#include <algorithm>

namespace bunny::backend::storage {

namespace {

constexpr const char *kColumns =
    "SELECT id, username, email, password_hash, session_version, avatar_sha, created FROM users ";

User toUser(const Row &r)
{
    return User{r.str(0), r.str(1), r.str(2), r.str(3), r.num(4), r.str(5), r.num(6)};
}

} // namespace

std::int64_t nowMs()
{
    return Poco::Timestamp().epochMicroseconds() / 1000;
}

std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool UserStore::create(User &u)
{
    u.id = auth::newId();
    u.created = nowMs();
    bool ok = false;
    m_db.transaction([&](Connection &c) {
        if (c.scalar("SELECT COUNT(*) FROM users WHERE username_key = ? OR email_key = ?",
                     {lowercase(u.username), lowercase(u.email)}) > 0)
            return;
        c.execute("INSERT INTO users (id, username, username_key, email, email_key, password_hash, created)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  {u.id, u.username, lowercase(u.username), u.email, lowercase(u.email), u.passwordHash,
                   u.created});
        ok = true;
    });
    return ok;
}

std::optional<User> UserStore::byId(const std::string &id)
{
    auto rows = m_db.query(std::string(kColumns) + "WHERE id = ?", {id});
    return rows.empty() ? std::nullopt : std::optional(toUser(rows.front()));
}

std::optional<User> UserStore::byUsername(const std::string &username)
{
    auto rows = m_db.query(std::string(kColumns) + "WHERE username_key = ?", {lowercase(username)});
    return rows.empty() ? std::nullopt : std::optional(toUser(rows.front()));
}

std::optional<User> UserStore::byLogin(const std::string &login)
{
    const std::string key = lowercase(login);
    auto rows = m_db.query(std::string(kColumns) + "WHERE username_key = ? OR email_key = ?", {key, key});
    return rows.empty() ? std::nullopt : std::optional(toUser(rows.front()));
}

bool UserStore::usernameTaken(const std::string &username)
{
    return m_db.scalar("SELECT COUNT(*) FROM users WHERE username_key = ?", {lowercase(username)}) > 0;
}

bool UserStore::emailTaken(const std::string &email)
{
    return m_db.scalar("SELECT COUNT(*) FROM users WHERE email_key = ?", {lowercase(email)}) > 0;
}

void UserStore::setPassword(const std::string &id, const std::string &hash)
{
    m_db.transaction([&](Connection &c) {
        c.execute("UPDATE users SET password_hash = ?, session_version = session_version + 1 WHERE id = ?",
                  {hash, id});
        c.execute("DELETE FROM refresh_tokens WHERE user_id = ?", {id});
    });
}

void UserStore::setAvatar(const std::string &id, const std::string &sha)
{
    m_db.execute("UPDATE users SET avatar_sha = ? WHERE id = ?", {sha, id});
}

std::vector<User> UserStore::list()
{
    std::vector<User> out;
    for (const auto &r : m_db.query(std::string(kColumns) + "ORDER BY username_key"))
        out.push_back(toUser(r));
    return out;
}

void UserStore::remove(const std::string &id)
{
    m_db.transaction([&](Connection &c) {
        c.execute("DELETE FROM refresh_tokens WHERE user_id = ?", {id});
        // Their stars on other people's content go, and the counts with them.
        c.execute("UPDATE recordings SET stars = stars - 1 WHERE id IN"
                  " (SELECT item_id FROM stars WHERE kind = 'recording' AND user_id = ?)",
                  {id});
        c.execute("UPDATE projects SET stars = stars - 1 WHERE id IN"
                  " (SELECT item_id FROM stars WHERE kind = 'project' AND user_id = ?)",
                  {id});
        c.execute("DELETE FROM stars WHERE user_id = ?", {id});
        c.execute("DELETE FROM users WHERE id = ?", {id});
    });
}

} // namespace bunny::backend::storage
