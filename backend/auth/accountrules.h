#pragma once

#include <optional>
#include <string>

namespace bunny::backend::auth {

/// Each returns a message for the user when the value breaks a rule, nullopt when it is fine.
/// Username: 3–32 of A–Z a–z 0–9 _ -, starting with a letter or digit.
std::optional<std::string> checkUsername(const std::string &username);
/// Email: one '@', something before it, a dotted domain after it, no spaces, ≤ 254 bytes.
std::optional<std::string> checkEmail(const std::string &email);
/// Password: 8–128 bytes, not the username.
std::optional<std::string> checkPassword(const std::string &password, const std::string &username);

} // namespace bunny::backend::auth
