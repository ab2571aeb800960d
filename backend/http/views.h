#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace bunny::backend::storage {
struct User;
}

namespace bunny::backend::http {

/// RFC 3339 UTC with milliseconds, from ms since the epoch.
std::string rfc3339(std::int64_t ms);
/// A public profile: never the email.
nlohmann::json publicUser(const storage::User &u);
/// The signed-in user's own view, with the email.
nlohmann::json privateUser(const storage::User &u);
/// {items, page, per_page, total}
nlohmann::json page(nlohmann::json items, int page, int perPage, std::int64_t total);

} // namespace bunny::backend::http
