#pragma once

#include <cstddef>
#include <string>

namespace bunny::backend::auth {

/// n bytes from OpenSSL's CSPRNG.
std::string randomBytes(std::size_t n);
/// n random bytes as unpadded base64url: opaque tokens, secrets and ids safe in URLs.
std::string randomToken(std::size_t n);
/// A new resource id (12 random bytes, 16 base64url characters).
std::string newId();

} // namespace bunny::backend::auth
