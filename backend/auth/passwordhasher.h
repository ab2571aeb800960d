#pragma once

#include <cstdint>
#include <string>

namespace bunny::backend::auth {

/// scrypt (OpenSSL EVP_KDF) password hashes, stored as "scrypt$N$r$p$salt$hash" (base64), so
/// the cost can rise later without invalidating old hashes. Thread-safe.
class PasswordHasher
{
public:
    /// N = 2^15, r = 8, p = 1: 32 MiB and about 60 ms per hash on one core of our 2-core VM,
    /// so a login costs little while an offline guess stays expensive.
    static constexpr std::uint64_t kDefaultN = 1u << 15;

    explicit PasswordHasher(std::uint64_t n = kDefaultN)
        : m_n(n)
    {}

    std::string hash(const std::string &password) const;
    /// Constant-time comparison; false for a malformed stored hash.
    bool verify(const std::string &password, const std::string &stored) const;

    /// Spends the time of one hash, for a login naming no account (no timing oracle).
    void burn(const std::string &password) const;

private:
    std::uint64_t m_n;
};

} // namespace bunny::backend::auth
