#include "http/views.h"

#include "storage/userstore.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace bunny::backend::http {

std::string rfc3339(std::int64_t ms)
{
    return Poco::DateTimeFormatter::format(Poco::Timestamp(ms * 1000), "%Y-%m-%dT%H:%M:%S.%iZ");
}

nlohmann::json publicUser(const storage::User &u)
{
    nlohmann::json j = {{"id", u.id}, {"username", u.username}, {"created", rfc3339(u.created)}};
    j["avatar_url"] = u.avatarSha.empty() ? nlohmann::json(nullptr)
                                          : nlohmann::json("/api/v1/users/" + u.username + "/avatar");
    return j;
}

nlohmann::json privateUser(const storage::User &u)
{
    nlohmann::json j = publicUser(u);
    j["email"] = u.email;
    return j;
}

nlohmann::json page(nlohmann::json items, int page, int perPage, std::int64_t total)
{
    return {{"items", std::move(items)}, {"page", page}, {"per_page", perPage}, {"total", total}};
}

} // namespace bunny::backend::http
