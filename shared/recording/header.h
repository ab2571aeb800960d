#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace bunny::rec {

/// Line 1 of a recording. `extra` keeps header keys this version does not know (a JSON object,
/// or null when there are none) so that rewriting a recording keeps them.
struct Header
{
    std::string id;
    std::string started; ///< RFC 3339, e.g. "2026-11-29T05:00:00Z"
    std::string title;
    std::string author;
    std::string language;
    std::optional<std::int64_t> idleTimeLimitMs;
    nlohmann::json extra;

    bool operator==(const Header &) const = default;
};

} // namespace bunny::rec
